"""Evaluating an intervention: the form (areas chosen or drawn, windows, categories), the
stored result with its plain-language reading, and attaching it to a council meeting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.actionplan import services
from samtrygg.actionplan.explain import SIGNIFICANCE, TREATED_TOTAL_MIN, read
from samtrygg.actionplan.forms import AttachEvaluationForm, EvaluationForm
from samtrygg.actionplan.services import role_label
from samtrygg.actionplan.views.common import get_evaluation, get_intervention, manager, perms
from samtrygg.analysis.evaluation import SMALL_COUNT
from samtrygg.areas.maps import map_config
from samtrygg.areas.models import Area
from samtrygg.areas.selectors import area_feature_collection
from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.governance.models import Meeting, MeetingStatus
from samtrygg.incidents.models import Category


def _choice(data: dict[str, Any], role: str) -> services.AreaChoice | None:
    drawn = data.get("drawn_geometry") if data.get("drawn_role") == role else None
    if data.get(role) is not None:
        return services.AreaChoice(area=data[role])
    if drawn:
        return services.AreaChoice(drawn=drawn, name=data.get("drawn_name", ""))
    if role == "buffer" and data.get("buffer_ring") is not None:
        return services.AreaChoice(ring_metres=data["buffer_ring"])
    return None


@capability_required("actionplan.evaluate")
def evaluation_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention(request, pk)
    form = EvaluationForm(
        request.POST or None,
        start=intervention.start_date,
        police_data=perms(request).police_data,
        initial={"treated": intervention.areas.order_by("area_km2").first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.evaluation_run(
                intervention=intervention,
                actor=request.user,
                title=data["title"],
                treated=_choice(data, "treated"),  # type: ignore[arg-type]
                buffer=_choice(data, "buffer"),
                control=_choice(data, "control"),  # type: ignore[arg-type]
                displacement_control=_choice(data, "displacement_control"),
                before_start=data["before_start"],
                before_end=data["before_end"],
                after_start=data["after_start"],
                after_end=data["after_end"],
                categories=data["categories"],
                include_restricted=data.get("include_restricted", False),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The evaluation was run and its result stored."))
            return redirect("actionplan:evaluation_detail", pk=run.pk)
    reference = area_feature_collection(intervention.areas.all())
    return render(
        request,
        "actionplan/evaluation_form.html",
        {
            "form": form,
            "intervention": intervention,
            "reference": reference if reference["features"] else None,
            "map_config": map_config(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _editable_meetings(request: HttpRequest) -> Any:
    return perms(request).filter_viewable(
        Meeting.objects.filter(status__in=[MeetingStatus.PLANNED, MeetingStatus.HELD])
        .select_related("council")
        .order_by("-starts_at")
    )


@member_required
def evaluation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_evaluation(request, pk)
    params = run.parameters
    roles = []
    for role in ("treated", "buffer", "control", "displacement_control"):
        area = params.get("areas", {}).get(role)
        counts = run.result.get(role)
        if area is None:
            continue
        rr = (run.result.get("rate_ratios") or {}).get(role)
        harm = (run.result.get("harm") or {}).get(role)
        roles.append(
            {"role": role_label(role), "area": area, "counts": counts, "rr": rr, "harm": harm}
        )
    names = dict(Category.objects.values_list("code", "name_sv"))
    windows = {"before": _("Before"), "after": _("After")}
    by_category = [
        (
            role_label(role),
            windows.get(window, window),
            sorted(((names.get(code, code), n) for code, n in cats.items()), key=lambda c: -c[1]),
        )
        for role, per_window in ((run.result.get("extra") or {}).get("by_category") or {}).items()
        for window, cats in per_window.items()
    ]
    area_ids = [a["id"] for a in params.get("areas", {}).values()]
    features = area_feature_collection(Area.objects.filter(pk__in=area_ids))
    can_attach = manager(request)
    return render(
        request,
        "actionplan/evaluation_detail.html",
        {
            "run": run,
            "reading": read(run),
            "roles": roles,
            "categories": params.get("categories", []),
            "by_category": by_category,
            "features": features if features["features"] else None,
            "map_config": map_config(),
            "attach_form": AttachEvaluationForm(meetings=_editable_meetings(request))
            if can_attach
            else None,
            "presentations": run.presentations.select_related(
                "attachment__agenda_item__meeting__council"
            ),
            "thresholds": {
                "small": SMALL_COUNT,
                "total": TREATED_TOTAL_MIN,
                "significance": int(SIGNIFICANCE * 100),
            },
        },
    )


@capability_required("actionplan.manage")
@require_POST
def evaluation_attach_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_evaluation(request, pk)
    form = AttachEvaluationForm(request.POST, meetings=_editable_meetings(request))
    if form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            services.evaluation_attach_to_meeting(
                evaluation=run, meeting=meeting, actor=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The result is on the agenda of %(meeting)s.") % {"meeting": meeting},
            )
    else:
        messages.error(request, _("Choose a meeting."))
    return redirect("actionplan:evaluation_detail", pk=run.pk)
