"""Helpers shared by the action-plan services."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samtrygg.actionplan.models import Intervention
from samtrygg.actionplan.rules import can_write_progress
from samtrygg.core.permissions import Actor, require_signed_in

DOCUMENT_EXTENSIONS = frozenset({"pdf", "docx", "doc", "odt", "rtf", "txt"})
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def check_document(upload: UploadedFile | None, field: str = "document") -> None:
    """Refuse a document of the wrong type, empty or too large (the field is named)."""
    if upload is None:
        return
    name = PurePath(upload.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            {
                field: _("Files of type %(ext)s are not accepted. Accepted: %(list)s.")
                % {"ext": extension or "?", "list": ", ".join(sorted(DOCUMENT_EXTENSIONS))}
            }
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError({field: _("The file is empty.")})
    if size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            {field: _("The file is larger than %(mb)s MB.") % {"mb": DOCUMENT_MAX_BYTES >> 20}}
        )


def clean_text(value: Any) -> str:
    return str(value or "").strip()


def check_period(start: Any, end: Any, *, end_field: str = "period_end") -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({end_field: _("The end comes before the start.")})


def require_progress_writer(actor: Actor, intervention: Intervention) -> None:
    """Progress notes on an intervention: coordinators, analysts and the members of the
    responsible organisation (``rules.can_write_progress``)."""
    perms = require_signed_in(actor)
    if not can_write_progress(perms, intervention):
        raise PermissionDenied("progress")
