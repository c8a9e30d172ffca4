"""The case pages as their users see them: owner, colleague and outsider (404)."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.cases import services
from samtrygg.cases.models import Case, CaseNote, CasePerson
from samtrygg.cases.tests.factories import (
    YOUNG,
    CaseWorld,
    consent_giver,
    give_consent,
    open_case,
)
from samtrygg.core.models import AccessLogEntry
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def client(user) -> Client:  # type: ignore[no-untyped-def]
    return login(Client(), user)


def test_owner_sees_every_tab_colleague_and_outsiders_get_404(cw: CaseWorld) -> None:
    case = open_case(cw)
    services.case_note_add(actor=cw.worker, case=case, text="Samtal om skolan")
    tabs = ["detail", "persons", "consents", "disclosures", "risk", "plan", "notes", "log"]
    owner = client(cw.worker)
    for tab in tabs:
        response = owner.get(reverse(f"cases:{tab}", args=[case.pk]))
        assert response.status_code == HTTPStatus.OK, tab
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert case.reference in response.content.decode()
    assert "Samtal om skolan" in owner.get(reverse("cases:notes", args=[case.pk])).content.decode()
    for user in (cw.colleague, cw.other, cw.school):
        for tab in tabs:
            assert (
                client(user).get(reverse(f"cases:{tab}", args=[case.pk])).status_code
                == HTTPStatus.NOT_FOUND
            )
    for role in ("coordinator", "analyst", "auditor", "council_member"):
        response = client(cw.world.user(role)).get(reverse("cases:detail", args=[case.pk]))
        assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND)
        assert case.reference not in response.content.decode()
    # A case that does not exist answers exactly like one the user may not open.
    missing = client(cw.colleague).get(reverse("cases:detail", args=[case.pk + 1000]))
    hidden = client(cw.colleague).get(reverse("cases:detail", args=[case.pk]))
    assert missing.status_code == hidden.status_code == HTTPStatus.NOT_FOUND
    # The same page but for the CSRF token and the address the language menu returns to.
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|/arenden/\d+/')
    assert token.sub(b"", missing.content) == token.sub(b"", hidden.content)


def test_lists_show_only_own_cases(cw: CaseWorld) -> None:
    mine = open_case(cw)
    theirs = open_case(cw, coordinator=cw.colleague)
    page = client(cw.worker).get(reverse("cases:mine")).content.decode()
    assert mine.reference in page and theirs.reference not in page
    lead_page = client(cw.lead).get(reverse("cases:mine")).content.decode()
    assert mine.reference in lead_page and theirs.reference in lead_page


def test_the_list_gives_the_opening_date_as_the_other_tables_do(cw: CaseWorld) -> None:
    case = open_case(cw)
    Case.objects.filter(pk=case.pk).update(opened_on=dt.date(2026, 9, 7))
    page = client(cw.worker).get(reverse("cases:mine")).content.decode()
    assert '<td class="date">2026-09-07</td>' in page
    assert "7 sep" not in page


def test_identity_only_on_explicit_action_and_logged(cw: CaseWorld) -> None:
    case = open_case(cw, name="Testa Testsson")
    owner = client(cw.worker)
    persons = owner.get(reverse("cases:persons", args=[case.pk])).content.decode()
    assert "Testa Testsson" not in persons and "20090101" not in persons
    assert "Visa identitet" in persons
    person = case.persons.get()
    assert (
        owner.get(reverse("cases:person_identity", args=[case.pk, person.pk])).status_code
        == HTTPStatus.METHOD_NOT_ALLOWED
    )
    shown = owner.post(reverse("cases:person_identity", args=[case.pk, person.pk]))
    text = shown.content.decode()
    assert "Testa Testsson" in text and "20090101-2385" in text
    reasons = list(
        AccessLogEntry.objects.filter(object_id=str(case.pk)).values_list("reason", flat=True)
    )
    assert "identity:1" in reasons
    log = owner.get(reverse("cases:log", args=[case.pk])).content.decode()
    assert "Identitet för person 1" in log


def test_search_by_number_is_a_post_and_finds_own_cases_only(cw: CaseWorld) -> None:
    case = open_case(cw)
    other = open_case(cw, coordinator=cw.colleague)
    page = client(cw.worker).post(reverse("cases:search"), {"identity_number": "20090101-2385"})
    text = page.content.decode()
    assert case.reference in text.split("Sök på personnummer")[1]
    assert other.reference not in text
    bad = client(cw.worker).post(reverse("cases:search"), {"identity_number": "20090101-2386"})
    assert "Kontrollsiffran" in bad.content.decode()
    assert "2386" not in "".join(AccessLogEntry.objects.values_list("path", flat=True))


def test_intake_consent_and_note_through_the_pages(cw: CaseWorld) -> None:
    owner = client(cw.worker)
    today = timezone.localdate()
    response = owner.post(
        reverse("cases:intake"),
        {
            "programme": "sspf",
            "intake_reason": "truancy",
            "organisation": cw.organisation.pk,
            "agency": "social_services",
            "opened_on": today.isoformat(),
            "name": "Testa Testsson",
            "identity_number": YOUNG,
        },
    )
    case = Case.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("cases:consents", args=[case.pk])
    bad = owner.post(
        reverse("cases:intake"),
        {
            "programme": "sspf",
            "intake_reason": "own_request",
            "organisation": cw.organisation.pk,
            "agency": "social_services",
            "opened_on": today.isoformat(),
            "name": "X",
            "identity_number": "1",
        },
    )
    assert bad.status_code == HTTPStatus.OK and Case.objects.count() == 1
    assert "Välj en anledning ur verksamhetens lista" in bad.content.decode()
    response = owner.post(
        reverse("cases:consents", args=[case.pk]),
        {
            "given_by": consent_giver(case, today),
            "given_on": today.isoformat(),
            "expires_on": (today + dt.timedelta(days=200)).isoformat(),
            "agencies": ["school", "leisure"],
            "purpose": "Skolgång och fritid",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    owner.post(reverse("cases:notes", args=[case.pk]), {"text": "Första mötet"})
    assert CaseNote.objects.filter(case=case).count() == 1
    assert "Första mötet" not in "".join(CaseNote.objects.values_list("text_enc", flat=True))


def test_withdrawal_on_the_page_removes_the_school(cw: CaseWorld) -> None:
    case = open_case(cw)
    consent = give_consent(case, ["school"])
    services.team_member_add(
        actor=cw.worker, case=case, user=cw.school, organisation=cw.school_org, agency="school"
    )
    school = client(cw.school)
    assert school.get(reverse("cases:notes", args=[case.pk])).status_code == HTTPStatus.OK
    response = school.post(
        reverse("cases:consent_withdraw", args=[case.pk, consent.pk]),
        {"withdrawn_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert school.get(reverse("cases:notes", args=[case.pk])).status_code == HTTPStatus.NOT_FOUND


def test_case_pages_want_a_verified_second_factor(cw: CaseWorld, settings) -> None:  # type: ignore[no-untyped-def]
    settings.OTP_REQUIRED_ROLES = []  # the app asks for it even when the role does not
    settings.CASES_OTP_REQUIRED = True
    case = open_case(cw)
    unverified = Client()
    unverified.force_login(cw.worker)
    response = unverified.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == reverse(
        "accounts:two_factor"
    )
    assert not AccessLogEntry.objects.exists()
    settings.CASES_OTP_REQUIRED = False
    assert unverified.get(reverse("cases:detail", args=[case.pk])).status_code == HTTPStatus.OK


def test_statistics_page_shows_suppressed_counts(cw: CaseWorld) -> None:
    open_case(cw)
    page = client(cw.world.user("analyst")).get(reverse("cases:statistics"))
    text = page.content.decode()
    assert page.status_code == HTTPStatus.OK and "Ärendestatistik" in text
    assert "SSPF-" not in text
    assert (
        client(cw.world.user("reporter")).get(reverse("cases:statistics")).status_code
        == HTTPStatus.FORBIDDEN
    )


def test_person_persons_added_on_page_are_encrypted(cw: CaseWorld) -> None:
    case = open_case(cw)
    response = client(cw.worker).post(
        reverse("cases:persons", args=[case.pk]),
        {"role": "guardian", "name": "Förälder Testsson", "phone": "070-111 22 33"},
    )
    assert response.status_code == HTTPStatus.FOUND
    guardian = CasePerson.objects.get(case=case, number=2)
    assert "Förälder" not in guardian.name_enc and guardian.phone_enc.startswith("v1.")
