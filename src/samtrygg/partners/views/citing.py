"""Citing contributions in a lägesbild: choose a draft report, the contributions given in
its period (and its areas, when it has any) are offered, the chosen go into its "other
relevant information" section."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samtrygg.core.decorators import capability_required
from samtrygg.partners import selectors, services
from samtrygg.partners.views.common import int_or_none, participant_required
from samtrygg.situation.models import ReportStatus
from samtrygg.situation.selectors import report_list


@capability_required("situation.edit")
@participant_required
def contribution_cite_view(request: HttpRequest) -> HttpResponse:
    reports = list(report_list(user=request.user, status=ReportStatus.DRAFT))
    chosen_id = int_or_none(request.POST.get("report") or request.GET.get("report"))
    report = next((r for r in reports if r.pk == chosen_id), None)
    offered = selectors.contribution_list(user=request.user).none()
    if report is not None:
        offered = selectors.contribution_list(
            user=request.user,
            where=selectors.ContributionFilter(
                given_from=report.period_start, given_to=report.period_end
            ),
        )
        area_ids = list(report.areas.values_list("pk", flat=True))
        if area_ids:
            offered = offered.filter(Q(area_id__in=area_ids) | Q(area__isnull=True))
    error = ""
    if request.method == "POST" and report is not None:
        ids = {int_or_none(v) for v in request.POST.getlist("contributions")}
        try:
            services.contributions_cite_in_report(
                actor=request.user,
                report=report,
                contributions=[c for c in offered if c.pk in ids],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, _("The contributions are cited under other relevant information.")
            )
            return redirect("situation:report_detail", pk=report.pk)
    return render(
        request,
        "partners/contribution_cite.html",
        {"reports": reports, "report": report, "offered": offered, "error": error},
        status=400 if error else 200,
    )
