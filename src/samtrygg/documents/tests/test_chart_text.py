"""Charts inlined in pages are one image with a text alternative (WCAG 1.1.1)."""

from __future__ import annotations

from samtrygg.documents import charts


def test_an_inline_chart_is_an_image_named_by_its_title() -> None:
    fig, ax = charts.figure()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("Händelser per kategori & år")
    svg = charts.to_svg(fig)
    assert svg.startswith('<svg role="img" aria-label="Händelser per kategori &amp; år"')


def test_a_label_given_wins_over_the_title() -> None:
    fig, ax = charts.figure()
    ax.plot([1, 2], [3, 4])
    ax.set_title("Titel")
    assert 'aria-label="Antal per vecka, 2026"' in charts.to_svg(fig, label="Antal per vecka, 2026")
