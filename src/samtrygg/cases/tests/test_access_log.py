"""Every read of a case, a person or a note is logged; the audit trail holds no content."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.http import Http404

from samtrygg.cases import selectors, services
from samtrygg.cases.tests.factories import YOUNG, CaseWorld, open_case
from samtrygg.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def entries(case) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return list(
        AccessLogEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
        .order_by("id")
        .values_list("username", "action", "reason")
    )


def test_each_read_writes_one_entry(cw: CaseWorld) -> None:
    case = open_case(cw)
    services.case_note_add(actor=cw.worker, case=case, text="Samtal")
    assert entries(case) == []
    opened = selectors.case_open(user=cw.worker, pk=case.pk, part="notes")
    selectors.case_notes(user=cw.worker, case=opened)
    person = case.persons.get()
    selectors.person_identity(user=cw.worker, case=opened, person_pk=person.pk)
    selectors.case_list(user=cw.worker)
    assert entries(case) == [
        ("test-case_worker", "view", "notes"),
        ("test-case_worker", "view", "identity:1"),
    ]
    listed = AccessLogEntry.objects.get(reason="list")
    assert listed.object_repr == case.reference and listed.action == "search"


def test_an_outsider_gets_404_and_no_entry_names_the_case(cw: CaseWorld) -> None:
    case = open_case(cw)
    for user in (cw.colleague, cw.world.user("coordinator"), cw.world.user("auditor")):
        with pytest.raises(Http404):
            selectors.case_open(user=user, pk=case.pk, part="overview")
        assert selectors.case_list(user=user) == []
    assert not AccessLogEntry.objects.exists()


def test_search_logs_the_matches_never_the_number(cw: CaseWorld) -> None:
    case = open_case(cw)
    assert selectors.case_find(user=cw.worker, identity_number=YOUNG) == [case]
    entry = AccessLogEntry.objects.get()
    assert entry.reason == "search:identity_number" and entry.object_repr == case.reference
    for value in entry.__dict__.values():
        assert YOUNG not in str(value) and "090101" not in str(value)


def test_the_audit_trail_records_changes_without_content(cw: CaseWorld) -> None:
    case = open_case(cw, name="Testa Testsson")
    services.case_note_add(actor=cw.worker, case=case, text="Känslig anteckning")
    services.case_person_add(
        actor=cw.worker,
        case=case,
        person=services.PersonInput(role="guardian", name="Förälder Testsson", phone="0701234567"),
    )
    logged = LogEntry.objects.filter(content_type__app_label="cases")
    assert logged.filter(object_repr=case.reference).exists()
    text = " ".join(f"{e.object_repr} {e.changes} {e.additional_data}" for e in logged)
    for secret in ("Testa Testsson", "Förälder", "0701234567", "Känslig", YOUNG, "truancy", "v1."):
        assert secret not in text, secret
