"""Pages of API lists: ``limit`` and ``offset`` validated, ``limit`` capped.

DRF's LimitOffsetPagination quietly falls back to defaults on junk and turns a huge limit
into a database error; here a value that is not a whole number in range is a 400 naming the
parameter, and ``limit`` may not exceed API_MAX_PAGE_SIZE (default 1,000).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

# Offsets past this are refused: no list is that long, and the database needs a bound.
MAX_OFFSET = 10**9


def _whole_number(request: Request, name: str, *, minimum: int, maximum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError(
            {
                name: [
                    _("Must be a whole number from %(min)d to %(max)d.")
                    % {"min": minimum, "max": maximum}
                ]
            }
        )
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ValidationError(
            {
                name: [
                    _("Must be a whole number from %(min)d to %(max)d.")
                    % {"min": minimum, "max": maximum}
                ]
            }
        )
    return value


class ValidatedLimitOffsetPagination(LimitOffsetPagination):
    @property
    def max_limit(self) -> int:  # type: ignore[override]
        return settings.API_MAX_PAGE_SIZE

    def get_limit(self, request: Request) -> int | None:
        limit = _whole_number(request, self.limit_query_param, minimum=1, maximum=self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request: Request) -> int:
        offset = _whole_number(request, self.offset_query_param, minimum=0, maximum=MAX_OFFSET)
        return offset or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_limit})
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"].update({"minimum": 0, "maximum": MAX_OFFSET})
        return parameters
