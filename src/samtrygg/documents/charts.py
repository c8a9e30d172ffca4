"""Matplotlib charts as SVG (pages) or PNG/SVG bytes (PDFs), with one house style."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from typing import Any

NO_BREAK_SPACE = "\xa0"
MINUS = "\u2212"
#: A tick this close to a whole number is printed as one ("1 250", not "1 250,00").
WHOLE_TOLERANCE = 1e-9
PALETTE = ["#1f5f8b", "#d9822b", "#3c8d5a", "#9b3d8f", "#b8423b", "#5d6d7e"]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": matplotlib.rcsetup.cycler(color=PALETTE),
            "svg.fonttype": "none",
        }
    )
    return plt


def figure(width: float = 6.0, height: float = 3.0) -> tuple[Any, Any]:
    plt = _pyplot()
    return plt.subplots(figsize=(width, height), layout="constrained")


def swedish_tick(value: float, _position: Any = None) -> str:
    """A tick label as Swedish writes numbers: "1 250", "0,5", "−3" (matplotlib would
    write "1250", "0.5" and "-3" whatever the page's language)."""
    if abs(value - round(value)) < WHOLE_TOLERANCE:
        text = f"{round(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", NO_BREAK_SPACE).replace(".", ",").replace("-", MINUS)


def _swedish_numbers(fig: Any) -> None:
    plt = _pyplot()  # pyplot re-exports the tick formatters
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            # Only plain numeric axes: dates, categories and fixed labels keep theirs.
            if type(axis.get_major_formatter()) is plt.ScalarFormatter:
                axis.set_major_formatter(plt.FuncFormatter(swedish_tick))


def to_bytes(fig: Any, fmt: str = "svg", dpi: int = 150) -> bytes:
    plt = _pyplot()
    _swedish_numbers(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()


def _chart_title(fig: Any) -> str:
    suptitle = getattr(fig, "_suptitle", None)
    titles = [suptitle.get_text()] if suptitle is not None else []
    titles += [ax.get_title() for ax in fig.axes]
    return " · ".join(t for t in titles if t)


def to_svg(fig: Any, label: str | None = None) -> str:
    """SVG markup for inlining in a page (no XML prolog), as one image with a text
    alternative (WCAG 1.1.1): ``label``, else the chart's titles. A screen reader reads
    the label, not the hundreds of path and text elements inside."""
    label = label if label is not None else _chart_title(fig)
    svg = to_bytes(fig, "svg").decode("utf-8")
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    if label:
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{escape(label)}"', 1)
    return svg


def bar_chart(
    labels: Sequence[str], values: Sequence[float], *, title: str = "", ylabel: str = ""
) -> Any:
    fig, ax = figure()
    ax.bar(list(labels), list(values), color=PALETTE[0])
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=45)
    return fig


def line_chart(
    x: Sequence[Any], series: dict[str, Sequence[float]], *, title: str = "", ylabel: str = ""
) -> Any:
    fig, ax = figure()
    for name, values in series.items():
        ax.plot(list(x), list(values), label=name)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if len(series) > 1:
        ax.legend(frameon=False)
    return fig
