"""Findings: recording one on a walk (a phone-sized page with a map to place it), from an
incident report, the list with filters, a finding's page with its history, the owner's
actions, re-checks and photos."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samtrygg.actionplan.models import Intervention
from samtrygg.actionplan.selectors import intervention_list
from samtrygg.areas.maps import map_config
from samtrygg.areas.models import Area
from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.incidents.models import Incident
from samtrygg.walks import selectors, services
from samtrygg.walks.forms import (
    ACTIONS,
    FindingActionForm,
    FindingForm,
    PhotoForm,
    RecheckForm,
    active_owners,
)
from samtrygg.walks.models import FindingPhoto, FindingStatus, SafetyWalk
from samtrygg.walks.rules import is_owner_of, owned_owner_ids
from samtrygg.walks.views.common import (
    FINDINGS_PER_PAGE,
    get_finding,
    get_walk,
    int_or_none,
    owner_findings_page,
)


def _save_photo(request: HttpRequest, form: Any, finding: Any, actor: Any) -> None:
    upload = form.cleaned_data.get("photo")
    if upload:
        services.finding_photo_add(actor=actor, finding=finding, content=upload.read())


@capability_required("walks.manage")
def finding_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_walk(request, pk)
    form = FindingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            finding = services.finding_create(
                actor=request.user, walk=walk, data=form.to_input(walk.area)
            )
            _save_photo(request, form, finding, request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except ServiceError as exc:
            form.add_error("photo", str(exc))
        else:
            messages.success(request, _("The finding is recorded and its owner told."))
            if "another" in request.POST:
                return redirect("walks:finding_create", walk.pk)
            return redirect("walks:detail", walk.pk)
    return render(
        request,
        "walks/finding_form.html",
        {
            "form": form,
            "walk": walk,
            "finding": None,
            "map_config": map_config(),
            "map_data": {"route": walk.route, "points": []},
        },
    )


@capability_required("walks.manage")
def finding_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding(request, pk)
    form = FindingForm(
        request.POST or None, request.FILES or None, initial=FindingForm.initial_for(finding)
    )
    form.fields["owner"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_update(
                actor=request.user, finding=finding, data=form.to_input(finding.area)
            )
            _save_photo(request, form, finding, request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except ServiceError as exc:
            form.add_error("photo", str(exc))
        else:
            messages.success(request, _("The finding is saved."))
            return redirect("walks:finding_detail", finding.pk)
    walk = finding.walk
    return render(
        request,
        "walks/finding_form.html",
        {
            "form": form,
            "walk": walk,
            "finding": finding,
            "map_config": map_config(),
            "map_data": {"route": walk.route if walk else [], "points": []},
        },
    )


@capability_required("walks.manage")
def finding_from_incident_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = get_viewable_or_404(
        request.user, Incident.objects.select_related("category"), pk=incident_id
    )
    if incident.category.group not in services.INCIDENT_GROUPS:
        raise PermissionDenied
    owners = active_owners()
    areas = Area.objects.filter(incidents=incident).order_by("kind", "name")
    if request.method == "POST":
        owner = owners.filter(pk=int_or_none(request.POST.get("owner")) or 0).first()
        area = Area.objects.filter(pk=int_or_none(request.POST.get("area")) or 0).first()
        if owner is None or area is None:
            messages.error(request, _("Choose the owner and the area."))
        else:
            try:
                finding = services.finding_create_from_incident(
                    actor=request.user, incident=incident, owner=owner, area=area
                )
            except ValidationError as exc:
                for error in exc.messages:
                    messages.error(request, error)
            else:
                messages.success(request, _("The finding is recorded and its owner told."))
                return redirect("walks:finding_detail", finding.pk)
    return render(
        request,
        "walks/finding_from_incident.html",
        {
            "incident": incident,
            "owners": owners,
            "areas": areas or Area.objects.order_by("kind", "name"),
        },
    )


@member_required
def finding_list_view(request: HttpRequest) -> HttpResponse:
    perms = permissions_for(request.user)
    if not (perms.can("walks.view") or owned_owner_ids(perms)):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in FindingStatus.values:
        status = ""
    owner_id = int_or_none(request.GET.get("owner"))
    area_id = int_or_none(request.GET.get("area"))
    findings = selectors.finding_list(
        user=request.user, status=status, owner_id=owner_id, area_id=area_id
    )
    viewable = selectors.finding_list(user=request.user)
    page = Paginator(findings, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "walks/finding_list.html",
        {
            "findings": page.object_list,
            "page": page,
            "statuses": FindingStatus.choices,
            "owners": active_owners().filter(pk__in=viewable.values("owner_id")),
            "areas": Area.objects.filter(pk__in=viewable.values("area_id")).order_by("name"),
            "filters": {"status": status, "owner": owner_id, "area": area_id},
            "counts": selectors.status_counts(viewable),
            "incidents": selectors.environment_incidents(
                user=request.user, groups=services.INCIDENT_GROUPS
            )
            if perms.can("walks.manage")
            else [],
        },
    )


@member_required
@never_cache
def my_findings_view(request: HttpRequest) -> HttpResponse:
    """The owner's page: the findings given to the owners the user acts for."""
    owners = selectors.owners_of_user(user=request.user)
    if not owners:
        raise PermissionDenied
    return render(
        request,
        "walks/owner_findings.html",
        {
            **owner_findings_page(request, owners),
            "action_form": FindingActionForm(),
            "via_link": False,
            "token": "",
        },
    )


