"""``samtrygg import-areas`` and ``samtrygg import-population``: thin wrappers, clear
messages, non-zero exit when nothing was imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.utils import translation

from samtrygg.areas.models import Area
from samtrygg.areas.tests.conftest import data_path
from samtrygg.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _keep_test_connection(monkeypatch) -> None:
    # ``run_from_argv`` closes every connection when it ends; the test transaction needs
    # its connection afterwards (on PostgreSQL it could not be reopened inside it).
    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(*args: str) -> int:
    """The real command line, in this process (so it sees the test database)."""
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_import_areas_real_municipality_file(capsys) -> None:
    path = data_path("vasteras_municipality_1980.geojson")
    code = run(
        "import-areas",
        str(path),
        "--kind",
        "custom",
        "--name-field",
        "kom_namn",
        "--code-field",
        "id",
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "EPSG:4326 (coordinates); created 1, updated 0, unchanged 0 areas" in out
    assert Area.objects.get(code="1980").name == "Västerås"
    # Re-import: unchanged, nothing duplicated.
    assert (
        run(
            "import-areas",
            str(path),
            "--kind",
            "custom",
            "--name-field",
            "kom_namn",
            "--code-field",
            "id",
        )
        == 0
    )
    assert "created 0, updated 0, unchanged 1 areas" in capsys.readouterr().out
    assert Area.objects.count() == 1


def test_import_areas_sweref_with_population_then_population_csv(capsys) -> None:
    code = run(
        "import-areas",
        str(data_path("districts_sweref99tm.geojson")),
        "--kind",
        "district",
        "--name-field",
        "NAMN",
        "--code-field",
        "KOD",
        "--population-field",
        "BEF",
        "--population-year",
        "2023",
        "--crs",
        "EPSG:3006",
    )
    assert code == 0
    assert "EPSG:3006 (argument); created 3" in capsys.readouterr().out
    assert run("import-population", str(data_path("population_test_districts.csv"))) == 0
    out = capsys.readouterr().out
    assert "4 rows for 3 areas; 3 new, 1 corrected, 0 unchanged" in out
    assert Area.objects.get(code="T-CENTRUM").population == 10_050


def test_import_areas_reports_repairs(capsys) -> None:
    code = run(
        "import-areas",
        str(data_path("bowtie_repaired.geojson")),
        "--kind",
        "custom",
        "--name-field",
        "name",
        "--code-field",
        "code",
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Repaired: Feature 2: invalid polygon (Self-intersection" in out
    assert "1 repaired" in out


def test_import_areas_refused_exits_non_zero(capsys) -> None:
    code = run(
        "import-areas",
        str(data_path("hole_outside_refused.geojson")),
        "--kind",
        "custom",
        "--name-field",
        "name",
        "--code-field",
        "code",
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "Feature 2: its polygon is invalid (Hole lies outside shell" in err
    assert "nothing imported (1 problem above)" in err
    assert not Area.objects.exists()


def test_import_areas_wrong_crs_and_missing_file(capsys, tmp_path: Path) -> None:
    code = run(
        "import-areas",
        str(data_path("districts_sweref99tm.geojson")),
        "--kind",
        "district",
        "--name-field",
        "NAMN",
        "--code-field",
        "KOD",
        "--crs",
        "EPSG:4326",
    )
    assert code == 1
    assert "You chose EPSG:4326, but the file declares EPSG:3006." in capsys.readouterr().err
    assert (
        run(
            "import-areas",
            str(tmp_path / "nope.geojson"),
            "--kind",
            "custom",
            "--name-field",
            "n",
            "--code-field",
            "c",
        )
        == 1
    )
    assert "Cannot read" in capsys.readouterr().err


def test_import_population_refused_exits_non_zero(capsys, tmp_path: Path) -> None:
    csv = tmp_path / "pop.csv"
    csv.write_text("area_code,year,population\nNOPE,2024,5\n", encoding="utf-8")
    assert run("import-population", str(csv)) == 1
    err = capsys.readouterr().err
    assert "Row 2, “area_code”: no area has the code “NOPE”." in err
    assert "nothing imported (1 bad row above)" in err
