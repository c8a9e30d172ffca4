"""Every page and API endpoint × every actor: allowed or refused (architecture.md §5.9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samtrygg.testing.matrix import ACTORS, Route, World, collect_routes, login

ROUTES = collect_routes()

# URL names that are framework plumbing, not Samtrygg pages.
IGNORED_NAMESPACES = {"admin"}
IGNORED_NAMES = {"set_language", "api:v1:api-root"}


def _url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in IGNORED_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            names |= _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix() -> None:
    covered = {route.name for route in ROUTES}
    missing = sorted(_url_names(get_resolver().url_patterns) - covered - IGNORED_NAMES)
    assert not missing, f"add these URL names to an app's tests/routes.py: {missing}"


def test_routes_are_unique() -> None:
    ids = [route.id for route in ROUTES]
    assert len(ids) == len(set(ids))


def _request(client: Client, route: Route, world: World) -> Any:
    url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
    if route.query:
        url = f"{url}?{route.query}"
    data = route.data(world) if route.data else {}
    if route.method == "get":
        return client.get(url, data)
    if route.content_type:
        return getattr(client, route.method)(url, data, content_type=route.content_type)
    return getattr(client, route.method)(url, data)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_permission_matrix(route: Route, actor: str, world: World) -> None:
    client = Client()
    if actor != "anonymous":
        login(client, world.user(actor))
    response = _request(client, route, world)
    status = response.status_code
    login_url = reverse(settings.LOGIN_URL)
    if actor in route.allowed:
        assert status < 400, f"{route.id} as {actor}: expected success, got {status}"
        if status in (301, 302) and not route.login_redirect_ok:
            assert not response["Location"].startswith(login_url), (
                f"{route.id} as {actor}: sent to log-in"
            )
    elif actor == "anonymous":
        if route.name.startswith("api:"):
            assert status in (401, 403), f"{route.id} anonymous: expected 401/403, got {status}"
        else:
            assert status == 302 and response["Location"].startswith(login_url), (
                f"{route.id} anonymous: expected redirect to log-in, got {status}"
            )
    else:
        assert status in (403, 404), f"{route.id} as {actor}: expected refusal, got {status}"
