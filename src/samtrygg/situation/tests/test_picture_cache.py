"""The shared picture cache: one computation for every process, a stale picture served (and
dated) while one process recomputes it, and never a picture computed for a wider scope."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samtrygg.picture import service
from samtrygg.picture.data import scope_for_user
from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import cached_picture, picture_for_user, scope_day_key
from samtrygg.situation.templatetags.situation_tags import local_time
from samtrygg.situation.tests.helpers import A, Row, at, write_incidents
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db
MARCH = PictureParams.for_period("month", dt.date(2026, 3, 15))
MARCH_QUERY = {"period": "month", "at": "2026-03-15"}
STALE_NOTICE = "rapporter som kommit in sedan dess är inte medräknade"


def _no_computing(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the picture was computed again")


def _one_more_incident(town: Any) -> None:
    write_incidents(
        [Row(at("2026-03-25", 8), "skadegorelse", A)],
        organisation=town.world.organisations["housing"],
        prefix="late",
    )


def _lock_key(user: Any) -> str:
    return f"{scope_day_key(MARCH, scope_for_user(user), timezone.localdate())}:lock"


def test_another_process_uses_the_stored_picture(town, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    user = town.world.user("analyst")
    first = picture_for_user(user=user, params=MARCH)
    # Another process: nothing in its own cache, a cache client of its own on the same table.
    service.LOCAL.clear()
    other = DatabaseCache(caches["shared"]._table, {})  # type: ignore[attr-defined]
    found = cached_picture(params=MARCH, scope=scope_for_user(user))
    assert other.get(found.key) == first
    monkeypatch.setattr(service, "compute_picture", _no_computing)
    assert picture_for_user(user=user, params=MARCH) == first
    assert not found.stale


def test_dashboard_serves_the_stale_picture_with_its_age(town, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PICTURE_REFRESH_SECONDS = 3600
    client = login(Client(), town.world.user("analyst"))
    before = client.get(reverse("situation:dashboard"), MARCH_QUERY)
    counted = before.context["figures"].totals.incidents
    assert STALE_NOTICE not in before.content.decode()
    _one_more_incident(town)
    stale = client.get(reverse("situation:dashboard"), MARCH_QUERY)
    assert stale.status_code == 200
    assert stale.context["figures"].totals.incidents == counted
    page = stale.content.decode()
    assert STALE_NOTICE in page
    computed = stale.context["figures"].computed_at
    assert f"beräknades {local_time(computed)}" in page
    # Reports, versions and the API never take the stale picture.
    assert picture_for_user(user=town.world.user("analyst"), params=MARCH).totals.incidents == (
        counted + 1
    )
    # Once it is old enough the next request recomputes it: up to date, no notice.
    settings.PICTURE_REFRESH_SECONDS = 0
    fresh = client.get(reverse("situation:dashboard"), MARCH_QUERY)
    assert fresh.context["figures"].totals.incidents == counted + 1
    assert STALE_NOTICE not in fresh.content.decode()


def test_others_serve_the_last_picture(town, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One process recomputes (it holds the lock); the others serve the last picture."""
    settings.PICTURE_REFRESH_SECONDS = 0
    user = town.world.user("analyst")
    scope = scope_for_user(user)
    first = cached_picture(params=MARCH, scope=scope)
    _one_more_incident(town)
    # Another process holds the lock: this one does not compute, it serves the last picture.
    assert caches["shared"].add(_lock_key(user), 1, 60)
    monkeypatch.setattr(service, "compute_picture", _no_computing)
    found = cached_picture(params=MARCH, scope=scope)
    assert found.stale and found.picture == first.picture and found.key == first.key


