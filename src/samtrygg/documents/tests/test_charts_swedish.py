"""Chart tick labels in Swedish number format."""

from __future__ import annotations

from samtrygg.documents.charts import bar_chart, swedish_tick, to_svg


def test_tick_labels() -> None:
    assert swedish_tick(1250.0) == "1\xa0250"
    assert swedish_tick(0.5) == "0,5"
    assert swedish_tick(-3.0) == "\u22123"
    assert swedish_tick(12.25) == "12,25"


def test_a_chart_groups_its_axis() -> None:
    svg = to_svg(bar_chart(["a", "b"], [1200.0, 2600.0]))
    assert "2\xa0500" in svg or "2&#160;500" in svg
    assert ">2500<" not in svg
