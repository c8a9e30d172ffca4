"""Forms of safety walks. They parse into the services' inputs (``WalkInput``,
``FindingInput``); the services validate."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.actionplan.forms.common import AreaChoiceField, areas, date_field, organisations
from samtrygg.partners.models import Partner
from samtrygg.walks.models import (
    FindingCategory,
    FindingOwner,
    FindingStatus,
    Light,
    ParticipantGroup,
    SafetyWalk,
    TimeOfDay,
    Weather,
)
from samtrygg.walks.services import FindingInput, WalkInput

MAX_ROUTE_JSON = 100_000


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


def parse_route(text: str) -> list[Any]:
    """The route field holds the drawn line as JSON ``[[lon, lat], …]``."""
    text = (text or "").strip()
    if not text:
        return []
    if len(text) > MAX_ROUTE_JSON:
        raise forms.ValidationError(_("The route has too many points."))
    try:
        route = json.loads(text)
    except ValueError:
        raise forms.ValidationError(_("The route could not be read; draw it again.")) from None
    if not isinstance(route, list):
        raise forms.ValidationError(_("The route could not be read; draw it again."))
    return route


class WalkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    area = AreaChoiceField(label=_("Area"), queryset=areas())
    walk_date = date_field(_("Date of the walk"))
    time_of_day = forms.ChoiceField(label=_("Time of day"), choices=TimeOfDay.choices)
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    weather = forms.ChoiceField(label=_("Weather"), choices=_blank(Weather.choices), required=False)
    light = forms.ChoiceField(label=_("Light"), choices=_blank(Light.choices), required=False)
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"), queryset=organisations(), required=False
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Participating partners"), queryset=Partner.objects.order_by("name"), required=False
    )
    predecessor = forms.ModelChoiceField(
        label=_("Repeats the walk"),
        queryset=SafetyWalk.objects.order_by("-walk_date"),
        required=False,
        help_text=_("For a repeat walk: the earlier walk whose findings are re-checked."),
    )
    route = forms.CharField(
        label=_("Route"),
        required=False,
        widget=forms.HiddenInput(attrs={"data-route-input": ""}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in ParticipantGroup:
            self.fields[f"participants_{group.value}"] = forms.IntegerField(
                label=group.label,
                min_value=0,
                max_value=10_000,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def participant_fields(self) -> list[Any]:
        return [self[f"participants_{g.value}"] for g in ParticipantGroup]

    def clean_route(self) -> list[Any]:
        return parse_route(self.cleaned_data.get("route", ""))

    def to_input(self) -> WalkInput:
        data = self.cleaned_data
        return WalkInput(
            title=data["title"],
            area=data["area"],
            walk_date=data["walk_date"],
            time_of_day=data["time_of_day"],
            start_time=data.get("start_time"),
            weather=data.get("weather", ""),
            light=data.get("light", ""),
            route=data.get("route") or [],
            organisers=list(data.get("organisers") or []),
            partners=list(data.get("partners") or []),
            participants={
                g.value: data.get(f"participants_{g.value}") or 0 for g in ParticipantGroup
            },
            predecessor=data.get("predecessor"),
        )

    @staticmethod
    def initial_for(walk: SafetyWalk) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": walk.title,
            "area": walk.area_id,
            "walk_date": walk.walk_date,
            "time_of_day": walk.time_of_day,
            "start_time": walk.start_time,
            "weather": walk.weather,
            "light": walk.light,
            "organisers": list(walk.organisers.all()),
            "partners": list(walk.partners.all()),
            "predecessor": walk.predecessor_id,
            "route": json.dumps(walk.route) if walk.route else "",
        }
        for p in walk.participants.all():
            initial[f"participants_{p.group}"] = p.count
        return initial


class StepForm(forms.Form):
    on = date_field(_("Date"))
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def active_owners() -> Any:
    return FindingOwner.objects.filter(is_active=True).order_by("name")


class FindingForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=_blank(FindingCategory.choices))
    address = forms.CharField(
        label=_("Address or place"),
        max_length=300,
        required=False,
        help_text=_("Or place the finding on the map."),
    )
    lon = forms.FloatField(required=False, widget=forms.HiddenInput(attrs={"data-lon": ""}))
    lat = forms.FloatField(required=False, widget=forms.HiddenInput(attrs={"data-lat": ""}))
    cause = forms.CharField(
        label=_("Physical cause"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is wrong at the place, e.g. “the lamp at the underpass is broken”."),
    )
    proposal = forms.CharField(
        label=_("Proposal"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = OwnerChoiceField(label=_("Responsible owner"), queryset=active_owners())
    due_date = date_field(_("Due date"), required=False)
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("The position and camera data are removed from the photo."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def to_input(self, area: Any) -> FindingInput:
        data = self.cleaned_data
        return FindingInput(
            area=area,
            category=data["category"],
            cause=data["cause"],
            owner=data["owner"],
            proposal=data.get("proposal", ""),
            lon=data.get("lon"),
            lat=data.get("lat"),
            address=data.get("address", ""),
            due_date=data.get("due_date"),
        )

    @staticmethod
    def initial_for(finding: Any) -> dict[str, Any]:
        return {
            "category": finding.category,
            "address": finding.address,
            "lon": finding.lon,
            "lat": finding.lat,
            "cause": finding.cause,
            "proposal": finding.proposal,
            "owner": finding.owner_id,
            "due_date": finding.due_date,
        }


ACTIONS = {
    "accept": FindingStatus.ACCEPTED,
    "start": FindingStatus.IN_PROGRESS,
    "fix": FindingStatus.FIXED,
    "decline": FindingStatus.DECLINED,
}


class FindingActionForm(forms.Form):
    """What the owner does with a finding; the buttons say which action."""

    action = forms.ChoiceField(
        choices=[(a, a) for a in (*ACTIONS, "transfer")], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    declined_reason = forms.CharField(
        label=_("Reason for declining (published)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_date = date_field(_("We will fix it by"), required=False)
    to_owner = OwnerChoiceField(label=_("Transfer to"), queryset=active_owners(), required=False)


class RecheckForm(forms.Form):
    walk = forms.ModelChoiceField(
        label=_("Re-checked at the walk"), queryset=SafetyWalk.objects.none()
    )
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[("confirmed", _("Confirmed fixed")), ("reopened", _("Reopened"))],
    )
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, walks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["walk"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = walks


class PhotoForm(forms.Form):
    photo = forms.ImageField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class OwnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (members log in to act)"), queryset=organisations(), required=False
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Gets the findings and reminders with a personal link (no log-in needed)."),
    )
    private = forms.BooleanField(
        label=_("Private owner (a person or their property; not named in public)"), required=False
    )
