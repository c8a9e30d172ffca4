"""Identities and case texts are encrypted at rest; keys rotate; lookup uses an HMAC."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest
from django.db import connection
from django.test import override_settings

from samtrygg.cases import selectors, services
from samtrygg.cases.crypto import CaseKeyError, keyring
from samtrygg.cases.keys import cipher_for
from samtrygg.cases.models import SEALED_MODELS, Case, CaseKey, CasePerson
from samtrygg.cases.tests.factories import ADULT, YOUNG, CaseWorld, give_consent, open_case

pytestmark = pytest.mark.django_db

#: What fill() seals at least: six person fields, consent texts and file, note, goal.
MIN_SEALED_VALUES = 12
SECRETS = ("Testa Testsson", "200901012385", "20090101", "070-123 45 67", "testa@example.se")


def all_database_text() -> str:
    """Every value of every cases table, as the database returns it."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for model in connection.introspection.installed_models(
            connection.introspection.table_names()
        ):
            if model._meta.app_label != "cases":
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def fill(cw: CaseWorld) -> Case:
    case = open_case(cw, identity_number=YOUNG, name="Testa Testsson")
    services.case_person_add(
        actor=cw.worker,
        case=case,
        person=services.PersonInput(
            role="guardian", name="Förälder Testsson", identity_number=ADULT
        ),
    )
    services.consent_record(
        actor=cw.worker,
        case=case,
        given_by="person_and_guardians" if case.age_band == "15-17" else "person",
        given_on=case.opened_on,
        expires_on=case.opened_on.replace(year=case.opened_on.year + 1),
        agencies=["school"],
        purpose="Samverkan",
        note="Underskriven blankett",
        document=services.Document(
            name="samtycke.pdf", content_type="application/pdf", content=b"%PDF-1.4 signed form"
        ),
    )
    services.case_note_add(actor=cw.worker, case=case, text="Samtal med Testa Testsson")
    services.plan_goal_add(actor=cw.worker, case=case, text="Testa ska gå i skolan")
    return case


def test_nothing_identifying_is_stored_in_clear(cw: CaseWorld) -> None:
    fill(cw)
    text = all_database_text()
    for secret in (*SECRETS, "Förälder Testsson", "198501012382", "signed form", "samtycke.pdf"):
        assert secret not in text, secret
    assert "v1." in text


def test_a_tampered_or_moved_value_does_not_decrypt(cw: CaseWorld) -> None:
    case = fill(cw)
    subject, guardian = list(case.persons.order_by("number"))
    cipher = cipher_for(case)
    assert subject.unseal(cipher, "name") == "Testa Testsson"
    # The guardian's encrypted name copied into the subject's row: bound to its own row.
    subject.name_enc = guardian.name_enc
    with pytest.raises(CaseKeyError):
        subject.unseal(cipher, "name")
    token = guardian.name_enc
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    guardian.name_enc = flipped
    with pytest.raises(CaseKeyError):
        guardian.unseal(cipher, "name")


def test_each_case_has_its_own_wrapped_key(cw: CaseWorld) -> None:
    first = fill(cw)
    second = open_case(cw, identity_number=YOUNG)
    keys = {k.case_id: k for k in CaseKey.objects.all()}
    assert keys[first.pk].key_id != keys[second.pk].key_id
    assert keys[first.pk].master_key_id == keyring()[0].key_id
    # The value names its case key: the other case's key refuses it.
    person = first.persons.get(number=1)
    assert f".{keys[first.pk].key_id}." in person.name_enc
    with pytest.raises(CaseKeyError):
        person.unseal(cipher_for(second), "name")


def test_lookup_by_personnummer_uses_the_hmac(cw: CaseWorld) -> None:
    case = fill(cw)
    person = case.persons.get(number=1)
    assert len(person.identity_hash) == len(hashlib.sha256().hexdigest())
    assert YOUNG not in person.identity_hash
    assert selectors.case_find(user=cw.worker, identity_number="090101-2385") == [case]
    assert selectors.case_find(user=cw.colleague, identity_number="200901012385") == []


def test_rotation_re_encrypts_everything_under_the_new_key(cw: CaseWorld, settings) -> None:  # type: ignore[no-untyped-def]
    case = fill(cw)
    before = {
        (model.__name__, row.pk, name): getattr(row, f"{name}_enc")
        for model in SEALED_MODELS
        for row in model.objects.all()
        for name in row.ENCRYPTED_FIELDS
        if getattr(row, f"{name}_enc")
    }
    old_key = CaseKey.objects.get(case=case)
    old_hash = case.persons.get(number=1).identity_hash
    new_master = os.urandom(32)
    settings.CASE_DATA_KEYS = [new_master, *settings.CASE_DATA_KEYS]
    report = services.case_keys_rotate()
    assert report.cases == 1 and report.values == len(before)
    assert len(before) >= MIN_SEALED_VALUES
    after = {
        (model.__name__, row.pk, name): getattr(row, f"{name}_enc")
        for model in SEALED_MODELS
        for row in model.objects.all()
        for name in row.ENCRYPTED_FIELDS
        if getattr(row, f"{name}_enc")
    }
    assert set(after) == set(before)
    assert all(after[k] != before[k] for k in before)
    new_key = CaseKey.objects.get(case=case)
    assert new_key.key_id != old_key.key_id and new_key.wrapped != old_key.wrapped
    assert services.master_keys_in_use() == {keyring()[0].key_id}
    assert case.persons.get(number=1).identity_hash != old_hash
    # Only the new master key configured: everything still reads, search still finds.
    with override_settings(CASE_DATA_KEYS=[new_master]):
        fresh = Case.objects.get(pk=case.pk)
        assert [n.text for n in selectors.case_notes(user=cw.worker, case=fresh)] == [
            "Samtal med Testa Testsson"
        ]
        _person, identity = selectors.person_identity(
            user=cw.worker, case=fresh, person_pk=fresh.persons.get(number=1).pk
        )
        assert identity.name == "Testa Testsson"
        name, _type, content = selectors.attachment_download(
            user=cw.worker, case=fresh, attachment_pk=fresh.attachments.get().pk
        )
        assert (name, content) == ("samtycke.pdf", b"%PDF-1.4 signed form")
        assert selectors.case_find(user=cw.worker, identity_number=YOUNG) == [fresh]


def test_without_its_master_key_a_case_does_not_open(cw: CaseWorld) -> None:
    case = fill(cw)
    other = base64.b64encode(os.urandom(32))
    with override_settings(CASE_DATA_KEYS=[base64.b64decode(other)]):
        fresh = Case.objects.get(pk=case.pk)
        with pytest.raises(CaseKeyError, match="CASE_DATA_KEY"):
            cipher_for(fresh)


def test_consent_document_round_trips(cw: CaseWorld) -> None:
    case = fill(cw)
    rows = selectors.case_consents(user=cw.worker, case=case)
    assert rows[0].attachments[0][1] == "samtycke.pdf"
    assert rows[0].note == "Underskriven blankett"
    give_consent(case, ["police"])
    assert len(selectors.case_consents(user=cw.worker, case=case)) == case.consents.count()
    assert CasePerson.objects.filter(identity_hash="").count() == 0
