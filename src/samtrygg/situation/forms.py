"""Forms of the situation pages: they parse and validate; services decide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samtrygg.areas.models import Area, AreaKind
from samtrygg.incidents.dataversion import data_version
from samtrygg.incidents.models import Category
from samtrygg.picture.params import (
    ParamError,
    PictureParams,
    last_full_period,
    period_containing,
)
from samtrygg.situation.models import PeriodKind, SectionKind, SignatureSide

CHOICES_SECONDS = 3600


def _choices(
    name: str, read: Callable[[], list[tuple[Any, str]]], version: str
) -> list[tuple[Any, str]]:
    """Areas and categories as choices, read again only when the data version changes
    (any write to areas or categories bumps it) and per language (the labels are words).
    ``version`` is read before the choices, so they are never older than their key."""
    key = f"situation:choices:{name}:{version}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, CHOICES_SECONDS)
    return found  # type: ignore[no-any-return]


def _read_area_choices() -> list[tuple[Any, str]]:
    # Three columns only: a whole area row carries its GeoJSON outline.
    rows = Area.objects.order_by("kind", "name").values_list("pk", "name", "kind")
    kinds = dict(AreaKind.choices)
    return [(pk, f"{name} ({kinds.get(kind, kind)})") for pk, name, kind in rows]


def _read_category_choices() -> list[tuple[Any, str]]:
    return [
        (c.code, c.name)
        for c in Category.objects.order_by("order", "code").only("code", "name_sv", "name_en")
    ]


def _area_choices(version: str) -> list[tuple[Any, str]]:
    return _choices("areas", _read_area_choices, version)


def _category_choices(version: str) -> list[tuple[Any, str]]:
    return _choices("categories", _read_category_choices, version)


class PictureFilterForm(forms.Form):
    """The dashboard's filters (GET)."""

    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, initial="month")
    at = forms.DateField(
        label=_("A day in the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the latest complete period."),
    )
    start = forms.DateField(
        label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    area = forms.TypedMultipleChoiceField(
        label=_("Areas"), required=False, coerce=int, help_text=_("None: the whole municipality.")
    )
    category = forms.MultipleChoiceField(
        label=_("Categories"), required=False, help_text=_("None: every category.")
    )

    def __init__(
        self,
        *args: Any,
        today: dt.date,
        span: tuple[dt.date, dt.date] | None = None,
        version: str | None = None,
        **kwargs: Any,
    ) -> None:
        """``span``: the data's first and last day (``picture.data.data_span``); periods
        are offered between them and never after ``today``. ``version``: the data version
        the request read first (``incidents.dataversion``), else read here."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.first: dt.date | None = span[0] if span else None
        self.last: dt.date = span[1] if span else today
        bounds = {"max": self.last.isoformat()}
        if self.first is not None:
            bounds["min"] = self.first.isoformat()
        for name in ("at", "start", "end"):
            self.fields[name].widget.attrs.update(bounds)
        version = data_version() if version is None else version
        cast(forms.ChoiceField, self.fields["area"]).choices = _area_choices(version)
        cast(forms.ChoiceField, self.fields["category"]).choices = _category_choices(version)

    def _check_within(self, field: str, day: dt.date) -> None:
        """A day outside the data (or after today) shows nothing but empty periods."""
        if day > self.last or (self.first is not None and day < self.first):
            if self.first is None:
                message = _("Choose a day no later than %(last)s.") % {
                    "last": self.last.isoformat()
                }
            else:
                message = _(
                    "The data run from %(first)s to %(last)s: choose a day between them."
                ) % {"first": self.first.isoformat(), "last": self.last.isoformat()}
            raise ParamError(field, str(message))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("period") or "month"
        try:
            if kind == "custom":
                if not data.get("start") or not data.get("end"):
                    raise ParamError(
                        "start", str(_("A custom period needs a first and a last day."))
                    )
                self._check_within("start", data["start"])
                self._check_within("end", data["end"])
                params = PictureParams("custom", data["start"], data["end"])
            else:
                day = data.get("at")
                if day is None:
                    start, end = last_full_period(kind, self.today)
                else:
                    self._check_within("at", day)
                    start, end = period_containing(kind, day)
                params = PictureParams(kind, start, end)
        except ParamError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return data
        data["params"] = PictureParams(
            params.period_kind,
            params.start,
            params.end,
            tuple(data.get("area") or ()),
            tuple(data.get("category") or ()),
        )
        return data


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    period_start = forms.DateField(
        label=_("First day (or any day in the period)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_end = forms.DateField(
        label=_("Last day (custom period only)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    areas = forms.TypedMultipleChoiceField(
        label=_("Areas"), required=False, coerce=int, help_text=_("None: the whole municipality.")
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"), required=False, help_text=_("None: every category.")
    )
    include_restricted = forms.BooleanField(
        label=_("Include police-only incidents"),
        required=False,
        help_text=_(
            "Only the police and analysts granted police data may switch this on. Their "
            "decision releases the aggregates — never the rows — to the report's readers; "
            "the public picture never uses police-only incidents."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = data_version()
        cast(forms.ChoiceField, self.fields["areas"]).choices = _area_choices(version)
        cast(forms.ChoiceField, self.fields["categories"]).choices = _category_choices(version)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, start = data.get("period_kind"), data.get("period_start")
        if kind and start and kind != PeriodKind.CUSTOM:
            data["period_start"], data["period_end"] = period_containing(kind, start)
        elif kind == PeriodKind.CUSTOM and not data.get("period_end"):
            self.add_error("period_end", _("A custom period needs a last day."))
        return data


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Section"),
        required=False,
        choices=[("", _("The whole report")), *SectionKind.choices],
    )
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class SignForm(forms.Form):
    side = forms.ChoiceField(label=_("Sign for"), choices=SignatureSide.choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    week = forms.DateField(widget=forms.HiddenInput)
    body = forms.CharField(label=_("Meeting note"), widget=forms.Textarea(attrs={"rows": 6}))
