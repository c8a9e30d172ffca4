"""Writes for councils and their seats. Each checks that its ``actor`` manages
governance."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.core.permissions import (
    Actor,
    require_capability,
)
from samtrygg.governance.models import Council, CouncilSeat
from samtrygg.governance.models.councils import new_feed_token

#: Short names that would clash with the app's own addresses under councils/.
RESERVED_SLUGS = frozenset({"new"})


@transaction.atomic
def council_create(
    *,
    actor: Actor,
    name: str,
    slug: str,
    kind: str,
    purpose: str = "",
    meetings_per_year_min: int = 3,
    meetings_per_year_max: int = 4,
    meetings_public_by_default: bool = True,
) -> Council:
    require_capability(actor, "governance.manage")
    council = Council(
        name=name.strip(),
        slug=slug.strip(),
        kind=kind,
        purpose=purpose.strip(),
        meetings_per_year_min=meetings_per_year_min,
        meetings_per_year_max=meetings_per_year_max,
        meetings_public_by_default=meetings_public_by_default,
    )
    _validate_council(council)
    council.save()
    return council


@transaction.atomic
def council_update(
    *,
    actor: Actor,
    council: Council,
    name: str,
    kind: str,
    purpose: str,
    meetings_per_year_min: int,
    meetings_per_year_max: int,
    meetings_public_by_default: bool,
    is_active: bool,
) -> Council:
    require_capability(actor, "governance.manage")
    council.name = name.strip()
    council.kind = kind
    council.purpose = purpose.strip()
    council.meetings_per_year_min = meetings_per_year_min
    council.meetings_per_year_max = meetings_per_year_max
    council.meetings_public_by_default = meetings_public_by_default
    council.is_active = is_active
    _validate_council(council)
    council.save()
    return council


def _validate_council(council: Council) -> None:
    if council._state.adding and council.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This short name is reserved.")})
    if council.meetings_per_year_max < council.meetings_per_year_min:
        raise ValidationError(
            {"meetings_per_year_max": _("Must be at least the lower number of meetings.")}
        )
    council.full_clean(exclude=["feed_token"])


@transaction.atomic
def council_feed_token_rotate(*, actor: Actor, council: Council) -> Council:
    """A new secret calendar address; the old one stops working at once."""
    require_capability(actor, "governance.manage")
    council.feed_token = new_feed_token()
    council.save(update_fields=["feed_token", "updated_at"])
    return council


def _seat_fields(
    *,
    role: str,
    title: str,
    organisation: Organisation | None,
    body_position: str,
    user: Any | None,
    contact_name: str,
    contact_email: str,
    term_start: date,
    term_end: date | None,
) -> dict[str, Any]:
    return {
        "role": role,
        "title": title.strip(),
        "organisation": organisation,
        "body_position": body_position,
        "user": user,
        "contact_name": "" if user is not None else contact_name.strip(),
        "contact_email": "" if user is not None else contact_email.strip(),
        "term_start": term_start,
        "term_end": term_end,
    }


def _validate_seat(seat: CouncilSeat) -> None:
    errors: dict[str, str] = {}
    if seat.term_end is not None and seat.term_end < seat.term_start:
        errors["term_end"] = _("The term cannot end before it starts.")
    if seat.body_position and seat.organisation is None:
        errors["body_position"] = _("A presidium position needs the organisation it is in.")
    if errors:
        raise ValidationError(errors)
    seat.full_clean()


@transaction.atomic
def seat_create(
    *,
    actor: Actor,
    council: Council,
    role: str,
    title: str,
    term_start: date,
    organisation: Organisation | None = None,
    body_position: str = "",
    user: Any | None = None,
    contact_name: str = "",
    contact_email: str = "",
    term_end: date | None = None,
) -> CouncilSeat:
    require_capability(actor, "governance.manage")
    seat = CouncilSeat(
        council=council,
        **_seat_fields(
            role=role,
            title=title,
            organisation=organisation,
            body_position=body_position,
            user=user,
            contact_name=contact_name,
            contact_email=contact_email,
            term_start=term_start,
            term_end=term_end,
        ),
    )
    _validate_seat(seat)
    seat.save()
    return seat


@transaction.atomic
def seat_update(
    *,
    actor: Actor,
    seat: CouncilSeat,
    role: str,
    title: str,
    term_start: date,
    organisation: Organisation | None,
    body_position: str,
    user: Any | None,
    contact_name: str,
    contact_email: str,
    term_end: date | None,
) -> CouncilSeat:
    require_capability(actor, "governance.manage")
    fields = _seat_fields(
        role=role,
        title=title,
        organisation=organisation,
        body_position=body_position,
        user=user,
        contact_name=contact_name,
        contact_email=contact_email,
        term_start=term_start,
        term_end=term_end,
    )
    for name, value in fields.items():
        setattr(seat, name, value)
    _validate_seat(seat)
    seat.save()
    return seat
