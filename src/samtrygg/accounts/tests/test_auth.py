"""Log-in with argon2 passwords, lock-out, TOTP enrolment and log-in with a token."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.accounts.models import Membership, User
from samtrygg.accounts.services import user_create
from samtrygg.testing.matrix import World

PASSWORD = "correct-horse-battery-staple"


def _with_password(user: User) -> User:
    user.set_password(PASSWORD)
    user.save()
    return user


def _reset_throttle(device: TOTPDevice) -> None:
    """django-otp throttles a device for a moment after a wrong code; tests move on at once."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def _post_login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    # The test suite swaps in a fast hasher; put the project's own list back.
    from samtrygg.settings import PASSWORD_HASHERS as PROJECT_HASHERS

    settings.PASSWORD_HASHERS = PROJECT_HASHERS
    user = user_create(
        actor=world.user("coordinator"), username="argon", password="a-long-enough-password-42"
    )
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("a-long-enough-password-42")


def test_user_create_refuses_weak_password(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        user_create(actor=world.user("coordinator"), username="weak", password="12345678")
    assert not User.objects.filter(username="weak").exists()


def test_login_and_logout(world: World) -> None:
    user = _with_password(world.user("analyst"))
    client = Client()
    response = _post_login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_wrong_password_is_refused(world: World) -> None:
    user = _with_password(world.user("analyst"))
    response = _post_login(Client(), user.username, "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_lock_out_after_repeated_failures(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    user = _with_password(world.user("analyst"))
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _post_login(client, user.username, "wrong")
    # Now even the right password is refused, with the lock-out page.
    response = _post_login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "spärrat" in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_open_redirect_is_refused(world: World) -> None:
    user = _with_password(world.user("analyst"))
    client = Client()
    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("core:home")


def test_totp_enrolment_and_login_with_token(world: World) -> None:
    user = _with_password(world.user("analyst"))  # analysts may choose TOTP
    client = Client()
    _post_login(client, user.username, PASSWORD)
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor"), {"token": "000000"})
    assert wrong.status_code == 200
    _reset_throttle(device)
    assert not device.confirmed
    client.post(reverse("accounts:two_factor"), {"token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed

    # A new log-in now needs the code after the password.
    fresh = Client()
    response = _post_login(fresh, user.username, PASSWORD)
    assert response["Location"] == reverse("accounts:verify")
    assert fresh.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    bad = fresh.post(reverse("accounts:verify"), {"token": "123456"})
    assert bad.status_code == 200
    _reset_throttle(device)
    device.last_t = -1  # the enrolment used this time step's code already
    device.save()
    ok = fresh.post(reverse("accounts:verify"), {"token": f"{totp(device.bin_key):06d}"})
    assert ok.status_code == 302
    assert fresh.get(reverse("accounts:profile")).status_code == 200


def test_role_requiring_totp_is_sent_to_enrolment(world: World) -> None:
    user = _with_password(world.user("coordinator"))
    client = Client()
    _post_login(client, user.username, PASSWORD)
    response = client.get(reverse("accounts:organisation_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")
    # The API refuses an unverified session too.
    assert client.get("/api/v1/me/").status_code == 403
    # After enrolment the pages open.
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:two_factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert client.get(reverse("accounts:organisation_list")).status_code == 200
    # ... and the second factor cannot be switched off for this role.
    client.post(reverse("accounts:two_factor_remove"))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_role_not_requiring_totp_may_switch_it_off(world: World) -> None:
    user = world.user("reporter")
    TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client = Client()
    client.force_login(user)
    client.post(reverse("accounts:two_factor_remove"))
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_password_change(world: World) -> None:
    user = _with_password(world.user("reporter"))
    client = Client()
    _post_login(client, user.username, PASSWORD)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-long-password",
            "new_password2": "a-brand-new-long-password",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-long-password")
    # Still logged in after the change.
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_inactive_organisation_grants_nothing(world: World) -> None:
    org = world.organisations["municipality"]
    org.is_active = False
    org.save()
    coordinator = User.objects.get(pk=world.user("coordinator").pk)
    assert coordinator.permissions.roles == frozenset()
    assert Membership.objects.filter(user=coordinator).exists()
