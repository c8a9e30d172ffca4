"""Survey results imported from a CSV file: one value per area, indicator and year, the
whole file refused with every row's problem named, or saved at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.actionplan.models import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    SurveyImport,
)
from samtrygg.actionplan.services.indicators import YEAR_MAX, YEAR_MIN, indicator_value_problem
from samtrygg.areas.models import Area
from samtrygg.core.csvfiles import RepeatedRows, csv_rows, csv_text
from samtrygg.core.exceptions import RowError, ServiceError
from samtrygg.core.permissions import (
    Actor,
    require_capability,
)

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
    text = csv_text(data)
    if not text.strip():
        raise SurveyImportRefused([RowError(row=None, field=None, message=_("The file is empty."))])
    header, rows = csv_rows(text)
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
    repeated = RepeatedRows(
        field="year", message=_("the same indicator, area and year as row %(row)d")
    )
    parsed: list[tuple[Indicator, Area | None, int, float, int | None, str]] = []

    def cell(values: list[str], name: str) -> str:
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    for row_number, values in rows:
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
                    message=_("no indicator has the code “%(code)s”") % {"code": code},
                )
            )
        elif indicator.kind != IndicatorKind.SURVEY:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="indicator",
                    message=_("“%(code)s” is not a survey indicator") % {"code": code},
                )
            )
        area_code = cell(values, "area_code")
        area = areas.get(area_code) if area_code else None
        if area_code and area is None:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="area code",
                    message=_("no area has the code “%(code)s”") % {"code": area_code},
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
                    message=_("“%(value)s” is not a year between %(min)s and %(max)s")
                    % {"value": year_text, "min": YEAR_MIN, "max": YEAR_MAX},
                )
            )
        value_text = cell(values, "value")
        value = 0.0
        try:
            value = _number(value_text)
            if indicator is not None:
                problem = indicator_value_problem(indicator, value)
                if problem:
                    row_errors.append(RowError(row=row_number, field="value", message=problem))
        except ValueError:
            row_errors.append(
                RowError(
                    row=row_number,
                    field="value",
                    message=_("“%(value)s” is not a number") % {"value": value_text},
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
                        message=_("“%(value)s” is not a whole number of respondents")
                        % {"value": n_text},
                    )
                )
        source = cell(values, "source")
        if len(source) > 200:
            row_errors.append(
                RowError(row=row_number, field="source", message=_("longer than 200 characters"))
            )
        if not row_errors and indicator is not None:
            repeat = repeated.check((indicator.pk, area.pk if area else None, year), row_number)
            if repeat is not None:
                row_errors.append(repeat)
            else:
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