@member_required
def finding_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding(request, pk)
    perms = permissions_for(request.user)
    manage = perms.can("walks.manage")
    recheck_form = None
    if manage and finding.status == FindingStatus.FIXED:
        later = SafetyWalk.objects.filter(area=finding.area_id)
        if finding.walk is not None:
            later = later.filter(walk_date__gt=finding.walk.walk_date)
        recheck_form = RecheckForm(walks=later.order_by("-walk_date"))
    return render(
        request,
        "walks/finding_detail.html",
        {
            "finding": finding,
            "history": selectors.finding_history(finding),
            "photos": finding.photos.all(),
            "can_act": perms.can_change(finding) and finding.is_open,
            "is_owner": is_owner_of(perms, finding),
            "can_manage": manage,
            "action_form": FindingActionForm(),
            "recheck_form": recheck_form,
            "interventions": intervention_list(user=request.user).order_by("title")
            if manage
            else [],
            "photo_form": PhotoForm() if perms.can_change(finding) else None,
            "map_config": map_config(),
            "map_data": {
                "route": finding.walk.route if finding.walk else [],
                "points": [
                    {
                        "lon": finding.lon,
                        "lat": finding.lat,
                        "label": finding.get_category_display(),
                    }
                ]
                if finding.lon is not None
                else [],
            },
        },
    )


def apply_action(request: HttpRequest, finding: Any, actor: Any) -> bool:
    """Run the owner's action from the POST; report the outcome as a message."""
    form = FindingActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The action could not be read; try again."))
        return False
    data = form.cleaned_data
    try:
        if data["action"] == "transfer":
            if data.get("to_owner") is None:
                raise ValidationError(
                    {"to_owner": _("Choose the owner to transfer the finding to.")}
                )
            services.finding_transfer(
                actor=actor, finding=finding, to_owner=data["to_owner"], note=data.get("note", "")
            )
        else:
            services.finding_status_change(
                actor=actor,
                finding=finding,
                status=ACTIONS[data["action"]],
                note=data.get("note", ""),
                declined_reason=data.get("declined_reason", ""),
                due_date=data.get("due_date"),
            )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return False
    messages.success(request, _("The finding is updated."))
    return True


@require_POST
@member_required
def finding_action_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding(request, pk)
    if not permissions_for(request.user).can_change(finding):
        raise PermissionDenied
    apply_action(request, finding, request.user)
    if request.POST.get("next") == "mine":
        return redirect("walks:mine")
    return redirect("walks:finding_detail", finding.pk)


@require_POST
@capability_required("walks.manage")
def finding_intervention_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding(request, pk)
    chosen = int_or_none(request.POST.get("intervention"))
    intervention = (
        get_viewable_or_404(request.user, Intervention.objects.all(), pk=chosen) if chosen else None
    )
    services.finding_intervention_link(
        actor=request.user, finding=finding, intervention=intervention
    )
    messages.success(request, _("The finding's intervention is saved."))
    return redirect("walks:finding_detail", finding.pk)


@require_POST
@capability_required("walks.manage")
def finding_recheck_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding(request, pk)
    walk = get_walk(request, int_or_none(request.POST.get("walk")) or 0)
    try:
        services.finding_recheck(
            actor=request.user,
            finding=finding,
            walk=walk,
            result=request.POST.get("result", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The re-check is recorded."))
    return redirect("walks:finding_detail", finding.pk)


@require_POST
@member_required
def photo_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo."))
    else:
        try:
            _save_photo(request, form, finding, request.user)
        except (ServiceError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("The photo is added."))
    return redirect("walks:finding_detail", finding.pk)


@member_required
def photo_view(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_viewable_or_404(request.user, FindingPhoto.objects.all(), pk=pk)
    response = HttpResponse(bytes(photo.image), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@capability_required("walks.manage")
def photo_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_viewable_or_404(request.user, FindingPhoto.objects.select_related("finding"), pk=pk)
    services.finding_photo_approve(
        actor=request.user, photo=photo, public=request.POST.get("public") == "1"
    )
    messages.success(request, _("The photo's publication is saved."))
    return redirect("walks:finding_detail", photo.finding_id)
