"""The case API: own cases by reference, a case without identities, every read logged, and
no way in with a token while a second factor is required."""

from __future__ import annotations

import json
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.accounts.services import api_token_create
from samtrygg.cases import services
from samtrygg.cases.tests.factories import YOUNG, CaseWorld, give_consent, open_case
from samtrygg.core.models import AccessLogEntry
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def test_list_and_detail_without_identity(cw: CaseWorld) -> None:
    case = open_case(cw, name="Testa Testsson")
    give_consent(case, ["school"])
    services.case_note_add(actor=cw.worker, case=case, text="Känslig anteckning")
    other = open_case(cw, coordinator=cw.colleague)
    client = login(Client(), cw.worker)
    listed = client.get(reverse("api:v1:case-list")).json()
    assert [row["reference"] for row in listed["results"]] == [case.reference]
    detail = client.get(reverse("api:v1:case-detail", args=[case.pk]))
    assert detail.status_code == HTTPStatus.OK
    body = json.dumps(detail.json(), ensure_ascii=False)
    for secret in ("Testa", YOUNG, "20090101", "070-123", "Känslig", "Samverkan"):
        assert secret not in body, secret
    assert detail.json()["consents"][0]["agencies"] == ["school"]
    assert client.get(reverse("api:v1:case-detail", args=[other.pk])).status_code == (
        HTTPStatus.NOT_FOUND
    )
    reasons = set(AccessLogEntry.objects.values_list("reason", flat=True))
    assert {"api:list", "api:detail"} <= reasons


def test_an_outsider_gets_404_and_an_empty_list(cw: CaseWorld) -> None:
    case = open_case(cw)
    client = login(Client(), cw.other)
    assert client.get(reverse("api:v1:case-list")).json()["results"] == []
    response = client.get(reverse("api:v1:case-detail", args=[case.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert case.reference not in response.content.decode()


def test_a_token_is_one_factor_and_is_refused(cw: CaseWorld, settings) -> None:  # type: ignore[no-untyped-def]
    open_case(cw)
    # Even a token made after the second factor is one factor when it is used.
    _token, key = api_token_create(actor=cw.worker, name="script", second_factor_verified=True)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(reverse("api:v1:case-list")).status_code == HTTPStatus.FORBIDDEN
    settings.CASES_OTP_REQUIRED = False
    assert client.get(reverse("api:v1:case-list")).status_code == HTTPStatus.OK


def test_the_api_is_in_the_openapi_document(cw: CaseWorld) -> None:
    schema = login(Client(), cw.worker).get(reverse("api:schema")).content.decode()
    assert "/api/v1/cases/" in schema and "without identities" in schema
