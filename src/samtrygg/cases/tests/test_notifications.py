"""A consent about to end is told to the case's coordinator once — reference and date only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from samtrygg.cases import services
from samtrygg.cases.tests.factories import CaseWorld, give_consent, open_case
from samtrygg.notifications.models import Notification
from samtrygg.notifications.services import daily_run

pytestmark = pytest.mark.django_db

EXPIRING_IN = 10


def test_the_coordinator_is_told_once_without_case_content(cw: CaseWorld) -> None:
    case = open_case(cw, name="Testa Testsson")
    today = timezone.localdate()
    give_consent(case, ["school"], given_on=today - dt.timedelta(days=100), days=100 + EXPIRING_IN)
    services.case_note_add(actor=cw.worker, case=case, text="Känsligt innehåll")
    daily_run(today=today)
    daily_run(today=today + dt.timedelta(days=1))
    (notice,) = Notification.objects.filter(kind="cases.consent_ending")
    assert notice.recipient == cw.worker
    assert case.reference in notice.title
    text = f"{notice.title} {notice.body} {notice.url}"
    for secret in ("Testa", "Känsligt", "Samverkan", "skola", "Skola"):
        assert secret not in text
    assert not Notification.objects.filter(kind="cases.consent_ending").exclude(recipient=cw.worker)


def test_a_withdrawn_or_distant_consent_is_not_told(cw: CaseWorld) -> None:
    case = open_case(cw)
    today = timezone.localdate()
    far = give_consent(case, ["school"], days=300)
    near = give_consent(case, ["leisure"], given_on=today - dt.timedelta(days=50), days=55)
    services.consent_withdraw(actor=cw.worker, consent=near, withdrawn_on=today)
    daily_run(today=today)
    assert far.expires_on > today
    assert not Notification.objects.filter(kind="cases.consent_ending").exists()
