"""Pages, services and the API: plans and versions, interventions and their notes, the
process checklist, commitments, the public promise page, the annual follow-up PDF."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.actionplan import services
from samtrygg.actionplan.models import (
    PROCESS_CHECKLIST,
    Commitment,
    InterventionNote,
    ProcessEvaluation,
)
from samtrygg.actionplan.tests import factories as f
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """The PDF's text by ``pdftotext``; skipped without it unless SAMTRYGG_REQUIRE_TOOLS=1."""
    binary = shutil.which("pdftotext")
    if binary is None:
        message = "pdftotext not found (apt install poppler-utils)"
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [binary, "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture
def plan_world(world, incidents):  # type: ignore[no-untyped-def]
    orgs = world.organisations
    plan = f.plan(title="Handlingsplan för Testkommun")
    services.action_plan_version_create(
        actor=member("coordinator"),
        plan=plan,
        adopted_by=orgs["board"],
        adoption_date=timezone.localdate(),
        decision_reference="KS 2025-03-12 § 45",
    )
    goal = f.goal("strategic")
    indicator = f.indicator(
        goal, code="trygga", name="Andel som känner sig trygga", target_value=70, target_year=2027
    )
    services.indicator_value_set(
        actor=member("coordinator"), indicator=indicator, year=2024, value=64.0
    )
    intervention = f.intervention(
        orgs["housing"],
        title="Belysning i gångtunnlar",
        plan=plan,
        status="running",
        start_date=dt.date(2025, 1, 1),
    )
    run = f.evaluation(intervention, world.user("analyst"))
    agreement = f.agreement([orgs["municipality"], orgs["police"]])
    commitment = services.commitment_create(
        actor=member("coordinator"),
        agreement=agreement,
        title="Gemensamma veckomöten",
        owner=orgs["housing"],
        due_date=timezone.localdate() - dt.timedelta(days=3),
    )
    public = f.promise(public=True, title="Trygg centrummiljö")
    hidden = f.promise(public=False, title="Hemligt löfte om resecentrum")
    return {
        "plan": plan,
        "intervention": intervention,
        "run": run,
        "commitment": commitment,
        "public": public,
        "hidden": hidden,
        "world": world,
    }


def test_plan_page_shows_goals_indicators_and_interventions(plan_world, client_for) -> None:  # type: ignore[no-untyped-def]
    text = (
        client_for("council_member")
        .get(reverse("actionplan:plan_detail", kwargs={"pk": plan_world["plan"].pk}))
        .content.decode()
    )
    for part in (
        "Handlingsplan för Testkommun",
        "KS 2025-03-12 § 45",
        "Tryggheten ska öka.",
        "Andel som känner sig trygga",
        "Belysning i gångtunnlar",
        "Pågår",
    ):
        assert part in text, part


def test_annual_follow_up_pdf(plan_world, client_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    year = timezone.localdate().year
    response = client_for("coordinator").get(
        reverse("actionplan:plan_followup_pdf", kwargs={"pk": plan_world["plan"].pk}),
        {"year": year},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content, tmp_path).split())
    for part in (
        "Årlig uppföljning av handlingsplanen",
        "Handlingsplan för Testkommun",
        "Mål och indikatorer",
        "Andel som känner sig trygga",
        "Insatser och deras status",
        "Belysning i gångtunnlar",
        "Utvärderingar",
        "Gemensamma veckomöten",
        "(försenat)",
        "Trygg centrummiljö",
        "Hemligt löfte om resecentrum",  # internal document: every promise of the year
    ):
        assert part in text, part


def test_plan_versions_are_checked(plan_world, world) -> None:  # type: ignore[no-untyped-def]
    plan = plan_world["plan"]
    with pytest.raises(ValidationError) as exc:
        services.action_plan_version_create(
            actor=member("coordinator"),
            plan=plan,
            adopted_by=world.organisations["police"],
            adoption_date=timezone.localdate(),
        )
    assert "adopted_by" in exc.value.message_dict
    version = f.situation_version(world.user("analyst"))
    with pytest.raises(ValidationError) as exc:
        services.action_plan_version_create(
            actor=member("coordinator"),
            plan=plan,
            adopted_by=world.organisations["board"],
            adoption_date=timezone.localdate() - dt.timedelta(days=1),
            based_on=version,
        )
    assert "based_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.action_plan_version_create(
            actor=member("coordinator"),
            plan=plan,
            adopted_by=world.organisations["board"],
            adoption_date=timezone.localdate(),
            document=SimpleUploadedFile("plan.exe", b"MZ"),
        )
    assert "document" in exc.value.message_dict
    second = services.action_plan_version_create(
        actor=member("coordinator"),
        plan=plan,
        adopted_by=world.organisations["board"],
        adoption_date=timezone.localdate(),
    )
    assert second.number == 2


