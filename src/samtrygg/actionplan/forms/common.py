"""Form pieces shared by the action-plan forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        help_text=help_text,
    )


def organisations(kind: str | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(is_active=True).order_by("name")
    return qs.filter(kind=kind) if kind else qs


def areas() -> QuerySet[Area]:
    return Area.objects.only("id", "name", "code", "kind").order_by("kind", "name")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"
