"""Browser, per role: the start page and three more pages read as Swedish, with Swedish
dates ("5 dec. 2026") and none of the English words of the language check (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samtrygg.notifications.models import EmailMode, Notification
from samtrygg.testing.browser import browser_login
from samtrygg.testing.language import english_in

pytestmark = pytest.mark.browser

ROLES = ("coordinator", "analyst", "police", "council_member", "reporter", "auditor")


@pytest.mark.parametrize("role", ROLES)
def test_pages_of_a_role_read_as_swedish(browser_page, world, role: str) -> None:  # type: ignore[no-untyped-def]
    user = world.user(role)
    Notification.objects.create(
        recipient=user,
        kind="test",
        title="Ett nytt beslut att följa upp",
        key=f"test-{role}",
        email_mode=EmailMode.NONE,
        created_at=timezone.make_aware(dt.datetime(2026, 12, 5, 14, 30)),
    )
    page = browser_page
    browser_login(page, user)
    page.goto("/")
    # The start page, the role's first page in the menu, the notifications and the account.
    first = page.locator("#site-nav li a").first.get_attribute("href")
    read = {}
    for url in ("/", first, reverse("notifications:inbox"), reverse("accounts:profile")):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "sv"
        read[url] = page.locator("main").inner_text()
    hits = {url: english_in(text) for url, text in read.items() if english_in(text)}
    assert not hits, f"{role}: {hits}"
    assert "5 dec. 2026 14:30" in read[reverse("notifications:inbox")]