def test_progress_notes_by_the_responsible_organisation(plan_world, client) -> None:  # type: ignore[no-untyped-def]
    intervention = plan_world["intervention"]
    login(client, plan_world["world"].user("reporter"))  # the housing company runs it
    url = reverse("actionplan:intervention_note", kwargs={"pk": intervention.pk})
    client.post(
        url,
        {
            "text": "Hälften av armaturerna bytta.",
            "status": "completed",
            "recorded_on": timezone.localdate().isoformat(),
        },
    )
    intervention.refresh_from_db()
    assert intervention.status == "completed"
    note = InterventionNote.objects.get(intervention=intervention)
    assert (note.status_from, note.status_to) == ("running", "completed")
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    client.post(url, {"text": "Framtid", "recorded_on": future})
    assert InterventionNote.objects.filter(intervention=intervention).count() == 1
    # The reporter sees the intervention, but not the plan or another organisation's one.
    assert (
        client.get(
            reverse("actionplan:plan_detail", kwargs={"pk": plan_world["plan"].pk})
        ).status_code
        == 403
    )
    other = f.intervention(plan_world["world"].organisations["police"], title="Polisens insats")
    assert (
        client.get(reverse("actionplan:intervention_detail", kwargs={"pk": other.pk})).status_code
        == 404
    )
    listing = client.get(reverse("actionplan:intervention_list")).content.decode()
    assert "Belysning i gångtunnlar" in listing and "Polisens insats" not in listing


def test_process_checklist_needs_every_answer(plan_world) -> None:  # type: ignore[no-untyped-def]
    intervention = plan_world["intervention"]
    answers = {key: {"answer": "yes"} for key, _q in PROCESS_CHECKLIST}
    answers["dose"] = {"answer": ""}
    with pytest.raises(ValidationError) as exc:
        services.process_evaluation_record(
            actor=member("coordinator"), intervention=intervention, answers=answers
        )
    assert "dose_answer" in exc.value.message_dict
    answers["dose"] = {"answer": "partly", "comment": "80 % av passen"}
    record = services.process_evaluation_record(
        actor=member("coordinator"), intervention=intervention, answers=answers
    )
    assert record.answers["dose"] == {"answer": "partly", "comment": "80 % av passen"}
    assert ProcessEvaluation.objects.count() == 1


def test_commitment_follow_up_by_its_owner(plan_world, client) -> None:  # type: ignore[no-untyped-def]
    commitment = plan_world["commitment"]
    login(client, plan_world["world"].user("reporter"))
    url = reverse("actionplan:commitment_update", kwargs={"pk": commitment.pk})
    page = client.get(url).content.decode()
    assert 'name="title"' not in page  # the owner reports; the coordinator edits
    client.post(url, {"title": "Ändrad", "status": "done", "progress": "Klart i mars."})
    commitment.refresh_from_db()
    assert (commitment.title, commitment.status, commitment.progress) == (
        "Gemensamma veckomöten",
        "done",
        "Klart i mars.",
    )
    assert not Commitment.objects.get(pk=commitment.pk).is_overdue()


def test_public_promise_page_shows_public_parts_only(plan_world) -> None:  # type: ignore[no-untyped-def]
    public, hidden = plan_world["public"], plan_world["hidden"]
    services.promise_follow_up_add(
        actor=member("coordinator"), promise=public, text="Fotpatrullering varje helg."
    )
    client = Client()  # not logged in
    listing = client.get(reverse("actionplan:public_promises"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Trygg centrummiljö" in text and "Hemligt löfte" not in text
    detail = client.get(reverse("actionplan:public_promise_detail", kwargs={"pk": public.pk}))
    body = detail.content.decode()
    assert "Fotpatrullering varje helg." in body  # the public follow-up
    assert "Vi lovar fler vuxna i centrum." in body
    assert "HEMLIG INTERN ANTECKNING" not in body
    assert "test-coordinator" not in body  # nobody's name
    assert (
        client.get(
            reverse("actionplan:public_promise_detail", kwargs={"pk": hidden.pk})
        ).status_code
        == 404
    )


def test_api_lists_follow_the_pages(plan_world, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("api:v1:actionplan-intervention-list")
    mine = client_for("reporter").get(url).json()
    assert [i["title"] for i in mine["results"]] == ["Belysning i gångtunnlar"]
    assert client_for("outsider").get(url).json()["results"] == []
    indicators = client_for("analyst").get(reverse("api:v1:actionplan-indicator-list")).json()
    [indicator] = indicators["results"]
    assert indicator["code"] == "trygga"
    assert indicator["values"] == {
        "": [
            {
                "year": 2024,
                "value": 64.0,
                "count": None,
                "population": None,
                "n": None,
                "partial": False,
            }
        ]
    }
    assert indicator["status"] == "single"  # one value, below the target
    assert (
        client_for("reporter").get(reverse("api:v1:actionplan-indicator-list")).json()["results"]
        == []
    )
    evaluations = client_for("reporter").get(reverse("api:v1:actionplan-evaluation-list")).json()
    assert [e["id"] for e in evaluations["results"]] == [plan_world["run"].pk]


def test_forms_say_what_is_wrong(plan_world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    response = client.post(
        reverse("actionplan:intervention_create"),
        {
            "title": "Utan fokusområde",
            "owner": plan_world["world"].organisations["police"].pk,
            "status": "running",
        },
    )
    assert response.status_code == 400
    response = client.post(
        reverse("actionplan:plan_create"),
        {"title": "Baklänges", "period_start": "2026-01-01", "period_end": "2025-01-01"},
    )
    assert response.status_code == 400
    assert "Slutet kommer före starten." in response.content.decode()
