"""The PDF of a published version: Swedish, typst (``templates/situation/lagesbild.typ``).

Everything printed comes from the frozen version: its sections, figures, signatures and
the images rendered when it was published, so the PDF of a version never changes. Figures
are put into words by ``presenters`` — the same words the version's page uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.core.models import Classification
from samtrygg.documents.rendering import render_pdf
from samtrygg.picture.types import CellPlace, Comparison, HotspotAccuracy
from samtrygg.situation.maps import weekday_names
from samtrygg.situation.models import SectionKind, SignatureSide, SituationVersion
from samtrygg.situation.presenters import comparison_text, number

IMAGES = ("choropleth", "density", "gi", "periods", "categories", "heat", "control")


def _change(c: Comparison) -> str:
    """A comparison in a table cell: "+12,5 % (p = 0,023)", "–" when withheld."""
    w = comparison_text(c)
    if w.withheld:
        return "–"
    return f"{w.change} ({w.p})" + (" *" if c.few else "")


def _key_change(c: Comparison) -> str:
    """A comparison in the key figures, with its verdict or the reason it is withheld."""
    w = comparison_text(c)
    if w.withheld:
        return f"– ({w.note})"
    text = f"{w.change} ({w.p})"
    extra = [x for x in (w.verdict, w.note) if x]
    return text + (f"; {'; '.join(extra)}" if extra else "")


def _accuracy(acc: HotspotAccuracy | None) -> str:
    """The previous period's hot-spot map against this period, in words ("" without one)."""
    if acc is None or not acc.events:
        return ""
    text = _(
        "The previous period's hot spots — its busiest %(pct)s %% of the area, %(n_cells)s "
        "cells — caught %(hit)s of this period's %(n)s mappable incidents: PAI %(pai)s, "
        "PEI %(pei)s."
    ) % {
        "pct": number(acc.top_percent),
        "n_cells": number(acc.flagged_cells),
        "hit": "–" if acc.hit_rate is None else f"{number(acc.hit_rate * 100, 1)} %",
        "n": number(acc.events),
        "pai": number(acc.pai, 1),
        "pei": number(acc.pei, 2),
    }
    if acc.partial:
        text += " " + _("The data do not cover the previous period fully.")
    if acc.few:
        text += " " + _("Too few incidents to judge.")
    return text


def _classifications(values: list[str]) -> str:
    """The frozen scope's classifications by their labels ("öppen, intern"), never the codes."""
    labels = {c.value: str(c.label).lower() for c in Classification}
    return ", ".join(labels.get(v, v) for v in values)


def _local_minute(iso: str) -> str:
    """A frozen UTC timestamp as local time to the minute, like the publication time."""
    return timezone.localtime(dt.datetime.fromisoformat(iso)).strftime("%Y-%m-%d %H:%M")


def _place(where: CellPlace) -> str:
    if not where.place:
        return "–"
    return f"{where.place} ({number(where.place_distance_m)} m)"


