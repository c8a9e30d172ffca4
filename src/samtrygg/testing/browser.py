"""Browser-test support: Debian's Chromium driven by Playwright (never `playwright install`).

Fixtures (registered in ``src/samtrygg/conftest.py``): ``chromium`` (one browser per
session) and ``browser_page`` (a fresh context and page on the live server). Tests that
use them carry ``@pytest.mark.browser``. Without ``/usr/bin/chromium`` they are skipped,
unless ``SAMTRYGG_REQUIRE_BROWSER=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SAMTRYGG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # No look-ups outside this machine (map tiles, fonts): only the live server answers.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
TEST_PASSWORD = "browser-test-password-1"  # noqa: S105


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt install chromium)"
        if os.environ.get("SAMTRYGG_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="sv-SE", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def browser_login(page: Any, user: Any, password: str = TEST_PASSWORD) -> None:
    """Log ``user`` in through the real log-in page (and the TOTP step when required)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samtrygg.accounts.twofactor import second_factor_required

    user.set_password(password)
    user.save(update_fields=["password"])
    device = None
    if second_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="browser", defaults={"confirmed": True}
        )
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    if device is not None:
        page.wait_for_url("**/accounts/login/verify/")
        page.fill("input[name=token]", f"{totp(device.bin_key):06d}")
        page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
