"""The finding workflow and the walk's steps, through the services: no status skipped,
declining needs a reason, a transfer changes the owner and tells the new one, only the
owner (or a coordinator) acts, the e-mail link acts for its owner only, re-checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samtrygg.accounts.models import Membership, Organisation, User
from samtrygg.incidents.models import Category, Incident
from samtrygg.notifications.models import EmailDelivery, Notification
from samtrygg.notifications.services import daily_run
from samtrygg.testing.actors import member
from samtrygg.walks import services
from samtrygg.walks.models import FindingEvent, FindingStatus, SafetyWalk
from samtrygg.walks.tests import factories
from samtrygg.walks.tokens import OwnerLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> User:
    return member("coordinator")


@pytest.fixture
def unit() -> Organisation:
    return Organisation.objects.create(name="Tekniska nämnden", code="tekn", kind="municipal_unit")


@pytest.fixture
def unit_user(unit: Organisation) -> User:
    user = User.objects.create(username="gata", email="gata@example.org")
    Membership.objects.create(user=user, organisation=unit, role="reporter")
    return user


@pytest.fixture
def finding(coordinator: User, unit: Organisation, unit_user: User):  # type: ignore[no-untyped-def]
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, unit)
    return factories.finding(coordinator, walk, owner)


def test_the_owner_walks_the_finding_through_every_status(finding, unit_user) -> None:  # type: ignore[no-untyped-def]
    for status in ("accepted", "in_progress", "fixed"):
        finding = services.finding_status_change(actor=unit_user, finding=finding, status=status)
    assert finding.status == FindingStatus.FIXED
    assert finding.fixed_on == timezone.localdate()
    steps = list(FindingEvent.objects.filter(finding=finding).values_list("to_status", flat=True))
    assert steps == ["reported", "accepted", "in_progress", "fixed"]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), "in_progress"),
        ((), "fixed"),
        (("accepted",), "fixed"),
        (("accepted", "in_progress"), "declined"),
        (("accepted", "in_progress", "fixed"), "accepted"),
    ],
)
def test_no_status_is_skipped(finding, unit_user, path, refused) -> None:  # type: ignore[no-untyped-def]
    for status in path:
        finding = services.finding_status_change(actor=unit_user, finding=finding, status=status)
    with pytest.raises(ValidationError) as exc:
        services.finding_status_change(
            actor=unit_user, finding=finding, status=refused, declined_reason="x"
        )
    assert "status" in exc.value.error_dict
    finding.refresh_from_db()
    assert finding.status == (path[-1] if path else "reported")


def test_declining_needs_a_reason_which_is_kept(finding, unit_user) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.finding_status_change(actor=unit_user, finding=finding, status="declined")
    assert "declined_reason" in exc.value.error_dict
    finding = services.finding_status_change(
        actor=unit_user,
        finding=finding,
        status="declined",
        declined_reason="Platsen rivs i vår; ny belysning ingår i ombyggnaden.",
    )
    assert finding.declined_reason.startswith("Platsen rivs")


def test_a_transfer_changes_the_owner_and_tells_the_new_one(
    finding, unit_user, coordinator
) -> None:  # type: ignore[no-untyped-def]
    housing = Organisation.objects.create(name="Bostads AB", code="bab", kind="housing_company")
    tenant_contact = User.objects.create(username="bab", email="bab@example.org")
    Membership.objects.create(user=tenant_contact, organisation=housing, role="reporter")
    new_owner = factories.owner(coordinator, housing, email="felanmalan@bab.example")
    with pytest.raises(ValidationError):
        services.finding_transfer(actor=unit_user, finding=finding, to_owner=new_owner, note="")
    finding = services.finding_transfer(
        actor=unit_user, finding=finding, to_owner=new_owner, note="Bostadsbolagets gård"
    )
    assert finding.status == FindingStatus.TRANSFERRED
    assert finding.owner == new_owner
    assert Notification.objects.filter(
        recipient=tenant_contact, kind="walks.finding_assigned"
    ).exists()
    direct = EmailDelivery.objects.get(address="felanmalan@bab.example")
    assert "/trygghetsvandringar/agare/lank/" in direct.body
    # The old owner can no longer act on it; the new one accepts it.
    with pytest.raises(PermissionDenied):
        services.finding_status_change(actor=unit_user, finding=finding, status="accepted")
    services.finding_status_change(actor=tenant_contact, finding=finding, status="accepted")


def test_only_the_owner_or_a_coordinator_acts(finding) -> None:  # type: ignore[no-untyped-def]
    for role in ("analyst", "police", "council_member", "partner", "reporter"):
        with pytest.raises(PermissionDenied):
            services.finding_status_change(actor=member(role), finding=finding, status="accepted")
    services.finding_status_change(actor=member("coordinator"), finding=finding, status="accepted")


def test_the_email_link_acts_for_its_owner_only(finding, coordinator) -> None:  # type: ignore[no-untyped-def]
    other = factories.owner(coordinator, None, name="Privat ägare", email="agare@example.org")
    with pytest.raises(PermissionDenied):
        services.finding_status_change(actor=OwnerLink(other), finding=finding, status="accepted")
    finding = services.finding_status_change(
        actor=OwnerLink(finding.owner), finding=finding, status="accepted"
    )
    event = finding.events.last()
    assert event.by_link and event.actor is None


def test_the_owner_is_told_when_a_finding_is_recorded(finding, unit_user) -> None:  # type: ignore[no-untyped-def]
    note = Notification.objects.get(recipient=unit_user, kind="walks.finding_assigned")
    assert "Belysning" in note.title
    assert note.url == f"/trygghetsvandringar/brister/{finding.pk}/"


def test_steps_are_recorded_in_order(coordinator) -> None:  # type: ignore[no-untyped-def]
    walk = factories.walk(coordinator, step="planned")
    with pytest.raises(ValidationError):
        services.walk_step_record(actor=coordinator, walk=walk, step="walked")
    with pytest.raises(ValidationError):
        services.walk_step_record(actor=coordinator, walk=walk, step="followed_up")
    services.walk_step_record(actor=coordinator, walk=walk, step="prepared")
    services.walk_step_record(actor=coordinator, walk=walk, step="walked")
    walk = services.walk_step_record(actor=coordinator, walk=walk, step="followed_up")
    assert walk.step == "followed_up" and walk.follow_up_on == timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.walk_step_record(actor=member("analyst"), walk=walk, step="walked")


def test_a_finding_needs_a_place_and_a_cause(coordinator, unit) -> None:  # type: ignore[no-untyped-def]
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, unit)
    with pytest.raises(ValidationError) as exc:
        factories.finding(coordinator, walk, owner, lon=None, lat=None, address="", cause=" ")
    assert {"address", "cause"} <= set(exc.value.error_dict)
    with pytest.raises(ValidationError) as exc:
        factories.finding(coordinator, walk, owner, lon=2.35, lat=48.85)
    assert "lon" in exc.value.error_dict
    assert not walk.findings.exists()


def test_a_route_outside_sweden_or_of_one_point_is_refused(coordinator) -> None:  # type: ignore[no-untyped-def]
    routes: list[Any] = [[[16.5, 59.6]], [[16.5, 59.6], [2.35, 48.85]], [["x", 1]]]
    for route in routes:
        with pytest.raises(ValidationError) as exc:
            services.clean_route(route)
        assert "route" in exc.value.error_dict


def test_a_repeat_walk_rechecks_fixed_findings(finding, unit_user, coordinator) -> None:  # type: ignore[no-untyped-def]
    for status in ("accepted", "in_progress", "fixed"):
        finding = services.finding_status_change(actor=unit_user, finding=finding, status=status)
    repeat = factories.walk(coordinator, days_ago=1, predecessor=finding.walk, title="Uppföljande")
    with pytest.raises(ValidationError):
        services.finding_recheck(
            actor=coordinator, finding=finding, walk=finding.walk, result="confirmed"
        )
    finding = services.finding_recheck(
        actor=coordinator,
        finding=finding,
        walk=repeat,
        result="reopened",
        note="Lampan är trasig igen",
    )
    assert finding.status == FindingStatus.ACCEPTED and finding.fixed_on is None
    assert finding.recheck == "reopened" and finding.rechecked_at_walk == repeat
    assert repeat.predecessor == finding.walk


def test_a_finding_from_an_environment_incident(coordinator, unit) -> None:  # type: ignore[no-untyped-def]
    when = timezone.now() - dt.timedelta(days=2)
    base = {
        "occurred_from": when,
        "occurred_to": when,
        "reported_at": when,
        "lon": 16.55,
        "lat": 59.61,
        "x": 587000.0,
        "y": 6609000.0,
        "precision": "exact",
        "address": "Storgatan 1",
        "source_organisation": unit,
        "source_system": "form",
        "description": "Lampan vid busshållplatsen är trasig, Kalle såg det",
    }
    lighting = Incident.objects.create(
        category=Category.objects.get(code="otrygg-belysning"), **base
    )
    violence = Incident.objects.create(category=Category.objects.get(code="vald"), **base)
    owner = factories.owner(coordinator, unit)
    area = factories.walk_area()
    finding = services.finding_create_from_incident(
        actor=coordinator, incident=lighting, owner=owner, area=area
    )
    assert finding.category == "lighting" and finding.walk is None
    assert "Kalle" not in finding.cause
    with pytest.raises(ValidationError):
        services.finding_create_from_incident(
            actor=coordinator, incident=lighting, owner=owner, area=area
        )
    with pytest.raises(ValidationError):
        services.finding_create_from_incident(
            actor=coordinator, incident=violence, owner=owner, area=area
        )


def test_due_reminders_reach_members_and_the_owners_mailbox(coordinator, unit, unit_user) -> None:  # type: ignore[no-untyped-def]
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, unit)
    owner.email = "tekniska@example.org"
    owner.save()
    factories.finding(
        coordinator, walk, owner, due_date=timezone.localdate() + dt.timedelta(days=3)
    )
    daily_run()
    daily_run()  # a second run the same day sends nothing again
    assert Notification.objects.filter(recipient=unit_user, kind="walks.finding_due").count() == 1
    assert (
        EmailDelivery.objects.filter(
            address="tekniska@example.org", key__startswith="walks-finding-due"
        ).count()
        == 1
    )
    assert mail.outbox is not None


def test_publishing_the_protocol_needs_the_walk(coordinator) -> None:  # type: ignore[no-untyped-def]
    walk = factories.walk(coordinator, step="prepared")
    with pytest.raises(ValidationError):
        services.walk_protocol_publish(actor=coordinator, walk=walk)
    services.walk_step_record(actor=coordinator, walk=walk, step="walked")
    walk = services.walk_protocol_publish(actor=coordinator, walk=walk)
    assert SafetyWalk.objects.filter(protocol_published_at__isnull=False).get() == walk
