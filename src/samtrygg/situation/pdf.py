"""The PDF of a published version: Swedish, typst (``templates/situation/lagesbild.typ``).

Everything printed comes from the frozen version: its sections, figures, signatures and
the images rendered when it was published, so the PDF of a version never changes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from samtrygg.documents.rendering import render_pdf
from samtrygg.situation.maps import weekday_names
from samtrygg.situation.models import SectionKind, SignatureSide, SituationVersion

IMAGES = ("choropleth", "density", "gi", "periods", "categories", "heat", "control")


def _num(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(value, digits, use_l10n=True, force_grouping=True)


def _pct(value: Any) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    return f"{sign}{_num(value, 1)} %"


def _p(value: Any) -> str:
    if value is None:
        return "p –"
    return "p < 0,001" if value < 0.001 else f"p = {_num(value, 3)}"


def _change(c: dict[str, Any]) -> str:
    text = f"{_pct(c.get('change_pct'))} ({_p(c.get('p_value'))})"
    return text + (" *" if c.get("few") else "")


def _accuracy(acc: dict[str, Any] | None) -> str:
    """The previous period's hot-spot map against this period, in words ("" without one)."""
    if not acc or not acc.get("events"):
        return ""
    text = _(
        "The previous period's hot spots — its busiest %(pct)s %% of the area, %(n_cells)s "
        "cells — caught %(hit)s of this period's %(n)s mappable incidents: PAI %(pai)s, "
        "PEI %(pei)s."
    ) % {
        "pct": _num(acc["top_percent"]),
        "n_cells": _num(acc["flagged_cells"]),
        "hit": "–" if acc.get("hit_rate") is None else f"{_num(acc['hit_rate'] * 100, 1)} %",
        "n": _num(acc["events"]),
        "pai": _num(acc.get("pai"), 1),
        "pei": _num(acc.get("pei"), 2),
    }
    if acc.get("partial"):
        text += " " + _("The data do not cover the previous period fully.")
    if acc.get("few"):
        text += " " + _("Too few incidents to judge.")
    return text


def version_pdf_data(version: SituationVersion) -> dict[str, Any]:
    f = version.figures or {}
    totals = f.get("totals", {})
    scope = version.data_scope or {}
    kinds = {k.value: str(k.label) for k in SectionKind}
    sides = {k.value: str(k.label) for k in SignatureSide}
    nr = f.get("near_repeat") or {}
    knox = nr.get("knox")
    coverage = f.get("coverage") or {}
    heat = (f.get("weekday_hour") or {}).get("table") or []
    return {
        "title": version.title,
        "municipality": settings.SAMTRYGG_MUNICIPALITY,
        "period": (version.parameters or {}).get("label", ""),
        "start": version.period_start.isoformat(),
        "end": version.period_end.isoformat(),
        "version": version.number,
        "published": timezone.localtime(version.published_at).strftime("%Y-%m-%d %H:%M"),
        "content_hash": version.content_hash,
        "headings": kinds,
        "sections": {k: (version.sections or {}).get(k, "") for k in kinds},
        "areas": ", ".join(a["name"] for a in (version.parameters or {}).get("areas", []))
        or _("the whole municipality"),
        "scope": {
            "classifications": ", ".join(scope.get("classifications", [])),
            "user": scope.get("name") or scope.get("user", ""),
            "included_by": scope.get("included_by") or "",
        },
        "totals": {
            "incidents": _num(totals.get("incidents")),
            "mappable": _num(totals.get("mappable")),
            "harm": _num(totals.get("harm"), 1),
            "previous": _change(totals.get("previous") or {}),
            "previous_count": _num((totals.get("previous") or {}).get("reference")),
            "year": _change(totals.get("year_before") or {}),
            "year_count": _num((totals.get("year_before") or {}).get("reference")),
        },
        "categories": [
            [
                c["name"],
                _num(c["count"]),
                _num(c["previous"]["reference"]),
                _change(c["previous"]),
                _num(c["year_before"]["reference"]),
                _change(c["year_before"]),
                _num(c["harm"], 1),
            ]
            for c in f.get("by_category", [])
        ],
        "by_area": [
            [
                a["name"],
                _num(a["count"]),
                _num(a.get("population")),
                _num(a.get("rate_per_1000"), 1),
                _num(a.get("per_km2"), 1),
            ]
            for a in f.get("by_area", [])
        ],
        "area_gi": [
            [r["name"], _num(r.get("z"), 2), r.get("label") or "–"]
            for r in (f.get("area_gi") or {}).get("rows", [])[:8]
        ],
        "flagged_weeks": ", ".join((f.get("control_chart") or {}).get("flagged", [])) or "–",
        "heat": [[weekday_names()[d], *[str(n) for n in row]] for d, row in enumerate(heat)],
        "hot_cells": [
            [c.get("area", "") or "–", _num(c["count"]), _num(c.get("z"), 2)]
            for c in (f.get("hotspots") or {}).get("gi_cells", [])[:10]
        ],
        "hot_accuracy": _accuracy((f.get("hotspots") or {}).get("accuracy")),
        "knox": None
        if not knox
        else {
            "time": [
                f"{_num(a)}–{_num(b)}"
                for a, b in zip(knox["time_edges"], knox["time_edges"][1:], strict=False)
            ],
            "rows": [
                [
                    f"{_num(a)}–{_num(b)} m",
                    *[
                        f"{knox['observed'][i][j]} ({_num(knox['ratio'][i][j], 2)})"
                        for j in range(len(knox["time_edges"]) - 1)
                    ],
                ]
                for i, (a, b) in enumerate(
                    zip(knox["distance_edges"], knox["distance_edges"][1:], strict=False)
                )
            ],
        },
        "near_repeat_categories": ", ".join(nr.get("categories", [])) or "–",
        "alerts": [
            [a.get("area") or "–", str(a["events"]), a["latest"], ", ".join(a["categories"])]
            for a in nr.get("alerts", [])[:15]
        ],
        "coverage": {
            "organisations": [
                [o["name"], _num(o["count"])] for o in coverage.get("organisations", [])
            ],
            "weeks_without": ", ".join(coverage.get("weeks_without_reports", [])) or "–",
            "notices": _num(coverage.get("police_notices")),
            "notice_share": _pct(
                None
                if coverage.get("police_notice_share") is None
                else coverage["police_notice_share"] * 100
            ).lstrip("+"),
        },
        "signatures": [
            [
                sides.get(s["side"], s["side"]),
                s["name"],
                s.get("title", ""),
                s["organisation"],
                s["signed_at"][:16].replace("T", " "),
            ]
            for s in version.signatures or []
        ],
        "images": [name for name in IMAGES if version.assets.filter(name=f"{name}.png").exists()],
    }


def version_pdf(version: SituationVersion) -> bytes:
    with translation.override("sv"):
        data = version_pdf_data(version)
    assets = {a.name: bytes(a.data) for a in version.assets.all()}
    return render_pdf(template="situation/lagesbild.typ", data=data, assets=assets)
