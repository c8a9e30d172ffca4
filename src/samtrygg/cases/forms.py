"""Forms of the case pages: they parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.accounts.models import Organisation, User
from samtrygg.cases.models import (
    INTAKE_REASONS,
    RISK_FACTORS,
    Agency,
    Case,
    ConsentGiver,
    IntakeReason,
    LegalBasis,
    Level,
    Outcome,
    PersonRole,
    Programme,
    RiskFactor,
)
from samtrygg.core.roles import Role

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NO_AUTOFILL = {"autocomplete": "off"}


def _date(label: Any, *, required: bool = True, initial_today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE,
        required=required,
        initial=timezone.localdate if initial_today else None,
    )


class PersonFields(forms.Form):
    """The identity and contact fields of a person (plain text only in the request)."""

    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(NO_AUTOFILL))
    identity_number = forms.CharField(
        label=_("Personal identity number or coordination number"),
        max_length=20,
        required=False,
        widget=forms.TextInput({**NO_AUTOFILL, "inputmode": "numeric"}),
        help_text=_("ÅÅÅÅMMDD-NNNN. Stored encrypted; searched only through a keyed hash."),
    )
    birth_date = _date(_("Date of birth"), required=False)
    phone = forms.CharField(
        label=_("Telephone"), max_length=30, required=False, widget=forms.TextInput(NO_AUTOFILL)
    )
    email = forms.CharField(
        label=_("E-mail"), max_length=254, required=False, widget=forms.TextInput(NO_AUTOFILL)
    )
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, widget=forms.TextInput(NO_AUTOFILL)
    )


class IntakeForm(PersonFields):
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    intake_reason = forms.ChoiceField(
        label=_("Reason for intake"),
        help_text=_("Each programme has its own list of reasons."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    agency = forms.ChoiceField(
        label=_("Agency of the responsible organisation"),
        choices=Agency.choices,
        initial=Agency.SOCIAL_SERVICES,
    )
    opened_on = _date(_("Opened"), initial_today=True)

    field_order = [
        "programme",
        "intake_reason",
        "organisation",
        "agency",
        "opened_on",
        "name",
        "identity_number",
        "birth_date",
        "phone",
        "email",
        "address",
    ]

    CASE_FIELDS = ("programme", "intake_reason", "organisation", "agency", "opened_on")

    def case_fields(self) -> list[Any]:
        return [self[name] for name in self.CASE_FIELDS]

    def person_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name not in self.CASE_FIELDS]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            if organisations.count() == 1:
                self.fields["organisation"].initial = organisations.first()
        labels = dict(IntakeReason.choices)
        self.fields["intake_reason"].choices = [  # type: ignore[attr-defined]
            (str(Programme(p).label), [(r, labels[r]) for r in reasons])
            for p, reasons in INTAKE_REASONS.items()
        ]


class PersonForm(PersonFields):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (PersonRole.GUARDIAN, PersonRole.GUARDIAN.label),
            (PersonRole.CONTACT, PersonRole.CONTACT.label),
        ],
    )
    field_order = ["role", "name", "identity_number", "birth_date", "phone", "email", "address"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(
        self, *args: Any, choices: list[tuple[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices or []  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    closed_on = _date(pgettext_lazy("case", "Closed"), initial_today=True)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("For the organisation"), queryset=Organisation.objects.none()
    )
    agency = forms.ChoiceField(label=_("Agency"), choices=Agency.choices)

    def __init__(
        self, *args: Any, users: Any = None, organisations: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if users is not None:
            self.fields["user"].queryset = users  # type: ignore[attr-defined]
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGiver.choices)
    given_on = _date(_("Given"), initial_today=True)
    expires_on = _date(_("Expires"))
    agencies = forms.MultipleChoiceField(
        label=_("Agencies covered"),
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purpose = forms.CharField(
        label=pgettext_lazy("consent", "Purpose"),
        max_length=500,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("What the agencies may share the information for."),
    )
    note = forms.CharField(
        label=_("Note on the signed form"),
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    document = forms.FileField(
        label=_("Scan of the signed form"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 5 MB. Stored encrypted."),
    )


class WithdrawForm(forms.Form):
    withdrawn_on = _date(_("Withdrawn"), initial_today=True)


class DisclosureForm(forms.Form):
    recipient_agency = forms.ChoiceField(label=_("Recipient"), choices=Agency.choices)
    recipient_organisation = forms.ModelChoiceField(
        label=_("Recipient organisation"), queryset=Organisation.objects.none(), required=False
    )
    disclosed_on = _date(_("Date"), initial_today=True)
    basis = forms.ModelChoiceField(
        label=_("Legal basis"), queryset=LegalBasis.objects.none(), required=False
    )
    content = forms.CharField(
        label=_("What was disclosed"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    justification = forms.CharField(
        label=_("Justification"), max_length=10_000, widget=forms.Textarea({"rows": 3})
    )
    access_until = _date(_("The recipient's team members may open the case until"), required=False)

    def __init__(self, *args: Any, manage: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        )
        self.fields["basis"].queryset = LegalBasis.objects.filter(is_active=True)  # type: ignore[attr-defined]
        if not manage:
            del self.fields["access_until"]


YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class RiskForm(forms.Form):
    assessed_on = _date(_("Date"), initial_today=True)
    summary = forms.CharField(
        label=pgettext_lazy("case", "Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factor_names = []
        labels = dict(RiskFactor.choices)
        for factor in RISK_FACTORS[case.programme]:
            name = f"factor_{factor}"
            self.fields[name] = forms.ChoiceField(
                label=labels[factor], choices=[("", "—"), *Level.choices], required=False
            )
            self.factor_names.append(name)
        self.is_exit = case.programme == Programme.EXIT_PROGRAMME
        if self.is_exit:
            self.fields["threat_level"] = forms.ChoiceField(
                label=_("Threat level"), choices=[("", "—"), *Level.choices], required=False
            )
            self.fields["threat_assessment"] = forms.CharField(
                label=_("Threat assessment"),
                max_length=5000,
                required=False,
                widget=forms.Textarea({"rows": 3}),
            )
            for name, label in (
                ("motivated", _("Motivated to leave the network")),
                ("not_a_witness", _("Not a witness in an open case")),
                ("support_decided", _("Social services have decided on support")),
            ):
                self.fields[name] = forms.ChoiceField(label=label, choices=YES_NO, required=False)

    def factors(self) -> dict[str, str]:
        return {
            n.removeprefix("factor_"): self.cleaned_data.get(n) or "" for n in self.factor_names
        }

    def condition(self, name: str) -> bool | None:
        value = self.cleaned_data.get(name) or ""
        return {"yes": True, "no": False}.get(value)


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=1000, widget=forms.Textarea({"rows": 2}))


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("What is to be done"), max_length=1000, widget=forms.Textarea({"rows": 2})
    )
    due_on = _date(pgettext_lazy("due date", "By"))
    goal = forms.ChoiceField(label=_("For the goal"), required=False)
    responsible_user = forms.ModelChoiceField(
        label=_("Responsible team member"), queryset=User.objects.none(), required=False
    )
    responsible_agency = forms.ChoiceField(
        label=_("Or responsible agency"), choices=[("", "—"), *Agency.choices], required=False
    )

    def __init__(
        self,
        *args: Any,
        goals: list[tuple[str, str]] | None = None,
        members: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "—"), *(goals or [])]  # type: ignore[attr-defined]
        if members is not None:
            self.fields["responsible_user"].queryset = members  # type: ignore[attr-defined]


class DoneForm(forms.Form):
    done_on = _date(_("Done"), initial_today=True)


class AchievedForm(forms.Form):
    achieved_on = _date(_("Achieved"), initial_today=True, required=False)


class MeetingForm(forms.Form):
    held_on = _date(_("Held"), initial_today=True)
    minutes = forms.CharField(
        label=_("Short minutes"), max_length=5000, widget=forms.Textarea({"rows": 3})
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=10_000, widget=forms.Textarea({"rows": 4}))


class SearchForm(forms.Form):
    identity_number = forms.CharField(
        label=_("Personal identity number"),
        max_length=20,
        widget=forms.TextInput({**NO_AUTOFILL, "inputmode": "numeric"}),
        help_text=_("Finds your own cases only; the number is not saved or logged."),
    )


class LegalBasisForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    law_reference = forms.CharField(label=_("Law reference"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )
    requires_consent = forms.BooleanField(label=_("Rests on consent"), required=False)


class LeadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    user = forms.ModelChoiceField(label=_("Case worker"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workers = User.objects.filter(memberships__role=Role.CASE_WORKER).distinct()
        self.fields["user"].queryset = workers  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            memberships__role=Role.CASE_WORKER, is_active=True
        ).distinct()
