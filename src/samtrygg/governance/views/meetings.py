"""Meetings: create and edit, status, minutes, attendance, agenda items and attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.governance import selectors, services
from samtrygg.governance.forms import (
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MeetingStatusForm,
    MinutesForm,
)
from samtrygg.governance.models import (
    AgendaAttachment,
    AgendaItem,
    AttachmentKind,
    DocumentKind,
    MeetingStatus,
)
from samtrygg.governance.rules import can_record_decision
from samtrygg.governance.services import TRANSITIONS
from samtrygg.governance.views.common import (
    get_meeting,
    get_rw_council,
    get_rw_meeting,
    manager,
    require_manager,
)


@capability_required("governance.manage")
def meeting_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_rw_council(request, slug)
    form = MeetingForm(
        request.POST or None, initial={"is_public": council.meetings_public_by_default}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=request.user,
                council=council,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                all_day=data["all_day"],
                title=data["title"],
                location=data["location"],
                is_public=data["is_public"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Meeting created."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request, "governance/meeting_form.html", {"form": form, "council": council, "meeting": None}
    )


@member_required
def meeting_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk)
    perms = permissions_for(request.user)
    is_manager = manager(request)
    roster = selectors.seat_roster(meeting=meeting)
    attendance = selectors.attendance_by_seat(meeting=meeting)
    transitions = [
        (value, label)
        for value, label in MeetingStatus.choices
        if value in TRANSITIONS.get(meeting.status, frozenset())
    ]
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "council": meeting.council,
            "agenda": selectors.agenda(meeting=meeting),
            "decisions": selectors.meeting_decisions(meeting=meeting),
            "status_day": selectors.decision_status_day(meeting=meeting),
            "seat_rows": [
                (line.seat, None if line.vacant else attendance.get(line.seat.pk), line.vacant)
                for line in roster
            ],
            "vacant_seats": [line.seat for line in roster if line.vacant],
            "documents": selectors.document_list(
                user=request.user, meeting=meeting, kind=DocumentKind.MEETING_PACK
            ),
            "can_manage": is_manager,
            "can_record": can_record_decision(perms, meeting.council)
            and meeting.status not in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED),
            "transitions": transitions,
            "agenda_form": AgendaItemForm() if is_manager else None,
        },
    )


@capability_required("governance.manage")
def meeting_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting(request, pk)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                all_day=data["all_day"],
                title=data["title"],
                location=data["location"],
                is_public=data["is_public"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {"form": form, "council": meeting.council, "meeting": meeting},
    )


@require_POST
@capability_required("governance.manage")
def meeting_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting(request, pk)
    form = MeetingStatusForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_set_status(
                actor=request.user,
                meeting=meeting,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The meeting is now: %(status)s.") % {"status": meeting.get_status_display()},
            )
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


@capability_required("governance.manage")
def meeting_minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting(request, pk)
    initial = {
        "minutes": meeting.minutes,
        "minutes_public": meeting.minutes_public,
        "other_attendees": meeting.other_attendees,
    }
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_minutes_update(
                actor=request.user,
                meeting=meeting,
                minutes=data["minutes"],
                minutes_public=data["minutes_public"],
                other_attendees=data["other_attendees"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_minutes_form.html",
        {"form": form, "meeting": meeting, "council": meeting.council},
    )


@capability_required("governance.manage")
def meeting_attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting(request, pk)
    seats = selectors.seat_list(council=meeting.council, on=timezone.localdate(meeting.starts_at))
    current = selectors.attendance_by_seat(meeting=meeting)
    initial = {}
    for seat_id, row in current.items():
        initial[f"status_{seat_id}"] = row.status
        initial[f"note_{seat_id}"] = row.note
    form = AttendanceForm(request.POST or None, seats=seats, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_attendance_record(
                actor=request.user, meeting=meeting, entries=form.entries()
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_attendance_form.html",
        {"form": form, "meeting": meeting, "council": meeting.council},
    )


@capability_required("governance.manage")
def agenda_item_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting(request, pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_create(
                actor=request.user,
                meeting=meeting,
                title=data["title"],
                presenter=data["presenter"],
                description=data["description"],
                order=data["order"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Agenda item added."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/agenda_item_form.html",
        {"form": form, "meeting": meeting, "council": meeting.council, "item": None},
    )


def _get_rw_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_viewable_or_404(
        request.user, AgendaItem.objects.select_related("meeting__council"), pk=pk
    )
    require_manager(request)
    return item


@capability_required("governance.manage")
def agenda_item_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_rw_item(request, pk)
    initial = {
        "title": item.title,
        "presenter": item.presenter,
        "description": item.description,
        "order": item.order,
        "notes": item.notes,
    }
    form = AgendaItemForm(
        request.POST or None,
        initial=initial,
        editing=True,
        follow_up=item.follow_up_of_id is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_update(
                actor=request.user,
                item=item,
                title=data["title"],
                presenter=data["presenter"],
                description=data["description"],
                notes=data["notes"],
                order=data["order"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("governance:meeting_detail", pk=item.meeting_id)
    return render(
        request,
        "governance/agenda_item_form.html",
        {
            "form": form,
            "meeting": item.meeting,
            "council": item.meeting.council,
            "item": item,
            "attachment_form": AttachmentForm(),
            "attachments": item.attachments.all(),
        },
    )


@require_POST
@capability_required("governance.manage")
def agenda_item_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_rw_item(request, pk)
    meeting_id = item.meeting_id
    try:
        services.agenda_item_delete(actor=request.user, item=item)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Agenda item removed."))
    return redirect("governance:meeting_detail", pk=meeting_id)


@require_POST
@capability_required("governance.manage")
def attachment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_rw_item(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == AttachmentKind.FILE:
                services.attachment_add_file(
                    actor=request.user,
                    item=item,
                    title=data["title"],
                    upload=data["file"],
                    added_by=request.user,
                )
            else:
                services.attachment_add_link(
                    actor=request.user,
                    item=item,
                    title=data["title"],
                    url=data["url"],
                    added_by=request.user,
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Attachment added."))
            return redirect("governance:agenda_item_update", pk=item.pk)
    return render(
        request,
        "governance/agenda_item_form.html",
        {
            "form": AgendaItemForm(
                initial={
                    "title": item.title,
                    "presenter": item.presenter,
                    "description": item.description,
                    "order": item.order,
                    "notes": item.notes,
                },
                editing=True,
                follow_up=item.follow_up_of_id is not None,
            ),
            "meeting": item.meeting,
            "council": item.meeting.council,
            "item": item,
            "attachment_form": form,
            "attachments": item.attachments.all(),
        },
        status=400,
    )


@member_required
def attachment_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_viewable_or_404(
        request.user, AgendaAttachment.objects.select_related("agenda_item__meeting"), pk=pk
    )
    if attachment.kind == AttachmentKind.LINK:
        return redirect(attachment.url)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # FileResponse streams; the decorators' type says HttpResponse.
    return FileResponse(  # type: ignore[return-value]
        handle,
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.content_type or "application/octet-stream",
    )


@require_POST
@capability_required("governance.manage")
def attachment_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_viewable_or_404(
        request.user, AgendaAttachment.objects.select_related("agenda_item"), pk=pk
    )
    item_id = attachment.agenda_item_id
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("Attachment removed."))
    return redirect("governance:agenda_item_update", pk=item_id)


@member_required
def decision_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk)
    if not can_record_decision(permissions_for(request.user), meeting.council):
        raise PermissionDenied
    initial = {}
    item_id = request.GET.get("item")
    if item_id and item_id.isdigit():
        initial["agenda_item"] = int(item_id)
    form = DecisionForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                actor=request.user,
                meeting=meeting,
                agenda_item=data["agenda_item"],
                title=data["title"],
                text=data["text"],
                rationale=data["rationale"],
                owner_organisation=data["owner_organisation"],
                owner_user=data["owner_user"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Decision %(ref)s recorded.") % {"ref": decision.reference})
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/decision_form.html",
        {"form": form, "meeting": meeting, "council": meeting.council, "decision": None},
    )
