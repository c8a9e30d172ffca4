"""Writes of the lägesbild workflow: draft → review → published, and the frozen versions.

Rules (documented in docs/situation.md):

* Coordinators and analysts create and edit reports. Editing a report in review changes
  its content hash, so earlier signatures no longer count (they are marked invalid with
  the reason); editing a published report starts the draft of its next version.
* Sending to review needs text in the survey, analysis, prioritised problems and sources
  sections, and freezes the figures (and the public figures) that will be signed.
* Two signatures publish: one for the municipality (a coordinator or analyst of a
  municipal office or unit) and one for the police (a police officer or analyst of a
  police organisation). One person never signs twice — not for both sides, not twice for
  one side. A signature is of the content as it was (its hash); any later change voids it.
* Publishing (by a coordinator or analyst) freezes a numbered ``SituationVersion``.
  Versions never change; a coordinator may withdraw one from the public picture.
* Signing, publishing and withdrawing — done or refused — are recorded as
  ``ReportEvent`` rows (part of the audit trail, with the reason for a refusal).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Membership, OrganisationKind
from samtrygg.areas.models import Area
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.models import Category
from samtrygg.situation.models import (
    REQUIRED_SECTIONS,
    EventOutcome,
    ReportAction,
    ReportEvent,
    ReportSection,
    ReportStatus,
    ReviewComment,
    SectionKind,
    Signature,
    SignatureSide,
    SituationReport,
    SituationVersion,
    VersionAsset,
    VersionWithdrawal,
    WeeklyNote,
)
from samtrygg.situation.picture.data import ALL_CLASSIFICATIONS, OPEN_AND_INTERNAL, DataScope
from samtrygg.situation.picture.params import PERIOD_KINDS, ParamError, PictureParams

T = TypeVar("T")

TITLE_MAX = 200
SECTION_MAX = 50_000
COMMENT_MAX = 5_000
NOTE_MAX = 5_000
MUNICIPAL_KINDS = (OrganisationKind.MUNICIPAL_OFFICE, OrganisationKind.MUNICIPAL_UNIT)
SIDE_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    SignatureSide.MUNICIPALITY: (("coordinator", "analyst"), tuple(MUNICIPAL_KINDS)),
    SignatureSide.POLICE: (("police", "analyst"), (OrganisationKind.POLICE,)),
}


class SigningRefused(ServiceError):
    """The signature was refused; the message says why."""


class PublishingRefused(ServiceError):
    """Publishing (or withdrawing) was refused; the message says why."""


# --- helpers ------------------------------------------------------------------------------


def _record(
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


def _attempt(report: SituationReport, user: Any, action: str, work: Callable[[], T]) -> T:
    """Run ``work`` in a transaction; a refusal is recorded (outside it) and re-raised."""
    try:
        with transaction.atomic():
            return work()
    except (ServiceError, PermissionDenied, ValidationError) as exc:
        message = str(exc) or _("not permitted")
        if isinstance(exc, ValidationError):
            message = "; ".join(exc.messages)
        _record(report, user=user, action=action, outcome=EventOutcome.REFUSED, message=message)
        raise


def _require(user: Any, capability: str) -> None:
    if not permissions_for(user).can(capability):
        raise PermissionDenied(capability)


def report_params(report: SituationReport) -> PictureParams:
    return PictureParams(
        report.period_kind,
        report.period_start,
        report.period_end,
        tuple(report.areas.values_list("pk", flat=True)),
        tuple(report.category_codes or ()),
    )


def report_scope(report: SituationReport, *, acting_user: Any) -> DataScope:
    """Whose data the report's figures come from (see the module docstring)."""
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


def _content_changed(report: SituationReport, *, user: Any, reason: str) -> None:
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


