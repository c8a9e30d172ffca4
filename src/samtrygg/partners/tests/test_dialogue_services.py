"""The dialogue forum's services: who writes what, validation, and the council's response
reaching the partners it concerns."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samtrygg.governance.models import AgendaItem
from samtrygg.governance.services import meeting_create
from samtrygg.notifications.models import Notification
from samtrygg.partners import notifications, selectors, services
from samtrygg.partners.models import Contribution, Recommendation, ResponseKind
from samtrygg.partners.tests.routes import partners_world
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db


def _contribution(partner: Any, meeting: Any = None, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "kind": "proposal",
        "title": "Fler vuxna ute",
        "text": "Vi föreslår fler nattvandrare på fredagar.",
        "given_on": timezone.localdate() - timedelta(days=1),
        "partner": partner,
        "meeting": meeting,
    }
    values.update(fields)
    return services.ContributionInput(**values)


def test_a_partner_login_contributes_for_its_own_partner_only(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    login = world.user("partner")
    own = services.contribution_create(actor=login, data=_contribution(p["own"], p["meeting"]))
    assert own.submitted_by == login
    with pytest.raises(PermissionDenied):
        services.contribution_create(actor=login, data=_contribution(p["other"]))
    with pytest.raises(PermissionDenied):
        services.contribution_create(actor=world.user("analyst"), data=_contribution(p["own"]))


def test_contribution_validation_names_the_field(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    coordinator = member("coordinator")
    with pytest.raises(ValidationError) as info:
        services.contribution_create(actor=coordinator, data=_contribution(None))
    assert "partner" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.contribution_create(
            actor=coordinator,
            data=_contribution(p["own"], given_on=timezone.localdate() + timedelta(days=2)),
        )
    assert "given_on" in info.value.message_dict
    theme = p["meeting"].themes.get()
    with pytest.raises(ValidationError) as info:
        services.contribution_create(actor=coordinator, data=_contribution(p["own"], theme=theme))
    assert "theme" in info.value.message_dict
    citizen = services.contribution_create(
        actor=coordinator, data=_contribution(None, source="citizen_dialogue")
    )
    assert citizen.partner is None


def test_a_partner_sees_its_meetings_contributions_and_recommendations(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    coordinator = member("coordinator")
    elsewhere = services.dialogue_meeting_create(
        actor=coordinator,
        forum=p["forum"],
        data=services.MeetingInput(title="Utan oss", held_on=timezone.localdate()),
    )
    services.contribution_create(
        actor=coordinator, data=_contribution(p["other"], elsewhere, title="Annans")
    )
    login = world.user("partner")
    assert list(selectors.dialogue_meeting_list(user=login)) == [p["meeting"]]
    titles = {c.title for c in selectors.contribution_list(user=login)}
    assert titles == {"Mörk gångväg"}
    assert list(selectors.recommendation_list(user=login)) == [p["recommendation"]]
    assert selectors.contribution_list(user=world.user("outsider")).count() == 0
    assert selectors.contribution_list(user=world.user("analyst")).count() == 2


def test_declined_needs_a_reason(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    with pytest.raises(ValidationError) as info:
        services.recommendation_respond(
            actor=member("coordinator"), recommendation=p["recommendation"], response="declined"
        )
    assert "reason" in info.value.message_dict
    assert Recommendation.objects.get().response == ResponseKind.PENDING


def test_accepted_becomes_an_agenda_item_and_the_partners_are_told(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    coordinator = member("coordinator")
    start = timezone.now() + timedelta(days=20)
    council_meeting = meeting_create(
        actor=coordinator,
        council=p["council"],
        title="Rådsmöte",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    with pytest.raises(ValidationError) as info:
        services.recommendation_respond(
            actor=coordinator, recommendation=p["recommendation"], response="accepted"
        )
    assert "decision" in info.value.message_dict
    rec = services.recommendation_respond(
        actor=coordinator,
        recommendation=p["recommendation"],
        response="accepted",
        agenda_meeting=council_meeting,
    )
    item = AgendaItem.objects.get(meeting=council_meeting)
    assert rec.agenda_item == item
    assert item.title == "Mer ljus"
    told = Notification.objects.filter(kind="partners.recommendation_answered")
    assert [n.recipient for n in told] == [world.user("partner")]
    assert "Mer ljus" in told[0].title
    # Telling again (a retried request, a re-run) tells no one twice.
    notifications.recommendation_answered(rec)
    assert told.count() == 1


def test_only_the_coordinator_responds(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    for actor in ("council_member", "partner", "analyst"):
        with pytest.raises(PermissionDenied):
            services.recommendation_respond(
                actor=world.user(actor),
                recommendation=p["recommendation"],
                response="noted",
            )


def test_a_partner_cannot_change_a_contribution_a_recommendation_builds_on(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    with pytest.raises(ValidationError):
        services.contribution_update(
            actor=world.user("partner"),
            contribution=p["contribution"],
            data=_contribution(p["own"], p["meeting"], title="Ändrad"),
        )
    assert Contribution.objects.get(pk=p["contribution"].pk).title == "Mörk gångväg"


def test_meeting_themes_keep_their_contributions(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    coordinator = member("coordinator")
    meeting = p["meeting"]
    theme = meeting.themes.get()
    c = services.contribution_create(
        actor=coordinator, data=_contribution(p["own"], meeting, theme=theme)
    )
    services.dialogue_meeting_update(
        actor=coordinator,
        meeting=meeting,
        data=services.MeetingInput(
            title=meeting.title,
            held_on=meeting.held_on,
            status="held",
            participants=list(meeting.participants.all()),
            themes=["Skolvägar", "Belysning"],
        ),
    )
    c.refresh_from_db()
    assert c.theme == theme
    assert [t.title for t in meeting.themes.all()] == ["Skolvägar", "Belysning"]
    with pytest.raises(ValidationError) as info:
        services.dialogue_meeting_create(
            actor=coordinator,
            forum=p["council"],
            data=services.MeetingInput(title="Fel forum", held_on=timezone.localdate()),
        )
    assert "forum" in info.value.message_dict


def test_a_recommendation_is_edited_until_the_council_responds(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    coordinator = member("coordinator")
    rec = services.recommendation_update(
        actor=coordinator,
        recommendation=p["recommendation"],
        to_council=p["council"],
        title="Mer ljus i tunneln",
        text="Belys gångtunneln.",
        contributions=[],
    )
    assert (rec.title, rec.contributions.count()) == ("Mer ljus i tunneln", 0)
    with pytest.raises(PermissionDenied):
        services.recommendation_update(
            actor=world.user("partner"),
            recommendation=rec,
            to_council=p["council"],
            title="X",
            text="Y",
        )
    services.recommendation_respond(
        actor=coordinator, recommendation=rec, response="noted", reason="Noterat."
    )
    with pytest.raises(ValidationError):
        services.recommendation_update(
            actor=coordinator, recommendation=rec, to_council=p["council"], title="Z", text="Z"
        )


def test_the_meeting_list_counts(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    empty = services.dialogue_meeting_create(
        actor=member("coordinator"),
        forum=p["forum"],
        data=services.MeetingInput(title="Tomt", held_on=timezone.localdate()),
    )
    listed = selectors.dialogue_meeting_list(user=world.user("analyst"))
    names = ("n_participants", "n_contributions", "n_recommendations")
    # The counts are annotations, in each row's attributes.
    counts = {m.pk: tuple(vars(m)[n] for n in names) for m in listed}
    assert counts[p["meeting"].pk] == (2, 1, 1)
    assert counts[empty.pk] == (0, 0, 0)
