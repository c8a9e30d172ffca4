"""The API's JSON parser: body size and nesting depth limited (413 / 400, never a 500)."""

from __future__ import annotations

import codecs
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

from samtrygg.core.jsonlimits import JSONTooDeep, loads


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(
                _("The request body is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
            )
        try:
            text = codecs.decode(raw, encoding)
            return loads(text, max_depth=settings.JSON_MAX_DEPTH)
        except JSONTooDeep:
            raise ParseError(
                _("JSON nested deeper than %(depth)d levels.") % {"depth": settings.JSON_MAX_DEPTH}
            ) from None
        except ValueError as exc:
            raise ParseError(_("JSON parse error: %(error)s") % {"error": exc}) from None
