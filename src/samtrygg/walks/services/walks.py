"""Writing services for safety walks: plan a walk, record its three steps, publish its
protocol. Coordinators only (``walks.manage``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.core.permissions import Actor, require_capability, require_change
from samtrygg.partners.models import Partner
from samtrygg.walks.models import (
    Light,
    ParticipantCount,
    ParticipantGroup,
    SafetyWalk,
    TimeOfDay,
    WalkStep,
    Weather,
)
from samtrygg.walks.notifications import tell_protocol_published

#: A walk's route and a finding's point must lie within Sweden (WGS84 bounds, with margin).
LON_RANGE = (10.0, 25.0)
LAT_RANGE = (55.0, 69.5)
MAX_ROUTE_POINTS = 2000
MAX_PARTICIPANTS = 10_000
STEP_ORDER = list(WalkStep)


@dataclass(frozen=True)
class WalkInput:
    title: str
    area: Area
    walk_date: dt.date
    time_of_day: str
    start_time: dt.time | None = None
    weather: str = ""
    light: str = ""
    route: Sequence[Sequence[float]] = ()
    organisers: Iterable[Organisation] = ()
    partners: Iterable[Partner] = ()
    participants: Mapping[str, int] = field(default_factory=dict)
    predecessor: SafetyWalk | None = None


def in_sweden(lon: float, lat: float) -> bool:
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


def clean_route(route: Sequence[Sequence[float]]) -> list[list[float]]:
    """``[[lon, lat], …]`` with at least two points in Sweden, or nothing."""
    if not route:
        return []
    if len(route) > MAX_ROUTE_POINTS:
        raise ValidationError({"route": _("The route has too many points.")})
    points: list[list[float]] = []
    for index, point in enumerate(route, start=1):
        try:
            lon, lat = (float(v) for v in point)
        except (TypeError, ValueError):
            raise ValidationError(
                {
                    "route": _("Point %(n)s of the route is not a longitude and latitude.")
                    % {"n": index}
                }
            ) from None
        if not in_sweden(lon, lat):
            raise ValidationError(
                {"route": _("Point %(n)s of the route lies outside Sweden.") % {"n": index}}
            )
        points.append([round(lon, 6), round(lat, 6)])
    if len(points) == 1:
        raise ValidationError({"route": _("Draw the route with at least two points.")})
    return points


def _clean_participants(participants: Mapping[str, int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for group, count in participants.items():
        if group not in ParticipantGroup.values:
            raise ValidationError({"participants": _("Unknown group of participants.")})
        if not isinstance(count, int) or count < 0 or count > MAX_PARTICIPANTS:
            raise ValidationError(
                {f"participants_{group}": _("Give the number of participants as 0 or more.")}
            )
        if count:
            counts[group] = count
    return counts


def _validate(data: WalkInput, walk: SafetyWalk | None) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the walk a title.")
    if data.time_of_day not in TimeOfDay.values:
        errors["time_of_day"] = _("Choose the time of day.")
    if data.weather and data.weather not in Weather.values:
        errors["weather"] = _("Choose the weather from the list.")
    if data.light and data.light not in Light.values:
        errors["light"] = _("Choose the light from the list.")
    predecessor = data.predecessor
    if predecessor is not None:
        if walk is not None and predecessor.pk == walk.pk:
            errors["predecessor"] = _("A walk cannot repeat itself.")
        elif predecessor.walk_date >= data.walk_date:
            errors["predecessor"] = _("A repeat walk comes after the walk it repeats.")
    if errors:
        raise ValidationError(errors)


def _save(walk: SafetyWalk, data: WalkInput) -> SafetyWalk:
    _validate(data, walk if walk.pk else None)
    route = clean_route(data.route)
    participants = _clean_participants(data.participants)
    walk.title = data.title.strip()
    walk.area = data.area
    walk.walk_date = data.walk_date
    walk.time_of_day = data.time_of_day
    walk.start_time = data.start_time
    walk.weather = data.weather
    walk.light = data.light
    walk.route = route
    walk.predecessor = data.predecessor
    walk.save()
    walk.organisers.set(list(data.organisers))
    walk.partners.set(list(data.partners))
    walk.participants.exclude(group__in=list(participants)).delete()
    for group, count in participants.items():
        ParticipantCount.objects.update_or_create(walk=walk, group=group, defaults={"count": count})
    return walk


@transaction.atomic
def walk_create(*, actor: Actor, data: WalkInput) -> SafetyWalk:
    require_capability(actor, "walks.manage")
    return _save(SafetyWalk(created_by=actor), data)


@transaction.atomic
def walk_update(*, actor: Actor, walk: SafetyWalk, data: WalkInput) -> SafetyWalk:
    require_change(actor, walk)
    return _save(walk, data)


@transaction.atomic
def walk_step_record(
    *, actor: Actor, walk: SafetyWalk, step: str, on: dt.date | None = None, notes: str = ""
) -> SafetyWalk:
    """Record the next step of the method: the preparation meeting, the walk itself, the
    follow-up meeting — in that order, none skipped."""
    require_change(actor, walk)
    if step not in WalkStep.values or step == WalkStep.PLANNED:
        raise ValidationError({"step": _("Unknown step.")})
    current = STEP_ORDER.index(WalkStep(walk.step))
    wanted = STEP_ORDER.index(WalkStep(step))
    if wanted != current + 1:
        raise ValidationError(
            {
                "step": _("Record the steps in order: next is “%(step)s”.")
                % {"step": STEP_ORDER[min(current + 1, len(STEP_ORDER) - 1)].label}
            }
        )
    today = timezone.localdate()
    day = on or today
    if day > today:
        raise ValidationError({"on": _("A step is recorded when it has taken place.")})
    if step == WalkStep.PREPARED:
        walk.preparation_on, walk.preparation_notes = day, notes.strip()
    elif step == WalkStep.WALKED:
        if walk.walk_date > today:
            raise ValidationError({"step": _("The walk's date has not come yet.")})
    else:
        if day < walk.walk_date:
            raise ValidationError({"on": _("The follow-up meeting comes after the walk.")})
        walk.follow_up_on, walk.follow_up_notes = day, notes.strip()
    walk.step = step
    walk.save()
    return walk


@transaction.atomic
def walk_protocol_publish(*, actor: Actor, walk: SafetyWalk) -> SafetyWalk:
    """Publish the walk's protocol (findings, statuses, reasons, approved photos)."""
    require_change(actor, walk)
    if walk.step in (WalkStep.PLANNED, WalkStep.PREPARED):
        raise ValidationError({"step": _("The protocol is published after the walk.")})
    if walk.protocol_published_at is None:
        walk.protocol_published_at = timezone.now()
        walk.save(update_fields=["protocol_published_at", "updated_at"])
        tell_protocol_published(walk)
    return walk
