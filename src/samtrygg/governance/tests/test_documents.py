"""The meeting pack and the report to the executive board: Swedish PDFs, kept as versions."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samtrygg.governance import services
from samtrygg.governance.models import FocusArea, GeneratedDocument, MeetingStatus
from samtrygg.governance.tests import factories as f
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import World

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    """The PDF's text by ``pdftotext``; skipped without it unless SAMTRYGG_REQUIRE_TOOLS=1."""
    binary = shutil.which("pdftotext")
    if binary is None:
        message = "pdftotext not found (apt install poppler-utils)"
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [binary, "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
        )
    return " ".join(result.stdout.decode("utf-8").split())


def test_meeting_pack(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    services.seat_create(
        actor=member("coordinator"),
        council=council,
        role="co_chair",
        title="Kommunstyrelsens ordförande",
        user=world.user("council_member"),
        organisation=world.organisations["board"],
        term_start=timezone.localdate() - timedelta(days=400),
    )
    earlier = f.held_meeting(council, days_ago=90)
    open_one = f.decision(
        earlier, world.organisations["housing"], title="Belysning i tunnlar", due_in=30
    )
    services.decision_follow_up(
        actor=member("coordinator"),
        decision=open_one,
        text="Offert inhämtad.",
        status="in_progress",
    )
    meeting = f.planned_meeting(council, days_ahead=14, location="Stadshuset, Mälaren")
    item = services.agenda_item_create(
        actor=member("coordinator"),
        meeting=meeting,
        title="Lägesbild för hösten",
        presenter="Trygghetsanalytiker",
        order=1,
    )
    services.attachment_add_link(
        actor=member("coordinator"),
        item=item,
        title="Polisens händelser",
        url="https://polisen.se/",
    )
    services.attachment_add_file(
        actor=member("coordinator"),
        item=item,
        title="PM om belysning",
        upload=SimpleUploadedFile("pm-belysning.txt", b"PM", content_type="text/plain"),
    )

    first = services.meeting_pack_generate(meeting=meeting, actor=world.user("coordinator"))
    assert first.pdf[:5] == b"%PDF-" and first.version == 1 and first.size == len(first.pdf)
    text = pdf_text(bytes(first.pdf))
    for expected in [
        "Mötesunderlag",
        "Trygghetsrådet",
        "Stadshuset, Mälaren",
        "Dagordning",
        "1. Lägesbild för hösten",
        "Föredragande: Trygghetsanalytiker",
        "Bilagor",
        "Polisens händelser",
        "pm-belysning.txt",
        "Beslut som följs upp",
        "Belysning i tunnlar",
        "Pågår (försenat)",  # in progress and past its due date
        "Offert inhämtad.",
        "Medordförande",
        "Kommunstyrelsens ordförande",
        "Version: 1,",
    ]:
        assert expected in text, expected

    # A second rendering is a new version; the first stays as it was.
    second = services.meeting_pack_generate(actor=member("coordinator"), meeting=meeting)
    assert second.version == 2
    first.refresh_from_db()
    assert first.version == 1 and "Version: 1," in pdf_text(bytes(first.pdf))

    # Members download it; others cannot.
    url = reverse("governance:document_download", kwargs={"pk": second.pk})
    response = client_for("council_member").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(second.pdf)
    assert client_for("analyst").get(url).status_code == 404


def test_board_report(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    council = f.council(name="Trygghetsrådet", slug="trygghetsradet")
    tz = timezone.get_current_timezone()
    held = services.meeting_create(
        actor=member("coordinator"),
        council=council,
        starts_at=datetime(2025, 3, 13, 13, tzinfo=tz),
        ends_at=datetime(2025, 3, 13, 15, tzinfo=tz),
    )
    done = f.decision(held, world.organisations["housing"], title="Klottersanering", due_in=30)
    late = f.decision(held, world.organisations["police"], title="Medborgarlöfte", due_in=60)
    services.decision_follow_up(
        actor=member("coordinator"), decision=done, text="Sanerat.", status="done"
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=held, status=MeetingStatus.HELD
    )
    services.meeting_minutes_update(
        actor=member("coordinator"),
        meeting=held,
        minutes="§ 1",
        minutes_public=False,
        other_attendees="",
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=held, status=MeetingStatus.MINUTES_APPROVED
    )
    outside = services.meeting_create(
        actor=member("coordinator"),
        council=council,
        starts_at=datetime(2024, 11, 7, 13, tzinfo=tz),
        ends_at=datetime(2024, 11, 7, 15, tzinfo=tz),
    )
    services.meeting_set_status(
        actor=member("coordinator"), meeting=outside, status=MeetingStatus.CANCELLED
    )
    goal = services.goal_create(
        actor=member("coordinator"),
        council=council,
        focus_area=FocusArea.objects.get(code="youth"),
        statement="Färre unga ska dras in i kriminalitet.",
        baseline="112 unga misstänkta 2023.",
        target="Minska med 20 procent.",
        target_date=date(2027, 12, 31),
    )
    services.goal_progress_add(
        actor=member("coordinator"),
        goal=goal,
        assessment="at_risk",
        text="Ökning i Bäckby.",
        recorded_on=date(2025, 4, 1),
    )
    services.goal_progress_add(
        actor=member("coordinator"),
        goal=goal,
        assessment="on_track",
        text="Senare bedömning.",
        recorded_on=date(2026, 2, 1),
    )

    client = client_for("coordinator")
    url = reverse("governance:board_report", kwargs={"slug": council.slug})
    response = client.post(url, {"period_start": "2025-01-01", "period_end": "2025-12-31"})
    assert response.status_code == 302
    report = GeneratedDocument.objects.get(kind="board_report")
    assert (report.period_start, report.period_end, report.version) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
        1,
    )
    text = pdf_text(bytes(report.pdf))
    for expected in [
        "Rapport till kommunstyrelsen",
        "2025-01-01 – 2025-12-31",
        "Hållna sammanträden under perioden: 1",
        "13 mars 2025",
        "Protokoll justerat",
        "Klottersanering",
        "Genomfört",
        "Medborgarlöfte",
        "Öppet (försenat)",
        "Färre unga ska dras in i kriminalitet.",
        "Förhindra att unga dras in i kriminalitet",
        "Utgångsläge: 112 unga misstänkta 2023.",
        "Risk att inte nås",
        "Ökning i Bäckby.",
    ]:
        assert expected in text, expected
    # The progress after the period and the meeting before it are not in the report.
    assert "Senare bedömning." not in text
    assert "7 november 2024" not in text
    assert late.status == "open"

    # Same period again: version 2. A bad period is refused with a message, nothing saved.
    client.post(url, {"period_start": "2025-01-01", "period_end": "2025-12-31"})
    assert GeneratedDocument.objects.filter(kind="board_report").count() == 2
    assert GeneratedDocument.objects.filter(version=2).exists()
    bad = client.post(url, {"period_start": "2025-12-31", "period_end": "2025-01-01"})
    assert bad.status_code == 400
    assert GeneratedDocument.objects.filter(kind="board_report").count() == 2
    # A member reads the list but may not make a report.
    seated = client_for("council_member")
    services.seat_create(
        actor=member("coordinator"),
        council=council,
        role="member",
        title="Ledamot",
        user=world.user("council_member"),
        term_start=timezone.localdate() - timedelta(days=5),
    )
    assert seated.get(url).status_code == 200
    assert (
        seated.post(url, {"period_start": "2025-01-01", "period_end": "2025-12-31"}).status_code
        == 403
    )
