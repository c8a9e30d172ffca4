"""API tokens: made by their user (after the second factor where the role needs it), named,
read-only unless chosen, expiring, stored hashed, listed and revocable; DRF's own tokens
are gone."""

from __future__ import annotations

import datetime as dt
import hashlib
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.accounts.models import ApiToken
from samtrygg.accounts.services import api_token_create, api_token_revoke
from samtrygg.testing.matrix import World, login

ME = "/api/v1/me/"


def api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_is_stored_hashed_read_only_and_expires_in_90_days(world: World) -> None:
    token, key = api_token_create(
        actor=world.user("analyst"), name="GIS", second_factor_verified=False
    )
    assert key.startswith("st_") and len(key) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.key_hash, stored.shown, stored.name}
    assert key.startswith(stored.shown)
    assert not stored.can_write
    assert abs(stored.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(
        minutes=1
    )
    response = api(key).get(ME)
    assert response.status_code == HTTPStatus.OK
    assert response.json()["username"] == "test-analyst"
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_a_role_that_needs_the_second_factor_makes_tokens_only_after_it(world: World) -> None:
    with pytest.raises(PermissionDenied):
        api_token_create(actor=world.user("police"), name="x", second_factor_verified=False)
    _token, key = api_token_create(
        actor=world.user("police"), name="x", second_factor_verified=True
    )
    assert api(key).get(ME).status_code == HTTPStatus.OK


def test_a_token_made_without_the_second_factor_is_refused_once_the_role_needs_it(
    world: World, settings
) -> None:  # type: ignore[no-untyped-def]
    # Made while the role did not need it (or before the user became coordinator): the
    # token would skip the second factor the web interface asks, so it gets 401.
    required = settings.OTP_REQUIRED_ROLES
    settings.OTP_REQUIRED_ROLES = []
    _token, key = api_token_create(
        actor=world.user("coordinator"), name="x", second_factor_verified=False
    )
    assert api(key).get(ME).status_code == HTTPStatus.OK
    settings.OTP_REQUIRED_ROLES = required
    response = api(key).get(ME)
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert "andra faktor" in response.json()["detail"]


def test_expired_revoked_unknown_and_inactive_are_401(world: World) -> None:
    analyst = world.user("analyst")
    expired, expired_key = api_token_create(actor=analyst, name="a", second_factor_verified=False)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked, revoked_key = api_token_create(actor=analyst, name="b", second_factor_verified=False)
    api_token_revoke(actor=analyst, token=revoked)
    _t, reporter_key = api_token_create(
        actor=world.user("reporter"), name="c", second_factor_verified=False
    )
    world.user("reporter").is_active = False
    world.user("reporter").save()
    for key in [expired_key, revoked_key, "st_unknown", "not-ours", reporter_key]:
        response = api(key).get(ME)
        assert response.status_code == HTTPStatus.UNAUTHORIZED, key
        assert response["WWW-Authenticate"] == "Token"


def test_a_read_only_token_cannot_write(world: World) -> None:
    _t, read_key = api_token_create(
        actor=world.user("analyst"), name="r", second_factor_verified=False
    )
    _t, write_key = api_token_create(
        actor=world.user("analyst"), name="w", can_write=True, second_factor_verified=False
    )
    response = api(read_key).post(ME, {})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["detail"] == "Token får bara läsa."
    # The write token gets past authentication; /me/ itself answers no POST.
    assert api(write_key).post(ME, {}).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_name_and_length_are_validated(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    analyst = world.user("analyst")
    with pytest.raises(ValidationError):
        api_token_create(actor=analyst, name=" ", second_factor_verified=False)
    with pytest.raises(ValidationError):
        api_token_create(
            actor=analyst,
            name="x",
            days=settings.API_TOKEN_MAX_DAYS + 1,
            second_factor_verified=False,
        )


def test_who_may_revoke(world: World) -> None:
    token, key = api_token_create(
        actor=world.user("analyst"), name="x", second_factor_verified=False
    )
    for stranger in ("reporter", "outsider", "police"):
        with pytest.raises(PermissionDenied):
            api_token_revoke(actor=world.user(stranger), token=token)
    assert api(key).get(ME).status_code == HTTPStatus.OK
    # The coordinator of the analyst's organisation may.
    api_token_revoke(actor=world.user("coordinator"), token=token)
    token.refresh_from_db()
    assert token.revoked_by == world.user("coordinator")
    assert api(key).get(ME).status_code == HTTPStatus.UNAUTHORIZED


def test_the_tokens_page_makes_shows_once_lists_and_revokes(world: World) -> None:
    client = login(Client(), world.user("police"))
    url = reverse("accounts:api_tokens")
    response = client.post(url, {"name": "Lägesbild-skript", "days": "30"})
    assert response.status_code == HTTPStatus.OK
    key = response.context["new_key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=world.user("police"))
    assert token.with_second_factor and not token.can_write
    assert api(key).get(ME).status_code == HTTPStatus.OK
    page = client.get(url).content.decode()
    assert "Lägesbild-skript" in page and key not in page
    # Others' tokens are not listed for a non-coordinator; the coordinator sees them.
    assert (
        "Lägesbild-skript" not in login(Client(), world.user("analyst")).get(url).content.decode()
    )
    coordinator = login(Client(), world.user("coordinator"))
    assert "Lägesbild-skript" not in coordinator.get(url).content.decode()  # other organisation
    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert api(key).get(ME).status_code == HTTPStatus.UNAUTHORIZED


def test_the_page_asks_for_the_second_factor_first(world: World) -> None:
    client = Client()
    client.force_login(world.user("police"))  # not verified: the middleware sends them on
    response = client.post(reverse("accounts:api_tokens"), {"name": "x", "days": "30"})
    assert response.status_code == HTTPStatus.FOUND
    assert not ApiToken.objects.exists()


def test_drf_authtoken_is_gone(world: World) -> None:
    assert "authtoken_token" not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
