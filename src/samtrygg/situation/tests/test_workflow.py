"""The lägesbild workflow: review, the two-signature rule, publishing, audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from samtrygg.accounts.models import Membership, Organisation, OrganisationKind
from samtrygg.situation import services
from samtrygg.situation.models import (
    EventOutcome,
    ReportAction,
    ReportEvent,
    ReportStatus,
    SituationVersion,
)
from samtrygg.situation.services import PublishingRefused, SigningRefused
from samtrygg.situation.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Messages are asserted in the source language."""
    with translation.override("en"):
        yield


def _events(report, action):  # type: ignore[no-untyped-def]
    return list(ReportEvent.objects.filter(report=report, action=action).order_by("at", "id"))


def test_submit_needs_the_required_sections(world) -> None:  # type: ignore[no-untyped-def]
    report = services.report_create(
        actor=world.user("analyst"),
        title="Utkast",
        period_kind="month",
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
    )
    with pytest.raises(ValidationError) as err, translation.override("sv"):
        services.report_submit(actor=world.user("analyst"), report=report)
    # One message naming every empty section, not one identical line per section.
    assert len(err.value.messages) == 1
    message = err.value.messages[0]
    for label in (
        "Kartläggning av brottsligheten",
        "Övrig relevant information",
        "Analys",
        "Prioriterade problem",
        "Källor",
    ):
        assert label in message, label
    assert _events(report, ReportAction.SUBMIT)[-1].outcome == EventOutcome.REFUSED


