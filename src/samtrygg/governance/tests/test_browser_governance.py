"""Browser: the coordinator creates a meeting, adds an agenda item and records a decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from samtrygg.governance import services
from samtrygg.governance.models import Decision, Meeting
from samtrygg.governance.tests import factories as f
from samtrygg.testing.actors import member
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def test_create_meeting_add_agenda_item_record_decision(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    page = browser_page
    browser_login(page, world.user("coordinator"))
    day = timezone.localdate() + timedelta(days=21)

    # From the navigation to the council, then a new meeting.
    page.locator('[data-nav-section="governance"] > summary').click()
    page.locator("#site-nav").get_by_role("link", name="Råd", exact=True).click()
    page.get_by_role("link", name="Trygghetsrådet").click()
    page.get_by_role("link", name="Nytt sammanträde").click()
    page.fill("input[name=title]", "Vårens sammanträde")
    page.fill("input[name=date]", day.isoformat())
    page.fill("input[name=start_time]", "13:00")
    page.fill("input[name=end_time]", "15:00")
    page.fill("input[name=location]", "Stadshuset, Mälaren")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/governance/meetings/*/")
    assert page.get_by_role("heading", name="Vårens sammanträde").count() == 1
    meeting = Meeting.objects.get(council=council)
    assert timezone.localtime(meeting.starts_at).hour == 13
    assert meeting.first_day == day

    # Add an agenda item.
    agenda_form = page.locator("form[action$='/agenda/new/']")
    if not agenda_form.is_visible():
        page.get_by_text("Lägg till dagordningspunkt").click()
    agenda_form.locator("input[name=title]").fill("Lägesbild för våren")
    agenda_form.locator("input[name=presenter]").fill("Trygghetsanalytiker")
    agenda_form.get_by_role("button", name="Lägg till på dagordningen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Lägesbild för våren").count() == 1

    # Record a decision under the item.
    page.get_by_role("link", name="Registrera ett beslut under denna punkt").click()
    page.fill("input[name=title]", "Fler trygghetsvandringar")
    page.fill(
        "textarea[name=text]", "Trygghetsvandringar genomförs i alla prioriterade stadsdelar."
    )
    page.select_option("select[name=owner_organisation]", label="Stadsledningskontoret")
    page.fill("input[name=due_date]", (day + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/governance/meetings/{meeting.pk}/")
    decisions = page.locator("#h-decisions ~ .table-wrap")
    assert decisions.get_by_role("link", name="Fler trygghetsvandringar").count() == 1
    assert "Öppet" in decisions.inner_text()

    decision = Decision.objects.get()
    assert (decision.meeting_id, decision.number, decision.status) == (meeting.pk, 1, "open")
    assert decision.agenda_item is not None and decision.agenda_item.title == "Lägesbild för våren"
    assert decision.owner_organisation == world.organisations["municipality"]


def test_a_vacant_seat_is_shown_and_the_coordinator_warned(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    today = timezone.localdate()
    for title, user, end in (
        ("Kommunstyrelsens ordförande", world.user("council_member"), None),
        ("Lokalpolisområdeschef", world.user("police"), today + timedelta(days=5)),
    ):
        services.seat_create(
            actor=member("coordinator"),
            council=council,
            role="member",
            title=title,
            user=user,
            term_start=today - timedelta(days=300),
            term_end=end,
        )
    meeting = f.planned_meeting(council, days_ahead=30)
    page = browser_page
    browser_login(page, world.user("coordinator"))
    page.goto(f"/governance/meetings/{meeting.pk}/")
    warning = page.locator("#vacant-seats")
    assert "1 plats är vakant vid sammanträdet" in warning.inner_text()
    row = page.locator("tr.vacant")
    assert "Lokalpolisområdeschef" in row.inner_text() and "Vakant" in row.inner_text()
    page.screenshot(path="/tmp/figures-meeting-vacant.png", full_page=True)
