"""Indicator values counted by another part of Samtrygg (``IndicatorKind.REGISTERED``).

An app above the action plan in the layers registers a source at start-up: a code, a label,
the measure of its values and a function giving one value per calendar year. The action
plan never imports that app. Case coordination registers the anonymous case counts this
way (``samtrygg.cases.indicators``): a value the source withholds (a small count) is
``None`` and shown as "–".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SourceValue:
    year: int
    value: float | None
    partial: bool = False


@dataclass(frozen=True)
class IndicatorSource:
    code: str
    label: Any
    measure: str  # a ``Measure`` value
    values: Callable[[int, dt.date], list[SourceValue]]  # (first year, today) -> per year
    note: Any = ""


_sources: dict[str, IndicatorSource] = {}


def register_indicator_source(source: IndicatorSource) -> None:
    _sources[source.code] = source


def indicator_source(code: str) -> IndicatorSource | None:
    return _sources.get(code)


def indicator_sources() -> list[IndicatorSource]:
    return sorted(_sources.values(), key=lambda s: s.code)