def test_first_picture_waits_for_the_process_computing_it(town, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    user = town.world.user("analyst")
    scope = scope_for_user(user)
    lock = _lock_key(user)
    assert caches["shared"].add(lock, 1, 60)  # another process is computing it
    real = service.compute_picture
    calls: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append("computed")
        return real(*args, **kwargs)

    def other_process_finishes(seconds: float) -> None:
        service._compute(MARCH, scope, timezone.localdate(), service.data_version())
        caches["shared"].delete(lock)
        service.LOCAL.clear()  # what it computed is in the shared cache only
        calls.clear()

    monkeypatch.setattr(service, "compute_picture", counted)
    monkeypatch.setattr(service.time, "sleep", other_process_finishes)
    found = cached_picture(params=MARCH, scope=scope)
    assert calls == []  # this process waited and took the other's picture
    assert not found.stale
    assert (
        found.picture.totals.incidents == picture_for_user(user=user, params=MARCH).totals.incidents
    )


def test_restricted_user_never_gets_a_wider_picture(town, settings) -> None:  # type: ignore[no-untyped-def]
    """The analyst may not read restricted (police) incidents; the police may."""
    settings.PICTURE_REFRESH_SECONDS = 3600
    police = login(Client(), town.world.user("police"))
    analyst = login(Client(), town.world.user("analyst"))
    wide = police.get(reverse("situation:dashboard"), MARCH_QUERY).context["figures"]
    narrow = analyst.get(reverse("situation:dashboard"), MARCH_QUERY).context["figures"]
    assert "restricted" in wide.scope.classifications
    assert "restricted" not in narrow.scope.classifications
    assert narrow.totals.incidents < wide.totals.incidents
    # also when the data changed and only the police's picture was recomputed: the analyst
    # gets their own (stale, dated) picture, never the police's
    _one_more_incident(town)
    settings.PICTURE_REFRESH_SECONDS = 0
    recomputed = police.get(reverse("situation:dashboard"), MARCH_QUERY).context["figures"]
    assert recomputed.totals.incidents == wide.totals.incidents + 1
    settings.PICTURE_REFRESH_SECONDS = 3600
    caches["default"].clear()
    service.LOCAL.clear()
    again = analyst.get(reverse("situation:dashboard"), MARCH_QUERY)
    assert again.context["figures"].scope.classifications == narrow.scope.classifications
    assert again.context["figures"].totals.incidents == narrow.totals.incidents
    assert STALE_NOTICE in again.content.decode()


def test_cached_filters_follow_the_query(town) -> None:  # type: ignore[no-untyped-def]
    """The filter fields are rendered once per query: each query gets its own selection."""
    client = login(Client(), town.world.user("analyst"))
    area = town.areas["t00"].pk
    selected = f'<option value="{area}" selected>'
    plain = client.get(reverse("situation:dashboard"), MARCH_QUERY).content.decode()
    assert f'<option value="{area}">' in plain and selected not in plain
    chosen = client.get(reverse("situation:dashboard"), {**MARCH_QUERY, "area": area})
    assert selected in chosen.content.decode()
    again = client.get(reverse("situation:dashboard"), MARCH_QUERY).content.decode()
    assert selected not in again


def _shown_total(page: str) -> int:
    found = re.search(r'class="big">(?:<a href="[^"]*">)?(\d+)<', page)
    assert found is not None
    return int(found.group(1))


def test_rendered_figures_never_reach_another_scope(town) -> None:  # type: ignore[no-untyped-def]
    """The figures' HTML is cached per picture key (which names the data scope): the police's
    rendering, made first, is never served to the analyst, nor the analyst's to the police."""
    police = login(Client(), town.world.user("police"))
    analyst = login(Client(), town.world.user("analyst"))
    for _ in range(2):  # the second round is served from the cached fragments
        wide = police.get(reverse("situation:dashboard"), MARCH_QUERY)
        narrow = analyst.get(reverse("situation:dashboard"), MARCH_QUERY)
        assert _shown_total(wide.content.decode()) == wide.context["figures"].totals.incidents
        assert _shown_total(narrow.content.decode()) == narrow.context["figures"].totals.incidents
        assert narrow.context["figures"].totals.incidents < wide.context["figures"].totals.incidents


def _data_version_reads(client: Client, query: dict[str, Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("situation:dashboard"), query)
    assert response.status_code == 200
    return sum("incidents_dataversion" in q["sql"] for q in queries.captured_queries)


def test_a_dashboard_request_reads_the_data_version_once(town, settings) -> None:  # type: ignore[no-untyped-def]
    """The span, the filter choices and the picture are all keyed by the one version the
    request reads first: computed (the span not kept between requests), then cached."""
    settings.PICTURE_REFRESH_SECONDS = 0
    client = login(Client(), town.world.user("analyst"))
    assert _data_version_reads(client, MARCH_QUERY) == 1  # everything computed
    assert _data_version_reads(client, MARCH_QUERY) == 1  # choices and picture cached
    htmx = Client(headers={"HX-Request": "true"})
    login(htmx, town.world.user("analyst"))
    assert _data_version_reads(htmx, MARCH_QUERY) == 1
    # Still keyed by the version: a new incident is in the next request's picture.
    counted = client.get(reverse("situation:dashboard"), MARCH_QUERY).context["figures"]
    _one_more_incident(town)
    fresh = client.get(reverse("situation:dashboard"), MARCH_QUERY).context["figures"]
    assert fresh.totals.incidents == counted.totals.incidents + 1
