"""The partner register's services: validation, permission, consent and erasure."""

from __future__ import annotations

import datetime as dt
from datetime import date
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from samtrygg.partners.checks import luhn_valid, parse_organisation_number
from samtrygg.partners.models import ContactErasure, ContactPerson, Partner, PartnerKind
from samtrygg.partners.selectors import contact_list, partner_list
from samtrygg.partners.services import (
    PartnerInput,
    contact_person_add,
    contact_person_erase,
    contact_person_update,
    partner_create,
    partner_update,
)
from samtrygg.partners.tests.factories import contact_input, make_partner
from samtrygg.testing.actors import member


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("202100-5489", "202100-5489"),  # Skatteverket's own number
        ("2021005489", "202100-5489"),
        (" 202100 - 5489 ", "202100-5489"),
        ("", ""),
    ],
)
def test_organisation_number_is_normalised(value: str, expected: str) -> None:
    assert parse_organisation_number(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("202100-5488", "checksum"),
        ("20210-05489", "format"),
        ("20210054891", "format"),
        ("abcdef-ghij", "format"),
        ("811218-9876", "personal"),  # a personal identity number (third digit 1)
    ],
)
def test_bad_organisation_numbers_are_refused_with_a_reason(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_organisation_number(value)
    assert info.value.code == code


def test_luhn() -> None:
    assert luhn_valid("5560360793")
    assert not luhn_valid("5560360794")


@pytest.mark.django_db
def test_create_makes_an_organisation_for_the_logins() -> None:
    partner = make_partner("Bostads AB Test", kind=PartnerKind.HOUSING_COMPANY, orgnr="5560360793")
    assert partner.organisation_number == "556036-0793"
    assert partner.organisation.name == "Bostads AB Test"
    assert partner.organisation.kind == "housing_company"
    assert LogEntry.objects.get_for_object(partner).count() == 1


@pytest.mark.django_db
def test_create_refuses_duplicates_and_bad_numbers_without_saving() -> None:
    make_partner("Första", orgnr="556036-0793")
    with pytest.raises(ValidationError) as info:
        make_partner("Andra", orgnr="556036-0793")
    assert "organisation_number" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        make_partner("första")
    assert "name" in info.value.message_dict
    with pytest.raises(ValidationError):
        make_partner("Tredje", orgnr="556036-0794")
    assert Partner.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["analyst", "partner", "council_member", "reporter"])
def test_only_the_coordinator_creates_and_updates(role: str) -> None:
    partner = make_partner()
    data = PartnerInput(name="X", kind=PartnerKind.SCHOOL)
    with pytest.raises(PermissionDenied):
        partner_create(actor=member(role), data=data)
    with pytest.raises(PermissionDenied):
        partner_update(actor=member(role), partner=partner, data=data)


@pytest.mark.django_db
def test_update_changes_fields() -> None:
    partner = make_partner()
    data = PartnerInput(name="Nytt namn", kind=PartnerKind.SPORTS_CLUB, is_active=False)
    partner_update(actor=member("coordinator"), partner=partner, data=data)
    partner.refresh_from_db()
    assert (partner.name, partner.kind, partner.is_active) == ("Nytt namn", "sports_club", False)


@pytest.mark.django_db
def test_a_partner_login_sees_its_own_partner_only(world) -> None:  # type: ignore[no-untyped-def]
    own = make_partner("Egen", organisation=world.organisations["partner"])
    make_partner("Annan")
    assert list(partner_list(user=world.user("partner"))) == [own]
    assert partner_list(user=world.user("analyst")).count() == 2
    assert partner_list(user=world.user("outsider")).count() == 0
    assert partner_list(user=world.user("reporter")).count() == 0


