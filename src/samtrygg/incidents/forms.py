"""Forms parse and validate input; services do the writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Place
from samtrygg.core.models import Classification
from samtrygg.incidents.checks import ADDRESS_MAX, DESCRIPTION_MAX
from samtrygg.incidents.models import (
    Category,
    CategoryGroup,
    ImportFormat,
    IncidentStatus,
    PoliceTypeAction,
)
from samtrygg.incidents.services import IncidentInput

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _now_local() -> dt.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class IncidentReportForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("What happened?"), queryset=Category.objects.none(), empty_label=_("Choose…")
    )
    occurred_from = forms.DateTimeField(
        label=_("When (from)"),
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    occurred_to = forms.DateTimeField(
        label=_("Until (if it went on for a while)"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    lon = forms.FloatField(required=False, widget=forms.HiddenInput())
    lat = forms.FloatField(required=False, widget=forms.HiddenInput())
    place = forms.ModelChoiceField(
        label=_("Named place"),
        queryset=Place.objects.all(),
        required=False,
        empty_label=pgettext_lazy("no place", "None"),
        help_text=_("Optional: a square, a station, a school yard."),
    )
    address = forms.CharField(
        label=_("Address or description of the place"),
        max_length=ADDRESS_MAX,
        required=False,
        help_text=_("If you did not mark the place on the map."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Describe the place and what happened — not people: no names, personal identity "
            "numbers, phone numbers or e-mail addresses."
        ),
    )
    source_organisation = forms.ModelChoiceField(
        label=_("Reported for"), queryset=Organisation.objects.none(), empty_label=None
    )
    classification = forms.ChoiceField(
        label=_("Who may read it"),
        choices=[
            (Classification.INTERNAL, _("Internal: the safety partners")),
            (Classification.OPEN, _("Open: may be shown publicly as aggregates")),
        ],
        initial=Classification.INTERNAL,
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        police_data: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("occurred_from", _now_local())
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["source_organisation"].queryset = organisations  # type: ignore[attr-defined]
        # One query, not a count and then a fetch.
        first_two = list(organisations[:2])
        self.single_organisation = first_two[0] if len(first_two) == 1 else None
        if self.single_organisation is not None:
            field = self.fields["source_organisation"]
            field.initial = self.single_organisation
            field.widget = forms.HiddenInput()
            field.required = False
        if police_data:
            field = self.fields["classification"]
            field.choices = [  # type: ignore[attr-defined]
                *field.choices,  # type: ignore[attr-defined]
                (Classification.RESTRICTED, _("Restricted: police and named analysts only")),
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source_organisation") is None and self.single_organisation is not None:
            data["source_organisation"] = self.single_organisation
        if (data.get("lon") is None) != (data.get("lat") is None):
            raise forms.ValidationError(_("Mark the place on the map again."))
        return data

    def incident_input(self) -> IncidentInput:
        """The cleaned form as the service's input (validation is the service's)."""
        data = self.cleaned_data
        return IncidentInput(
            source_organisation=data["source_organisation"],
            category=data["category"],
            occurred_from=data["occurred_from"],
            occurred_to=data["occurred_to"],
            lon=data["lon"],
            lat=data["lat"],
            address=data["address"],
            place=data["place"],
            description=data["description"],
            classification=data["classification"],
        )


class FeedbackForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    feedback = forms.CharField(
        label=_("Feedback to the reporter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CategoryForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Used by imports, e.g. skadegorelse.")
    )
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    group = forms.ChoiceField(label=_("Group"), choices=CategoryGroup.choices)
    colour = forms.CharField(
        label=_("Colour"), max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )
    harm_weight = forms.FloatField(
        label=_("Harm weight"),
        min_value=0,
        help_text=_(
            "Illustrative: there is no official Swedish harm index. Weigh categories as your "
            "council agrees."
        ),
    )
    near_repeat = forms.BooleanField(
        label=_("Burglary-like (near-repeat analysis)"), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True


class PoliceTypeForm(forms.Form):
    action = forms.ChoiceField(
        label=pgettext_lazy("police type", "Action"), choices=PoliceTypeAction.choices
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), choices=ImportFormat.choices)
    source = forms.ModelChoiceField(
        label=_("Source organisation"), queryset=Organisation.objects.none()
    )
    classification = forms.ChoiceField(
        label=_("Classification of the rows"),
        choices=[
            (Classification.INTERNAL, Classification.INTERNAL.label),
            (Classification.OPEN, Classification.OPEN.label),
        ],
        initial=Classification.INTERNAL,
        help_text=_("Used for rows without their own classification column."),
    )
    dry_run = forms.BooleanField(label=_("Check only, save nothing"), required=False)
    skip_invalid = forms.BooleanField(
        label=_("Save the valid rows and set the bad ones aside"),
        required=False,
        help_text=_("Otherwise nothing is saved if any row has a problem."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        police_data: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = organisations  # type: ignore[attr-defined]
        if police_data:
            field = self.fields["classification"]
            field.choices = [  # type: ignore[attr-defined]
                *field.choices,  # type: ignore[attr-defined]
                (Classification.RESTRICTED, Classification.RESTRICTED.label),
            ]


class FeedSourceForm(forms.Form):
    location = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        help_text=_("As the police write it, e.g. Västerås."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Police organisation"),
        queryset=Organisation.objects.filter(kind="police", is_active=True),
    )
    classification = forms.ChoiceField(
        label=_("Classification"), choices=Classification.choices, initial=Classification.OPEN
    )
    interval_minutes = forms.IntegerField(
        label=_("Pull every (minutes)"), min_value=5, max_value=1440, initial=60
    )
    is_active = forms.BooleanField(label=_("Pull periodically"), required=False)
    url = forms.URLField(
        label=_("Feed address"),
        required=False,
        assume_scheme="https",
        help_text=_("Leave empty for the police's own address."),
    )
