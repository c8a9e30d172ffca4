"""Meetings: status changes, agenda order, attachments, the year view, and who sees what."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.core.permissions import Permissions
from samtrygg.governance import selectors, services
from samtrygg.governance.models import AgendaAttachment, Meeting, MeetingStatus
from samtrygg.governance.rules import seated_council_ids
from samtrygg.governance.tests import factories as f
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import World

pytestmark = pytest.mark.django_db


def _seat(council, user, role="member", **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("term_start", timezone.localdate() - timedelta(days=100))
    return services.seat_create(
        actor=member("coordinator"), council=council, role=role, title=role, user=user, **kwargs
    )


def test_status_changes(world: World) -> None:
    council = f.council()
    future = f.planned_meeting(council, days_ahead=3)
    with pytest.raises(ValidationError):
        services.meeting_set_status(
            actor=member("coordinator"), meeting=future, status=MeetingStatus.HELD
        )
    with pytest.raises(ValidationError):
        services.meeting_set_status(
            actor=member("coordinator"), meeting=future, status=MeetingStatus.MINUTES_APPROVED
        )
    past = f.held_meeting(council, days_ago=3)
    with pytest.raises(ValidationError):  # minutes first
        services.meeting_set_status(
            actor=member("coordinator"), meeting=past, status=MeetingStatus.MINUTES_APPROVED
        )
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=past,
        minutes="§ 1 Öppnande",
        minutes_public=True,
        other_attendees="",
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=past, status=MeetingStatus.MINUTES_APPROVED
    )
    assert past.minutes_approved_on == timezone.localdate()
    with pytest.raises(ValidationError):  # locked
        services.meeting_minutes_update(
            actor=member("coordinator"),
            meeting=past,
            minutes="Ändrat",
            minutes_public=True,
            other_attendees="",
        )
    with pytest.raises(ValidationError):
        services.agenda_item_create(actor=member("coordinator"), meeting=past, title="Sent tillägg")
    services.meeting_set_status(
        actor=member("coordinator"), meeting=past, status=MeetingStatus.HELD
    )  # reopen
    assert past.minutes_approved_on is None
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=past,
        minutes="Ändrat",
        minutes_public=True,
        other_attendees="",
    )
    past.refresh_from_db()
    assert past.minutes == "Ändrat" and past.sequence == 3  # held, approved, reopened


def test_agenda_order_insert_move_and_delete() -> None:
    council = f.council()
    meeting = f.planned_meeting(council, days_ahead=10)
    a = services.agenda_item_create(actor=member("coordinator"), meeting=meeting, title="A")
    b = services.agenda_item_create(actor=member("coordinator"), meeting=meeting, title="B")
    services.agenda_item_create(
        actor=member("coordinator"), meeting=meeting, title="Först", order=1
    )
    titles = lambda: [i.title for i in meeting.agenda_items.order_by("order")]  # noqa: E731
    assert titles() == ["Först", "A", "B"]
    services.agenda_item_update(
        actor=member("coordinator"),
        item=b,
        title="B",
        presenter="",
        description="",
        notes="",
        order=1,
    )
    assert titles() == ["B", "Först", "A"]
    services.agenda_item_delete(actor=member("coordinator"), item=a)
    assert titles() == ["B", "Först"]
    assert list(meeting.agenda_items.order_by("order").values_list("order", flat=True)) == [1, 2]


def test_attachments_are_validated_and_served_to_members_only(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council()
    _seat(council, world.user("council_member"))
    meeting = f.planned_meeting(council, days_ahead=10)
    item = services.agenda_item_create(actor=member("coordinator"), meeting=meeting, title="Punkt")
    with pytest.raises(ValidationError) as exc:
        services.attachment_add_file(
            actor=member("coordinator"),
            item=item,
            title="",
            upload=SimpleUploadedFile("x.exe", b"MZ"),
        )
    assert "file" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.attachment_add_file(
            actor=member("coordinator"),
            item=item,
            title="",
            upload=SimpleUploadedFile("x.pdf", b""),
        )
    for bad in ["javascript:alert(1)", "//evil.example/", "ftp://x.se/", "inte en adress"]:
        with pytest.raises(ValidationError):
            services.attachment_add_link(actor=member("coordinator"), item=item, title="L", url=bad)
    link = services.attachment_add_link(
        actor=member("coordinator"), item=item, title="Sida", url="/governance/public/"
    )
    assert link.url == "/governance/public/"
    upload = services.attachment_add_file(
        actor=member("coordinator"),
        item=item,
        title="",
        upload=SimpleUploadedFile("pm.pdf", b"%PDF-1.4 x"),
    )
    assert (upload.title, upload.content_type, upload.size) == ("pm.pdf", "application/pdf", 10)
    url = reverse("governance:attachment_download", kwargs={"pk": upload.pk})
    response = client_for("council_member").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert 'attachment; filename="pm.pdf"' in response["Content-Disposition"]
    assert client_for("analyst").get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to log-in

    # A bad upload through the page says what is wrong, and saves nothing.
    page = client_for("coordinator").post(
        reverse("governance:attachment_create", kwargs={"pk": item.pk}),
        {"kind": "file", "title": "", "file": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert page.status_code == 400 and "exe" in page.content.decode()
    assert AgendaAttachment.objects.filter(agenda_item=item).count() == 2
    services.attachment_delete(actor=member("coordinator"), attachment=upload)
    assert client_for("council_member").get(url).status_code == 404


def test_year_view_against_target(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council(meetings_per_year_min=3, meetings_per_year_max=4)
    _seat(council, world.user("council_member"))
    tz = timezone.get_current_timezone()
    year = 2030

    def at(month: int):  # type: ignore[no-untyped-def]
        from datetime import datetime

        return f.meeting_at(council, datetime(year, month, 10, 13, tzinfo=tz))

    for month in (2, 5):
        m = at(month)
        Meeting.objects.filter(pk=m.pk).update(status=MeetingStatus.HELD)
    summary = selectors.council_year(council=council, year=year)
    assert (summary.held, summary.planned, summary.status) == (2, 0, "below")
    at(9)
    assert selectors.council_year(council=council, year=year).status == "on_track"
    cancelled = at(11)
    services.meeting_set_status(
        actor=member("coordinator"), meeting=cancelled, status=MeetingStatus.CANCELLED
    )
    summary = selectors.council_year(council=council, year=year)
    assert (summary.held, summary.planned, summary.cancelled) == (2, 1, 1)
    Meeting.objects.filter(council=council, starts_at__month=9).update(status=MeetingStatus.HELD)
    summary = selectors.council_year(council=council, year=year)
    assert summary.status == "met" and not summary.above_max
    page = client_for("council_member").get(
        reverse("governance:council_year", kwargs={"slug": council.slug, "year": year})
    )
    assert page.status_code == 200
    assert "Målet nått" in page.content.decode()
    assert selectors.council_year(council=council, year=year - 1).status == "below"


def test_membership_by_seat_only(world: World) -> None:
    """A role alone gives no access; an active, non-guest seat does, whatever the role."""
    council = f.council()
    today = timezone.localdate()
    ids = lambda actor: seated_council_ids(Permissions(world.user(actor)))  # noqa: E731
    assert ids("council_member") == frozenset()
    _seat(council, world.user("council_member"))
    _seat(council, world.user("analyst"), role="guest")
    _seat(council, world.user("case_worker"), term_end=today - timedelta(days=1))
    _seat(council, world.user("auditor"), term_start=today + timedelta(days=1))
    _seat(council, world.user("reporter"), role="adjunct")
    assert ids("council_member") == {council.pk}
    assert ids("reporter") == {council.pk}  # e.g. a partner's representative on Värna
    for actor in ("analyst", "case_worker", "auditor", "police", "outsider"):
        assert ids(actor) == frozenset(), actor
    meeting = f.planned_meeting(council, days_ahead=5)
    visible = lambda actor: list(  # noqa: E731
        selectors.meeting_list(user=world.user(actor), council=council)
    )
    assert visible("reporter") == [meeting]
    assert visible("coordinator") == [meeting]
    assert visible("analyst") == []


def test_meeting_page_for_members(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    _seat(council, world.user("police"), role="co_chair")
    meeting = f.held_meeting(council, days_ago=1, location="Stadshuset")
    item = services.agenda_item_create(
        actor=member("coordinator"), meeting=meeting, title="Lägesbild", presenter="Analytiker"
    )
    services.attachment_add_link(
        actor=member("coordinator"), item=item, title="Polisen", url="https://polisen.se/"
    )
    f.decision(meeting, world.organisations["housing"], title="Belysning", agenda_item=item)
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=meeting,
        minutes="Utkast till protokoll",
        minutes_public=False,
        other_attendees="",
    )
    url = reverse("governance:meeting_detail", kwargs={"pk": meeting.pk})
    page = client_for("police").get(url).content.decode()
    for text in [
        "Lägesbild",
        "Polisen",
        "Belysning",
        "Utkast till protokoll",
        "Genomfört",
        "Registrera ett beslut",
    ]:
        assert text in page, text
    # Members record decisions but do not manage the meeting.
    assert "Justera protokollet" not in page and "Skriv protokollet" not in page
    manager_page = client_for("coordinator").get(url).content.decode()
    assert "Justera protokollet" in manager_page and "Skriv protokollet" in manager_page


def test_meeting_times_follow_the_language(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # Swedish writes a clock time 13.00, English 13:00.
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    _seat(council, world.user("police"), role="co_chair")
    meeting = f.planned_meeting(council, days_ahead=3)
    urls = [
        reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}),
        reverse("governance:council_detail", kwargs={"slug": council.slug}),
        reverse("governance:council_list"),
    ]
    client = client_for("police")
    for url in urls:
        page = client.get(url).content.decode()
        assert "13.00–15.00" in page and "13:00" not in page, url
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    for url in urls:
        page = client.get(url).content.decode()
        assert "13:00–15:00" in page and "13.00" not in page, url


def test_public_pages_show_public_dates_and_approved_public_minutes_only(world: World) -> None:
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    approved = f.held_meeting(council, days_ago=40, location="Stadshuset")
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=approved,
        minutes="Offentligt protokoll",
        minutes_public=True,
        other_attendees="",
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=approved, status=MeetingStatus.MINUTES_APPROVED
    )
    draft = f.held_meeting(council, days_ago=20)
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=draft,
        minutes="Ojusterat utkast",
        minutes_public=True,
        other_attendees="",
    )
    closed = f.held_meeting(council, days_ago=30)
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=closed,
        minutes="Internt protokoll",
        minutes_public=False,
        other_attendees="",
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=closed, status=MeetingStatus.MINUTES_APPROVED
    )
    hidden = f.planned_meeting(council, days_ahead=10, is_public=False, location="Hemligt rum")
    upcoming = f.planned_meeting(council, days_ahead=20, location="Kongresscentrum")
    item = services.agenda_item_create(
        actor=member("coordinator"), meeting=upcoming, title="Intern dagordningspunkt"
    )
    assert item.pk

    client = Client()
    listing = client.get(reverse("governance:public_meetings")).content.decode()
    assert "Kongresscentrum" in listing and "Hemligt rum" not in listing
    assert "Intern dagordningspunkt" not in listing

    def detail(m):  # type: ignore[no-untyped-def]
        return client.get(reverse("governance:public_meeting_detail", kwargs={"pk": m.pk}))

    assert "Offentligt protokoll" in detail(approved).content.decode()
    assert "Ojusterat utkast" not in detail(draft).content.decode()
    assert "Internt protokoll" not in detail(closed).content.decode()
    assert "Intern dagordningspunkt" not in detail(upcoming).content.decode()
    assert detail(hidden).status_code == 404
    services.council_update(
        actor=member("coordinator"),
        council=council,
        name=council.name,
        kind=council.kind,
        purpose="",
        meetings_per_year_min=3,
        meetings_per_year_max=4,
        meetings_public_by_default=True,
        is_active=False,
    )
    assert detail(approved).status_code == 404


def test_year_pages_stop_at_the_councils_meetings(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    """No link on to years without meetings ("below target" in 2045), none offered."""
    council = f.council()
    _seat(council, world.user("council_member"))
    this_year = timezone.localdate().year
    tz = timezone.get_current_timezone()
    f.meeting_at(council, datetime(this_year + 1, 6, 10, 13, tzinfo=tz))
    client = client_for("council_member")

    def year_page(year: int):  # type: ignore[no-untyped-def]
        return client.get(
            reverse("governance:council_year", kwargs={"slug": council.slug, "year": year})
        )

    now = year_page(this_year).content.decode()
    assert 'rel="prev"' not in now and 'rel="next"' in now
    last = year_page(this_year + 1).content.decode()
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert year_page(this_year + 2).status_code == 404
    assert year_page(2045).status_code == 404
    assert year_page(this_year - 1).status_code == 404
