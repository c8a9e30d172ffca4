"""Review comments and the EST weekly note."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import require_capability
from samtrygg.situation.models import (
    ReportStatus,
    ReviewComment,
    SectionKind,
    SituationReport,
    WeeklyNote,
)

COMMENT_MAX = 5_000
NOTE_MAX = 5_000


def comment_create(
    *, actor: Any, report: SituationReport, section: str, body: str
) -> ReviewComment:
    require_capability(actor, "situation.review")
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
    return ReviewComment.objects.create(report=report, section=section, author=actor, body=body)


def comment_resolve(*, actor: Any, comment: ReviewComment) -> ReviewComment:
    """The comment's author, or anyone who edits reports, marks it resolved."""
    if comment.author_id != getattr(actor, "pk", None):
        require_capability(actor, "situation.edit")
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = actor
        comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return comment


def weekly_note_save(*, actor: Any, week_start: dt.date, body: str) -> WeeklyNote:
    require_capability(actor, "situation.note")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the note.")})
    if len(body) > NOTE_MAX:
        raise ValidationError({"body": _("At most %(n)d characters.") % {"n": NOTE_MAX}})
    monday = week_start - dt.timedelta(days=week_start.weekday())
    note, created = WeeklyNote.objects.get_or_create(
        week_start=monday, defaults={"body": body, "author": actor, "updated_by": actor}
    )
    if not created and note.body != body:
        note.body = body
        note.updated_by = actor
        note.save(update_fields=["body", "updated_by", "updated_at"])
    return note
