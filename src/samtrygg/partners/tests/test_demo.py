"""The partners demo: 25 partners, two years of Värna's dialogue with responses in every
kind, Värna deciding nothing, partner logins that see their own partner only; a second
run creates nothing."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.utils import timezone

from samtrygg.accounts import demo as accounts_demo
from samtrygg.accounts.models import User
from samtrygg.core.demo_support import DemoContext
from samtrygg.governance import demo as governance_demo
from samtrygg.governance.models import Council, Decision
from samtrygg.partners import demo as partners_demo
from samtrygg.partners import selectors
from samtrygg.partners.models import (
    ContactErasure,
    ContactPerson,
    Contribution,
    DialogueMeeting,
    Partner,
    Recommendation,
)

pytestmark = pytest.mark.django_db


def _build() -> DemoContext:
    ctx = DemoContext(out=io.StringIO())
    for module in (accounts_demo, governance_demo, partners_demo):
        module.build(ctx)
    return ctx


def test_the_demo() -> None:
    ctx = _build()
    assert Partner.objects.count() == 25
    assert len({p.kind for p in Partner.objects.all()}) == 8
    assert ContactPerson.objects.count() == 8
    assert ContactErasure.objects.count() == 1
    assert not Decision.objects.filter(meeting__council__slug="varna-vasteras").exists()

    meetings = DialogueMeeting.objects.all()
    assert all(m.council_meeting is not None for m in meetings)
    first = meetings.order_by("held_on").first()
    assert first is not None and (timezone.localdate() - first.held_on).days > 600
    assert Contribution.objects.filter(source="citizen_dialogue").count() == 3
    assert Contribution.objects.count() >= 12
    responses = Counter(Recommendation.objects.values_list("response", flat=True))
    assert set(responses) == {"accepted", "noted", "declined", "pending"}
    # Two recommendations became Trygghetsrådet's decisions.
    assert Recommendation.objects.filter(decision__isnull=False).count() == 2
    on_agenda = Recommendation.objects.filter(agenda_item__isnull=False, decision__isnull=True)
    assert on_agenda.count() == 1

    login = User.objects.get(username="forening")
    assert [p.name for p in selectors.partner_list(user=login)] == ["Nattvandrarna Västerås"]
    assert {lg.username for lg in ctx.logins} >= {"forening", "fastighet"}
    assert login.notifications.filter(kind="partners.recommendation_answered").exists()

    again = DemoContext(out=io.StringIO())
    for module in (accounts_demo, governance_demo, partners_demo):
        module.build(again)
    assert again.created == {}
    assert Council.objects.get(slug="varna-vasteras").kind == "dialogue_forum"
