"""Creating and editing reports, and moving them between draft and review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.areas.models import Area
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import permissions_for, require_capability
from samtrygg.incidents.models import Category
from samtrygg.picture.data import public_scope
from samtrygg.picture.params import PERIOD_KINDS, ParamError, PictureParams
from samtrygg.picture.public import build_public_figures
from samtrygg.picture.service import picture_for_scope
from samtrygg.situation import notifications
from samtrygg.situation.checklist import missing_before_review
from samtrygg.situation.models import (
    ReportAction,
    ReportSection,
    ReportStatus,
    SectionKind,
    SituationReport,
    SituationVersion,
)
from samtrygg.situation.services.common import (
    content_changed,
    content_hash,
    event_record,
    recorded_attempt,
    report_params,
    report_scope,
)
from samtrygg.situation.services.drafting import (
    report_draft_section,
    report_drafts,
    report_live_picture,
)
from samtrygg.situation.services.signing import signing_capacity

TITLE_MAX = 200
SECTION_MAX = 50_000


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


def report_create(
    *,
    actor: Any,
    title: str,
    period_kind: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    area_ids: Iterable[int] = (),
    category_codes: Iterable[str] = (),
    include_restricted: bool = False,
    sections: dict[str, str] | None = None,
    draft_from_figures: bool = False,
) -> SituationReport:
    """A new report; with ``draft_from_figures`` (and no ``sections``) every section starts
    as a Swedish draft written from the report's figures, for the analyst to edit."""
    require_capability(actor, "situation.edit")
    title, ids, codes = _validate(
        title=title,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        area_ids=area_ids,
        category_codes=category_codes,
    )
    _check_restricted(actor, None, include_restricted)
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
            restricted_released_by=actor if include_restricted else None,
            created_by=actor,
        )
        report.areas.set(ids)
        if draft_from_figures and sections is None:
            sections = report_drafts(report, actor=actor)
        for kind in SectionKind.values:
            ReportSection.objects.create(
                report=report, kind=kind, body=(sections or {}).get(kind, ""), updated_by=actor
            )
        report.content_hash = content_hash(report)
        report.save(update_fields=["content_hash"])
        event_record(report, user=actor, action=ReportAction.CREATE)
    return report


def _reopen_if_published(report: SituationReport, user: Any) -> None:
    if report.status == ReportStatus.PUBLISHED:
        report.status = ReportStatus.DRAFT
        report.figures = None
        report.public_figures = None
        report.figures_computed_at = None
        report.figures_scope = None
        report.save()
        event_record(report, user=user, action=ReportAction.REOPEN)


def report_update(
    *,
    actor: Any,
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
    require_capability(actor, "situation.edit")
    title, ids, codes = _validate(
        title=title,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        area_ids=area_ids,
        category_codes=category_codes,
    )
    _check_restricted(actor, report, include_restricted)
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().get(pk=report.pk)
        _reopen_if_published(report, actor)
        changed_scope = (
            report.period_kind != period_kind
            or report.period_start != period_start
            or report.period_end != period_end
            or sorted(report.areas.values_list("pk", flat=True)) != ids
            or sorted(report.category_codes or []) != codes
            or report.include_restricted != include_restricted
        )
        if include_restricted and not report.include_restricted:
            report.restricted_released_by = actor
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
            _freeze_figures(report, user=actor)
        content_changed(report, user=actor, reason=_("The report's parameters changed."))
        event_record(report, user=actor, action=ReportAction.EDIT, message=_("parameters"))
    return report


def _check_section(kind: str, body: str) -> None:
    if kind not in SectionKind.values:
        raise ValidationError({"kind": _("Unknown section.")})
    if len(body or "") > SECTION_MAX:
        raise ValidationError({"body": _("At most %(n)d characters.") % {"n": SECTION_MAX}})


def report_section_update(
    *, actor: Any, report: SituationReport, kind: str, body: str
) -> ReportSection:
    require_capability(actor, "situation.edit")
    _check_section(kind, body)
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().get(pk=report.pk)
        _reopen_if_published(report, actor)
        section, _created = ReportSection.objects.get_or_create(report=report, kind=kind)
        if section.body == (body or ""):
            return section
        section.body = body or ""
        section.updated_by = actor
        section.save()
        label = SectionKind(kind).label
        content_changed(
            report, user=actor, reason=_("The section “%(section)s” changed.") % {"section": label}
        )
        event_record(report, user=actor, action=ReportAction.EDIT, message=str(label))
    return section


def report_section_redraft(*, actor: Any, report: SituationReport, kind: str) -> ReportSection:
    """Write one section again from the report's current figures; the other sections keep
    their text. Only a draft is redrafted (in review the figures are frozen and the text is
    what the signers read)."""
    require_capability(actor, "situation.edit")
    if kind not in SectionKind.values:
        raise ServiceError(_("Unknown section."))
    if report.status != ReportStatus.DRAFT:
        raise ServiceError(_("Only a draft's sections are drafted again."))
    figures = report_live_picture(report, actor=actor)
    body = report_draft_section(report, kind, figures, actor=actor)
    return report_section_update(actor=actor, report=report, kind=kind, body=body)


def _freeze_figures(report: SituationReport, *, user: Any) -> None:
    params = report_params(report)
    scope = report_scope(report, acting_user=user)
    report.figures = picture_for_scope(params=params, scope=scope).to_json()
    public_picture = picture_for_scope(params=params, scope=public_scope(user))
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


def report_submit(*, actor: Any, report: SituationReport) -> SituationReport:
    """Draft → review: check the sections, freeze the figures that will be signed."""

    def work() -> SituationReport:
        require_capability(actor, "situation.edit")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.DRAFT:
            raise ServiceError(_("Only a draft can be sent to review."))
        bodies = dict(locked.sections.values_list("kind", "body"))
        missing = missing_before_review(bodies)
        if missing:
            # one message naming everything, not one identical line per section
            raise ValidationError(
                _("Before the report can go to review: %(missing)s.")
                % {"missing": "; ".join(missing)}
            )
        _freeze_figures(locked, user=actor)
        locked.status = ReportStatus.REVIEW
        locked.save(update_fields=["status", "updated_at"])
        content_changed(locked, user=actor, reason=_("The report was sent to review again."))
        event_record(locked, user=actor, action=ReportAction.SUBMIT)
        notifications.report_in_review(locked, actor=actor, signing_capacity=signing_capacity)
        return locked

    return recorded_attempt(report, actor, ReportAction.SUBMIT, work)


def report_return_to_draft(
    *, actor: Any, report: SituationReport, reason: str = ""
) -> SituationReport:
    def work() -> SituationReport:
        require_capability(actor, "situation.edit")
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
        event_record(locked, user=actor, action=ReportAction.RETURN, message=reason)
        return locked

    return recorded_attempt(report, actor, ReportAction.RETURN, work)


def report_refresh_figures(*, actor: Any, report: SituationReport) -> SituationReport:
    """Recompute the frozen figures of a report in review (new incidents arrived);
    signatures of the old figures no longer count when anything changed."""

    def work() -> SituationReport:
        require_capability(actor, "situation.edit")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.REVIEW:
            raise ServiceError(_("Figures are frozen only while the report is in review."))
        _freeze_figures(locked, user=actor)
        content_changed(locked, user=actor, reason=_("The figures were recomputed."))
        event_record(locked, user=actor, action=ReportAction.REFRESH)
        return locked

    return recorded_attempt(report, actor, ReportAction.REFRESH, work)