@pytest.mark.django_db
def test_contact_needs_consent() -> None:
    partner = make_partner()
    with pytest.raises(ValidationError) as info:
        contact_person_add(
            actor=member("coordinator"), partner=partner, data=contact_input(consent_how="  ")
        )
    assert "consent_how" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        contact_person_add(
            actor=member("coordinator"),
            partner=partner,
            data=contact_input(consent_given_on=date(2999, 1, 1)),
        )
    assert "consent_given_on" in info.value.message_dict
    assert not ContactPerson.objects.exists()


@pytest.mark.django_db
def test_contacts_are_seen_by_the_coordinator_and_the_partner_only(world) -> None:  # type: ignore[no-untyped-def]
    partner = make_partner("Egen", organisation=world.organisations["partner"])
    contact_person_add(actor=member("coordinator"), partner=partner, data=contact_input())
    assert contact_list(user=world.user("coordinator"), partner=partner).count() == 1
    assert contact_list(user=world.user("partner"), partner=partner).count() == 1
    assert contact_list(user=world.user("analyst"), partner=partner).count() == 0
    with pytest.raises(PermissionDenied):
        contact_person_add(actor=world.user("partner"), partner=partner, data=contact_input())


@pytest.mark.django_db
def test_erasure_leaves_no_trace_of_the_values() -> None:
    partner = make_partner()
    contact = contact_person_add(actor=member("coordinator"), partner=partner, data=contact_input())
    erasure = contact_person_erase(
        actor=member("coordinator"), contact=contact, requested_on=date(2026, 2, 1)
    )
    assert not ContactPerson.objects.exists()
    assert ContactErasure.objects.get() == erasure
    assert erasure.erased_by == member("coordinator")
    for entry in LogEntry.objects.all():
        text = f"{entry.object_repr} {entry.changes} {entry.additional_data}"
        for value in ("Karin", "Lind", "karin.lind", "070-123", "Ordförande"):
            assert value not in text, entry


@pytest.mark.django_db
def test_erasure_is_the_coordinators() -> None:
    partner = make_partner()
    contact = contact_person_add(actor=member("coordinator"), partner=partner, data=contact_input())
    with pytest.raises(PermissionDenied):
        contact_person_erase(actor=member("analyst"), contact=contact, requested_on=date.today())
    assert ContactPerson.objects.exists()


@pytest.mark.django_db
def test_contact_update_keeps_the_consent_rules() -> None:
    partner = make_partner()
    contact = contact_person_add(actor=member("coordinator"), partner=partner, data=contact_input())
    contact_person_update(
        actor=member("coordinator"), contact=contact, data=contact_input(phone="", role="Kassör")
    )
    contact.refresh_from_db()
    assert (contact.role, contact.phone) == ("Kassör", "")
    with pytest.raises(ValidationError):
        contact_person_update(
            actor=member("coordinator"), contact=contact, data=contact_input(email="", phone="")
        )
    with pytest.raises(PermissionDenied):
        contact_person_update(actor=member("analyst"), contact=contact, data=contact_input())


@pytest.mark.django_db
def test_today_is_the_swedish_day_for_consent_and_erasure() -> None:
    """At 00:30 in Västerås on New Year's Day it is still 31 December in UTC (and on a
    server kept in UTC): a consent given, or an erasure asked for, that Swedish day is not
    in the future."""
    local = dt.datetime(2030, 1, 1, 0, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    partner = make_partner()
    with mock.patch("django.utils.timezone.now", return_value=local.astimezone(dt.UTC)):
        contact = contact_person_add(
            actor=member("coordinator"),
            partner=partner,
            data=contact_input(consent_given_on=date(2030, 1, 1)),
        )
        contact_person_erase(
            actor=member("coordinator"), contact=contact, requested_on=date(2030, 1, 1)
        )
        with pytest.raises(ValidationError):
            contact_person_add(
                actor=member("coordinator"),
                partner=partner,
                data=contact_input(consent_given_on=date(2030, 1, 2)),
            )
    assert ContactErasure.objects.get().requested_on == date(2030, 1, 1)
