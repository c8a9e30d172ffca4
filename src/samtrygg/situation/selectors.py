"""Reads of reports and published versions, always through the permission resolver.

For other apps (governance meeting packs, the action plan): a published version is a
``SituationVersion`` (``samtrygg.situation.models``); link to it with a foreign key
(``on_delete=PROTECT``), list the ones a user may cite with ``version_list(user=…)``,
fetch one with ``version_get(user=…, pk=…)`` and print its summary with
``version_summary(version)``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from samtrygg.core.audit import access_log_record
from samtrygg.core.models import AccessAction
from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.picture.types import AreaRow, CategoryRow
from samtrygg.situation.models import (
    ReportStatus,
    SectionKind,
    SituationReport,
    SituationVersion,
    WeeklyNote,
)
from samtrygg.situation.presenters import comparison_text
from samtrygg.situation.rules import visible_statuses


def report_list(*, user: Any, status: str = "") -> QuerySet[SituationReport]:
    qs = SituationReport.objects.select_related("created_by").annotate(
        latest_version=Max("versions__number")
    )
    qs = permissions_for(user).filter_viewable(qs)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-period_end", "-id")


def report_get(*, user: Any, pk: int) -> SituationReport:
    return get_viewable_or_404(user, SituationReport.objects.all(), pk=pk)


#: Where an unpublished lägesbild was read (the access log's words, kept in Swedish).
READ_REPORT_PAGE = gettext_lazy("the report page")
READ_SECTION_EDITOR = gettext_lazy("a section's editor")


def log_working_copy_read(
    *, user: Any, report: SituationReport, part: Any, request: HttpRequest | None = None
) -> None:
    """One access-log entry: ``user`` read an unpublished lägesbild (a draft, or one in
    review); a published report is public in its versions and is not logged."""
    if report.status == ReportStatus.PUBLISHED:
        return
    access_log_record(
        user=user,
        action=AccessAction.VIEW,
        obj=report,
        reason=format_lazy(
            gettext_lazy("Unpublished lägesbild ({status}): {part}"),
            status=ReportStatus(report.status).label,
            part=part,
        ),
        request=request,
    )


def can_see_working_copy(*, user: Any, report: SituationReport) -> bool:
    """Whether the user sees the report's current (unpublished) text and figures."""
    return report.status in visible_statuses(permissions_for(user))


def version_list(*, user: Any, report: SituationReport | None = None) -> QuerySet[SituationVersion]:
    """Published versions ``user`` may read, newest first (withdrawn ones included)."""
    qs = SituationVersion.objects.select_related("report", "withdrawal").defer("figures", "public")
    if report is not None:
        qs = qs.filter(report=report)
    return permissions_for(user).filter_viewable(qs).order_by("-published_at", "-id")


def version_get(*, user: Any, pk: int) -> SituationVersion:
    return get_viewable_or_404(
        user, SituationVersion.objects.select_related("report", "published_by"), pk=pk
    )


def public_versions() -> QuerySet[SituationVersion]:
    """Versions in the public picture: published and not withdrawn (no user needed: only
    their ``public`` figures may be shown)."""
    return (
        SituationVersion.objects.filter(withdrawal__isnull=True)
        .only(
            "id",
            "report_id",
            "number",
            "title",
            "period_kind",
            "period_start",
            "period_end",
            "published_at",
            "public",
        )
        .order_by("-period_end", "-published_at", "-id")
    )


def latest_public_version() -> SituationVersion | None:
    return public_versions().first()


def public_version_get(pk: int) -> SituationVersion:
    try:
        return public_versions().get(pk=pk)
    except SituationVersion.DoesNotExist:
        raise Http404 from None


def version_summary(version: SituationVersion) -> dict[str, Any]:
    """A short, printable summary for meeting packs and board reports (a withheld change
    is ``None`` with its reason in words)."""
    figures = version.picture
    totals = figures.totals
    previous, year = comparison_text(totals.previous), comparison_text(totals.year_before)
    return {
        "id": version.pk,
        "title": version.title,
        "number": version.number,
        "label": version.label,
        "period": (version.parameters or {}).get("label", ""),
        "period_start": version.period_start.isoformat(),
        "period_end": version.period_end.isoformat(),
        "published_at": timezone.localtime(version.published_at).isoformat(timespec="minutes"),
        "summary": (version.sections or {}).get(SectionKind.SUMMARY, ""),
        "incidents": totals.incidents,
        "change_previous_pct": None if previous.withheld else totals.previous.change_pct,
        "change_previous_text": previous.note if previous.withheld else previous.change,
        "change_year_pct": None if year.withheld else totals.year_before.change_pct,
        "change_year_text": year.note if year.withheld else year.change,
        "top_categories": [
            {"name": c.name, "count": c.count}
            for c in sorted(figures.by_category, key=lambda c: -c.count)[:5]
        ],
        "signatures": [
            {"name": s["name"], "organisation": s["organisation"], "side": s["side"]}
            for s in version.signatures or []
        ],
    }


# --- what changed between two versions -------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``[(op, text)]`` with op ``=``, ``-`` (removed) or ``+`` (added), word by word."""
    a = _TOKEN.findall(old or "")
    b = _TOKEN.findall(new or "")
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out


def _figure_rows(
    old: Sequence[CategoryRow | AreaRow], new: Sequence[CategoryRow | AreaRow]
) -> list[dict[str, Any]]:
    before = {r.code: r for r in old}
    after = {r.code: r for r in new}
    rows = []
    for k in list(after) + [k for k in before if k not in after]:
        a = before[k].count if k in before else None
        b = after[k].count if k in after else None
        rows.append(
            {
                "key": k,
                "name": (after.get(k) or before[k]).name,
                "old": a,
                "new": b,
                "delta": None if a is None or b is None else b - a,
            }
        )
    return rows


def version_diff(old: SituationVersion, new: SituationVersion) -> dict[str, Any]:
    """Text changes per section and figure differences between two versions."""
    sections = []
    for kind in SectionKind:
        a = (old.sections or {}).get(kind.value, "")
        b = (new.sections or {}).get(kind.value, "")
        sections.append(
            {"kind": kind.value, "label": kind.label, "changed": a != b, "diff": word_diff(a, b)}
        )
    fo, fn = old.picture, new.picture
    totals = []
    for key in ("incidents", "mappable", "harm"):
        a, b = getattr(fo.totals, key), getattr(fn.totals, key)
        totals.append({"key": key, "old": a, "new": b, "delta": b - a})
    return {
        "old": old,
        "new": new,
        "sections": sections,
        "totals": totals,
        "categories": _figure_rows(fo.by_category, fn.by_category),
        "areas": _figure_rows(fo.by_area, fn.by_area),
        "parameters_changed": (old.parameters or {}) != (new.parameters or {}),
        "scope_changed": (old.data_scope or {}).get("classifications")
        != (new.data_scope or {}).get("classifications"),
    }


def weekly_note_get(*, user: Any, week_start: Any) -> WeeklyNote | None:
    qs = permissions_for(user).filter_viewable(WeeklyNote.objects.filter(week_start=week_start))
    return qs.select_related("author", "updated_by").first()


def reports_in_review_count(*, user: Any) -> int:
    return report_list(user=user, status=ReportStatus.REVIEW).count()
