"""Writes for indicators: definitions, hand-entered values and the survey CSV import."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.actionplan.indicator_sources import indicator_source
from samtrygg.actionplan.models import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    SurveyImport,
)
from samtrygg.actionplan.services.common import clean_text
from samtrygg.areas.models import Area
from samtrygg.core.exceptions import RowError, ServiceError
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


def _check_value(indicator: Indicator, value: float) -> str | None:
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
    problem = _check_value(indicator, value)
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


# --- survey import ---------------------------------------------------------------------

#: Column names accepted (lower case, spaces and hyphens as underscores) → field.
SURVEY_COLUMNS = {
    "area_code": "area_code",
    "area": "area_code",
    "omradeskod": "area_code",
    "indicator": "indicator",
    "indikator": "indicator",
    "year": "year",
    "ar": "year",
    "value": "value",
    "varde": "value",
    "n": "n",
    "source": "source",
    "kalla": "source",
}
REQUIRED_COLUMNS = ("area_code", "indicator", "year", "value")
MAX_ROWS = 100_000
MAX_ERRORS = 200


class SurveyImportRefused(ServiceError):
    """Nothing was imported: every bad row is listed (row, field, reason)."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(
            ngettext(
                "Nothing was imported: %(count)d problem in the file.",
                "Nothing was imported: %(count)d problems in the file.",
                len(errors),
            )
            % {"count": len(errors)}
        )


@dataclass
class SurveyImportResult:
    survey_import: SurveyImport
    created: int = 0
    updated: int = 0
    indicators: list[str] = field(default_factory=list)


def _normalise_header(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", " ": "_", "-": "_"})
    return name.strip().lower().translate(table)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Swedish Windows save CSV in Windows-1252.
        return data.decode("cp1252", errors="replace")


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def survey_import(*, data: bytes, file_name: str = "", actor: Actor) -> SurveyImportResult:
    """Import survey values (NTU, the police's trygghetsmätning) from CSV, all or nothing.

    Columns ``area code, indicator, year, value, n, source`` (a header row; comma,
    semicolon or tab separated; decimal comma accepted). ``indicator`` is the code of a
    survey indicator, ``area code`` the code of an area. A value already stored for the
    same indicator, area and year is corrected. Any bad row refuses the whole file, and
    every bad row is named: ``SurveyImportRefused.errors``.
    """
    require_capability(actor, "actionplan.evaluate")
    text = _decode(data)
    if not text.strip():
        raise SurveyImportRefused([RowError(row=None, field=None, message=_("The file is empty."))])
    try:
        dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None) or []
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for position, raw in enumerate(header):
        key = SURVEY_COLUMNS.get(_normalise_header(raw))
        if key is not None and key not in columns:
            columns[key] = position
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise SurveyImportRefused(
            [
                RowError(
                    row=1,
                    field=name.replace("_", " "),
                    message=_(
                        "the column is missing (expected: area code, indicator, year, value, "
                        "n, source)"
                    ),
                )
                for name in missing
            ]
        )
    indicators = {i.code: i for i in Indicator.objects.all()}
    areas = {a.code: a for a in Area.objects.only("id", "code", "name")}
    seen: dict[tuple[int, int | None, int], int] = {}
    parsed: list[tuple[Indicator, Area | None, int, float, int | None, str]] = []

    def cell(values: list[str], name: str) -> str:
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    for row_number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if row_number - 1 > MAX_ROWS:
            errors.append(
                RowError(
                    row=row_number,
                    field=None,
                    message=_("too many rows (at most %(max)d)") % {"max": MAX_ROWS},
                )
            )
            break
        row_errors: list[RowError] = []
        code = cell(values, "indicator")
        indicator = indicators.get(code)
        if not code:
            row_errors.append(RowError(row=row_number, field="indicator", message=_("empty")))
        elif indicator is None:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="indicator",
                    message=_("no indicator has the code %(code)s") % {"code": code},
                )
            )
        elif indicator.kind != IndicatorKind.SURVEY:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="indicator",
                    message=_("%(code)s is not a survey indicator") % {"code": code},
                )
            )
        area_code = cell(values, "area_code")
        area = areas.get(area_code) if area_code else None
        if area_code and area is None:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="area code",
                    message=_("no area has the code %(code)s") % {"code": area_code},
                )
            )
        year_text = cell(values, "year")
        year = 0
        try:
            year = int(year_text)
            if not YEAR_MIN <= year <= YEAR_MAX:
                raise ValueError
        except ValueError:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="year",
                    message=_("%(value)r is not a year between %(min)s and %(max)s")
                    % {"value": year_text, "min": YEAR_MIN, "max": YEAR_MAX},
                )
            )
        value_text = cell(values, "value")
        value = 0.0
        try:
            value = _number(value_text)
            if indicator is not None:
                problem = _check_value(indicator, value)
                if problem:
                    row_errors.append(RowError(row=row_number, field="value", message=problem))
        except ValueError:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="value",
                    message=_("%(value)r is not a number") % {"value": value_text},
                )
            )
        n_text = cell(values, "n")
        n: int | None = None
        if n_text:
            try:
                n = int(n_text.replace(" ", "").replace("\u00a0", ""))
                if n < 0:
                    raise ValueError
            except ValueError:
                row_errors.append(
                    RowError(
                        row=row_number,
                        field="n",
                        message=_("%(value)r is not a whole number of respondents")
                        % {"value": n_text},
                    )
                )
        source = cell(values, "source")
        if len(source) > 200:
            row_errors.append(
                RowError(row=row_number, field="source", message=_("longer than 200 characters"))
            )
        if not row_errors and indicator is not None:
            dedupe = (indicator.pk, area.pk if area else None, year)
            if dedupe in seen:
                row_errors.append(
                    RowError(
                        row=row_number,
                        field="year",
                        message=_("the same indicator, area and year as row %(row)d")
                        % {"row": seen[dedupe]},
                    )
                )
            else:
                seen[dedupe] = row_number
                parsed.append((indicator, area, year, value, n, source))
        errors.extend(row_errors)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise SurveyImportRefused(errors)
    if not parsed:
        raise SurveyImportRefused(
            [RowError(row=None, field=None, message=_("The file has no rows."))]
        )
    with transaction.atomic():
        batch = SurveyImport.objects.create(
            imported_by=actor,
            file_name=(file_name or "")[:255],
            rows=len(parsed),
            created_count=0,
            updated_count=0,
        )
        result = SurveyImportResult(survey_import=batch)
        for indicator, area, year, value, n, source in parsed:
            _row, created = IndicatorValue.objects.update_or_create(
                indicator=indicator,
                area=area,
                year=year,
                defaults={
                    "value": value,
                    "n": n,
                    "source": source or indicator.source,
                    "entered_by": actor,
                    "survey_import": batch,
                },
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
        batch.created_count, batch.updated_count = result.created, result.updated
        batch.save(update_fields=["created_count", "updated_count"])
        result.indicators = sorted({p[0].code for p in parsed})
    return result
