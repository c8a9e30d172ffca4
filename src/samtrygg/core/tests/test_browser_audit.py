"""Browser: the data-protection officer's pages — the audit trail filtered by organisation,
a record's history, the access log, one person's reads, and a CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest

from samtrygg.accounts.models import OrganisationKind
from samtrygg.core.audit import access_log_record
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def test_the_auditor_reads_both_logs(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    org = world.organisations["housing"]
    org.kind = OrganisationKind.BUSINESS
    org.save()
    police = world.user("police")
    police.first_name, police.last_name = "Petra", "Polis"
    police.save()
    access_log_record(user=police, obj=world.organisations["police"], reason="Granskning")
    browser_login(page, world.user("auditor"))

    page.goto("/audit/")
    page.select_option("#f-type", "accounts.organisation")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url("**/audit/?*object_type=accounts.organisation*")
    row = page.locator("tbody tr", has_text="Ändrad").first
    assert "Bostadsbolag → Näringsliv" in row.inner_text()
    row.get_by_role("link", name="Historik").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Vem har läst")
    assert page.get_by_role("heading", name="Ändringar").is_visible()

    page.goto("/audit/access/")
    assert page.get_by_role("cell", name="Granskning").count() == 1
    page.get_by_role("link", name="Petra Polis (test-police)").first.click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Vad Petra Polis (test-police) har läst"
    )
    assert page.get_by_role("cell", name="Granskning").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Exportera som CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("När,Vem,Användarnamn")
    assert "Granskning" in text and "test-auditor" not in text.splitlines()[1]
