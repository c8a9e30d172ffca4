"""Review comments and the EST weekly note."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import permissions_for, require_capability
from samtrygg.situation.models import (
    ReportStatus,
    ReviewComment,
    SectionKind,
    SituationReport,
    WeeklyNote,
)

COMMENT_MAX = 5_000
NOTE_MAX = 5_000


def comment_create(*, user: Any, report: SituationReport, section: str, body: str) -> ReviewComment:
    require_capability(user, "situation.review")
    body = (body or "").strip()
    errors = {}
    if not body:
        errors["body"] = _("Write a comment.")
    elif len(body) > COMMENT_MAX:
        errors["body"] = _("At most %(n)d characters.") % {"n": COMMENT_MAX}
    if section and section not in SectionKind.values:
        errors["section"] = _("Unknown section.")
    if report.status not in (ReportStatus.DRAFT, ReportStatus.REVIEW):
        errors["body"] = _("A published report takes no comments; edit it to start a new version.")
    if errors:
        raise ValidationError(errors)
    return ReviewComment.objects.create(report=report, section=section, author=user, body=body)


def comment_resolve(*, user: Any, comment: ReviewComment) -> ReviewComment:
    perms = permissions_for(user)
    if not (perms.can("situation.edit") or comment.author_id == getattr(user, "pk", None)):
        raise PermissionDenied
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = user
        comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return comment


def weekly_note_save(*, user: Any, week_start: dt.date, body: str) -> WeeklyNote:
    require_capability(user, "situation.note")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the note.")})
    if len(body) > NOTE_MAX:
        raise ValidationError({"body": _("At most %(n)d characters.") % {"n": NOTE_MAX}})
    monday = week_start - dt.timedelta(days=week_start.weekday())
    note, created = WeeklyNote.objects.get_or_create(
        week_start=monday, defaults={"body": body, "author": user, "updated_by": user}
    )
    if not created and note.body != body:
        note.body = body
        note.updated_by = user
        note.save(update_fields=["body", "updated_by", "updated_at"])
    return note
