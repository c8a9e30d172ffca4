"""Content negotiation: ``?format=`` with a value no renderer has is a 400 naming it.

DRF answers an unknown ``?format=`` with a 404, as if the resource did not exist; a bad
query parameter is the client's mistake, so it is a 400 like every other bad value. A
format suffix in the path (``/api/v1/areas.xyz``) is still a 404: that address does not
exist.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(
        self, request: Request, renderers: Any, format_suffix: str | None = None
    ) -> Any:
        name = self.settings.URL_FORMAT_OVERRIDE
        requested = request.query_params.get(name) if name else None
        if not format_suffix and requested:
            known = sorted({renderer.format for renderer in renderers})
            if requested not in known:
                raise ValidationError(
                    {
                        name: [
                            _("Unknown format; use one of: %(formats)s.")
                            % {"formats": ", ".join(known)}
                        ]
                    }
                )
        return super().select_renderer(request, renderers, format_suffix)
