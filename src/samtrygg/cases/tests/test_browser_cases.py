"""Browser: `handlaggare` takes a case from intake through consent and plan to a note."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from samtrygg.accounts import demo as accounts_demo
from samtrygg.accounts.models import User
from samtrygg.cases.models import Case, CaseNote, PlanAction, PlanGoal
from samtrygg.cases.tests.factories import YOUNG, consent_giver
from samtrygg.core.demo_support import DemoContext
from samtrygg.core.models import AccessLogEntry
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def _intake(page) -> Case:  # type: ignore[no-untyped-def]
    page.goto("/arenden/")
    page.get_by_role("link", name="Nytt ärende").first.click()
    page.wait_for_url("**/arenden/ny/")
    page.locator("select[name=programme]").select_option("sspf")
    page.get_by_label("Anledning till aktualisering").select_option("truancy")
    page.get_by_label("Namn").fill("Testa Testsson")
    page.get_by_label("Personnummer eller samordningsnummer").fill("20090101-2386")
    page.get_by_role("button", name="Öppna ärendet").click()
    # A typing error in the number: said where, and nothing saved.
    assert page.get_by_text("Kontrollsiffran stämmer inte").is_visible()
    assert not Case.objects.exists()
    page.get_by_label("Personnummer eller samordningsnummer").fill(YOUNG)
    page.get_by_role("button", name="Öppna ärendet").click()
    page.wait_for_url("**/samtycke/")
    case = Case.objects.get()
    assert page.get_by_text(f"Ärende {case.reference} är öppnat").is_visible()
    return case


def _consent(page, case: Case, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Lämnat av").select_option(consent_giver(case, today))
    page.get_by_label("Går ut").fill((today + dt.timedelta(days=180)).isoformat())
    page.get_by_label("Skola").check()
    page.get_by_label("Fritid").check()
    page.get_by_label("Syfte").fill("Samverkan kring skolgång och fritid")
    page.get_by_role("button", name="Registrera samtycket").click()
    page.wait_for_url(f"**/arenden/{case.pk}/samtycke/")
    assert page.get_by_text("Samtycket är registrerat").is_visible()
    assert sorted(case.consents.get().agencies) == ["leisure", "school"]


def _plan(page, case: Case, worker: User, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_text("Lägg till ett mål").click()
    page.locator("textarea[name=text]").fill("Närvaro i skolan")
    page.get_by_role("button", name="Lägg till målet").click()
    page.wait_for_url(f"**/arenden/{case.pk}/plan/")
    page.get_by_text("Lägg till en åtgärd").click()
    page.get_by_label("Vad som ska göras").fill("Möte med mentor")
    page.get_by_label("Senast").fill((today + dt.timedelta(days=7)).isoformat())
    page.get_by_label("Ansvarig teammedlem").select_option(str(worker.pk))
    page.get_by_role("button", name="Lägg till åtgärden").click()
    page.wait_for_url(f"**/arenden/{case.pk}/plan/")
    assert page.get_by_text("Möte med mentor").is_visible()
    assert PlanGoal.objects.filter(case=case).count() == PlanAction.objects.count() == 1


def _note(page, case: Case) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Anteckningar").click()
    page.get_by_label("Anteckning:").fill("Första mötet med familjen")
    page.get_by_role("button", name="Spara anteckningen").click()
    page.wait_for_url(f"**/arenden/{case.pk}/anteckningar/")
    assert page.get_by_text("Första mötet med familjen").is_visible()
    assert CaseNote.objects.filter(case=case).count() == 1


def test_intake_consent_plan_and_note_as_handlaggare(browser_page, db) -> None:  # type: ignore[no-untyped-def]
    accounts_demo.build(DemoContext(out=io.StringIO()))
    worker = User.objects.get(username="handlaggare")
    today = timezone.localdate()
    page = browser_page
    browser_login(page, worker)
    case = _intake(page)
    _consent(page, case, today)
    _plan(page, case, worker, today)
    _note(page, case)
    # The identity is shown only when asked for, and that is in the read log.
    page.get_by_role("link", name="Personer").click()
    assert page.get_by_text("Testa Testsson").count() == 0
    page.get_by_role("button", name="Visa identitet för personen 1").click()
    assert page.get_by_text("20090101-2385").is_visible()
    page.get_by_role("link", name="Läslogg").click()
    assert page.get_by_text("Identitet för person 1").is_visible()
    assert AccessLogEntry.objects.filter(object_id=str(case.pk), reason="identity:1").exists()
