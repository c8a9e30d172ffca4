"""Browser: log in, switch language, see the role's start page."""

from __future__ import annotations

import pytest

from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def test_log_in_switch_language_and_see_start_page(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_login(page, world.user("coordinator"))
    # Swedish by default: the coordinator's start page links to the pages of the role.
    assert page.locator("html").get_attribute("lang") == "sv"
    nav = page.locator("#site-nav")
    # Pages sit in menu sections; opening one shows its links.
    nav.locator("summary", has_text="Administration").click()
    assert nav.get_by_role("link", name="Organisationer").is_visible()
    assert nav.get_by_role("link", name="Användare").count() == 1
    assert nav.get_by_role("link", name="Granskningslogg").count() == 0
    # Switch to English.
    page.select_option("#language-select", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.locator("#site-nav summary", has_text="Administration").click()
    assert page.locator("#site-nav").get_by_role("link", name="Organisations").is_visible()
    page.goto("/accounts/organisations/")
    assert page.get_by_role("heading", name="Organisations").count() == 1
    assert page.get_by_role("cell", name="Bostadsbolaget").count() == 1


def test_auditor_sees_audit_pages_only(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_login(page, world.user("auditor"))
    nav = page.locator("#site-nav")
    nav.locator("summary", has_text="Administration").click()
    assert nav.get_by_role("link", name="Granskningslogg").is_visible()
    assert nav.get_by_role("link", name="Åtkomstlogg").count() == 1
    assert nav.get_by_role("link", name="Användare").count() == 0
