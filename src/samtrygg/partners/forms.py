"""Forms parse input into the services' typed input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.areas.models import Area
from samtrygg.governance.models import Council, CouncilKind, Decision, FocusArea, Meeting
from samtrygg.partners.models import (
    Contribution,
    ContributionKind,
    ContributionSource,
    DialogueMeeting,
    DialogueMeetingStatus,
    DialogueTheme,
    Partner,
    PartnerKind,
    ResponseKind,
)
from samtrygg.partners.services import ContactInput, ContributionInput, MeetingInput, PartnerInput


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _areas() -> Any:
    return Area.objects.order_by("name")


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnerKind.choices)
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("NNNNNN-NNNN. Sole traders' personal identity numbers are not stored."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas where it works"), queryset=Area.objects.none(), required=False
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    takes_part_in_dialogue = forms.BooleanField(
        label=_("Takes part in the dialogue forum"), required=False, initial=True
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = _areas()  # type: ignore[attr-defined]

    def to_input(self) -> PartnerInput:
        d = self.cleaned_data
        return PartnerInput(
            name=d["name"],
            kind=d["kind"],
            organisation_number=d["organisation_number"],
            description=d["description"],
            areas=list(d["areas"]),
            focus_areas=list(d["focus_areas"]),
            takes_part_in_dialogue=d["takes_part_in_dialogue"],
            is_active=d["is_active"],
        )

    @staticmethod
    def initial_for(partner: Partner) -> dict[str, Any]:
        return {
            "name": partner.name,
            "kind": partner.kind,
            "organisation_number": partner.organisation_number,
            "description": partner.description,
            "areas": list(partner.areas.all()),
            "focus_areas": list(partner.focus_areas.all()),
            "takes_part_in_dialogue": partner.takes_part_in_dialogue,
            "is_active": partner.is_active,
        }


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent_given_on = forms.DateField(label=_("Consent given on"), widget=DateInput())
    consent_how = forms.CharField(
        label=_("How consent was given"),
        max_length=200,
        help_text=_("E.g. a signed form, an e-mail kept in the registry."),
    )

    def to_input(self) -> ContactInput:
        return ContactInput(**self.cleaned_data)


class ErasureForm(forms.Form):
    requested_on = forms.DateField(label=_("Erasure requested on"), widget=DateInput())


class MeetingForm(forms.Form):
    forum = forms.ModelChoiceField(
        label=_("Forum"), queryset=Council.objects.filter(kind=CouncilKind.DIALOGUE_FORUM)
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=DialogueMeetingStatus.choices)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    themes = forms.CharField(
        label=_("Themes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One theme per line."),
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating partners"),
        queryset=Partner.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=pgettext_lazy("dialogue", "Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("What was said, without personal data."),
    )

    def to_input(self) -> MeetingInput:
        d = self.cleaned_data
        return MeetingInput(
            title=d["title"],
            held_on=d["held_on"],
            status=d["status"],
            place=d["place"],
            summary=d["summary"],
            participants=list(d["participants"]),
            themes=d["themes"].splitlines(),
        )

    @staticmethod
    def initial_for(meeting: DialogueMeeting) -> dict[str, Any]:
        return {
            "forum": meeting.forum,
            "title": meeting.title,
            "held_on": meeting.held_on,
            "status": meeting.status,
            "place": meeting.place,
            "summary": meeting.summary,
            "participants": list(meeting.participants.all()),
            "themes": "\n".join(t.title for t in meeting.themes.all()),
        }


class ContributionForm(forms.Form):
    """``partners``: the partners the user may contribute for (one for a partner's login,
    when the field is hidden); ``meetings``: the meetings it may contribute to."""

    source = forms.ChoiceField(label=_("Source"), choices=ContributionSource.choices)
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.none(), required=False
    )
    meeting = forms.ModelChoiceField(
        label=pgettext_lazy("dialogue", "Meeting"),
        queryset=DialogueMeeting.objects.none(),
        required=False,
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=DialogueTheme.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ContributionKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    focus_area = forms.ModelChoiceField(
        label=_("Focus area"), queryset=FocusArea.objects.filter(is_active=True), required=False
    )
    given_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(
        self, *args: Any, partners: Any, meetings: Any, coordinator: bool, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("given_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["theme"].queryset = DialogueTheme.objects.filter(  # type: ignore[attr-defined]
            meeting__in=meetings
        ).select_related("meeting")
        self.fields["area"].queryset = _areas()  # type: ignore[attr-defined]
        if not coordinator:
            # A partner's login gives its own partner's contributions only.
            del self.fields["source"]
            self.fields["partner"].required = True

    def to_input(self) -> ContributionInput:
        d = self.cleaned_data
        return ContributionInput(
            source=d.get("source", ContributionSource.PARTNER),
            partner=d["partner"],
            meeting=d["meeting"],
            theme=d["theme"],
            kind=d["kind"],
            title=d["title"],
            text=d["text"],
            area=d["area"],
            focus_area=d["focus_area"],
            given_on=d["given_on"],
        )

    @staticmethod
    def initial_for(c: Contribution) -> dict[str, Any]:
        return {
            "source": c.source,
            "partner": c.partner,
            "meeting": c.meeting,
            "theme": c.theme,
            "kind": c.kind,
            "title": c.title,
            "text": c.text,
            "area": c.area,
            "focus_area": c.focus_area,
            "given_on": c.given_on,
        }


class RecommendationForm(forms.Form):
    to_council = forms.ModelChoiceField(
        label=_("To"), queryset=Council.objects.filter(kind=CouncilKind.DECISION_COUNCIL)
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 5}))
    contributions = forms.ModelMultipleChoiceField(
        label=_("Builds on the contributions"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, contributions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = contributions  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("The council's response"),
        choices=[c for c in ResponseKind.choices if c[0] != ResponseKind.PENDING],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when declined; shown to the partners."),
    )
    responded_on = forms.DateField(label=_("Responded on"), widget=DateInput())
    decision = forms.ModelChoiceField(
        label=_("Accepted as the decision"), queryset=Decision.objects.none(), required=False
    )
    agenda_meeting = forms.ModelChoiceField(
        label=_("…or put on the agenda of the meeting"),
        queryset=Meeting.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("responded_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (  # type: ignore[attr-defined]
            Decision.objects.filter(meeting__council=council)
            .select_related("meeting")
            .order_by("-meeting__starts_at", "number")
        )
        self.fields["agenda_meeting"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            council=council, starts_at__gte=timezone.now()
        ).order_by("starts_at")
