"""Sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_HOURS after log-in
however active they are."""

from __future__ import annotations

import time
from http import HTTPStatus
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from samtrygg.accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from samtrygg.accounts.sessions import SessionStore
from samtrygg.testing.matrix import World, login

PROFILE = "/accounts/profile/"


def _signed_in(world: World) -> Client:
    client = login(Client(), world.user("analyst"))
    assert client.get(PROFILE).status_code == HTTPStatus.OK
    return client


def _age(client: Client, *, seen: int | None = None, started: int | None = None) -> None:
    session = client.session
    now = int(time.time())
    if seen is not None:
        session[SESSION_SEEN_KEY] = now - seen
    if started is not None:
        session[SESSION_STARTED_KEY] = now - started
    session.save()


def test_the_idle_time_out_is_30_minutes_by_default() -> None:
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 10 * 3600


def test_an_idle_session_ends(world: World) -> None:
    client = _signed_in(world)
    _age(client, seen=31 * 60)
    response = client.get(PROFILE)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("accounts:login"))
    # Signed out for good, not just sent away once.
    assert client.get(PROFILE).status_code == HTTPStatus.FOUND
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive_and_is_recorded(world: World) -> None:
    client = _signed_in(world)
    _age(client, seen=29 * 60)
    assert client.get(PROFILE).status_code == HTTPStatus.OK
    assert int(time.time()) - client.session[SESSION_SEEN_KEY] < 5


def test_the_absolute_limit_holds_however_active(world: World) -> None:
    client = _signed_in(world)
    _age(client, seen=0, started=10 * 3600 + 1)
    response = client.get(PROFILE)
    assert response.status_code == HTTPStatus.FOUND
    assert "_auth_user_id" not in client.session


def test_the_cookie_keeps_its_absolute_expiry(world: World) -> None:
    client = _signed_in(world)
    _age(client, seen=120, started=3600)
    client.get(PROFILE)
    # Saved again while in use, the session still expires 10 h after log-in, not 10 h on.
    assert client.session.get_expiry_age() <= 9 * 3600 + 5


def test_an_idle_api_session_gets_401(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_IDLE_MINUTES = 5
    client = _signed_in(world)
    assert client.get("/api/v1/me/").status_code == HTTPStatus.OK
    _age(client, seen=6 * 60)
    assert client.get("/api/v1/me/").status_code == HTTPStatus.UNAUTHORIZED


# --- a database lock while the session is written ---------------------------------------
def _locked() -> Any:
    return mock.patch(
        "django.contrib.sessions.models.Session.save",
        side_effect=OperationalError("database is locked"),
    )


def test_a_read_during_a_lock_is_answered_when_only_last_seen_is_due(world: World) -> None:
    """The idle time-out's "last seen" write meets the lock: the page is still served (it
    was a 400 "session deleted" before), and the mark is written by a later request."""
    client = _signed_in(world)
    _age(client, seen=2 * 60)
    before = client.session[SESSION_SEEN_KEY]
    with _locked():
        response = client.get(PROFILE)
    assert response.status_code == HTTPStatus.OK
    assert client.session[SESSION_SEEN_KEY] == before  # not written during the lock
    assert client.get(PROFILE).status_code == HTTPStatus.OK
    assert client.session[SESSION_SEEN_KEY] > before  # written once the lock is gone


def test_a_real_session_change_during_a_lock_raises_the_lock(world: World) -> None:
    """Anything more than the idle marks must be saved: the lock error reaches the busy
    middleware (503 with Retry-After), not a misleading "session deleted" 400."""
    client = _signed_in(world)
    store = SessionStore(client.session.session_key)
    store["samtrygg_example"] = "kept"
    store[SESSION_SEEN_KEY] = int(time.time())
    with _locked(), pytest.raises(OperationalError, match="locked"):
        store.save()
    routine = SessionStore(client.session.session_key)
    routine[SESSION_SEEN_KEY] = int(time.time())
    with _locked():
        routine.save()  # skipped, no error


def test_an_error_other_than_a_lock_is_not_hidden(world: World) -> None:
    client = _signed_in(world)
    store = SessionStore(client.session.session_key)
    store[SESSION_SEEN_KEY] = int(time.time())
    failing = mock.patch(
        "django.contrib.sessions.models.Session.save",
        side_effect=OperationalError("disk I/O error"),
    )
    with failing, pytest.raises(UpdateError):
        store.save()


def test_a_locked_session_write_answers_503_through_the_server(world: World) -> None:
    """End to end in Django: a log-in during a lock (a new session) is a 503, not a 500."""
    user = world.user("analyst")
    user.set_password("a-long-test-password-1234")
    user.save()
    client = Client(raise_request_exception=False)
    with _locked():
        response = client.post(
            reverse("accounts:login"),
            {"username": user.username, "password": "a-long-test-password-1234"},
        )
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert int(response["Retry-After"]) > 0
