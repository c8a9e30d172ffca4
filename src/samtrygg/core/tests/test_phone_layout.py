"""On a phone (390 px) no page scrolls sideways: a wide table scrolls inside its own
wrapper, the page itself stays as wide as the screen.

The template rule (every table sits in a ``table-wrap``) is checked on the source of every
template; the style rules behind it (a positioned wrapper clips the visually hidden text of
a link, a grid column never grows past the screen, a term list stacks) in Chromium, on the
patterns the pages use.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import samtrygg

SRC = Path(samtrygg.__file__).parent
TABLE = re.compile(r"<table\b")
WRAP_OPEN = re.compile(r'<div class="table-wrap"[^>]*>\s*$')


def _unwrapped_tables() -> list[str]:
    found = []
    for template in sorted(SRC.glob("*/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for match in TABLE.finditer(text):
            if not WRAP_OPEN.search(text, 0, match.start()):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(SRC)}:{line}")
    return found


def test_every_table_in_a_template_scrolls_in_its_own_wrapper() -> None:
    assert _unwrapped_tables() == []


BARE_DATE_CELL = re.compile(r'<td>\{\{ [^}]*\|date:"Y-m-d[^"]*"[^}]*\}\}</td>')


def test_a_date_alone_in_a_table_cell_is_a_date_cell() -> None:
    """``td.date`` (app.css) keeps "2026-12-05" on one line; without it a narrow column
    breaks the date at its hyphens ("2026-12-" above "05")."""
    found = [
        f"{template.relative_to(SRC)}: {match.group(0)}"
        for template in sorted(SRC.glob("*/templates/**/*.html"))
        for match in BARE_DATE_CELL.finditer(template.read_text(encoding="utf-8"))
    ]
    assert found == []


WIDE_ROW = "".join(f"<td>Stadsmiljöförvaltningen{i}</td>" for i in range(6))
PATTERNS = {
    # A link with visually hidden text in the last column of a table wider than the screen.
    "table-wrap": (
        '<div class="table-wrap"><table><tbody><tr>' + WIDE_ROW + '<td><a href="#">Öppna'
        '<span class="visually-hidden"> rekommendationen</span></a></td></tr></tbody></table></div>'
    ),
    # A two-column grid (one column on a phone) holding a wide table and a long address.
    "grid-2": (
        '<div class="grid-2"><section><div class="table-wrap"><table><tbody><tr>'
        + WIDE_ROW
        + '</tr></tbody></table></div><p><input type="text" readonly size="80" aria-label="x"'
        ' value="http://127.0.0.1/governance/councils/trygghetsradet/calendar.ics"></p>'
        "</section><section><p>Text</p></section></div>"
    ),
    # A card in a row of four on a wide screen, with a long Swedish compound in it.
    "card": (
        '<div class="cards"><div class="card"><ul><li><strong>Observera:</strong> 2 åtaganden i '
        "samverkansöverenskommelsenssamverkansöverenskommelsen är försenade.</li></ul></div></div>"
    ),
    # A term list whose longest term would take most of the screen.
    "facts": (
        '<dl class="facts"><dt>Deltagande samverkansparter</dt><dd>Bostads AB Mimer, '
        "Stadsledningskontoret, Fältföreningen Unga vuxna</dd></dl>"
    ),
}


@pytest.mark.browser
def test_wide_content_never_widens_the_page_on_a_phone(chromium: Any, live_server: Any) -> None:
    context = chromium.new_context(
        locale="sv-SE", base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto("/tillganglighet/")
        widths = {}
        for name, html in PATTERNS.items():
            page.evaluate("html => { document.querySelector('main').innerHTML = html; }", html)
            widths[name] = page.evaluate("document.documentElement.scrollWidth")
        assert widths == dict.fromkeys(PATTERNS, 390)
    finally:
        context.close()


@pytest.mark.browser
def test_the_access_log_keeps_words_whole(chromium: Any, live_server: Any) -> None:
    """The log's free-text columns may break a long path anywhere, yet a word of a reason
    ("Åtkomstlogg: allt") stays whole beside the wide record column."""
    context = chromium.new_context(
        locale="sv-SE", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    records = ", ".join(f"SSPF-2026-{i:03d}" for i in range(12))
    row = (
        "<td>2026-12-06 10:50:43</td><td>Eva Holm (granskare)</td><td>Sökte</td>"
        f"<td>Ärende: {records}</td><td class='wrap' id='reason'>Åtkomstlogg: allt</td>"
        "<td class='wrap'>/audit/access/<br>127.0.0.1</td>"
    )
    try:
        page = context.new_page()
        page.goto("/tillganglighet/")
        page.evaluate(
            "html => { document.querySelector('main').innerHTML = html; }",
            f'<div class="table-wrap"><table class="audit-table"><tbody><tr>{row}</tr></tbody>'
            "</table></div>",
        )
        lines = page.evaluate(
            "() => { const r = document.createRange();"
            " const text = document.getElementById('reason').firstChild;"
            " r.setStart(text, 0); r.setEnd(text, 'Åtkomstlogg:'.length);"
            " return r.getClientRects().length; }"
        )
        assert lines == 1
    finally:
        context.close()
