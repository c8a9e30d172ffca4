"""An indicator's values against its target, as SVG for pages and PNG for the PDF."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samtrygg.actionplan.models import Measure
from samtrygg.actionplan.selectors.indicators import IndicatorView
from samtrygg.documents import charts

MAX_SERIES = 6


def _unit(measure: str) -> str:
    units: dict[str, str] = {
        Measure.COUNT: pgettext("count", "number"),
        Measure.RATE: _("per 1,000 inhabitants"),
        Measure.PERCENT: _("per cent"),
        Measure.VALUE: "",
    }
    return units.get(measure, "")


def indicator_figure(view: IndicatorView, *, width: float = 8.0, height: float = 3.2) -> Any:
    indicator = view.indicator
    fig, ax = charts.figure(width, height)
    years: set[int] = set()
    for index, series in enumerate(view.series[:MAX_SERIES]):
        points = [p for p in series.points if p.value is not None]
        if not points:
            continue
        colour = charts.PALETTE[index % len(charts.PALETTE)]
        label = series.label or _("All")
        complete = [p for p in points if not p.partial]
        ax.plot(
            [p.year for p in complete],
            [p.value for p in complete],
            marker="o",
            color=colour,
            label=label,
        )
        partial = [p for p in points if p.partial]
        if partial:
            ax.plot(
                [p.year for p in partial],
                [p.value for p in partial],
                marker="o",
                linestyle="none",
                markerfacecolor="white",
                color=colour,
                label=_("%(year)s so far") % {"year": partial[0].year},
            )
        years.update(p.year for p in points)
    if indicator.target_value is not None:
        ax.axhline(
            indicator.target_value,
            color=charts.PALETTE[4],
            linestyle="--",
            linewidth=1,
            label=_("Target %(year)s") % {"year": indicator.target_year},
        )
        if indicator.target_year:
            ax.plot(
                [indicator.target_year],
                [indicator.target_value],
                marker="*",
                markersize=11,
                color=charts.PALETTE[4],
                linestyle="none",
            )
            years.add(indicator.target_year)
    if indicator.baseline_value is not None and indicator.baseline_year:
        ax.plot(
            [indicator.baseline_year],
            [indicator.baseline_value],
            marker="s",
            color=charts.PALETTE[5],
            linestyle="none",
            label=_("Baseline"),
        )
        years.add(indicator.baseline_year)
    if years:
        ax.set_xticks(sorted(years))
        ax.set_xticklabels([str(y) for y in sorted(years)])
    ax.set_ylabel(_unit(indicator.measure))
    ax.set_ylim(bottom=0)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize=7, loc="best")
    return fig


def indicator_svg(view: IndicatorView) -> str:
    return charts.to_svg(indicator_figure(view))


def indicator_png(view: IndicatorView) -> bytes:
    return charts.to_bytes(indicator_figure(view, width=6.5, height=2.6), "png", dpi=150)
