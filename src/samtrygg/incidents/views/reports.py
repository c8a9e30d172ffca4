"""Pages for reporting and reading incidents: the report form, my reports, the list with
its filters and export buttons, one incident with its handling."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area, Place
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.models import AccessAction, Classification
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents import selectors, services
from samtrygg.incidents.forms import (
    FeedbackForm,
    IncidentReportForm,
)
from samtrygg.incidents.models import (
    Category,
    IncidentStatus,
    Precision,
    SourceSystem,
)
from samtrygg.incidents.views.common import PAGE_SIZE, map_config


@capability_required("incidents.report")
def report_view(request: HttpRequest) -> HttpResponse:
    """The report form: a map to mark the place, what, when, a description."""
    perms = permissions_for(request.user)
    organisations = selectors.report_organisations(user=request.user)
    form = IncidentReportForm(
        request.POST or None, organisations=organisations, police_data=perms.police_data
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_create(
                actor=request.user, data=form.incident_input(), source_system=SourceSystem.FORM
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. Your report (%(category)s) was received.")
                % {"category": incident.category.name},
            )
            return redirect("incidents:my_reports")
    places = [
        {"id": p.pk, "name": p.name, "lon": p.lon, "lat": p.lat}
        for p in Place.objects.order_by("name")
    ]
    point = None
    if form.is_bound and form.data.get("lon") and form.data.get("lat"):
        try:
            point = [float(form.data["lat"]), float(form.data["lon"])]
        except ValueError:
            point = None
    return render(
        request,
        "incidents/report.html",
        {
            "form": form,
            "map_config": map_config() | {"point": point, "places": places},
            "categories": Category.objects.filter(is_active=True),
        },
    )


@capability_required("incidents.report")
def my_reports_view(request: HttpRequest) -> HttpResponse:
    reports = selectors.my_report_list(user=request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "incidents/my_reports.html", {"page": page})


def _filter_context(request: HttpRequest) -> dict[str, Any]:
    perms = permissions_for(request.user)
    classifications = Classification.choices
    if not perms.police_data:
        classifications = [c for c in classifications if c[0] != Classification.RESTRICTED]
    return {
        "categories": Category.objects.all(),
        "areas": Area.objects.order_by("kind", "name").only("pk", "name", "code", "kind"),
        "sources": Organisation.objects.filter(
            pk__in=selectors.incident_list(user=request.user)
            .order_by()
            .values("source_organisation_id")
        ).order_by("name"),
        "classifications": classifications,
        "precisions": Precision.choices,
        "statuses": IncidentStatus.choices,
        "source_systems": SourceSystem.choices,
        "selected": {
            key: request.GET.getlist(key)
            for key in (
                "category",
                "area",
                "source",
                "classification",
                "precision",
                "status",
                "source_system",
            )
        },
    }


@capability_required("incidents.view")
def incident_list_view(request: HttpRequest) -> HttpResponse:
    """Incidents the user may read, filtered; export buttons keep the filters."""
    error = None
    try:
        filters = selectors.parse_incident_filters(request.GET)
    except selectors.FilterError as exc:
        error = str(exc)
        filters = selectors.IncidentFilters()
    incidents = selectors.incident_list(user=request.user, filters=filters)
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.log_restricted_rows(
        user=request.user,
        incidents=list(page.object_list),
        action=AccessAction.SEARCH,
        request=request,
        description=format_lazy(
            gettext_lazy("Incident list: {filters}"), filters=filters.describe() or "—"
        ),
    )
    query = urlencode([(k, v) for k, values in request.GET.lists() for v in values if k != "page"])
    return render(
        request,
        "incidents/incident_list.html",
        {
            "page": page,
            "filters": filters,
            "error": error,
            "query": query,
            "export_csv": f"{reverse('api:v1:incident-export', kwargs={'fmt': 'csv'})}?{query}",
            "export_geojson": (
                f"{reverse('api:v1:incident-export', kwargs={'fmt': 'geojson'})}?{query}"
            ),
        }
        | _filter_context(request),
    )


@capability_required("incidents.view", "incidents.report")
def incident_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = selectors.incident_get(user=request.user, pk=pk, request=request)
    perms = permissions_for(request.user)
    can_handle = perms.can_change(incident)
    form = (
        FeedbackForm(initial={"status": incident.status, "feedback": incident.feedback})
        if can_handle
        else None
    )
    point = (
        {"lat": incident.lat, "lon": incident.lon, "colour": incident.category.colour}
        if incident.is_mappable
        else None
    )
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "areas": incident.areas.order_by("kind", "name"),
            "form": form,
            "can_handle": can_handle,
            "map_config": map_config() | {"point": point},
        },
    )


@capability_required("incidents.handle")
@require_POST
def incident_feedback_view(request: HttpRequest, pk: int) -> HttpResponse:
    # A write: the audit trail records it, so it is not logged as a read too.
    incident = selectors.incident_get(user=request.user, pk=pk, request=request, reason=None)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.incident_feedback_set(
                actor=request.user,
                incident=incident,
                status=form.cleaned_data["status"],
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Status and feedback saved."))
    else:
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
    return redirect("incidents:incident_detail", pk=incident.pk)
