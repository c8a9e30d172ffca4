"""Retention deletes a closed case on the right day, keeps a stub, skips legal holds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samtrygg.cases import services
from samtrygg.cases.models import (
    Case,
    CaseKey,
    CaseNote,
    CasePerson,
    CaseStub,
    Consent,
    RetentionRun,
)
from samtrygg.cases.services import retention_due_on
from samtrygg.cases.tests.factories import ADULT, CaseWorld, give_consent, open_case
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def closed_case(cw: CaseWorld, closed_on: dt.date, programme: str = "sspf") -> Case:
    case = open_case(cw, programme=programme, identity_number=ADULT)
    give_consent(case, ["school"])
    services.case_note_add(actor=cw.worker, case=case, text="Anteckning")
    services.case_close(actor=cw.worker, case=case, closed_on=case.opened_on, outcome="goals_met")
    Case.objects.filter(pk=case.pk).update(
        opened_on=closed_on - dt.timedelta(days=200), closed_on=closed_on
    )
    return Case.objects.get(pk=case.pk)


def test_due_dates() -> None:
    assert retention_due_on(dt.date(2021, 3, 15), 5) == dt.date(2026, 3, 15)
    assert retention_due_on(dt.date(2024, 2, 29), 5) == dt.date(2029, 3, 1)
    assert retention_due_on(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_the_overview_dates_the_deletions_as_the_other_tables_do(cw: CaseWorld) -> None:
    closed_case(cw, dt.date(2021, 3, 15))
    services.case_retention_run(day=dt.date(2026, 3, 16), trigger="test")
    page = login(Client(), cw.lead).get(reverse("cases:overview")).content.decode()
    assert '<td class="date">2026-03-16</td>' in page
    assert '<td class="date">2021-03-15</td>' in page
    assert "16 mars" not in page


def test_deleted_on_the_anniversary_not_a_day_before(cw: CaseWorld) -> None:
    case = closed_case(cw, dt.date(2021, 3, 15))
    reference = case.reference
    run = services.case_retention_run(day=dt.date(2026, 3, 14))
    assert run.deleted_cases == 0 and Case.objects.filter(pk=case.pk).exists()
    run = services.case_retention_run(day=dt.date(2026, 3, 15), trigger="test")
    assert run.deleted_cases == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    for model in (CasePerson, CaseNote, Consent, CaseKey):
        assert not model.objects.exists(), model.__name__
    stub = CaseStub.objects.get()
    assert (stub.programme, stub.opened_year, stub.closed_year, stub.outcome) == (
        "sspf",
        2020,
        2021,
        "goals_met",
    )
    item = run.items.get()
    assert (item.reference, item.persons, item.notes, item.skipped) == (reference, 1, 1, False)
    assert item.other_rows >= len(["consent", "team member"])


def test_leap_day_closing_is_deleted_on_the_first_of_march(cw: CaseWorld) -> None:
    closed_case(cw, dt.date(2024, 2, 29))
    assert services.case_retention_run(day=dt.date(2029, 2, 28)).deleted_cases == 0
    assert services.case_retention_run(day=dt.date(2029, 3, 1)).deleted_cases == 1


def test_the_period_is_per_programme(cw: CaseWorld, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CASES_RETENTION_YEARS = {**settings.CASES_RETENTION_YEARS, "exit_programme": 10}
    sspf = closed_case(cw, dt.date(2015, 6, 1))
    exit_case = closed_case(cw, dt.date(2015, 6, 1), programme="exit_programme")
    services.case_retention_run(day=dt.date(2021, 1, 1))
    assert not Case.objects.filter(pk=sspf.pk).exists()
    assert Case.objects.filter(pk=exit_case.pk).exists()
    services.case_retention_run(day=dt.date(2025, 6, 1))
    assert not Case.objects.filter(pk=exit_case.pk).exists()


def test_legal_hold_is_skipped_and_reported(cw: CaseWorld) -> None:
    case = closed_case(cw, dt.date(2019, 1, 10))
    services.case_legal_hold_set(actor=cw.worker, case=case, hold=True)
    run = services.case_retention_run(day=dt.date(2026, 1, 1))
    assert (run.deleted_cases, run.skipped_cases) == (0, 1)
    assert run.items.get().skipped
    assert Case.objects.filter(pk=case.pk).exists() and not CaseStub.objects.exists()


def test_open_cases_are_never_deleted(cw: CaseWorld) -> None:
    case = open_case(cw)
    Case.objects.filter(pk=case.pk).update(opened_on=dt.date(2001, 1, 1))
    assert services.case_retention_run(day=dt.date(2030, 1, 1)).deleted_cases == 0


def test_command_reports_in_swedish_and_dry_run_deletes_nothing(cw: CaseWorld) -> None:
    case = closed_case(cw, dt.date(2020, 5, 5))
    out = io.StringIO()
    call_command("case-retention", "--dry-run", "--date", "2026-01-01", stdout=out)
    assert case.reference in out.getvalue() and "skulle raderas" in out.getvalue()
    assert Case.objects.filter(pk=case.pk).exists() and not RetentionRun.objects.exists()
    out = io.StringIO()
    call_command("case-retention", "--date", "2026-01-01", stdout=out)
    assert "Raderade ärenden: 1" in out.getvalue()
    assert not Case.objects.filter(pk=case.pk).exists()
