"""The API's list filters (django-filter) read their values strictly: a bad value is a 400
naming the parameter, never silently ignored, and an id that matches nothing finds nothing.

django-filter's defaults fall short of that in two ways. A boolean such as
``?is_active=maybe`` is read as "no filter", so the client gets every row and no word. A
foreign key (``?meeting=7``) is checked against every row of the table, so an id that does
not exist, or that the user may not see, is a 400 "not one of the available choices": the
answer then tells an outsider which ids exist. Here a boolean is ``true``/``false`` (or
``1``/``0``, ``yes``/``no``, ``on``/``off``), anything else a 400, and a foreign key is a
whole number from 1 that filters the rows the user may see (none when it matches nothing).
An empty value (``?is_active=``) means the filter is not used, as for every parameter.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as RestFilterSet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from samtrygg.core.text import parse_boolean

#: The largest id a database key holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class StrictBooleanField(forms.Field):
    default_error_messages = {"invalid": _("Must be true or false.")}

    def to_python(self, value: Any) -> bool | None:
        try:
            return parse_boolean(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A foreign key by id: a whole number from 1; no match is an empty list, not a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class FilterSet(RestFilterSet):
    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
    }


class FilterBackend(DjangoFilterBackend):
    """The default filter backend (REST_FRAMEWORK in settings): lists declared with
    ``filterset_fields`` get the strict filters above."""

    filterset_base = FilterSet