def version_pdf_data(version: SituationVersion) -> dict[str, Any]:
    f = version.picture
    totals = f.totals
    scope = version.data_scope or {}
    kinds = {k.value: str(k.label) for k in SectionKind}
    sides = {k.value: str(k.label) for k in SignatureSide}
    nr = f.near_repeat
    knox = nr.knox
    coverage = f.coverage
    heat = f.weekday_hour.table
    notes = []
    for label, c in (
        (_("Previous period"), totals.previous),
        (_("A year earlier"), totals.year_before),
    ):
        w = comparison_text(c)
        if w.note:
            notes.append(f"{label}: {w.note}.")
    unfinished = [w for w in f.control_chart.weeks if not w.complete and w.through]
    return {
        "title": version.title,
        "municipality": settings.SAMTRYGG_MUNICIPALITY,
        "period": (version.parameters or {}).get("label", ""),
        "start": version.period_start.isoformat(),
        "end": version.period_end.isoformat(),
        "through": "" if f.complete else f.data_through.isoformat(),
        "version": version.number,
        "published": timezone.localtime(version.published_at).strftime("%Y-%m-%d %H:%M"),
        "content_hash": version.content_hash,
        "headings": kinds,
        "sections": {k: (version.sections or {}).get(k, "") for k in kinds},
        "areas": ", ".join(a["name"] for a in (version.parameters or {}).get("areas", []))
        or _("the whole municipality"),
        "scope": {
            "classifications": _classifications(scope.get("classifications", [])),
            "user": scope.get("name") or scope.get("user", ""),
            "included_by": scope.get("included_by") or "",
        },
        "totals": {
            "incidents": number(totals.incidents),
            "mappable": number(totals.mappable),
            "harm": number(totals.harm, 1),
            "previous": _key_change(totals.previous),
            "previous_count": "–"
            if totals.previous.withheld
            else number(totals.previous.reference),
            "year": _key_change(totals.year_before),
            "year_count": "–"
            if totals.year_before.withheld
            else number(totals.year_before.reference),
        },
        "comparison_notes": notes,
        "categories": [
            [
                c.name,
                number(c.count),
                "–" if c.previous.withheld else number(c.previous.reference),
                _change(c.previous),
                "–" if c.year_before.withheld else number(c.year_before.reference),
                _change(c.year_before),
                number(c.harm, 1),
            ]
            for c in f.by_category
        ],
        "by_area": [
            [
                a.name,
                number(a.count),
                number(a.population),
                number(a.rate_per_1000, 1),
                number(a.per_km2, 1),
            ]
            for a in f.by_area
        ],
        "area_gi": [[r.name, number(r.z, 2), r.label or "–"] for r in f.area_gi.rows[:8]],
        "flagged_weeks": ", ".join(f.control_chart.flagged) or "–",
        "unfinished_weeks": [
            _("Week %(week)s is not over (through %(day)s): drawn dashed and never flagged.")
            % {"week": w.week, "day": w.through.isoformat()}
            for w in unfinished
            if w.through is not None
        ],
        "heat": [[weekday_names()[d], *[str(n) for n in row]] for d, row in enumerate(heat)],
        "hot_cells": [
            [c.where.cell or "–", _place(c.where), c.area or "–", number(c.count), number(c.z, 2)]
            for c in f.hotspots.gi_cells[:10]
        ],
        "hot_accuracy": _accuracy(f.hotspots.accuracy),
        "knox": None
        if not knox
        else {
            "time": [
                f"{number(a)}–{number(b)}"
                for a, b in zip(knox.time_edges, knox.time_edges[1:], strict=False)
            ],
            "rows": [
                [
                    f"{number(a)}–{number(b)} m",
                    *[
                        f"{knox.observed[i][j]} ({number(knox.ratio[i][j], 2)})"
                        for j in range(len(knox.time_edges) - 1)
                    ],
                ]
                for i, (a, b) in enumerate(
                    zip(knox.distance_edges, knox.distance_edges[1:], strict=False)
                )
            ],
        },
        "near_repeat_categories": ", ".join(nr.categories) or "–",
        "alerts": [
            [
                a.where.cell or "–",
                _place(a.where),
                a.area or "–",
                str(a.events),
                a.latest,
                ", ".join(a.categories),
            ]
            for a in nr.alerts[:15]
        ],
        "coverage": {
            "organisations": [[o.name, number(o.count)] for o in coverage.organisations],
            "weeks_without": ", ".join(coverage.weeks_without_reports) or "–",
            "notices": number(coverage.police_notices),
            "notice_share": "–"
            if coverage.police_notice_share is None
            else f"{number(coverage.police_notice_share * 100, 1)} %",
            "data_start": coverage.data_start.isoformat() if coverage.data_start else "–",
            "on_record": [
                [
                    s.name,
                    s.first_day.isoformat(),
                    s.last_day.isoformat(),
                    ", ".join(f"{g.start.isoformat()}–{g.end.isoformat()}" for g in s.gaps) or "–",
                ]
                for s in coverage.on_record
            ],
        },
        "signatures": [
            [
                sides.get(s["side"], s["side"]),
                s["name"],
                s.get("title", ""),
                s["organisation"],
                _local_minute(s["signed_at"]),
            ]
            for s in version.signatures or []
        ],
        "images": [name for name in IMAGES if version.assets.filter(name=f"{name}.png").exists()],
    }


def version_pdf(version: SituationVersion) -> bytes:
    # The municipality's language, whatever the process's (a command, a task, a browser
    # set to English): the document is the same for everyone who downloads it.
    with translation.override(settings.LANGUAGE_CODE):
        data = version_pdf_data(version)
    assets = {a.name: bytes(a.data) for a in version.assets.all()}
    return render_pdf(template="situation/lagesbild.typ", data=data, assets=assets)
