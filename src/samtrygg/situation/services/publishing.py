"""Publishing a signed report as a frozen version, and withdrawing versions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.core.permissions import require_capability, require_view
from samtrygg.situation import notifications
from samtrygg.situation.models import (
    EventOutcome,
    ReportAction,
    ReportStatus,
    SectionKind,
    Signature,
    SignatureSide,
    SituationReport,
    SituationVersion,
    VersionAsset,
    VersionWithdrawal,
)
from samtrygg.situation.services.common import (
    PublishingRefused,
    content_hash,
    event_record,
    recorded_attempt,
    report_params,
    valid_signatures,
)


def _signature_record(s: Signature) -> dict[str, Any]:
    return {
        "side": s.side,
        "username": s.user.username,
        "name": s.user.get_full_name() or s.user.username,
        "title": getattr(s.user, "title", ""),
        "organisation": s.organisation.name,
        "role": s.role,
        "signed_at": s.signed_at.isoformat(timespec="seconds"),
        "content_hash": s.content_hash,
    }


def report_publish(*, actor: Any, report: SituationReport) -> SituationVersion:
    """Review → published: freeze a numbered version (needs both signatures)."""

    def work() -> SituationVersion:
        require_capability(actor, "situation.edit")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.REVIEW:
            raise PublishingRefused(_("Only a report in review can be published."))
        if locked.figures is None or locked.public_figures is None:
            raise PublishingRefused(_("The report has no frozen figures."))
        if content_hash(locked) != locked.content_hash:
            raise PublishingRefused(_("The report changed; it must be signed again."))
        signatures = valid_signatures(locked)
        sides = {s.side for s in signatures}
        if not sides:
            raise PublishingRefused(
                _("Publishing needs a signature for the municipality and one for the police.")
            )
        if SignatureSide.POLICE not in sides:
            raise PublishingRefused(_("Publishing needs a signature for the police."))
        if SignatureSide.MUNICIPALITY not in sides:
            raise PublishingRefused(_("Publishing needs a signature for the municipality."))
        if len({s.user_id for s in signatures}) < 2:  # pragma: no cover - refused at signing
            raise PublishingRefused(_("The two signatures must come from two people."))
        number = (
            locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        sections = dict(locked.sections.values_list("kind", "body"))
        params = report_params(locked)
        # Frozen words are in the municipality's language, whoever publishes.
        with translation.override(settings.LANGUAGE_CODE):
            label = params.label
        version = SituationVersion.objects.create(
            report=locked,
            number=number,
            published_by=actor,
            title=locked.title,
            period_kind=locked.period_kind,
            period_start=locked.period_start,
            period_end=locked.period_end,
            parameters=params.as_dict()
            | {
                "label": label,
                "areas": list(locked.areas.order_by("name").values("id", "code", "name")),
            },
            figures=locked.figures,
            public=locked.public_figures,
            sections={k: sections.get(k, "") for k in SectionKind.values},
            signatures=[_signature_record(s) for s in signatures],
            data_scope=locked.figures_scope or {},
            content_hash=locked.content_hash,
        )
        from samtrygg.situation.maps import render_assets

        for name, (content_type, data) in render_assets(version.picture).items():
            VersionAsset.objects.create(
                version=version, name=name, content_type=content_type, data=data
            )
        for s in signatures:
            s.version = version
            s.save(update_fields=["version"])
        locked.status = ReportStatus.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
        event_record(locked, user=actor, action=ReportAction.PUBLISH, version_number=number)
        notifications.version_published(version)
        return version

    return recorded_attempt(report, actor, ReportAction.PUBLISH, work)


def version_withdraw(*, actor: Any, version: SituationVersion, reason: str) -> VersionWithdrawal:
    """Take a published version out of the public picture (the version is unchanged)."""

    def work() -> VersionWithdrawal:
        require_capability(actor, "situation.withdraw")
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Say why the version is withdrawn.")})
        if VersionWithdrawal.objects.filter(version=version).exists():
            raise PublishingRefused(_("This version is already withdrawn."))
        withdrawal = VersionWithdrawal.objects.create(
            version=version, by=actor, reason=reason.strip()[:500]
        )
        event_record(
            version.report,
            user=actor,
            action=ReportAction.WITHDRAW,
            message=reason.strip(),
            version_number=version.number,
        )
        return withdrawal

    return recorded_attempt(version.report, actor, ReportAction.WITHDRAW, work)


def version_unpublish_refuse(*, actor: Any, version: SituationVersion) -> None:
    """A published version is never deleted or changed: record the attempt and refuse."""
    require_view(actor, version)
    event_record(
        version.report,
        user=actor,
        action=ReportAction.WITHDRAW,
        outcome=EventOutcome.REFUSED,
        message=_("A published version cannot be deleted or changed."),
        version_number=version.number,
    )
    raise PublishingRefused(_("A published version cannot be deleted or changed."))
