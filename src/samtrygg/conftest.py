"""Fixtures for every app's tests."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from samtrygg.testing.dbflush import flush_lifts_access_log_guard
from samtrygg.testing.matrix import World, build_world, login

# Property tests explore new examples on every local run; CI (SAMTRYGG_TEST_CI=1) replays a
# fixed set, so a landing is never decided by a lucky draw. A failure found locally is kept
# as an explicit regression test.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("SAMTRYGG_TEST_CI") == "1":
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True, scope="session")
def _flush_empties_the_access_log():  # type: ignore[no-untyped-def]
    with flush_lifts_access_log_guard():
        yield


@pytest.fixture(autouse=True)
def _fast_hashing(settings):  # type: ignore[no-untyped-def]
    # argon2 is deliberately slow; tests that check hashing ask for it explicitly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """``client_for("coordinator")``: a client logged in as that actor of the world."""

    def make(actor: str) -> Client:
        client = Client()
        if actor != "anonymous":
            login(client, world.user(actor))
        return client

    return make


from samtrygg.testing.browser import browser_page, chromium  # noqa: E402, F401  (fixtures)
