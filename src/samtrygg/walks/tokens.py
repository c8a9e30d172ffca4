"""The finding owner's e-mail link: a signed, expiring token that lets an owner without a
log-in accept, update and close the findings given to it, and nothing else.

The token names the owner and a part of the owner's ``link_secret``: a coordinator who
replaces the secret (``owner_link_revoke``) makes every link sent before useless. It
expires after ``WALKS_OWNER_LINK_DAYS`` days; every new e-mail to the owner carries a fresh
one. It holds no e-mail address or name, so nothing personal lands in a server log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from samtrygg.walks.models import FindingOwner

SALT = "samtrygg.walks.owner-link"
SECRET_PART = 12
SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class OwnerLink:
    """The acting party of a request made through an owner's e-mail link: services accept
    it in place of a user and allow it the owner's own findings only."""

    owner: FindingOwner


def owner_link_token(owner: FindingOwner) -> str:
    return signing.dumps({"o": owner.pk, "s": owner.link_secret[:SECRET_PART]}, salt=SALT)


def owner_link_path(owner: FindingOwner) -> str:
    return reverse("walks:owner_link", args=[owner_link_token(owner)])


def owner_from_token(token: str) -> FindingOwner | None:
    """The active owner the token was made for, or ``None`` (forged, expired, revoked)."""
    max_age = settings.WALKS_OWNER_LINK_DAYS * SECONDS_PER_DAY
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(payload, dict):
        return None
    owner_pk = payload.get("o")
    if not isinstance(owner_pk, int):
        return None
    owner = FindingOwner.objects.filter(pk=owner_pk, is_active=True).first()
    if owner is None or owner.link_secret[:SECRET_PART] != payload.get("s"):
        return None
    return owner
