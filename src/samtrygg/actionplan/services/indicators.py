"""Writes for indicators: definitions and hand-entered values (the survey import is in surveys)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.actionplan.indicator_sources import indicator_source
from samtrygg.actionplan.models import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
)
from samtrygg.actionplan.services.common import clean_text
from samtrygg.areas.models import Area
from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.governance.models import Goal
from samtrygg.incidents.models import Category

YEAR_MIN, YEAR_MAX = 1990, 2100


def _check_registered(kind: str, measure: str, registered_source: str) -> dict[str, Any]:
    if kind != IndicatorKind.REGISTERED:
        if registered_source:
            return {"registered_source": _("Only indicators counted by Samtrygg have this.")}
        return {}
    source = indicator_source(registered_source)
    if source is None:
        return {"registered_source": _("Choose what Samtrygg counts.")}
    if measure != source.measure:
        return {
            "measure": _("This count is measured as: %(m)s.") % {"m": Measure(source.measure).label}
        }
    return {}


def _check_indicator(
    *,
    kind: str,
    measure: str,
    registered_source: str,
    areas: list[Area],
    target_value: float | None,
    target_year: int | None,
    baseline_value: float | None,
    baseline_year: int | None,
) -> None:
    errors: dict[str, Any] = _check_registered(kind, measure, registered_source)
    if kind == IndicatorKind.COMPUTED and measure not in (Measure.COUNT, Measure.RATE):
        errors["measure"] = _("An indicator computed from incidents is a number or a rate.")
    if kind != IndicatorKind.COMPUTED and measure == Measure.RATE:
        errors["measure"] = _("Rates per 1,000 inhabitants are computed from incidents only.")
    if measure == Measure.RATE and not areas:
        errors["areas"] = _("A rate needs at least one area with a population.")
    if measure == Measure.RATE and any(a.population is None for a in areas):
        missing = ", ".join(a.name for a in areas if a.population is None)
        errors["areas"] = _("These areas have no population: %(names)s.") % {"names": missing}
    if (target_value is None) != (target_year is None):
        errors["target_year" if target_year is None else "target_value"] = _(
            "Give both the target value and its year, or neither."
        )
    if baseline_value is not None and baseline_year is None:
        errors["baseline_year"] = _("Give the year of the baseline value.")
    for name, value in (("target_value", target_value), ("baseline_value", baseline_value)):
        if value is not None and measure == Measure.PERCENT and not 0 <= value <= 100:
            errors[name] = _("A percentage lies between 0 and 100.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(
    *,
    actor: Actor,
    goal: Goal,
    code: str,
    name: str,
    kind: str,
    measure: str,
    direction: str,
    first_year: int,
    categories: Iterable[Category] = (),
    areas: Iterable[Area] = (),
    description: str = "",
    source: str = "",
    baseline_value: float | None = None,
    baseline_year: int | None = None,
    target_value: float | None = None,
    target_year: int | None = None,
    order: int = 100,
    registered_source: str = "",
) -> Indicator:
    require_capability(actor, "actionplan.manage")
    areas = list(areas)
    _check_indicator(
        kind=kind,
        measure=measure,
        registered_source=registered_source,
        areas=areas,
        target_value=target_value,
        target_year=target_year,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
    )
    indicator = Indicator(
        goal=goal,
        code=clean_text(code),
        name=clean_text(name),
        kind=kind,
        measure=measure,
        direction=direction,
        first_year=first_year,
        description=clean_text(description),
        source=clean_text(source),
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        order=order,
        registered_source=registered_source,
    )
    indicator.full_clean()
    indicator.save()
    indicator.categories.set(list(categories))
    indicator.areas.set(areas)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: Actor,
    indicator: Indicator,
    goal: Goal,
    code: str,
    name: str,
    measure: str,
    direction: str,
    first_year: int,
    categories: Iterable[Category] = (),
    areas: Iterable[Area] = (),
    description: str = "",
    source: str = "",
    baseline_value: float | None = None,
    baseline_year: int | None = None,
    target_value: float | None = None,
    target_year: int | None = None,
    order: int = 100,
    registered_source: str = "",
) -> Indicator:
    """Change an indicator (its kind stays: values of another kind would not fit)."""
    require_capability(actor, "actionplan.manage")
    areas = list(areas)
    _check_indicator(
        kind=indicator.kind,
        measure=measure,
        registered_source=registered_source,
        areas=areas,
        target_value=target_value,
        target_year=target_year,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
    )
    indicator.goal = goal
    indicator.code = clean_text(code)
    indicator.name = clean_text(name)
    indicator.measure = measure
    indicator.direction = direction
    indicator.first_year = first_year
    indicator.description = clean_text(description)
    indicator.source = clean_text(source)
    indicator.baseline_value = baseline_value
    indicator.baseline_year = baseline_year
    indicator.target_value = target_value
    indicator.target_year = target_year
    indicator.order = order
    indicator.registered_source = registered_source
    indicator.full_clean()
    # Saving also moves updated_at, which the computed values' cache key includes.
    indicator.save()
    indicator.categories.set(list(categories))
    indicator.areas.set(areas)
    return indicator


def indicator_value_problem(indicator: Indicator, value: float) -> str | None:
    if not math.isfinite(value):
        return _("not a number")
    if indicator.measure == Measure.PERCENT and not 0 <= value <= 100:
        return _("a percentage lies between 0 and 100")
    if indicator.measure == Measure.COUNT and value < 0:
        return _("a number cannot be negative")
    return None


@transaction.atomic
def indicator_value_set(
    *,
    indicator: Indicator,
    year: int,
    value: float,
    area: Area | None = None,
    n: int | None = None,
    source: str = "",
    note: str = "",
    actor: Actor,
) -> IndicatorValue:
    """Add or correct the value of a survey or hand-entered indicator for a year (and area)."""
    require_capability(actor, "actionplan.evaluate")
    if indicator.kind == IndicatorKind.COMPUTED:
        raise ValidationError(
            _("This indicator is computed from incidents; values are not entered.")
        )
    if indicator.kind == IndicatorKind.REGISTERED:
        raise ValidationError(_("Samtrygg counts this indicator; values are not entered."))
    errors: dict[str, Any] = {}
    if not YEAR_MIN <= year <= YEAR_MAX:
        errors["year"] = _("Give a year between %(min)s and %(max)s.") % {
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
    problem = indicator_value_problem(indicator, value)
    if problem:
        errors["value"] = problem[:1].upper() + problem[1:] + "."
    if errors:
        raise ValidationError(errors)
    row, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        area=area,
        year=year,
        defaults={
            "value": float(value),
            "n": n,
            "source": clean_text(source),
            "note": clean_text(note),
            "entered_by": actor,
        },
    )
    return row
