"""Forms for the agreement, commitments, citizen promises, the coordination function,
decision bases and attaching an evaluation to a meeting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.actionplan.forms.common import AreaChoiceField, areas, date_field, organisations
from samtrygg.actionplan.forms.plans import VersionChoiceField
from samtrygg.actionplan.models import ActivityStatus, CommitmentStatus, PromiseStatus
from samtrygg.governance.models import Meeting
from samtrygg.situation.models import SituationVersion


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"), queryset=organisations(), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    signatories = forms.CharField(
        label=_("Signatories"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line, by title, e.g. Kommunstyrelsens ordförande."),
    )
    signed_date = date_field(_("Signed"), required=False)
    period_start = date_field(_("Valid from"))
    period_end = date_field(_("Valid until"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    document = forms.FileField(label=_("Signed document"), required=False)

    def signatory_lines(self) -> list[str]:
        return [
            line for line in self.cleaned_data.get("signatories", "").splitlines() if line.strip()
        ]


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("Commitment"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Responsible organisation"), queryset=organisations())
    due_date = date_field(_("Due date"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    progress = forms.CharField(
        label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CommitmentFollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    progress = forms.CharField(
        label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PromiseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("The promise"), widget=forms.Textarea(attrs={"rows": 4}))
    area = AreaChoiceField(label=pgettext_lazy("region", "Area"), queryset=areas(), required=False)
    period_start = date_field(_("From"))
    period_end = date_field(_("Until"))
    status = forms.ChoiceField(label=_("Status"), choices=PromiseStatus.choices)
    is_public = forms.BooleanField(
        label=_("Show on the public follow-up page"),
        required=False,
        help_text=_(
            "The title, promise, area, period, status, activities and follow-ups appear on "
            "the public page. The internal note never does."
        ),
    )
    issuers = forms.ModelMultipleChoiceField(
        label=_("Given by"),
        queryset=organisations(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    internal_note = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    activities = forms.CharField(
        label=_("Activities"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["activities"]


class PromiseActivityForm(forms.Form):
    text = forms.CharField(label=_("Activity"), max_length=300)


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)


class PromiseFollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("Follow-up for residents"), widget=forms.Textarea(attrs={"rows": 3})
    )
    recorded_on = date_field(_("Date"))
    status = forms.ChoiceField(
        label=_("New status of the promise"),
        choices=[("", _("(unchanged)")), *PromiseStatus.choices],
        required=False,
    )


class CoordinationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation holding the function"), queryset=organisations()
    )
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    contact_title = forms.CharField(
        label=_("Contact person's title"), max_length=200, required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    web_address = forms.URLField(
        label=_("Web page for residents"), required=False, assume_scheme="https"
    )
    postal_address = forms.CharField(
        label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    executive_board = forms.ModelChoiceField(
        label=_("Executive board"),
        queryset=organisations("political_body"),
        required=False,
        help_text=_("Its council members may read this tracker."),
    )


class DecisionBasisForm(forms.Form):
    version = VersionChoiceField(
        label=_("Lägesbild version"),
        queryset=SituationVersion.objects.none(),
        required=False,
        help_text=_("Leave empty to remove the link."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, versions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if versions is not None:
            self.fields["version"].queryset = versions  # type: ignore[attr-defined]


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        day = timezone.localtime(obj.starts_at).date().isoformat()
        return f"{obj.council.name} {day}{' – ' + obj.title if obj.title else ''}"


class AttachEvaluationForm(forms.Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
