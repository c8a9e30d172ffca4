"""The safety-walks benchmark's workload (imported after Django is set up)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samtrygg.accounts.models import Membership, Organisation, User
from samtrygg.actionplan.tests.factories import X0, Y0, area
from samtrygg.partners.models import Partner, PartnerKind
from samtrygg.testing.matrix import login
from samtrygg.walks.models import (
    Finding,
    FindingCategory,
    FindingOwner,
    FindingStatus,
    ParticipantCount,
    SafetyWalk,
)

CATEGORIES = [c.value for c in FindingCategory]
STATUSES = [s.value for s in FindingStatus if s.value != "declined"]
ROUTE = [[16.540, 59.610], [16.545, 59.611], [16.550, 59.612]]


def build(walks: int, findings: int, partners: int) -> dict[str, Any]:
    """``walks`` published walks over five areas, ``findings`` findings spread over them
    (one walk has two: the small protocol), 20 owners (a quarter private), ``partners``
    partners, three of them on each walk (the login's own partner on every tenth walk, and
    a second partner on one walk only). Written with the ORM: the benchmark measures reading."""
    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    city = Organisation.objects.create(name="Kommunen", code="kommunen", kind="municipal_office")
    coordinator = User.objects.create(username="samordnare")
    Membership.objects.create(user=coordinator, organisation=city, role="coordinator")
    areas = [area(f"omrade-{i}", X0 + 2000 * i, Y0) for i in range(5)]
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Part {i}", code=f"part-{i}", kind="association")
        for i in range(partners)
    )
    kinds = [k.value for k in PartnerKind]
    rows = Partner.objects.bulk_create(
        Partner(name=f"Part {i}", kind=kinds[i % len(kinds)], organisation=o)
        for i, o in enumerate(orgs)
    )
    partner_login = User.objects.create(username="forening")
    Membership.objects.create(user=partner_login, organisation=orgs[0], role="partner")
    unit_orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Förvaltning {i}", code=f"forv-{i}", kind="municipal_office")
        for i in range(15)
    )
    owners = FindingOwner.objects.bulk_create(
        [FindingOwner(name=o.name, organisation=o) for o in unit_orgs]
        + [
            FindingOwner(name=f"Privat {i}", email=f"p{i}@example.org", private=True)
            for i in range(5)
        ]
    )
    owner_login = User.objects.create(username="gatapark")
    Membership.objects.create(user=owner_login, organisation=unit_orgs[0], role="reporter")
    start = dt.date(2024, 1, 10)
    published = timezone.now()
    made = SafetyWalk.objects.bulk_create(
        SafetyWalk(
            title=f"Trygghetsvandring {w}",
            area=areas[w % len(areas)],
            route=ROUTE,
            walk_date=start + dt.timedelta(days=3 * w),
            time_of_day="evening",
            step="followed_up",
            protocol_published_at=published,
        )
        for w in range(walks)
    )
    through = SafetyWalk.partners.through
    links = []
    for w, walk in enumerate(made):
        chosen = rng.sample(rows[2:], k=3)
        if w % 10 == 0:
            chosen[0] = rows[0]
        if w == 1:
            chosen[0] = rows[1]
        links.extend(through(safetywalk_id=walk.pk, partner_id=p.pk) for p in chosen)
    through.objects.bulk_create(links)
    SafetyWalk.organisers.through.objects.bulk_create(
        SafetyWalk.organisers.through(safetywalk_id=w.pk, organisation_id=city.pk) for w in made
    )
    ParticipantCount.objects.bulk_create(
        ParticipantCount(walk=w, group=g, count=rng.randint(1, 20))
        for w in made
        for g in ("residents", "police", "municipality")
    )
    small = made[1]  # two findings: the small protocol
    others = made[:1] + made[2:]
    per_walk = [small, small] + [others[i % len(others)] for i in range(findings - 2)]
    Finding.objects.bulk_create(
        Finding(
            walk=walk,
            area=walk.area,
            lon=16.54 + rng.random() / 100,
            lat=59.61 + rng.random() / 100,
            address=f"Gata {i}",
            category=rng.choice(CATEGORIES),
            cause="Trasig belysning " * 5,
            proposal="Byt armaturen",
            owner=rng.choice(owners),
            status=rng.choice(STATUSES),
            reported_on=walk.walk_date,
            due_date=walk.walk_date + dt.timedelta(days=60),
        )
        for i, walk in enumerate(per_walk)
    )
    big = max(others, key=lambda w: w.findings.count())
    return {
        "ids": {
            "coordinator": coordinator.pk,
            "partner_login": partner_login.pk,
            "owner_login": owner_login.pk,
            "own_partner": rows[0].pk,
            "one_walk_partner": rows[1].pk,
            "big_walk": big.pk,
            "small_walk": small.pk,
            "area": areas[0].pk,
        },
        "data": {
            "walks": SafetyWalk.objects.count(),
            "findings": Finding.objects.count(),
            "owners": FindingOwner.objects.count(),
            "partners": Partner.objects.count(),
            "findings_on_the_big_protocol": big.findings.count(),
            "walks_of_the_login's_partner": rows[0].safety_walks.count(),
        },
    }


def _median_ms(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, (url, response.status_code)
    return len(ctx.captured_queries)


def measure(ids: dict[str, int]) -> dict[str, Any]:
    """Each page: median time and its query count; beside it the same page on a small
    case (a query count that grows with the rows is an N+1)."""
    coordinator = login(Client(), User.objects.get(pk=ids["coordinator"]))
    partner = login(Client(), User.objects.get(pk=ids["partner_login"]))
    owner = login(Client(), User.objects.get(pk=ids["owner_login"]))
    anonymous = Client()
    pages: dict[str, tuple[Client, str, str | None]] = {
        "findings list, all (coordinator)": (
            coordinator,
            "/trygghetsvandringar/brister/",
            f"/trygghetsvandringar/brister/?area={ids['area']}&status=fixed",
        ),
        "walks list (coordinator)": (coordinator, "/trygghetsvandringar/", None),
        "public protocol, biggest walk (anonymous)": (
            anonymous,
            f"/trygghetsvandringar/{ids['big_walk']}/protokoll/",
            f"/trygghetsvandringar/{ids['small_walk']}/protokoll/",
        ),
        "walk page, biggest walk (coordinator)": (
            coordinator,
            f"/trygghetsvandringar/{ids['big_walk']}/",
            f"/trygghetsvandringar/{ids['small_walk']}/",
        ),
        "owner's findings (owner login)": (owner, "/trygghetsvandringar/brister/mina/", None),
        "partner's page with its walks (partner login)": (
            partner,
            f"/partners/{ids['own_partner']}/",
            None,
        ),
        "partner's page with its walks (coordinator)": (
            coordinator,
            f"/partners/{ids['own_partner']}/",
            f"/partners/{ids['one_walk_partner']}/",
        ),
        # The peer: a list page of another app of similar size, in the same run.
        "peer: partner register (coordinator)": (coordinator, "/partners/", None),
    }
    result: dict[str, Any] = {}
    for name, (client, url, small) in pages.items():
        client.get(url)  # warm: templates, the user's grants
        figures: dict[str, Any] = {"ms": _median_ms(lambda c=client, u=url: c.get(u))}
        figures["queries"] = _queries(client, url)
        if small:
            figures["queries_small_case"] = _queries(client, small)
        result[name] = figures
    return result
