"""Organisations, users and their memberships with roles."""

from __future__ import annotations

import hashlib
import secrets
from functools import cached_property
from typing import TYPE_CHECKING

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel
from samtrygg.core.roles import Role

if TYPE_CHECKING:
    from samtrygg.core.permissions import Permissions


class OrganisationKind(models.TextChoices):
    MUNICIPAL_OFFICE = "municipal_office", _("Municipal office")
    MUNICIPAL_UNIT = "municipal_unit", _("Municipal unit")
    POLITICAL_BODY = "political_body", _("Political body")
    POLICE = "police", _("Police")
    HOUSING_COMPANY = "housing_company", _("Housing company")
    BUSINESS = "business", _("Business")
    ASSOCIATION = "association", _("Civil-society association")
    OTHER = "other", _("Other")


code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{1,39}$",
    _("Use 2–40 lower-case letters a–z, digits and hyphens, starting with a letter or digit."),
)


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("Short unique code used by imports and commands, e.g. lpo-vasteras."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Role title, e.g. Safety coordinator.")
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The person's name as pages show it; the user name only when no name is recorded."""
        return self.get_full_name() or self.username

    def signature(self, organisation: Organisation | None = None) -> str:
        """Name, title and organisation as a signature reads.

        "Anna Berg, brottsförebyggande samordnare, Stadsledningskontoret". Without an
        ``organisation`` the user's first membership's organisation is used.
        """
        if organisation is None:
            membership = self.memberships.select_related("organisation").first()
            organisation = membership.organisation if membership else None
        parts = (self.display_name, self.title, organisation.name if organisation else "")
        return ", ".join(p for p in parts if p)

    @cached_property
    def permissions(self) -> Permissions:
        from samtrygg.core.permissions import permissions_for

        return permissions_for(self)


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    police_data = models.BooleanField(
        _("may read police-only data"),
        default=False,
        help_text=_("Only for analysts named by the police for joint analysis."),
    )

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(police_data=False) | models.Q(role=Role.ANALYST),
                name="membership_police_data_only_analyst",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.display_name} · {self.get_role_display()} · {self.organisation}"


auditlog.register(Organisation)
auditlog.register(
    User,
    exclude_fields=["password", "last_login"],
    m2m_fields=set(),
)
auditlog.register(Membership)


# --- API tokens -----------------------------------------------------------------------
# Created by their user, named, read-only unless chosen, expiring, stored hashed. The key
# is shown once, when it is made; the database keeps only its SHA-256 (a random 256-bit key
# needs no slow hash: there is nothing to guess). A token records whether its user had
# passed the second factor when making it: for a role in OTP_REQUIRED_ROLES a token made
# without it is refused, so a token never skips the second factor the web interface asks.

KEY_PREFIX = "st_"
# Characters of the key kept in clear so that the owner can tell tokens apart.
SHOWN_CHARS = 8


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    shown = models.CharField(_("key begins"), max_length=SHOWN_CHARS + len(KEY_PREFIX))
    can_write = models.BooleanField(
        _("may change data"),
        default=False,
        help_text=_("Without this the token can only read."),
    )
    with_second_factor = models.BooleanField(
        _("made after the second factor"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.shown}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


auditlog.register(ApiToken, exclude_fields=["key_hash", "last_used_at"])
