"""WCAG 2.1 AA: axe-core in Chromium on every page of the permission matrix, once for each
role allowed to open it (issue 15): 0 violations of the WCAG 2.0/2.1 A and AA rules.

axe-core comes from the ``axe-playwright-python`` package (its bundled ``axe.min.js``),
run in Debian's Chromium like every browser test: nothing is downloaded. Chromium asks
this test for every address (Playwright's request routing) and the test answers through
Django's test client as the actor, in the test's own transaction: no live server, and
each route's objects are made and dropped in a savepoint, as in the language check. One
page load and one axe run per page and role.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from samtrygg.core.roles import Role
from samtrygg.testing.matrix import ACTORS, Route, World, collect_routes, login

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The rules of WCAG 2.0 and 2.1, levels A and AA (EN 301 549, lag 2018:1937).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: One pass per role and the anonymous visitor; the matrix's outsider and second case
#: worker hold a role already walked (unless a page is theirs alone).
READERS = ("anonymous", *Role.values)
ORIGIN = "http://testserver"


def _url(route: Route, world: World) -> str:
    url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
    query = "&".join(
        q for q in (route.query, urlencode(route.data(world)) if route.data else "") if q
    )
    return f"{url}?{query}" if query else url


def _readers(route: Route) -> list[str]:
    readers = [a for a in READERS if a in route.allowed]
    return readers or [a for a in ACTORS if a in route.allowed]


class Browser:
    """One Chromium page per actor, whose every request the actor's test client answers."""

    def __init__(self, chromium: Any, world: World) -> None:
        self.chromium = chromium
        self.world = world
        # Put into every document once per context, rather than evaluated per page.
        self.axe_script = Axe().axe_script
        self.static: dict[str, tuple[bytes, str]] = {}
        self.pages: dict[str, Any] = {}
        self.contexts: list[Any] = []
        # Playwright calls the request handler in a greenlet of its own, which Django's
        # context-local connections would give a connection of its own: outside the test's
        # transaction, and locked out of SQLite's tables. The handler uses the test's.
        self.connection = connections["default"]

    def page(self, actor: str) -> Any:
        if actor not in self.pages:
            client = Client()
            if actor != "anonymous":
                login(client, self.world.user(actor))
            context = self.chromium.new_context(locale="sv-SE", base_url=ORIGIN)
            context.add_init_script(script=self.axe_script)
            context.route("**/*", lambda route: self._answer(route, client))
            self.contexts.append(context)
            self.pages[actor] = context.new_page()
        return self.pages[actor]

    def _answer(self, route: Any, client: Client) -> None:
        connections["default"] = self.connection
        request = route.request
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            route.abort()
            return
        if parts.path.startswith(settings.STATIC_URL):
            self._static(route, parts.path.removeprefix(settings.STATIC_URL))
            return
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response: Any = client.get(path, headers={"accept": request.headers.get("accept", "*/*")})
        headers = {k.lower(): v for k, v in response.items()}
        body = b"".join(response.streaming_content) if response.streaming else response.content
        route.fulfill(status=response.status_code, headers=headers, body=body)

    def _static(self, route: Any, name: str) -> None:
        if name not in self.static:
            found = finders.find(name)
            if not found:
                route.fulfill(status=404, body="")
                return
            kind = mimetypes.guess_type(str(found))[0] or "application/octet-stream"
            self.static[name] = (Path(str(found)).read_bytes(), kind)
        body, kind = self.static[name]
        route.fulfill(status=200, body=body, headers={"content-type": kind})

    def violations(self, actor: str, url: str) -> list[str] | None:
        """axe's WCAG A/AA violations on ``url`` as ``actor``; None when it is no HTML page."""
        page = self.page(actor)
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError:
            # Chromium does not follow a redirect that this test answered: not this page.
            return None
        if response is None or response.status != 200 or page.url != ORIGIN + url:
            return None  # not this page (a redirect), or a refusal the matrix checks
        if "text/html" not in (response.headers.get("content-type") or ""):
            return None
        if "<!doctype html>" not in response.text()[:100].lower():
            return None  # a fragment that htmx puts into a page, checked there
        # A map draws its base layer after load: checked once it is there.
        if page.locator(".basemap:not([data-base-layer])").count():
            page.wait_for_selector(".basemap[data-base-layer]")
        violations = page.evaluate(
            "options => axe.run(document, options).then(r => r.violations)",
            {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]},
        )
        found = []
        for violation in violations:
            targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({len(violation['nodes'])}×: {', '.join(targets)})")
        return found

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def test_every_page_has_no_accessibility_violations(world: World, chromium: Any) -> None:
    pages = [r for r in collect_routes() if r.method == "get" and not r.name.startswith("api:")]
    browser = Browser(chromium, world)
    # Logged in before the savepoints, whose rollback would take the sessions with it.
    for actor in ACTORS:
        browser.page(actor)
    problems: list[str] = []
    checked = 0
    try:
        for route in pages:
            # Each route's objects are made and dropped in a savepoint of their own: the
            # routes' builders assume a fresh world, as in the permission matrix.
            with transaction.atomic():
                url = _url(route, world)
                for actor in _readers(route):
                    found = browser.violations(actor, url)
                    if found is None:
                        continue
                    checked += 1
                    if found:
                        problems.append(f"{route.id} ({url}) as {actor}: {'; '.join(found)}")
                transaction.set_rollback(True)
            world.extra.clear()
    finally:
        browser.close()
    assert checked > 300, f"only {checked} pages were checked"
    assert not problems, f"{len(problems)} pages with violations:\n" + "\n".join(problems)


def test_a_table_that_scrolls_can_be_reached_by_keyboard(chromium: Any) -> None:
    """axe's scrollable-region-focusable: a wide table in a narrow window (a phone) scrolls
    in its wrapper, which app.js makes a named tab stop; one that fits gets none."""
    app_js = finders.find("samtrygg/js/app.js")
    assert app_js
    context = chromium.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    cells = "".join(f"<td>Område {i} med ett långt namn</td>" for i in range(12))
    page.set_content(
        "<!doctype html><html lang='sv'><head><title>t</title><style>"
        ".table-wrap { overflow-x: auto; }</style></head><body><main>"
        f"<h2>Områden</h2><div class='table-wrap' id='wide'><table><tr>{cells}</tr></table></div>"
        "<h2>Kort</h2><div class='table-wrap' id='narrow'><table><tr><td>1</td></tr></table></div>"
        "</main></body></html>"
    )
    page.add_script_tag(path=str(app_js))
    page.evaluate("document.dispatchEvent(new Event('DOMContentLoaded'))")
    assert page.get_attribute("#wide", "tabindex") == "0"
    assert page.get_attribute("#wide", "aria-label") == "Områden"
    assert page.get_attribute("#narrow", "tabindex") is None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "wide"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.getElementById('wide').scrollLeft > 0")
    context.close()
