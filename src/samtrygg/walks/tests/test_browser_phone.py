"""Browser, on a phone: a walk's page and the findings list with long names (an owner
such as a city office, several partners) fit the screen; their tables scroll in place."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from samtrygg.testing.browser import browser_login
from samtrygg.walks.tests import factories

pytestmark = pytest.mark.browser


def test_walk_and_findings_fit_a_phone(chromium, live_server, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = world.user("coordinator")
    owner = factories.owner(
        coordinator, name="Stadsmiljöförvaltningen, gata och park", email="gata.park@example.se"
    )
    walk = factories.walk(
        coordinator, step="followed_up", title="Trygghetsvandring i Bäckby centrum"
    )
    due = timezone.localdate() + dt.timedelta(days=30)
    for category in ("lighting", "vegetation", "littering"):
        factories.finding(coordinator, walk, owner, category=category, due_date=due)
    context = chromium.new_context(
        locale="sv-SE", base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    try:
        page: Any = context.new_page()
        browser_login(page, coordinator)
        for path in (f"/trygghetsvandringar/{walk.pk}/", "/trygghetsvandringar/brister/"):
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") == 390, path
            # The due date stays on one line ("2026-12-05", not broken at a hyphen).
            cell = page.locator("table.findings-table td.date").first
            assert cell.inner_text() == due.isoformat()
            assert (
                cell.evaluate(
                    "td => { const r = document.createRange(); r.selectNodeContents(td);"
                    " return r.getClientRects().length; }"
                )
                == 1
            )
    finally:
        context.close()
