"""Every governance page and endpoint in the permission matrix.

The council of the matrix seats the ``council_member`` (co-chair) and the ``police``
user (co-chair); the analyst holds only a guest seat and the case worker a seat whose
term has ended, so neither sees the council (nor does the auditor, without a seat). The
decision is owned by the housing company, so its ``reporter`` sees that decision (and
nothing else of the council).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samtrygg.testing.actors import member
from samtrygg.testing.matrix import EVERYONE, MEMBERS, Route, World, allow

COORDINATOR = allow("coordinator")
SEATED = allow("coordinator", "council_member", "police")
OWNER = SEATED | allow("reporter")


def governance_world(w: World) -> dict[str, Any]:
    """The council of the matrix (once per world): seats, a held and a planned meeting with
    a decision. Objects only some routes need are made on first use by ``_extra``."""
    if "governance" in w.extra:
        return w.extra["governance"]
    from samtrygg.governance import services
    from samtrygg.governance.models import CouncilSeat, MeetingStatus

    today = timezone.localdate()
    now = timezone.now()
    council = services.council_create(
        actor=member("coordinator"), name="Testrådet", slug="testradet", kind="decision_council"
    )
    start = today - timedelta(days=400)
    seats = CouncilSeat.objects.bulk_create(
        [
            CouncilSeat(
                council=council,
                role="co_chair",
                title="Kommunstyrelsens ordförande",
                organisation=w.organisations["board"],
                body_position="chair",
                user=w.user("council_member"),
                term_start=start,
            ),
            CouncilSeat(
                council=council,
                role="co_chair",
                title="Lokalpolisområdeschef",
                organisation=w.organisations["police"],
                user=w.user("police"),
                term_start=start,
            ),
            # A guest seat and an ended term give no access (analyst, case worker).
            CouncilSeat(
                council=council,
                role="guest",
                title="Analytiker",
                user=w.user("analyst"),
                term_start=start,
            ),
            CouncilSeat(
                council=council,
                role="member",
                title="Tidigare ledamot",
                user=w.user("case_worker"),
                term_start=start,
                term_end=today - timedelta(days=30),
            ),
        ]
    )
    held = services.meeting_create(
        actor=member("coordinator"),
        council=council,
        starts_at=now - timedelta(days=1, hours=2),
        ends_at=now - timedelta(days=1),
    )
    item = services.agenda_item_create(
        actor=member("coordinator"), meeting=held, title="Lägesbild", presenter="Analytiker"
    )
    decision = services.decision_create(
        actor=member("coordinator"),
        meeting=held,
        agenda_item=item,
        title="Bättre belysning",
        text="Bostadsbolaget förbättrar belysningen.",
        owner_organisation=w.organisations["housing"],
        due_date=today + timedelta(days=30),
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=held, status=MeetingStatus.HELD
    )
    planned = services.meeting_create(
        actor=member("coordinator"),
        council=council,
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
    )
    objects = {
        "council": council,
        "seat": seats[0],
        "held": held,
        "planned": planned,
        "item": item,
        "decision": decision,
    }
    w.extra["governance"] = objects
    return objects


def _extra(w: World, key: str) -> Any:
    objects = governance_world(w)
    if key in objects:
        return objects[key]
    from samtrygg.governance import services
    from samtrygg.governance.models import FocusArea, GeneratedDocument, MeetingStatus

    council, now = objects["council"], timezone.now()
    obj: Any
    if key == "approved":
        obj = services.meeting_create(
            actor=member("coordinator"),
            council=council,
            starts_at=now - timedelta(days=60, hours=2),
            ends_at=now - timedelta(days=60),
        )
        services.meeting_set_status(
            actor=member("coordinator"), meeting=obj, status=MeetingStatus.HELD
        )
        services.meeting_minutes_update(
            actor=member("coordinator"),
            meeting=obj,
            minutes="Protokoll.",
            minutes_public=True,
            other_attendees="",
        )
        services.meeting_set_status(
            actor=member("coordinator"), meeting=obj, status=MeetingStatus.MINUTES_APPROVED
        )
    elif key == "link":
        obj = services.attachment_add_link(
            actor=member("coordinator"), item=objects["item"], title="Brå", url="https://bra.se/"
        )
    elif key == "file":
        obj = services.attachment_add_file(
            actor=member("coordinator"),
            item=objects["item"],
            title="PM",
            upload=SimpleUploadedFile("pm.txt", b"Promemoria", content_type="text/plain"),
        )
    elif key == "plain_item":
        obj = services.agenda_item_create(
            actor=member("coordinator"), meeting=objects["planned"], title="Övriga frågor"
        )
    elif key == "goal":
        obj = services.goal_create(
            actor=member("coordinator"),
            council=council,
            focus_area=FocusArea.objects.get(code="youth"),
            statement="Färre unga ska dras in i kriminalitet.",
            target="Minska med 20 procent.",
        )
    elif key == "document":
        planned = objects["planned"]
        obj = GeneratedDocument.objects.create(
            kind="meeting_pack",
            council=council,
            meeting=planned,
            subject=f"meeting:{planned.pk}",
            version=1,
            title="Mötesunderlag",
            pdf=b"%PDF-1.4 test",
            size=13,
            sha256="0" * 64,
        )
    else:
        raise KeyError(key)
    objects[key] = obj
    return obj


def _slug(w: World) -> dict[str, Any]:
    return {"slug": governance_world(w)["council"].slug}


def _pk(key: str) -> Any:
    return lambda w: {"pk": _extra(w, key).pk}


def _feed(w: World) -> dict[str, Any]:
    council = governance_world(w)["council"]
    return {"slug": council.slug, "token": council.feed_token}


def _meeting_form(w: World) -> dict[str, Any]:
    governance_world(w)
    day = timezone.localdate() + timedelta(days=90)
    return {
        "title": "Extra",
        "date": day.isoformat(),
        "start_time": "13:00",
        "end_time": "15:00",
        "location": "Stadshuset",
        "is_public": "on",
    }


def _seat_form(w: World) -> dict[str, Any]:
    governance_world(w)
    return {
        "role": "member",
        "title": "Grundskolenämndens ordförande",
        "term_start": timezone.localdate().isoformat(),
    }


def _decision_form(w: World) -> dict[str, Any]:
    return {
        "title": "Ny insats",
        "text": "Rådet beslutar om en ny insats.",
        "owner_organisation": w.organisations["municipality"].pk,
        "due_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }


def _goal_form(w: World) -> dict[str, Any]:
    from samtrygg.governance.models import FocusArea

    return {
        "council": governance_world(w)["council"].pk,
        "focus_area": FocusArea.objects.get(code="victims").pk,
        "statement": "Brottsoffer får stöd inom en vecka.",
        "target": "90 procent",
        "status": "active",
    }


def _council_form(w: World) -> dict[str, Any]:
    return {
        "name": "Nytt råd",
        "slug": "nytt-rad",
        "kind": "dialogue_forum",
        "meetings_per_year_min": 2,
        "meetings_per_year_max": 3,
        "is_active": "on",
    }


def _year(w: World) -> dict[str, Any]:
    return {**_slug(w), "year": timezone.localdate().year}


ROUTES = [
    # Councils
    Route("governance:council_list", MEMBERS),
    Route("governance:council_create", COORDINATOR),
    Route(
        "governance:council_create", COORDINATOR, method="post", data=_council_form, label="create"
    ),
    Route("governance:council_detail", SEATED, kwargs=_slug),
    Route("governance:council_update", COORDINATOR, kwargs=_slug),
    Route(
        "governance:council_update",
        COORDINATOR,
        kwargs=_slug,
        method="post",
        data=_council_form,
        label="save",
    ),
    Route("governance:council_year", SEATED, kwargs=_year),
    Route("governance:council_feed_rotate", COORDINATOR, kwargs=_slug, method="post"),
    # The members' feed needs no log-in, only the secret token (a wrong one: 404, tested
    # in test_ical.py).
    Route("governance:council_feed", EVERYONE, kwargs=_feed),
    Route("governance:seat_create", COORDINATOR, kwargs=_slug),
    Route(
        "governance:seat_create",
        COORDINATOR,
        kwargs=_slug,
        method="post",
        data=_seat_form,
        label="create",
    ),
    Route("governance:seat_update", COORDINATOR, kwargs=_pk("seat")),
    Route(
        "governance:seat_update",
        COORDINATOR,
        kwargs=_pk("seat"),
        method="post",
        data=lambda w: {**_seat_form(w), "title": "Ny titel"},
        label="save",
    ),
    # Meetings
    Route("governance:meeting_create", COORDINATOR, kwargs=_slug),
    Route(
        "governance:meeting_create",
        COORDINATOR,
        kwargs=_slug,
        method="post",
        data=_meeting_form,
        label="create",
    ),
    Route("governance:meeting_detail", SEATED, kwargs=_pk("held")),
    Route("governance:meeting_update", COORDINATOR, kwargs=_pk("planned")),
    Route(
        "governance:meeting_update",
        COORDINATOR,
        kwargs=_pk("planned"),
        method="post",
        data=_meeting_form,
        label="save",
    ),
    Route(
        "governance:meeting_status",
        COORDINATOR,
        kwargs=_pk("planned"),
        method="post",
        data=lambda w: {"status": "cancelled", "note": "Sjukdom"},
    ),
    Route("governance:meeting_minutes", COORDINATOR, kwargs=_pk("held")),
    Route(
        "governance:meeting_minutes",
        COORDINATOR,
        kwargs=_pk("held"),
        method="post",
        data=lambda w: {"minutes": "Protokoll", "other_attendees": ""},
        label="save",
    ),
    Route("governance:meeting_attendance", COORDINATOR, kwargs=_pk("held")),
    Route(
        "governance:meeting_attendance",
        COORDINATOR,
        kwargs=_pk("held"),
        method="post",
        data=lambda w: {f"status_{governance_world(w)['seat'].pk}": "present"},
        label="save",
    ),
    Route("governance:meeting_pack", COORDINATOR, kwargs=_pk("planned"), method="post"),
    # Agenda and attachments
    Route("governance:agenda_item_create", COORDINATOR, kwargs=_pk("planned")),
    Route(
        "governance:agenda_item_create",
        COORDINATOR,
        kwargs=_pk("planned"),
        method="post",
        data=lambda w: {"title": "Ny punkt"},
        label="create",
    ),
    Route("governance:agenda_item_update", COORDINATOR, kwargs=_pk("item")),
    Route(
        "governance:agenda_item_update",
        COORDINATOR,
        kwargs=_pk("item"),
        method="post",
        data=lambda w: {"title": "Lägesbild", "notes": "Noterat"},
        label="save",
    ),
    Route("governance:agenda_item_delete", COORDINATOR, kwargs=_pk("plain_item"), method="post"),
    Route(
        "governance:attachment_create",
        COORDINATOR,
        kwargs=_pk("item"),
        method="post",
        data=lambda w: {"kind": "link", "title": "Polisen", "url": "https://polisen.se/"},
    ),
    Route("governance:attachment_download", SEATED, kwargs=_pk("file")),
    Route("governance:attachment_download", SEATED, kwargs=_pk("link"), label="link"),
    Route("governance:attachment_delete", COORDINATOR, kwargs=_pk("link"), method="post"),
    # Decisions
    Route("governance:decision_create", SEATED, kwargs=_pk("held")),
    Route(
        "governance:decision_create",
        SEATED,
        kwargs=_pk("held"),
        method="post",
        data=_decision_form,
        label="record",
    ),
    Route("governance:decision_list", MEMBERS),
    Route("governance:decision_list", MEMBERS, query="overdue=1", label="overdue"),
    Route("governance:decision_mine", MEMBERS),
    Route("governance:decision_detail", OWNER, kwargs=_pk("decision")),
    Route(
        "governance:decision_detail",
        OWNER,
        kwargs=_pk("decision"),
        method="post",
        data=lambda w: {"status": "in_progress", "text": "Arbetet har börjat."},
        label="follow-up",
    ),
    Route("governance:decision_update", COORDINATOR, kwargs=_pk("decision")),
    Route(
        "governance:decision_update",
        COORDINATOR,
        kwargs=_pk("decision"),
        method="post",
        data=_decision_form,
        label="save",
    ),
    # Goals
    Route("governance:goal_list", MEMBERS),
    Route("governance:goal_create", COORDINATOR),
    Route("governance:goal_create", COORDINATOR, method="post", data=_goal_form, label="create"),
    Route("governance:goal_detail", SEATED, kwargs=_pk("goal")),
    Route(
        "governance:goal_detail",
        SEATED,
        kwargs=_pk("goal"),
        method="post",
        data=lambda w: {
            "recorded_on": timezone.localdate().isoformat(),
            "assessment": "on_track",
            "text": "Det går bra.",
        },
        label="progress",
    ),
    Route("governance:goal_update", COORDINATOR, kwargs=_pk("goal")),
    Route(
        "governance:goal_update",
        COORDINATOR,
        kwargs=_pk("goal"),
        method="post",
        data=_goal_form,
        label="save",
    ),
    # Documents
    Route("governance:board_report", SEATED, kwargs=_slug),
    Route(
        "governance:board_report",
        COORDINATOR,
        kwargs=_slug,
        method="post",
        data=lambda w: {
            "period_start": f"{timezone.localdate().year}-01-01",
            "period_end": f"{timezone.localdate().year}-12-31",
        },
        label="make",
    ),
    Route("governance:document_download", SEATED, kwargs=_pk("document")),
    # API
    Route("api:v1:governance-meeting-list", MEMBERS),
    Route("api:v1:governance-meeting-detail", SEATED, kwargs=_pk("held")),
    Route("api:v1:governance-decision-list", MEMBERS),
    Route("api:v1:governance-decision-list", MEMBERS, query="overdue=true", label="overdue"),
    Route("api:v1:governance-decision-detail", OWNER, kwargs=_pk("decision")),
    # Public pages
    Route("governance:public_meetings", EVERYONE),
    Route("governance:public_meeting_detail", EVERYONE, kwargs=_pk("approved")),
    Route("governance:public_feed", EVERYONE),
]
