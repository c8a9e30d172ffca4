"""The action-plan services check who acts, whoever calls them: the coordinator manages
the plan, coordinators and analysts evaluate, the responsible organisation writes progress
and follows up its commitments, and others are refused with nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from samtrygg.actionplan import services
from samtrygg.actionplan.models import InterventionNote, Method
from samtrygg.actionplan.tests import factories as f
from samtrygg.testing.matrix import World


def test_only_the_coordinator_manages_the_plan(world: World) -> None:
    for actor in ("analyst", "police", "council_member", "reporter"):
        with pytest.raises(PermissionDenied):
            services.method_create(actor=world.user(actor), code="walk", name_sv="Vandring")
    services.method_create(actor=world.user("coordinator"), code="walk", name_sv="Vandring")
    assert Method.objects.filter(code="walk").count() == 1


def test_progress_notes_by_evaluators_and_the_responsible_organisation(world: World) -> None:
    intervention = f.intervention(world.organisations["housing"])
    for actor in ("analyst", "reporter"):  # an evaluator; a member of the housing company
        services.intervention_note_add(
            actor=world.user(actor), intervention=intervention, text=f"Noterat av {actor}."
        )
    for actor in ("outsider", "council_member"):
        with pytest.raises(PermissionDenied):
            services.intervention_note_add(
                actor=world.user(actor), intervention=intervention, text="Nej."
            )
    authors = set(InterventionNote.objects.values_list("author__username", flat=True))
    assert authors == {"test-analyst", "test-reporter"}


def test_commitments_are_followed_up_by_their_owner_only(world: World) -> None:
    agreement = f.agreement([world.organisations["police"], world.organisations["housing"]])
    commitment = services.commitment_create(
        actor=world.user("coordinator"),
        agreement=agreement,
        title="Belysning",
        owner=world.organisations["housing"],
    )
    services.commitment_follow_up(
        actor=world.user("reporter"),
        commitment=commitment,
        status="in_progress",
        progress="På gång.",
    )
    with pytest.raises(PermissionDenied):
        services.commitment_follow_up(
            actor=world.user("outsider"), commitment=commitment, status="done", progress="Klart."
        )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("in_progress", "På gång.")