def _validate(
    *,
    title: str,
    period_kind: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    area_ids: Iterable[int],
    category_codes: Iterable[str],
) -> tuple[str, list[int], list[str]]:
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Give the report a title."))
    elif len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(_("At most %(n)d characters.") % {"n": TITLE_MAX})
    if period_kind not in PERIOD_KINDS:
        errors.setdefault("period_kind", []).append(_("Choose a period."))
    if period_start is None:
        errors.setdefault("period_start", []).append(_("Give the first day."))
    if period_end is None:
        errors.setdefault("period_end", []).append(_("Give the last day."))
    if period_start and period_end and period_kind in PERIOD_KINDS:
        try:
            PictureParams(period_kind, period_start, period_end)
        except ParamError as exc:
            errors.setdefault("period_end", []).append(exc.message)
    ids = sorted({int(a) for a in area_ids})
    known = set(Area.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if set(ids) - known:
        errors.setdefault("areas", []).append(_("Unknown area."))
    codes = sorted({str(c) for c in category_codes})
    known_codes = set(Category.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known_codes]
    if unknown:
        errors.setdefault("categories", []).append(
            _("Unknown category: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    if errors:
        raise ValidationError(errors)
    return title, ids, codes


def _check_restricted(user: Any, report: SituationReport | None, include: bool) -> None:
    already = bool(report and report.include_restricted)
    if include and not already and not permissions_for(user).police_data:
        raise ValidationError(
            {
                "include_restricted": _(
                    "Only the police and analysts granted police data may include police-only "
                    "incidents."
                )
            }
        )


# --- reports ------------------------------------------------------------------------------


def report_create(
    *,
    user: Any,
    title: str,
    period_kind: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    area_ids: Iterable[int] = (),
    category_codes: Iterable[str] = (),
    include_restricted: bool = False,
    sections: dict[str, str] | None = None,
) -> SituationReport:
    _require(user, "situation.edit")
    title, ids, codes = _validate(
        title=title,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        area_ids=area_ids,
        category_codes=category_codes,
    )
    _check_restricted(user, None, include_restricted)
    assert period_start is not None and period_end is not None  # validated above
    for kind, body in (sections or {}).items():
        _check_section(kind, body)
    with transaction.atomic():
        report = SituationReport.objects.create(
            title=title,
            period_kind=period_kind,
            period_start=period_start,
            period_end=period_end,
            category_codes=codes,
            include_restricted=include_restricted,
            restricted_released_by=user if include_restricted else None,
            created_by=user,
        )
        report.areas.set(ids)
        for kind in SectionKind.values:
            ReportSection.objects.create(
                report=report, kind=kind, body=(sections or {}).get(kind, ""), updated_by=user
            )
        report.content_hash = content_hash(report)
        report.save(update_fields=["content_hash"])
        _record(report, user=user, action=ReportAction.CREATE)
    return report


def _reopen_if_published(report: SituationReport, user: Any) -> None:
    if report.status == ReportStatus.PUBLISHED:
        report.status = ReportStatus.DRAFT
        report.figures = None
        report.public_figures = None
        report.figures_computed_at = None
        report.figures_scope = None
        report.save()
        _record(report, user=user, action=ReportAction.REOPEN)


def report_update(
    *,
    user: Any,
    report: SituationReport,
    title: str,
    period_kind: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    area_ids: Iterable[int] = (),
    category_codes: Iterable[str] = (),
    include_restricted: bool = False,
) -> SituationReport:
    """Change the parameters. In review the figures are recomputed and signatures voided;
    a published report starts its next version."""
    _require(user, "situation.edit")
    title, ids, codes = _validate(
        title=title,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        area_ids=area_ids,
        category_codes=category_codes,
    )
    _check_restricted(user, report, include_restricted)
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().get(pk=report.pk)
        _reopen_if_published(report, user)
        changed_scope = (
            report.period_kind != period_kind
            or report.period_start != period_start
            or report.period_end != period_end
            or sorted(report.areas.values_list("pk", flat=True)) != ids
            or sorted(report.category_codes or []) != codes
            or report.include_restricted != include_restricted
        )
        if include_restricted and not report.include_restricted:
            report.restricted_released_by = user
        if not include_restricted:
            report.restricted_released_by = None
        report.title = title
        report.period_kind = period_kind
        report.period_start = period_start  # type: ignore[assignment]
        report.period_end = period_end  # type: ignore[assignment]
        report.category_codes = codes
        report.include_restricted = include_restricted
        report.save()
        report.areas.set(ids)
        if changed_scope and report.status == ReportStatus.REVIEW:
            _freeze_figures(report, user=user)
        _content_changed(report, user=user, reason=_("The report's parameters changed."))
        _record(report, user=user, action=ReportAction.EDIT, message=_("parameters"))
    return report


def _check_section(kind: str, body: str) -> None:
    if kind not in SectionKind.values:
        raise ValidationError({"kind": _("Unknown section.")})
    if len(body or "") > SECTION_MAX:
        raise ValidationError({"body": _("At most %(n)d characters.") % {"n": SECTION_MAX}})


def report_section_update(
    *, user: Any, report: SituationReport, kind: str, body: str
) -> ReportSection:
    _require(user, "situation.edit")
    _check_section(kind, body)
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().get(pk=report.pk)
        _reopen_if_published(report, user)
        section, _created = ReportSection.objects.get_or_create(report=report, kind=kind)
        if section.body == (body or ""):
            return section
        section.body = body or ""
        section.updated_by = user
        section.save()
        label = SectionKind(kind).label
        _content_changed(
            report, user=user, reason=_("The section “%(section)s” changed.") % {"section": label}
        )
        _record(report, user=user, action=ReportAction.EDIT, message=str(label))
    return section


def _freeze_figures(report: SituationReport, *, user: Any) -> None:
    from samtrygg.public.builder import build_public_figures
    from samtrygg.situation.picture.data import public_scope
    from samtrygg.situation.picture.service import picture_for_scope

    params = report_params(report)
    scope = report_scope(report, acting_user=user)
    report.figures = picture_for_scope(params=params, scope=scope)
    public_picture = picture_for_scope(params=params, scope=public_scope(user))
    from django.conf import settings

    report.public_figures = build_public_figures(
        public_picture,
        threshold=settings.SAMTRYGG_SUPPRESSION_THRESHOLD,
        linked=[
            v.public
            for v in SituationVersion.objects.filter(withdrawal__isnull=True).only("public")
        ],
    )
    report.figures_computed_at = timezone.now()
    report.figures_scope = scope.describe() | {
        "computed_by": getattr(user, "username", ""),
        "included_by": getattr(report.restricted_released_by, "username", None),
    }
    report.save(
        update_fields=[
            "figures",
            "public_figures",
            "figures_computed_at",
            "figures_scope",
            "updated_at",
        ]
    )


def report_submit(*, user: Any, report: SituationReport) -> SituationReport:
    """Draft → review: check the sections, freeze the figures that will be signed."""

    def work() -> SituationReport:
        _require(user, "situation.edit")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.DRAFT:
            raise ServiceError(_("Only a draft can be sent to review."))
        bodies = dict(locked.sections.values_list("kind", "body"))
        missing = [k for k in REQUIRED_SECTIONS if not (bodies.get(k) or "").strip()]
        if missing:
            raise ValidationError(
                {k: _("Write this section before sending the report to review.") for k in missing}
            )
        _freeze_figures(locked, user=user)
        locked.status = ReportStatus.REVIEW
        locked.save(update_fields=["status", "updated_at"])
        _content_changed(locked, user=user, reason=_("The report was sent to review again."))
        _record(locked, user=user, action=ReportAction.SUBMIT)
        return locked

    return _attempt(report, user, ReportAction.SUBMIT, work)


def report_return_to_draft(
    *, user: Any, report: SituationReport, reason: str = ""
) -> SituationReport:
    def work() -> SituationReport:
        _require(user, "situation.edit")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.REVIEW:
            raise ServiceError(_("Only a report in review can be returned to draft."))
        locked.status = ReportStatus.DRAFT
        locked.save(update_fields=["status", "updated_at"])
        for signature in locked.signatures.filter(
            version__isnull=True, invalidated_at__isnull=True
        ):
            signature.invalidated_at = timezone.now()
            signature.invalidated_reason = _("The report was returned to draft.")
            signature.save(update_fields=["invalidated_at", "invalidated_reason"])
        _record(locked, user=user, action=ReportAction.RETURN, message=reason)
        return locked

    return _attempt(report, user, ReportAction.RETURN, work)


def report_refresh_figures(*, user: Any, report: SituationReport) -> SituationReport:
    """Recompute the frozen figures of a report in review (new incidents arrived);
    signatures of the old figures no longer count when anything changed."""

    def work() -> SituationReport:
        _require(user, "situation.edit")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.REVIEW:
            raise ServiceError(_("Figures are frozen only while the report is in review."))
        _freeze_figures(locked, user=user)
        _content_changed(locked, user=user, reason=_("The figures were recomputed."))
        _record(locked, user=user, action=ReportAction.REFRESH)
        return locked

    return _attempt(report, user, ReportAction.REFRESH, work)


def signing_capacity(user: Any, side: str) -> Membership | None:
    """The membership in which ``user`` may sign for ``side``, if any."""
    if side not in SIDE_RULES:
        return None
    roles, kinds = SIDE_RULES[side]
    return (
        Membership.objects.filter(
            user_id=user.pk,
            role__in=roles,
            organisation__kind__in=kinds,
            organisation__is_active=True,
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
        .first()
    )


def report_sign(*, user: Any, report: SituationReport, side: str) -> Signature:
    def work() -> Signature:
        _require(user, "situation.review")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.REVIEW:
            raise SigningRefused(_("Only a report in review can be signed."))
        if side not in SignatureSide.values:
            raise SigningRefused(_("Unknown side."))
        membership = signing_capacity(user, side)
        if membership is None:
            # Not a question of the report's state: this user may not sign for that side.
            if side == SignatureSide.POLICE:
                raise PermissionDenied(
                    _(
                        "Only a police officer or analyst of a police organisation may sign for "
                        "the police."
                    )
                )
            raise PermissionDenied(
                _(
                    "Only a coordinator or analyst of a municipal office or unit may sign for the "
                    "municipality."
                )
            )
        current = valid_signatures(locked)
        for signature in current:
            if signature.user_id == user.pk:
                raise SigningRefused(
                    _(
                        "You have already signed this report; the other signature must come "
                        "from someone else."
                    )
                )
            if signature.side == side:
                message = (
                    _("%(name)s has already signed for the police.")
                    if side == SignatureSide.POLICE
                    else _("%(name)s has already signed for the municipality.")
                )
                raise SigningRefused(message % {"name": signature.user})
        signature = Signature.objects.create(
            report=locked,
            side=side,
            user=user,
            organisation=membership.organisation,
            role=membership.role,
            content_hash=locked.content_hash,
        )
        _record(
            locked,
            user=user,
            action=ReportAction.SIGN,
            message=f"{signature.get_side_display()}: {membership.organisation}",
        )
        return signature

    return _attempt(report, user, ReportAction.SIGN, work)


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


def report_publish(*, user: Any, report: SituationReport) -> SituationVersion:
    """Review → published: freeze a numbered version (needs both signatures)."""

    def work() -> SituationVersion:
        _require(user, "situation.edit")
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
        version = SituationVersion.objects.create(
            report=locked,
            number=number,
            published_by=user,
            title=locked.title,
            period_kind=locked.period_kind,
            period_start=locked.period_start,
            period_end=locked.period_end,
            parameters=params.as_dict()
            | {
                "label": params.label,
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

        for name, (content_type, data) in render_assets(version.figures).items():
            VersionAsset.objects.create(
                version=version, name=name, content_type=content_type, data=data
            )
        for s in signatures:
            s.version = version
            s.save(update_fields=["version"])
        locked.status = ReportStatus.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
        _record(locked, user=user, action=ReportAction.PUBLISH, version_number=number)
        return version

    return _attempt(report, user, ReportAction.PUBLISH, work)


def version_withdraw(*, user: Any, version: SituationVersion, reason: str) -> VersionWithdrawal:
    """Take a published version out of the public picture (the version is unchanged)."""

    def work() -> VersionWithdrawal:
        _require(user, "situation.withdraw")
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Say why the version is withdrawn.")})
        if VersionWithdrawal.objects.filter(version=version).exists():
            raise PublishingRefused(_("This version is already withdrawn."))
        withdrawal = VersionWithdrawal.objects.create(
            version=version, by=user, reason=reason.strip()[:500]
        )
        _record(
            version.report,
            user=user,
            action=ReportAction.WITHDRAW,
            message=reason.strip(),
            version_number=version.number,
        )
        return withdrawal

    return _attempt(version.report, user, ReportAction.WITHDRAW, work)


def version_unpublish_refuse(*, user: Any, version: SituationVersion) -> None:
    """A published version is never deleted or changed: record the attempt and refuse."""
    _record(
        version.report,
        user=user,
        action=ReportAction.WITHDRAW,
        outcome=EventOutcome.REFUSED,
        message=_("A published version cannot be deleted or changed."),
        version_number=version.number,
    )
    raise PublishingRefused(_("A published version cannot be deleted or changed."))


# --- review comments and the EST note -------------------------------------------------------


def comment_create(*, user: Any, report: SituationReport, section: str, body: str) -> ReviewComment:
    _require(user, "situation.review")
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
    _require(user, "situation.note")
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
