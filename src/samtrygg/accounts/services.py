"""Writes for organisations, users and memberships.

Each service checks that ``actor`` may do it (the resolver: ``accounts.manage`` for the
coordinator's administration; a user changes their own password) and validates; views only
parse and call.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.accounts.models import (
    SHOWN_CHARS,
    ApiToken,
    Membership,
    Organisation,
    User,
    hash_key,
    new_key,
)
from samtrygg.accounts.twofactor import second_factor_required
from samtrygg.core.permissions import (
    Actor,
    permissions_for,
    require_capability,
    require_change,
    require_signed_in,
)
from samtrygg.core.roles import Role


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    name: str,
    code: str,
    kind: str,
    parent: Organisation | None = None,
    contact_email: str = "",
) -> Organisation:
    require_capability(actor, "accounts.manage")
    org = Organisation(
        name=name.strip(), code=code.strip(), kind=kind, parent=parent, contact_email=contact_email
    )
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def organisation_update(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    kind: str,
    parent: Organisation | None,
    contact_email: str,
    is_active: bool,
) -> Organisation:
    require_change(actor, organisation)
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == organisation.pk:
            raise ValidationError({"parent": "An organisation cannot be its own ancestor."})
        ancestor = ancestor.parent
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.parent = parent
    organisation.contact_email = contact_email
    organisation.is_active = is_active
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    organisation: Organisation | None = None,
    role: Role | str | None = None,
) -> User:
    """A new user; with ``organisation`` and ``role``, their first membership too (both or
    neither are saved)."""
    require_capability(actor, "accounts.manage")
    user = User(
        username=username.strip(),
        email=email,
        first_name=first_name,
        last_name=last_name,
        title=title,
    )
    user.full_clean(exclude=["password"])
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if organisation is not None and role:
        membership_add(actor=actor, subject=user, organisation=organisation, role=role)
    return user


@transaction.atomic
def user_update(
    *,
    actor: Actor,
    subject: User,
    email: str,
    first_name: str,
    last_name: str,
    title: str,
    is_active: bool,
) -> User:
    require_change(actor, subject)
    if subject.pk == getattr(actor, "pk", None) and not is_active:
        raise ValidationError({"is_active": _("You cannot deactivate yourself.")})
    subject.email = email
    subject.first_name = first_name
    subject.last_name = last_name
    subject.title = title
    subject.is_active = is_active
    subject.full_clean(exclude=["password"])
    subject.save()
    return subject


@transaction.atomic
def user_set_password(*, actor: Actor, subject: User, password: str) -> User:
    """A new password: a user sets their own; the coordinator may set anyone's."""
    if subject.pk != getattr(actor, "pk", None):
        require_change(actor, subject)
    elif not permissions_for(actor).is_authenticated:
        raise PermissionDenied("password")
    validate_password(password, subject)
    subject.set_password(password)
    subject.save(update_fields=["password"])
    return subject


@transaction.atomic
def membership_add(
    *,
    actor: Actor,
    subject: User,
    organisation: Organisation,
    role: Role | str,
    police_data: bool = False,
) -> Membership:
    require_change(actor, subject)
    membership = Membership(
        user=subject, organisation=organisation, role=role, police_data=police_data
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, actor: Actor, membership: Membership) -> None:
    """Remove a membership; the last coordinator membership stays, so that someone can
    still administer Samtrygg."""
    require_change(actor, membership)
    if (
        membership.role == Role.COORDINATOR
        and not Membership.objects.filter(role=Role.COORDINATOR).exclude(pk=membership.pk).exists()
    ):
        raise ValidationError(_("The last coordinator membership cannot be removed."))
    membership.delete()


# --- the second factor (each user their own) ----------------------------------------------
@transaction.atomic
def totp_device_enrol(*, actor: Actor) -> TOTPDevice:
    """The actor's authenticator being enrolled (unconfirmed until a code matches)."""
    require_signed_in(actor)
    device, _created = TOTPDevice.objects.get_or_create(
        user=actor, confirmed=False, defaults={"name": "Samtrygg"}
    )
    return device


@transaction.atomic
def totp_device_confirm(*, actor: Actor, device: TOTPDevice, token: str) -> bool:
    """Confirm the actor's new authenticator when ``token`` matches; whether it did."""
    require_signed_in(actor)
    if device.user_id != actor.pk:
        raise PermissionDenied("device")
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save()
    return True


@transaction.atomic
def totp_device_remove(*, actor: Actor) -> None:
    """Switch the second factor off, unless the actor's role requires it."""
    require_signed_in(actor)
    if second_factor_required(actor):
        raise ValidationError(_("Your role requires two-factor authentication."))
    TOTPDevice.objects.filter(user=actor).delete()


# --- API tokens (each user their own; the coordinator revokes) ---------------------------
@transaction.atomic
def api_token_create(
    *,
    actor: Actor,
    name: str,
    can_write: bool = False,
    days: int | None = None,
    second_factor_verified: bool,
) -> tuple[ApiToken, str]:
    """A new token for the actor and its key, which is shown once and never stored.

    ``second_factor_verified`` says whether the actor's session passed the second factor;
    for a role that must use one, a token can only be made after it.
    """
    require_signed_in(actor)
    if second_factor_required(actor) and not second_factor_verified:
        raise PermissionDenied("second factor")
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "days": _("A token lasts from 1 to %(max)d days.")
                % {"max": settings.API_TOKEN_MAX_DAYS}
            }
        )
    key = new_key()
    token = ApiToken(
        user=actor,
        name=name,
        key_hash=hash_key(key),
        shown=key[: len("st_") + SHOWN_CHARS],
        can_write=can_write,
        with_second_factor=second_factor_verified,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    token.full_clean(exclude=["key_hash", "with_second_factor"])
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token: its owner, or a coordinator of an organisation its owner is in."""
    require_change(actor, token)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token
