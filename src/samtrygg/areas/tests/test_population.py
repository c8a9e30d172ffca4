"""Population CSV import: bad rows named (row, field, reason), all-or-nothing, latest year."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from samtrygg.areas import services
from samtrygg.areas.models import Area, AreaPopulation
from samtrygg.areas.tests.conftest import data_path
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]
    ],
}


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def districts() -> None:
    services.area_import_geojson(
        actor=member("coordinator"),
        data=data_path("districts_sweref99tm.geojson").read_bytes(),
        kind="district",
        name_field="NAMN",
        code_field="KOD",
    )


def messages(exc: services.PopulationImportRefused) -> list[str]:
    return [services.describe_row_error(e) for e in exc.errors]


def test_import_sets_latest_year(districts: None) -> None:
    result = services.population_import_csv(
        actor=member("coordinator"), data=data_path("population_test_districts.csv").read_bytes()
    )
    assert (result.rows, result.created, result.updated) == (4, 4, 0)
    assert result.area_codes == ["T-BACKBY", "T-CENTRUM", "T-RABY"]
    centrum = Area.objects.get(code="T-CENTRUM")
    assert (centrum.population, centrum.population_year) == (10_050, 2024)
    assert list(centrum.populations.values_list("year", "population")) == [
        (2024, 10_050),
        (2023, 9_800),
    ]
    # Again, with one figure corrected and an older year added: the latest year stays.
    again = services.population_import_csv(
        actor=member("coordinator"),
        data="area_code;year;population\nT-CENTRUM;2024;10 100\nT-CENTRUM;2020;9 000\n",
    )
    assert (again.created, again.updated, again.unchanged) == (1, 1, 0)
    centrum.refresh_from_db()
    assert (centrum.population, centrum.population_year) == (10_100, 2024)


def test_every_bad_row_named_and_nothing_saved(districts: None) -> None:
    csv = (
        "area_code,year,population\n"
        "T-CENTRUM,2024,10000\n"  # row 2: fine
        "T-NOWHERE,2024,5\n"  # row 3: unknown area
        "T-RABY,twenty,-4\n"  # row 4: bad year and population
        "T-CENTRUM,2024,10001\n"  # row 5: duplicate of row 2
        ",2024,1\n"  # row 6: missing code
        "T-BACKBY,2024\n"  # row 7: too few columns
        "\n"  # blank lines are skipped
        "T-BACKBY,1850,7500\n"  # row 9: implausible year
    )
    with pytest.raises(services.PopulationImportRefused) as exc:
        services.population_import_csv(actor=member("coordinator"), data=csv.encode())
    assert messages(exc.value) == [
        "Row 3, “area_code”: no area has the code “T-NOWHERE”.",
        "Row 4, “year”: “twenty” is not a year between 1900 and 2100.",
        "Row 4, “population”: “-4” is not a whole number of inhabitants (0 or more).",
        "Row 5, “year”: the same area and year as row 2.",
        "Row 6, “area_code”: missing.",
        "Row 7: 2 columns, expected 3.",
        "Row 9, “year”: “1850” is not a year between 1900 and 2100.",
    ]
    assert not AreaPopulation.objects.exists()
    assert Area.objects.get(code="T-CENTRUM").population is None


def test_header_required() -> None:
    with pytest.raises(services.PopulationImportRefused) as exc:
        services.population_import_csv(
            actor=member("coordinator"), data=b"code,year,inhabitants\nA,2024,5\n"
        )
    assert messages(exc.value) == [
        "Row 1: The header must name the columns area_code,year,population; missing: "
        "“area_code”, “population”."
    ]


def test_empty_and_header_only_files() -> None:
    with pytest.raises(services.PopulationImportRefused, match="empty"):
        services.population_import_csv(actor=member("coordinator"), data=b"")
    with pytest.raises(services.PopulationImportRefused, match="no data rows"):
        services.population_import_csv(
            actor=member("coordinator"), data=b"area_code,year,population\n"
        )


def test_windows_1252_and_bom_accepted() -> None:
    services.area_create(
        actor=member("coordinator"), name="Ö", code="Ö-1", kind="custom", geometry=SQUARE
    )
    services.population_import_csv(
        actor=member("coordinator"), data="area_code,year,population\nÖ-1,2024,3\n".encode("cp1252")
    )
    services.population_import_csv(
        actor=member("coordinator"),
        data="\ufeffarea_code,year,population\nÖ-1,2023,2\n".encode("utf-8"),
    )
    assert Area.objects.get(code="Ö-1").populations.count() == 2
