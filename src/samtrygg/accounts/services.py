"""Writes for organisations, users and memberships. Authorisation is the caller's job."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from samtrygg.accounts.models import Membership, Organisation, User


@transaction.atomic
def organisation_create(
    *,
    name: str,
    code: str,
    kind: str,
    parent: Organisation | None = None,
    contact_email: str = "",
) -> Organisation:
    org = Organisation(
        name=name.strip(), code=code.strip(), kind=kind, parent=parent, contact_email=contact_email
    )
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    parent: Organisation | None,
    contact_email: str,
    is_active: bool,
) -> Organisation:
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
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    validate: bool = True,
) -> User:
    user = User(
        username=username.strip(),
        email=email,
        first_name=first_name,
        last_name=last_name,
        title=title,
    )
    user.full_clean(exclude=["password"])
    if password:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    email: str,
    first_name: str,
    last_name: str,
    title: str,
    is_active: bool,
) -> User:
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.title = title
    user.is_active = is_active
    user.full_clean(exclude=["password"])
    user.save()
    return user


def user_set_password(*, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def membership_add(
    *, user: User, organisation: Organisation, role: str, police_data: bool = False
) -> Membership:
    membership = Membership(
        user=user, organisation=organisation, role=role, police_data=police_data
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    membership.delete()
