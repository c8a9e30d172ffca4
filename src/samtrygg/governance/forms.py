"""Forms parse and validate input; the services do the writes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.accounts.models import Organisation, User
from samtrygg.governance.models import (
    AgendaItem,
    AttachmentKind,
    AttendanceStatus,
    BodyPosition,
    Council,
    CouncilKind,
    CouncilSeat,
    DecisionStatus,
    FocusArea,
    GoalStatus,
    Meeting,
    MeetingStatus,
    ProgressAssessment,
    SeatRole,
)
from samtrygg.governance.services import RESERVED_SLUGS, all_day_span


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        help_text=help_text,
    )


def _organisations() -> Any:
    return Organisation.objects.filter(is_active=True).order_by("name")


def _users() -> Any:
    return User.objects.filter(is_active=True).order_by("username")


class CouncilForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens, e.g. trygghetsradet."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CouncilKind.choices)
    purpose = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    meetings_per_year_min = forms.IntegerField(
        label=_("Meetings a year, at least"), min_value=0, max_value=52, initial=3
    )
    meetings_per_year_max = forms.IntegerField(
        label=_("Meetings a year, at most"), min_value=1, max_value=52, initial=4
    )
    meetings_public_by_default = forms.BooleanField(
        label=_("Meeting dates are public by default"), required=False, initial=True
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["slug"].disabled = True
        else:
            del self.fields["is_active"]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if not self.fields["slug"].disabled and slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved."))
        if not self.fields["slug"].disabled and Council.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another council already uses this short name."))
        return slug


class SeatForm(forms.Form):
    role = forms.ChoiceField(label=_("Role on the council"), choices=SeatRole.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("The position that holds the seat, e.g. Chair of the executive board."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Represents"), queryset=Organisation.objects.none(), required=False
    )
    body_position = forms.ChoiceField(
        label=_("Position in the organisation's presidium"),
        choices=[("", "—"), *BodyPosition.choices],
        required=False,
    )
    user = forms.ModelChoiceField(
        label=_("User account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty for an external contact without a log-in."),
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    term_start = _date_field(_("Term starts"))
    term_end = _date_field(_("Term ends"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()  # type: ignore[attr-defined]
        self.fields["user"].queryset = _users()  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(seat: CouncilSeat) -> dict[str, Any]:
        return {
            "role": seat.role,
            "title": seat.title,
            "organisation": seat.organisation,
            "body_position": seat.body_position,
            "user": seat.user,
            "contact_name": seat.contact_name,
            "contact_email": seat.contact_email,
            "term_start": seat.term_start,
            "term_end": seat.term_end,
        }


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional, e.g. Spring meeting. Empty: Meeting."),
    )
    date = _date_field(_("Date"))
    all_day = forms.BooleanField(label=_("All day"), required=False)
    start_time = forms.TimeField(
        label=_("Starts at"), required=False, widget=TimeInput(), input_formats=["%H:%M"]
    )
    end_time = forms.TimeField(
        label=_("Ends at"), required=False, widget=TimeInput(), input_formats=["%H:%M"]
    )
    end_date = _date_field(
        _("Last day"), required=False, help_text=_("For an all-day meeting over several days.")
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    is_public = forms.BooleanField(
        label=_("Public meeting date"),
        required=False,
        help_text=_("The date, time and place appear on the public page and the public feed."),
    )

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        initial: dict[str, Any] = {
            "title": meeting.title,
            "date": start.date(),
            "all_day": meeting.all_day,
            "location": meeting.location,
            "is_public": meeting.is_public,
        }
        if meeting.all_day:
            last = (end - timedelta(days=1)).date()
            initial["end_date"] = last if last != start.date() else None
        else:
            initial["start_time"] = start.time()
            initial["end_time"] = end.time()
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day: date | None = data.get("date")
        if day is None:
            return data
        if data.get("all_day"):
            last = data.get("end_date") or day
            if last < day:
                self.add_error("end_date", _("The last day cannot be before the first."))
                return data
            data["starts_at"], data["ends_at"] = all_day_span(day, last)
            return data
        start: time | None = data.get("start_time")
        end: time | None = data.get("end_time")
        if start is None:
            self.add_error("start_time", _("Give the start time, or tick All day."))
        if end is None:
            self.add_error("end_time", _("Give the end time, or tick All day."))
        if start is None or end is None:
            return data
        if end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
            return data
        tz = timezone.get_current_timezone()
        data["starts_at"] = timezone.make_aware(datetime.combine(day, start), tz)
        data["ends_at"] = timezone.make_aware(datetime.combine(day, end), tz)
        return data


class MeetingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MeetingStatus.choices)
    note = forms.CharField(label=_("Reason for cancellation"), max_length=300, required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    other_attendees = forms.CharField(
        label=_("Other participants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Presenters, guests and officials."),
    )
    minutes_public = forms.BooleanField(
        label=_("Minutes may be published"),
        required=False,
        help_text=_("Approved minutes of a public meeting are then shown on the public page."),
    )


class AttendanceForm(forms.Form):
    """One status and note per seat: fields ``status_<seat id>`` and ``note_<seat id>``."""

    def __init__(self, *args: Any, seats: list[CouncilSeat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seats = seats
        for seat in seats:
            self.fields[f"status_{seat.pk}"] = forms.ChoiceField(
                label=seat.title,
                choices=[("", _("Not recorded")), *AttendanceStatus.choices],
                required=False,
            )
            self.fields[f"note_{seat.pk}"] = forms.CharField(
                label=_("Note"), max_length=200, required=False
            )

    def rows(self) -> list[tuple[CouncilSeat, Any, Any]]:
        return [(s, self[f"status_{s.pk}"], self[f"note_{s.pk}"]) for s in self.seats]

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            s.pk: (self.cleaned_data[f"status_{s.pk}"], self.cleaned_data[f"note_{s.pk}"])
            for s in self.seats
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    presenter = forms.CharField(
        label=_("Presenter"), max_length=200, required=False, help_text=_("A title, e.g. Analyst.")
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    order = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("Empty: last on the agenda."),
    )
    notes = forms.CharField(
        label=_("Notes for the minutes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self, *args: Any, editing: bool = False, follow_up: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["notes"]
        if follow_up:
            self.fields["title"].disabled = True


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=AttachmentKind.choices,
        widget=forms.RadioSelect,
        initial=AttachmentKind.LINK,
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        required=False,
        help_text=_("https://… or a page on this site, e.g. /governance/."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == AttachmentKind.FILE and not data.get("file"):
            self.add_error("file", _("Choose a file."))
        if kind == AttachmentKind.LINK:
            if not data.get("url"):
                self.add_error("url", _("Give the address."))
            if not data.get("title"):
                self.add_error("title", _("Give the link a title."))
        return data


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none(), required=False
    )
    owner_user = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=User.objects.none(), required=False
    )
    due_date = _date_field(_("Due date"), required=False)

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = _organisations()  # type: ignore[attr-defined]
        self.fields["owner_user"].queryset = _users()  # type: ignore[attr-defined]
        if meeting is not None:
            self.fields["agenda_item"].queryset = meeting.agenda_items.filter(  # type: ignore[attr-defined]
                kind="item"
            ).order_by("order")
        else:
            del self.fields["agenda_item"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_organisation") and not data.get("owner_user"):
            self.add_error(
                "owner_organisation",
                _("Name the responsible organisation, the responsible person, or both."),
            )
        return data


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Unchanged")), *DecisionStatus.choices], required=False
    )
    text = forms.CharField(label=_("Follow-up note"), widget=forms.Textarea(attrs={"rows": 3}))


class GoalForm(forms.Form):
    council = forms.ModelChoiceField(label=_("Owning council"), queryset=Council.objects.none())
    focus_area = forms.ModelChoiceField(label=_("Focus area"), queryset=FocusArea.objects.none())
    statement = forms.CharField(label=_("Goal statement"), widget=forms.Textarea(attrs={"rows": 3}))
    baseline = forms.CharField(
        label=_("Baseline"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    target = forms.CharField(label=_("Target"), widget=forms.Textarea(attrs={"rows": 2}))
    target_date = _date_field(_("Target date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(is_active=True)  # type: ignore[attr-defined]
        focus = FocusArea.objects.all() if editing else FocusArea.objects.filter(is_active=True)
        self.fields["focus_area"].queryset = focus  # type: ignore[attr-defined]
        if not editing:
            del self.fields["status"]


class GoalProgressForm(forms.Form):
    recorded_on = _date_field(_("Date"))
    assessment = forms.ChoiceField(label=_("Assessment"), choices=ProgressAssessment.choices)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))


class BoardReportForm(forms.Form):
    period_start = _date_field(_("Period from"))
    period_end = _date_field(_("Period to"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data
