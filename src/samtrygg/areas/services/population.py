"""Population per area and year: the CSV import and the area's latest figure.

The area's figure is kept by ``set_population`` (a helper of the area services).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.areas.models import Area, AreaPopulation
from samtrygg.core.csvfiles import RepeatedRows, csv_rows, csv_text
from samtrygg.core.exceptions import RowError, ServiceError
from samtrygg.core.permissions import Actor, require_capability, system_service
from samtrygg.core.text import quoted_list

MIN_YEAR, MAX_YEAR = 1900, 2100
COLUMNS = ("area_code", "year", "population")


class PopulationImportRefused(ServiceError):
    """Nothing was saved. ``errors`` names every bad row (header = row 1), field and reason."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(describe_row_error(e) for e in errors))


@dataclass
class PopulationImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Codes of the areas whose figures were imported.
    area_codes: list[str] = field(default_factory=list)


def describe_row_error(error: RowError) -> str:
    if error.row is None:
        return error.message
    if error.field:
        return _("Row %(row)d, “%(field)s”: %(message)s") % {
            "row": error.row,
            "field": error.field,
            "message": error.message,
        }
    return _("Row %(row)d: %(message)s") % {"row": error.row, "message": error.message}


def population_import_csv(*, actor: Actor, data: bytes | str) -> PopulationImportResult:
    """Import ``area_code,year,population`` rows (with a header; comma, semicolon or tab).

    All or nothing. Each area's ``population``/``population_year`` becomes its latest
    year's figure.
    """
    require_capability(actor, "areas.manage")
    return _import_csv(data)


@system_service("the import-population command, run on the server by its operator")
def population_import_csv_by_operator(*, data: bytes | str) -> PopulationImportResult:
    """``population_import_csv`` for the command line."""
    return _import_csv(data)


def _import_csv(data: bytes | str) -> PopulationImportResult:
    text = csv_text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PopulationImportRefused(
            [RowError(row=1, field=None, message=_("The file is empty."))]
        )
    raw_header, rows = csv_rows(text)
    header = [h.strip().lower().replace(" ", "_") for h in raw_header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise PopulationImportRefused(
            [
                RowError(
                    row=1,
                    field=None,
                    message=_("The header must name the columns %(columns)s; missing: %(missing)s.")
                    % {"columns": ",".join(COLUMNS), "missing": quoted_list(missing)},
                )
            ]
        )
    position = {c: header.index(c) for c in COLUMNS}
    errors: list[RowError] = []
    parsed: list[tuple[int, str, int, int]] = []
    repeated = RepeatedRows(field="year", message=_("the same area and year as row %(row)d."))
    for row_number, row in rows:
        if len(row) < len(header):
            errors.append(
                RowError(
                    row=row_number,
                    field=None,
                    message=_("%(found)d columns, expected %(expected)d.")
                    % {"found": len(row), "expected": len(header)},
                )
            )
            continue
        code = row[position["area_code"]].strip()
        year_text = row[position["year"]].strip()
        population_text = row[position["population"]].strip()
        row_errors: list[RowError] = []
        if not code:
            row_errors.append(RowError(row=row_number, field="area_code", message=_("missing.")))
        year = parse_count(year_text)
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="year",
                    message=_("“%(value)s” is not a year between %(min)d and %(max)d.")
                    % {"value": year_text, "min": MIN_YEAR, "max": MAX_YEAR},
                )
            )
        population = parse_count(population_text)
        if population is None:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="population",
                    message=_("“%(value)s” is not a whole number of inhabitants (0 or more).")
                    % {"value": population_text},
                )
            )
        if not row_errors and year is not None and population is not None:
            repeat = repeated.check((code, year), row_number)
            if repeat is not None:
                row_errors.append(repeat)
            else:
                parsed.append((row_number, code, year, population))
        errors.extend(row_errors)
    areas = {a.code: a for a in Area.objects.filter(code__in={p[1] for p in parsed})}
    for row_number, code, _year, _population in parsed:
        if code not in areas:
            errors.append(
                RowError(
                    row=row_number,
                    field="area_code",
                    message=_("no area has the code “%(code)s”.") % {"code": code},
                )
            )
    if not parsed and not errors:
        errors.append(RowError(row=None, field=None, message=_("The file has no data rows.")))
    if errors:
        errors.sort(key=lambda e: (e.row or 0, COLUMNS.index(e.field) if e.field else -1))
        raise PopulationImportRefused(errors)

    result = PopulationImportResult(rows=len(parsed))
    existing = {
        (row.area_id, row.year): row
        for row in AreaPopulation.objects.filter(area__in=list(areas.values()))
    }
    with transaction.atomic():
        for _row_number, code, year, population in parsed:
            area = areas[code]
            current = existing.get((area.pk, year))
            if current is None:
                AreaPopulation.objects.create(area=area, year=year, population=population)
                result.created += 1
            elif current.population != population:
                current.population = population
                current.save(update_fields=["population"])
                result.updated += 1
            else:
                result.unchanged += 1
        refresh_area_populations(list(areas.values()))
    result.area_codes = sorted(areas)
    return result


def set_population(area: Area, year: int, population: int) -> AreaPopulation:
    """Add or correct one year's figure (call inside a transaction)."""
    row = AreaPopulation.objects.filter(area=area, year=year).first()
    if row is None:
        row = AreaPopulation.objects.create(area=area, year=year, population=population)
    elif row.population != population:
        row.population = population
        row.save(update_fields=["population"])
    refresh_area_population(area)
    return row


def refresh_area_population(area: Area) -> None:
    """The area's ``population``/``population_year``: its latest year's figure."""
    refresh_area_populations([area])


def refresh_area_populations(areas: list[Area]) -> None:
    latest: dict[int, tuple[int, int]] = {}
    rows = (
        AreaPopulation.objects.filter(area__in=areas)
        .order_by("area_id", "-year")
        .values_list("area_id", "population", "year")
    )
    for area_id, population, year in rows:
        latest.setdefault(area_id, (population, year))
    for area in areas:
        figure: tuple[int | None, int | None] = latest.get(area.pk, (None, None))
        if (area.population, area.population_year) != figure:
            area.population, area.population_year = figure
            area.save(update_fields=["population", "population_year", "updated_at"])


def parse_count(value: Any) -> int | None:
    """A non-negative whole number from a number or text ("7 500" and "7500.0" too)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value >= 0 and value.is_integer() else None
    text = str(value).strip()
    for space in (" ", "\u00a0", "\u202f"):
        text = text.replace(space, "")
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isascii() and text.isdigit() else None
