"""Browser: the analyst creates a lägesbild and finds it drafted with the checklist beside
it, redrafts one section, and follows a statistic's word to the glossary."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from samtrygg.situation.tests.helpers import build_town
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def test_a_new_report_is_drafted_and_the_words_are_explained(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    build_town(world)
    page = browser_page
    browser_login(page, world.user("analyst"))
    page.goto("/situation/rapporter/ny/")
    page.fill("#id_title", "Lägesbild mars")
    page.select_option("#id_period_kind", "month")
    page.fill("#id_period_start", "2026-03-10")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("#h-checklist")
    survey = page.locator("#section-survey .section-text")
    expect(survey).to_contain_text("mars 2026")
    expect(page.locator('[data-check="law_survey"]')).to_have_class("done")
    expect(page.locator('[data-check="bra_victim"]')).to_have_class("open")
    page.screenshot(path="/tmp/figures-report-drafted.png", full_page=True)
    page.locator("#section-analysis").get_by_role(
        "button", name="Skriv om från de aktuella siffrorna"
    ).click()
    expect(page.locator(".message.success")).to_contain_text("Avsnittet skrevs om")
    # a statistic's word carries its sentence and leads to the glossary
    page.goto("/situation/?period=month&at=2026-03-15")
    term = page.locator("a.term", has_text="p-värde").first
    assert "slump" in (term.get_attribute("title") or "")
    term.click()
    expect(page.locator("#term-p_value")).to_be_visible()
    assert page.url.endswith("/ordlista/#term-p_value")
    page.screenshot(path="/tmp/figures-glossary.png", full_page=True)
