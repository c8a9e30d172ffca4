"""Councils and their seats.

A seat is held by a user (who can log in) or by an external contact (a name, or just a
title, and an e-mail address); it represents an organisation, usually a political body
whose presidium holds seats (``body_position``). Political bodies are plain
``accounts.Organisation`` rows of kind ``political_body``: no parallel table.
"""

from __future__ import annotations

import secrets
from datetime import date

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CouncilKind(models.TextChoices):
    DECISION_COUNCIL = "decision_council", _("Decision council")
    DIALOGUE_FORUM = "dialogue_forum", _("Dialogue forum")


class Council(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, e.g. trygghetsradet."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=CouncilKind.choices)
    purpose = models.TextField(_("purpose"), blank=True)
    meetings_per_year_min = models.PositiveSmallIntegerField(
        _("meetings a year, at least"), default=3
    )
    meetings_per_year_max = models.PositiveSmallIntegerField(
        _("meetings a year, at most"), default=4
    )
    meetings_public_by_default = models.BooleanField(
        _("meeting dates are public by default"), default=True
    )
    #: The secret part of the members' calendar subscription address.
    feed_token = models.CharField(_("calendar token"), max_length=64, default=new_feed_token)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meetings_per_year_max__gte=models.F("meetings_per_year_min")),
                name="council_meeting_target_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SeatRole(models.TextChoices):
    CO_CHAIR = "co_chair", _("Co-chair")
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")
    ADJUNCT = "adjunct", _("Adjunct")
    GUEST = "guest", _("Guest")


#: Display order of seats on a council.
SEAT_ROLE_RANK = {role: rank for rank, role in enumerate(SeatRole.values)}
#: Seats that make their holder a member for permission purposes (a guest is invited to
#: single meetings and sees only what the public sees).
MEMBER_SEAT_ROLES = frozenset(SeatRole.values) - {SeatRole.GUEST}


class BodyPosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    FIRST_VICE_CHAIR = "first_vice_chair", _("First vice chair")
    SECOND_VICE_CHAIR = "second_vice_chair", _("Second vice chair")


BODY_POSITION_RANK = {"": 9, **{p: rank for rank, p in enumerate(BodyPosition.values)}}


class CouncilSeat(TimeStampedModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="seats"
    )
    role = models.CharField(_("role on the council"), max_length=16, choices=SeatRole.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("The position that holds the seat, e.g. Chair of the executive board."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("represents"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    body_position = models.CharField(
        _("position in the organisation's presidium"),
        max_length=20,
        choices=BodyPosition.choices,
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        help_text=_("Leave empty for an external contact without a log-in."),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["council", "term_start", "pk"]
        verbose_name = _("council seat")
        verbose_name_plural = _("council seats")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="council_seat_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_role_display()}, {self.council})"

    def is_active_on(self, day: date) -> bool:
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)

    @property
    def holder(self) -> str:
        """Who holds the seat: the account's name, the contact's name, or nothing."""
        if self.user_id is not None:
            user = self.user
            return (user.get_full_name() or user.username) if user else ""
        return self.contact_name

    @property
    def sort_key(self) -> tuple[int, str, int, str]:
        org = self.organisation.name if self.organisation_id and self.organisation else ""
        return (
            SEAT_ROLE_RANK.get(self.role, 99),
            org,
            BODY_POSITION_RANK.get(self.body_position, 9),
            self.title,
        )


auditlog.register(Council, exclude_fields=["feed_token"])
auditlog.register(CouncilSeat)
