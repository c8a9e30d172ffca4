"""The PDF of a version: pdftotext finds the section headings, the texts and the figures."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samtrygg.situation import services
from samtrygg.situation.tests.factories import ReportFactory
from samtrygg.situation.tests.helpers import build_town
from samtrygg.testing.language import english_in
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def pdftotext(path: Path, page: int | None = None) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        message = "pdftotext is not installed (apt install poppler-utils)"
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        [tool, "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def version(world):  # type: ignore[no-untyped-def]
    return _published(world)


def _published(world):  # type: ignore[no-untyped-def]
    build_town(world)
    report = ReportFactory.create_draft(world)
    services.report_section_update(
        actor=world.user("analyst"),
        report=report,
        kind="survey",
        body="Skadegörelsen ökade i Centrum.\n\nInbrotten samlades i T10.",
    )
    report.refresh_from_db()
    services.report_submit(actor=world.user("analyst"), report=report)
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    services.report_sign(actor=world.user("police"), report=report, side="police")
    return services.report_publish(actor=world.user("coordinator"), report=report)


def test_command_writes_a_pdf_with_headings_and_figures(version, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "lagesbild.pdf"
    call_command("situation-pdf", str(version.pk), "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    text = pdftotext(out)
    flat = " ".join(text.split())
    for heading in (
        "Sammanfattning",
        "Kartläggning",
        "Övrig relevant information",
        "Analys",
        "Prioriterade problem",
        "Källor och källkritik",
        "Underskrifter och version",
    ):
        assert heading in flat, heading
    # the written text, the figures and the signatures
    assert "Inbrotten samlades i T10." in flat
    assert "Antal händelser under perioden: 6" in flat
    assert "Skadegörelse" in flat and "Bostadsinbrott" in flat
    # 6 against 4 a year earlier, per covered day: March 2025 is covered from the 3rd
    assert "+40,3 %" in flat
    assert "på de dagar underlaget täcker: 31 av 31 här, 29 av 31 då" in flat
    # February's hot-spot map scored against March
    assert "Föregående periods hot spots" in flat and "PAI" in flat
    assert "test-coordinator" in flat and "test-police" in flat
    assert "Lokalpolisområdet" in flat
    assert f"Version {version.number}" in flat
    assert version.content_hash[:16] in flat.replace(" ", "")


def test_the_summary_follows_the_contents_on_their_page(version, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The contents are seven lines: no page of its own, half empty.
    out = tmp_path / "lagesbild.pdf"
    call_command("situation-pdf", str(version.pk), "--out", str(out))
    second = " ".join(pdftotext(out, page=2).split())
    assert "Innehåll" in second
    assert "Nyckeltal. Antal händelser under perioden: 6" in second


def test_the_document_is_swedish_whatever_language_is_active(world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Published and printed by a process running in English: still the municipality's
    document, with the data scope's classifications by their Swedish labels."""
    world.user("coordinator").first_name = "Anna"
    world.user("coordinator").last_name = "Berg"
    world.user("coordinator").title = "brottsförebyggande samordnare"
    world.user("coordinator").save()
    out = tmp_path / "lagesbild.pdf"
    with translation.override("en"):
        version = _published(world)
        call_command("situation-pdf", str(version.pk), "--out", str(out))
    flat = " ".join(pdftotext(out).split())
    assert "1. Sammanfattning" in flat and "4. Analys" in flat
    assert "Klassning: öppen, intern" in flat
    assert "Område hela kommunen" in flat
    assert "Anna Berg, brottsförebyggande samordnare, Stadsledningskontoret" in flat
    assert english_in(flat) == []


def test_command_refuses_unknown_version(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="no published version"):
        call_command("situation-pdf", "999999", "--out", str(tmp_path / "x.pdf"))


def test_download_button(version, world) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), world.user("council_member"))
    page = client.get(reverse("situation:version_detail", args=[version.pk]))
    url = reverse("situation:version_pdf", args=[version.pk])
    assert url in page.content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
