"""The dialogue forum's pages: meetings with themes and participants, contributions,
recommendations and the council's response."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samtrygg.areas.models import Area
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import (
    get_changeable_or_404,
    get_viewable_or_404,
    permissions_for,
)
from samtrygg.governance.models import FocusArea
from samtrygg.partners import selectors, services
from samtrygg.partners.forms import (
    ContributionForm,
    MeetingForm,
    RecommendationForm,
    ResponseForm,
)
from samtrygg.partners.models import (
    Contribution,
    ContributionKind,
    DialogueMeeting,
    Partner,
    Recommendation,
    ResponseKind,
)
from samtrygg.partners.rules import can_manage, own_partner_ids
from samtrygg.partners.views.common import int_or_none, may_contribute, participant_required


def _status(form: Any) -> int:
    return 400 if form.errors else 200


@participant_required
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    year = int_or_none(request.GET.get("year"))
    counts = selectors.response_counts(user=request.user)
    return render(
        request,
        "partners/meeting_list.html",
        {
            "meetings": selectors.dialogue_meeting_list(user=request.user, year=year),
            "years": selectors.dialogue_years(user=request.user),
            "year": year,
            "response_summary": [
                (label, counts.get(value, 0)) for value, label in ResponseKind.choices
            ]
            if counts
            else [],
            "can_manage": can_manage(permissions_for(request.user)),
        },
    )


@participant_required
def meeting_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_viewable_or_404(
        request.user,
        DialogueMeeting.objects.select_related("forum", "council_meeting").prefetch_related(
            "themes", "participants"
        ),
        pk=pk,
    )
    perms = permissions_for(request.user)
    own = own_partner_ids(perms)
    return render(
        request,
        "partners/meeting_detail.html",
        {
            "meeting": meeting,
            "contributions": selectors.contribution_list(user=request.user, meeting=meeting),
            "recommendations": selectors.recommendation_list(user=request.user, meeting=meeting),
            "can_manage": can_manage(perms),
            "can_contribute": can_manage(perms) or meeting.participants.filter(pk__in=own).exists(),
            # The calendar meeting is the council's page; linked for those who may open it.
            "calendar_link": meeting.council_meeting is not None
            and perms.can_view(meeting.council_meeting),
        },
    )


def _meeting_form_view(request: HttpRequest, meeting: DialogueMeeting | None) -> HttpResponse:
    initial: dict[str, Any] = MeetingForm.initial_for(meeting) if meeting else {}
    if meeting is None:
        initial["forum"] = selectors.dialogue_forums().first()
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting = services.dialogue_meeting_create(
                    actor=request.user, forum=form.cleaned_data["forum"], data=form.to_input()
                )
            else:
                services.dialogue_meeting_update(
                    actor=request.user, meeting=meeting, data=form.to_input()
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("partners:meeting_detail", pk=meeting.pk)
    title = pgettext("dialogue", "Edit meeting") if meeting else _("New dialogue meeting")
    back = ("partners:meeting_detail", meeting.pk) if meeting else ("partners:meeting_list", None)
    return render(
        request,
        "partners/form.html",
        {"form": form, "title": title, "back": back},
        status=_status(form),
    )


@capability_required("partners.manage")
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    return _meeting_form_view(request, None)


@capability_required("partners.manage")
def meeting_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_changeable_or_404(request.user, DialogueMeeting.objects.all(), pk=pk)
    return _meeting_form_view(request, meeting)


@participant_required
def contribution_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in ContributionKind.values:
        kind = ""
    area_id = int_or_none(request.GET.get("area"))
    focus_area_id = int_or_none(request.GET.get("focus_area"))
    return render(
        request,
        "partners/contribution_list.html",
        {
            "contributions": selectors.contribution_list(
                user=request.user,
                where=selectors.ContributionFilter(
                    kind=kind, area_id=area_id, focus_area_id=focus_area_id
                ),
            )[:300],
            "kinds": ContributionKind.choices,
            "kind": kind,
            "areas": Area.objects.order_by("name"),
            "area_id": area_id,
            "focus_areas": FocusArea.objects.filter(is_active=True),
            "focus_area_id": focus_area_id,
            "can_contribute": may_contribute(request),
            "can_cite": permissions_for(request.user).can("situation.edit"),
        },
    )


def _contribution_form(request: HttpRequest, initial: dict[str, Any]) -> ContributionForm:
    perms = permissions_for(request.user)
    manager = can_manage(perms)
    if manager:
        partners = Partner.objects.filter(is_active=True)
        meetings = DialogueMeeting.objects.all()
    else:
        own = own_partner_ids(perms)
        partners = Partner.objects.filter(pk__in=own)
        meetings = DialogueMeeting.objects.filter(participants__in=own).distinct()
        if len(own) == 1:
            initial.setdefault("partner", next(iter(own)))
    return ContributionForm(
        request.POST or None,
        initial=initial,
        partners=partners,
        meetings=meetings.order_by("-held_on"),
        coordinator=manager,
    )


def _contribution_form_view(
    request: HttpRequest, contribution: Contribution | None
) -> HttpResponse:
    if contribution is not None:
        initial = ContributionForm.initial_for(contribution)
    else:
        initial = {"meeting": int_or_none(request.GET.get("meeting"))}
    form = _contribution_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            if contribution is None:
                contribution = services.contribution_create(
                    actor=request.user, data=form.to_input()
                )
            else:
                services.contribution_update(
                    actor=request.user, contribution=contribution, data=form.to_input()
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Contribution saved."))
            if contribution.meeting_id:
                return redirect("partners:meeting_detail", pk=contribution.meeting_id)
            return redirect("partners:contribution_list")
    title = _("Edit contribution") if contribution else _("New contribution")
    return render(
        request,
        "partners/form.html",
        {"form": form, "title": title, "back": ("partners:contribution_list", None)},
        status=_status(form),
    )


@participant_required
def contribution_create_view(request: HttpRequest) -> HttpResponse:
    if not may_contribute(request):
        raise PermissionDenied
    return _contribution_form_view(request, None)


@participant_required
def contribution_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_changeable_or_404(request.user, Contribution.objects.all(), pk=pk)
    return _contribution_form_view(request, contribution)


@participant_required
def recommendation_list_view(request: HttpRequest) -> HttpResponse:
    response = request.GET.get("response", "")
    if response not in ResponseKind.values:
        response = ""
    return render(
        request,
        "partners/recommendation_list.html",
        {
            "recommendations": selectors.recommendation_list(user=request.user, response=response),
            "responses": ResponseKind.choices,
            "response": response,
        },
    )


@participant_required
def recommendation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_viewable_or_404(
        request.user,
        Recommendation.objects.select_related(
            "meeting", "to_council", "decision__meeting", "agenda_item__meeting"
        ),
        pk=pk,
    )
    perms = permissions_for(request.user)
    decision = recommendation.decision
    return render(
        request,
        "partners/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "contributions": selectors.contribution_list(user=request.user).filter(
                recommendations=recommendation
            ),
            "can_manage": can_manage(perms),
            # The decision's page is the council's; link it only for those who may open it.
            "decision_link": decision is not None and perms.can_view(decision),
        },
    )


@capability_required("partners.manage")
def recommendation_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_changeable_or_404(request.user, DialogueMeeting.objects.all(), pk=pk)
    initial = {"to_council": selectors.deciding_councils().first()}
    form = RecommendationForm(
        request.POST or None,
        initial=initial,
        contributions=Contribution.objects.filter(meeting=meeting),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            recommendation = services.recommendation_create(
                actor=request.user,
                meeting=meeting,
                to_council=d["to_council"],
                title=d["title"],
                text=d["text"],
                contributions=list(d["contributions"]),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Recommendation recorded."))
            return redirect("partners:recommendation_detail", pk=recommendation.pk)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "title": _("New recommendation from %(meeting)s") % {"meeting": meeting},
            "back": ("partners:meeting_detail", meeting.pk),
        },
        status=_status(form),
    )


@capability_required("partners.manage")
def recommendation_respond_view(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_changeable_or_404(
        request.user, Recommendation.objects.select_related("to_council"), pk=pk
    )
    form = ResponseForm(request.POST or None, council=recommendation.to_council)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.recommendation_respond(
                actor=request.user,
                recommendation=recommendation,
                response=d["response"],
                reason=d["reason"],
                responded_on=d["responded_on"],
                decision=d["decision"],
                agenda_meeting=d["agenda_meeting"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("The council's response is recorded; the partners are told.")
            )
            return redirect("partners:recommendation_detail", pk=recommendation.pk)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "title": _("The council's response: %(title)s") % {"title": recommendation.title},
            "intro": recommendation.text,
            "back": ("partners:recommendation_detail", recommendation.pk),
        },
        status=_status(form),
    )


@capability_required("partners.manage")
def recommendation_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_changeable_or_404(
        request.user, Recommendation.objects.select_related("meeting"), pk=pk
    )
    form = RecommendationForm(
        request.POST or None,
        initial={
            "to_council": recommendation.to_council,
            "title": recommendation.title,
            "text": recommendation.text,
            "contributions": list(recommendation.contributions.all()),
        },
        contributions=Contribution.objects.filter(meeting=recommendation.meeting),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.recommendation_update(
                actor=request.user,
                recommendation=recommendation,
                to_council=d["to_council"],
                title=d["title"],
                text=d["text"],
                contributions=list(d["contributions"]),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Recommendation saved."))
            return redirect("partners:recommendation_detail", pk=recommendation.pk)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "title": _("Edit recommendation"),
            "back": ("partners:recommendation_detail", recommendation.pk),
        },
        status=_status(form),
    )
