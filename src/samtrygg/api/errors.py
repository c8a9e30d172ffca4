"""The API's exception handler: a number out of the database's range in a query is the
client's mistake (400 with a message), not a server error.

A filter such as ``?area=1e300`` or ``?meeting=9223372036854775808`` reaches the database
as a number it cannot hold: SQLite raises OverflowError, PostgreSQL a DataError. Text
holding a NUL character (``\x00``) cannot be stored or compared by PostgreSQL (its driver
refuses it with a DataError, or a ValueError in older versions), so that is the client's
mistake too. Every other
exception is left to DRF.
"""

from __future__ import annotations

from typing import Any

from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    reading = request is not None and request.method in ("GET", "HEAD", "OPTIONS")
    if isinstance(exc, ValueError | DataError) and "NUL (0x00)" in str(exc):
        return Response(
            {"detail": _("Text in the request may not contain a NUL character.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, OverflowError) or (reading and isinstance(exc, DataError)):
        return Response(
            {"detail": _("A number in the request is out of range.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)