def test_review_freezes_figures_and_public_figures(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    assert report.status == ReportStatus.REVIEW
    assert report.figures["totals"]["incidents"] == 0  # type: ignore[index]
    assert report.public_figures["threshold"] == 5  # type: ignore[index]
    assert report.figures_scope["classifications"] == ["open", "internal"]  # type: ignore[index]
    assert report.content_hash == services.content_hash(report)


def test_publishing_needs_a_police_signature(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    with pytest.raises(PublishingRefused, match="police"):
        services.report_publish(actor=world.user("analyst"), report=report)
    refused = _events(report, ReportAction.PUBLISH)
    assert refused and refused[-1].outcome == EventOutcome.REFUSED
    assert not SituationVersion.objects.filter(report=report).exists()


def test_publishing_needs_a_municipality_signature(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    services.report_sign(actor=world.user("police"), report=report, side="police")
    with pytest.raises(PublishingRefused, match="municipality"):
        services.report_publish(actor=world.user("analyst"), report=report)


def test_one_person_cannot_sign_twice(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    # An analyst who is a member of both the municipality and the police …
    both = world.user("analyst")
    Membership.objects.create(user=both, organisation=world.organisations["police"], role="analyst")
    services.report_sign(actor=both, report=report, side="municipality")
    # … may sign for one side only
    with pytest.raises(SigningRefused, match="already signed"):
        services.report_sign(actor=both, report=report, side="police")
    # and not twice for the same side either
    with pytest.raises(SigningRefused):
        services.report_sign(actor=both, report=report, side="municipality")
    # the other side must be someone else, and then there are two signatures
    services.report_sign(actor=world.user("police"), report=report, side="police")
    assert {s.side for s in services.valid_signatures(report)} == {"municipality", "police"}
    outcomes = [e.outcome for e in _events(report, ReportAction.SIGN)]
    assert outcomes == ["done", "refused", "refused", "done"]


def test_a_side_is_signed_once(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    with pytest.raises(SigningRefused, match="already signed for the municipality"):
        services.report_sign(actor=world.user("analyst"), report=report, side="municipality")


def test_a_non_police_user_cannot_sign_for_the_police(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    for actor in ("coordinator", "analyst"):
        with pytest.raises(PermissionDenied):
            services.report_sign(actor=world.user(actor), report=report, side="police")
    # nor can the police sign for the municipality
    with pytest.raises(PermissionDenied):
        services.report_sign(actor=world.user("police"), report=report, side="municipality")
    # an analyst of a municipal *political body* is not a municipal signatory either
    board = Organisation.objects.create(
        name="Nämnden", code="namnd-test", kind=OrganisationKind.POLITICAL_BODY
    )
    member = world.user("council_member")
    Membership.objects.create(user=member, organisation=board, role="analyst")
    with pytest.raises(PermissionDenied):
        services.report_sign(actor=member, report=report, side="municipality")
    refused = _events(report, ReportAction.SIGN)
    assert len(refused) == 4 and all(e.outcome == EventOutcome.REFUSED for e in refused)
    assert "police" in refused[0].message


def test_signing_a_changed_report_voids_earlier_signatures(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    services.report_sign(actor=world.user("police"), report=report, side="police")
    services.report_section_update(
        actor=world.user("analyst"), report=report, kind="analysis", body="En ny analys."
    )
    report.refresh_from_db()
    assert services.valid_signatures(report) == []
    void = report.signatures.get()
    assert void.invalidated_at is not None and "Analysis" in void.invalidated_reason
    # the police sign again (the new content) and the coordinator signs: publishable
    services.report_sign(actor=world.user("police"), report=report, side="police")
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    version = services.report_publish(actor=world.user("analyst"), report=report)
    assert version.sections["analysis"] == "En ny analys."
    assert [s["side"] for s in version.signatures] == ["police", "municipality"]


def test_signing_only_in_review(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_draft(world)
    with pytest.raises(SigningRefused):
        services.report_sign(actor=world.user("police"), report=report, side="police")


def test_publish_freezes_a_numbered_version_and_later_edits_make_the_next(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_signed(world)
    v1 = services.report_publish(actor=world.user("coordinator"), report=report)
    report.refresh_from_db()
    assert (v1.number, report.status) == (1, ReportStatus.PUBLISHED)
    assert v1.figures == report.figures and v1.public == report.public_figures
    assert v1.content_hash == report.content_hash
    assert {a.name for a in v1.assets.all()} >= {"choropleth.png", "density.png", "gi.png"}
    assert all(bytes(a.data).startswith(b"\x89PNG") for a in v1.assets.all())
    assert v1.data_scope["classifications"] == ["open", "internal"]
    assert v1.data_scope["computed_by"] == "test-analyst"
    # editing the published report starts the next version; v1 is untouched
    services.report_section_update(
        actor=world.user("analyst"), report=report, kind="summary", body="Uppdaterad."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    services.report_submit(actor=world.user("analyst"), report=report)
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    services.report_sign(actor=world.user("police"), report=report, side="police")
    v2 = services.report_publish(actor=world.user("coordinator"), report=report)
    v1.refresh_from_db()
    assert v2.number == 2 and v1.sections["summary"] == "Kort sammanfattning."
    assert v2.sections["summary"] == "Uppdaterad."


def test_only_the_police_data_may_include_restricted(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.report_create(
            actor=world.user("coordinator"),
            title="Med polisdata",
            period_kind="year",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            include_restricted=True,
        )
    assert "include_restricted" in err.value.message_dict
    analyst = world.user("analyst")
    Membership.objects.filter(user=analyst).update(police_data=True)
    analyst = type(analyst).objects.get(pk=analyst.pk)
    report = services.report_create(
        actor=analyst,
        title="Med polisdata",
        period_kind="year",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        include_restricted=True,
    )
    assert report.restricted_released_by == analyst
    scope = services.report_scope(report, acting_user=world.user("coordinator"))
    assert scope.user == analyst and "restricted" in scope.classifications  # type: ignore[operator]


def test_withdrawal_is_recorded_and_the_version_is_unchanged(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_signed(world)
    version = services.report_publish(actor=world.user("coordinator"), report=report)
    with pytest.raises(PermissionDenied):
        services.version_withdraw(actor=world.user("analyst"), version=version, reason="x")
    with pytest.raises(ValidationError):
        services.version_withdraw(actor=world.user("coordinator"), version=version, reason=" ")
    services.version_withdraw(actor=world.user("coordinator"), version=version, reason="Fel.")
    with pytest.raises(PublishingRefused):
        services.version_withdraw(actor=world.user("coordinator"), version=version, reason="Igen")
    outcomes = [e.outcome for e in _events(report, ReportAction.WITHDRAW)]
    assert outcomes == ["refused", "refused", "done", "refused"]


def test_signing_and_publishing_are_in_the_audit_trail(world) -> None:  # type: ignore[no-untyped-def]
    report = ReportFactory.create_in_review(world)
    with pytest.raises(PermissionDenied):
        services.report_sign(actor=world.user("coordinator"), report=report, side="police")
    services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
    services.report_sign(actor=world.user("police"), report=report, side="police")
    services.report_publish(actor=world.user("coordinator"), report=report)
    ct = ContentType.objects.get_for_model(ReportEvent)
    logged = [e.changes for e in LogEntry.objects.filter(content_type=ct).order_by("id")]
    actions = [(c["action"][1], c["outcome"][1]) for c in logged]
    assert ("sign", "refused") in actions
    assert actions.count(("sign", "done")) == 2
    assert ("publish", "done") in actions
    version_ct = ContentType.objects.get_for_model(SituationVersion)
    assert LogEntry.objects.filter(content_type=version_ct).count() == 1
