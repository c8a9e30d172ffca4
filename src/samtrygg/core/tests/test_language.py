"""Every page of the permission matrix, as one actor allowed to open it, reads as Swedish:
no English words from the list and no English dates (issue 15)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from samtrygg.testing.language import english_in, page_text
from samtrygg.testing.matrix import ACTORS, World, collect_routes, login

# Who opens a page: the first allowed actor in this order, so that a page is read by the
# role that sees most of it.
READERS = (
    "coordinator",
    "analyst",
    "police",
    "council_member",
    "case_worker",
    "auditor",
    "partner",
    "reporter",
    "anonymous",
)


def _reader(allowed: frozenset[str]) -> str | None:
    return next((a for a in (*READERS, *ACTORS) if a in allowed), None)


def test_every_page_reads_as_swedish(world: World) -> None:
    pages = [r for r in collect_routes() if r.method == "get" and not r.name.startswith("api:")]
    hits: dict[str, list[str]] = {}
    read = 0
    clients: dict[str, Client] = {}
    for route in pages:
        actor = _reader(route.allowed)
        if actor is None:
            continue
        if actor not in clients:
            clients[actor] = Client()
            if actor != "anonymous":
                login(clients[actor], world.user(actor))
        # Each route's objects are made and dropped in a savepoint of their own: the
        # routes' builders assume a fresh world, as in the permission matrix.
        with transaction.atomic():
            url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
            if route.query:
                url = f"{url}?{route.query}"
            response: Any = clients[actor].get(url, route.data(world) if route.data else {})
            transaction.set_rollback(True)
        world.extra.clear()  # what the builders kept is gone with the savepoint
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        found = english_in(page_text(response.content.decode()))
        if found:
            hits[f"{route.id} as {actor}"] = found
    assert read > 100, f"only {read} pages were read"
    assert not hits, "English on Swedish pages:\n" + "\n".join(f"{k}: {v}" for k, v in hits.items())


def test_the_check_sees_english(world: World) -> None:
    """The same check on a page the user switched to English finds English words, so the
    Swedish pages pass because they are Swedish, not because the check reads nothing."""
    client = login(Client(), world.user("coordinator"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = page_text(client.get(reverse("incidents:incident_list")).content.decode())
    assert english_in(text)


def test_words_and_dates() -> None:
    assert english_in("Klassning: open, internal. Område: the whole municipality.") == [
        "open",
        "internal",
        "the whole",
        "municipality",
    ]
    assert english_in("Publicerad 5 Dec 2026 och Dec 5, 2026") == ["5 Dec", "Dec 5, 2026"]
    assert english_in("Öppen, intern; 5 dec. 2026; 2026-12-05; 28 778 händelser") == []
    assert page_text('<p title="Sök">Hej<script>var open = 1;</script></p>') == "Sök Hej"
