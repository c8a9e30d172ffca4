"""What the lägesbild workflow's writes share: refusals, the event record, the content
hash and the report's picture parameters and data scope.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import permissions_for
from samtrygg.picture.data import ALL_CLASSIFICATIONS, OPEN_AND_INTERNAL, DataScope
from samtrygg.picture.params import PictureParams
from samtrygg.situation.models import (
    EventOutcome,
    ReportEvent,
    SectionKind,
    Signature,
    SituationReport,
)

T = TypeVar("T")


class SigningRefused(ServiceError):
    """The signature was refused; the message says why."""


class PublishingRefused(ServiceError):
    """Publishing (or withdrawing) was refused; the message says why."""


def event_record(
    report: SituationReport,
    *,
    user: Any,
    action: str,
    outcome: str = EventOutcome.DONE,
    message: str = "",
    version_number: int | None = None,
) -> ReportEvent:
    authenticated = getattr(user, "is_authenticated", False)
    return ReportEvent.objects.create(
        report=report,
        user=user if authenticated else None,
        username=getattr(user, "username", "") or "anonymous",
        action=action,
        outcome=outcome,
        message=message[:500],
        version_number=version_number,
    )


def recorded_attempt(report: SituationReport, user: Any, action: str, work: Callable[[], T]) -> T:
    """Run ``work`` in a transaction; a refusal is recorded (outside it) and re-raised."""
    try:
        with transaction.atomic():
            return work()
    except (ServiceError, PermissionDenied, ValidationError) as exc:
        message = str(exc) or _("not permitted")
        if isinstance(exc, ValidationError):
            message = "; ".join(exc.messages)
        event_record(
            report, user=user, action=action, outcome=EventOutcome.REFUSED, message=message
        )
        raise


def report_params(report: SituationReport) -> PictureParams:
    return PictureParams(
        report.period_kind,
        report.period_start,
        report.period_end,
        tuple(report.areas.values_list("pk", flat=True)),
        tuple(report.category_codes or ()),
    )


def report_scope(report: SituationReport, *, acting_user: Any) -> DataScope:
    """Whose data the report's figures come from (see the package docstring)."""
    if report.include_restricted:
        releaser = report.restricted_released_by
        if releaser is None or not permissions_for(releaser).police_data:
            raise ServiceError(
                _(
                    "Police-only data was included by someone who no longer may read it. "
                    "Switch it off, or let a user with police data switch it on again."
                )
            )
        return DataScope(user=releaser, classifications=ALL_CLASSIFICATIONS, label="report")
    return DataScope(user=acting_user, classifications=OPEN_AND_INTERNAL, label="report")


def content_hash(report: SituationReport) -> str:
    sections = dict(report.sections.values_list("kind", "body"))
    payload = {
        "title": report.title,
        "period": [report.period_kind, str(report.period_start), str(report.period_end)],
        "areas": sorted(report.areas.values_list("pk", flat=True)),
        "categories": sorted(report.category_codes or []),
        "include_restricted": report.include_restricted,
        "sections": {k: sections.get(k, "") for k in SectionKind.values},
        "figures": report.figures,
        "public": report.public_figures,
    }
    raw = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def valid_signatures(report: SituationReport) -> list[Signature]:
    """Signatures that count for the report's current content."""
    return [
        s
        for s in report.signatures.filter(version__isnull=True, invalidated_at__isnull=True)
        .select_related("user", "organisation")
        .order_by("signed_at")
        if s.content_hash == report.content_hash
    ]


def content_changed(report: SituationReport, *, user: Any, reason: str) -> None:
    """Recompute the hash; void signatures given for other content."""
    report.content_hash = content_hash(report)
    report.save(update_fields=["content_hash", "updated_at"])
    stale = report.signatures.filter(version__isnull=True, invalidated_at__isnull=True).exclude(
        content_hash=report.content_hash
    )
    for signature in stale:
        signature.invalidated_at = timezone.now()
        signature.invalidated_reason = reason[:200]
        signature.save(update_fields=["invalidated_at", "invalidated_reason"])
