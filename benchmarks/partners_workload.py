"""The partners benchmark's workload (imported after Django is set up)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.management import call_command
from django.test import Client

from samtrygg.accounts.models import Membership, Organisation, User
from samtrygg.governance.models import Council
from samtrygg.partners.models import (
    Contribution,
    DialogueMeeting,
    Partner,
    PartnerKind,
    Recommendation,
)
from samtrygg.testing.matrix import login

KINDS = [k.value for k in PartnerKind]


def build(partners: int, meetings: int, per_meeting: int) -> dict[str, Any]:
    """``partners`` partners, ``meetings`` held dialogue meetings with a third of the
    partners each, ``per_meeting`` contributions and two recommendations per meeting
    (written with the ORM: the benchmark measures reading)."""
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    city = Organisation.objects.create(name="Kommunen", code="kommunen", kind="municipal_office")
    coordinator = User.objects.create(username="samordnare")
    Membership.objects.create(user=coordinator, organisation=city, role="coordinator")
    forum = Council.objects.create(name="Värna", slug="varna", kind="dialogue_forum")
    council = Council.objects.create(name="Rådet", slug="radet", kind="decision_council")
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Part {i}", code=f"part-{i}", kind="association")
        for i in range(partners)
    )
    rows = Partner.objects.bulk_create(
        Partner(name=f"Part {i}", kind=KINDS[i % len(KINDS)], organisation=o)
        for i, o in enumerate(orgs)
    )
    login_user = User.objects.create(username="forening")
    Membership.objects.create(user=login_user, organisation=orgs[0], role="partner")
    start = dt.date(2024, 1, 10)
    for m in range(meetings):
        meeting = DialogueMeeting.objects.create(
            forum=forum,
            title=f"Dialogmöte {m}",
            held_on=start + dt.timedelta(days=12 * m),
            status="held",
        )
        taking_part = [rows[0], *rng.sample(rows[1:], k=max(1, partners // 3))]
        meeting.participants.set(taking_part)
        made = Contribution.objects.bulk_create(
            Contribution(
                partner=rng.choice(taking_part),
                meeting=meeting,
                kind="observation",
                title=f"Inspel {m}-{c}",
                text="Text " * 30,
                given_on=meeting.held_on,
            )
            for c in range(per_meeting)
        )
        for r in range(2):
            rec = Recommendation.objects.create(
                meeting=meeting, to_council=council, title=f"Rekommendation {m}-{r}", text="Text"
            )
            rec.contributions.set(made[r : r + 3])
    return {
        "partners": partners,
        "dialogue_meetings": meetings,
        "contributions": Contribution.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "coordinator_id": coordinator.pk,
        "partner_login_id": login_user.pk,
        "own_partner_id": rows[0].pk,
    }


def _median_ms(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def _page(client: Client, url: str) -> Callable[[], Any]:
    def get() -> Any:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, (url, response.status_code)
        return response

    return get


def time_pages(coordinator_id: int, partner_login_id: int, own_partner_id: int) -> dict[str, Any]:
    coordinator = login(Client(), User.objects.get(pk=coordinator_id))
    partner = login(Client(), User.objects.get(pk=partner_login_id))
    pages = {
        "partner register (coordinator)": (coordinator, "/partners/"),
        "dialogue meetings (coordinator)": (coordinator, "/partners/dialogue/"),
        "contributions, newest 300 (coordinator)": (coordinator, "/partners/contributions/"),
        "recommendations (coordinator)": (coordinator, "/partners/recommendations/"),
        "own page (partner login)": (partner, f"/partners/{own_partner_id}/"),
        "dialogue meetings (partner login)": (partner, "/partners/dialogue/"),
        "contributions API, first page (partner login)": (
            partner,
            "/api/v1/partners-contributions/",
        ),
    }
    return {name: {"ms": _median_ms(_page(c, url))} for name, (c, url) in pages.items()}
