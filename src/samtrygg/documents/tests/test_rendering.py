"""The shared PDF renderer and house style."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from samtrygg.documents.rendering import RenderError, render_pdf
from samtrygg.documents.tests.conftest import require_pdftotext


def test_render_house_style_document_with_data_and_image(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from samtrygg.documents import charts

    fig = charts.bar_chart(["Centrum", "Bäckby"], [12, 7], title="Händelser")
    pdf = render_pdf(
        template="documents/test_document.typ",
        data={"title": "Lägesbild för Västerås", "rows": [["Centrum", 12], ["Bäckby", 7]]},
        assets={"chart.svg": charts.to_bytes(fig, "svg")},
    )
    assert pdf.startswith(b"%PDF")
    require_pdftotext()
    out = tmp_path / "doc.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Lägesbild för Västerås" in text
    assert "Bäckby" in text and "12" in text


def test_bad_asset_names_are_refused() -> None:
    with pytest.raises(ValueError, match="plain file name"):
        render_pdf(template="documents/test_document.typ", data={}, assets={"../x.png": b""})


def test_template_errors_are_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RenderError):
        render_pdf(template="documents/test_document.typ", data={"title": 3})
