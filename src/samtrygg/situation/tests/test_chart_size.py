"""Browser: an inline chart is no wider than it is drawn (6 in, 36rem), as the control chart
alone on its row was at 1280 px, and still fills a phone's width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders

from samtrygg.documents import charts

pytestmark = pytest.mark.browser


def _css(name: str) -> str:
    found = finders.find(name)
    assert found, name
    return Path(str(found)).read_text()


def test_the_control_chart_keeps_its_drawn_width(chromium: Any) -> None:
    fig, ax = charts.figure(6.0, 2.6)  # the control chart's size
    ax.plot([0, 1, 2], [250, 260, 255])
    ax.set_title("Kontrolldiagram per vecka")
    svg = charts.to_svg(fig)
    styles = _css("samtrygg/css/app.css") + _css("situation/situation.css")
    html = (
        f"<!doctype html><html lang='sv'><head><title>t</title><style>{styles}</style></head>"
        f"<body><main><div class='chart' id='control'>{svg}</div></main></body></html>"
    )
    widths = {}
    for viewport in (1280, 390):
        context = chromium.new_context(viewport={"width": viewport, "height": 800})
        page = context.new_page()
        page.set_content(html)
        widths[viewport] = page.evaluate(
            "document.querySelector('#control svg').getBoundingClientRect().width"
        )
        main = page.evaluate("document.querySelector('main').clientWidth")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        context.close()
        assert scroll <= viewport
        if viewport == 390:
            assert widths[viewport] > main - 40  # fills the phone's column (padding aside)
    assert 500 <= widths[1280] <= 576, widths
