"""Browser: every level of the weekday-by-hour heat table passes axe's contrast rule (WCAG
1.4.3). The accessibility sweep's small test world never reaches the darker levels; the
demo's busy hours did (white on #4292c6, 3.4:1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.browser


def _css(name: str) -> str:
    found = finders.find(name)
    assert found, name
    return Path(str(found)).read_text()


def test_every_heat_level_is_readable(chromium: Any) -> None:
    styles = _css("samtrygg/css/app.css") + _css("situation/situation.css")
    cells = "".join(f'<td class="num heat-{level}">{10 + level}</td>' for level in range(6))
    html = (
        f"<!doctype html><html lang='sv'><head><title>t</title><style>{styles}</style></head>"
        "<body><main><table class='heat'><caption>Händelser</caption>"
        f"<tr><th>mån</th>{cells}</tr></table></main></body></html>"
    )
    context = chromium.new_context()
    page = context.new_page()
    page.set_content(html)
    page.add_script_tag(content=Axe().axe_script)
    violations = page.evaluate(
        "o => axe.run(document, o).then(r => r.violations)",
        {"runOnly": {"type": "rule", "values": ["color-contrast"]}},
    )
    context.close()
    assert not violations, [n["target"] for v in violations for n in v["nodes"]]
