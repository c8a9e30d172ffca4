"""Writes for named places (a square, a station, a school yard)."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.areas import geo
from samtrygg.areas.models import Place
from samtrygg.areas.services.areas import NAME_MAX
from samtrygg.areas.spatial import to_3006
from samtrygg.core.permissions import Actor, require_capability

PLACE_RADIUS_MAX = 50_000


@transaction.atomic
def place_create(
    *,
    actor: Actor,
    name: str,
    lon: float,
    lat: float,
    description: str = "",
    radius_m: int | None = None,
) -> Place:
    require_capability(actor, "areas.manage")
    name = name.strip()
    _check_place(name=name, lon=lon, lat=lat, radius_m=radius_m)
    x, y = to_3006(lon, lat)
    return Place.objects.create(
        name=name,
        description=description.strip(),
        lon=float(lon),
        lat=float(lat),
        x=float(x),
        y=float(y),
        radius_m=radius_m,
    )


@transaction.atomic
def place_update(
    *,
    actor: Actor,
    place: Place,
    name: str,
    lon: float,
    lat: float,
    description: str = "",
    radius_m: int | None = None,
) -> Place:
    require_capability(actor, "areas.manage")
    name = name.strip()
    _check_place(name=name, lon=lon, lat=lat, radius_m=radius_m)
    x, y = to_3006(lon, lat)
    place.name, place.description = name, description.strip()
    place.lon, place.lat, place.x, place.y = float(lon), float(lat), float(x), float(y)
    place.radius_m = radius_m
    place.save()
    return place


@transaction.atomic
def place_delete(*, actor: Actor, place: Place) -> None:
    require_capability(actor, "areas.manage")
    place.delete()


def _check_place(*, name: str, lon: float, lat: float, radius_m: int | None) -> None:
    errors: dict[str, Any] = {}
    if not name:
        errors["name"] = _("Give a name.")
    elif len(name) > NAME_MAX:
        errors["name"] = _("At most %(max)d characters.") % {"max": NAME_MAX}
    box = geo.SWEDEN_LONLAT
    if not (math.isfinite(lon) and box[0] <= lon <= box[2]):
        errors["lon"] = _("The longitude must be within Sweden (%(min)s–%(max)s).") % {
            "min": box[0],
            "max": box[2],
        }
    if not (math.isfinite(lat) and box[1] <= lat <= box[3]):
        errors["lat"] = _("The latitude must be within Sweden (%(min)s–%(max)s).") % {
            "min": box[1],
            "max": box[3],
        }
    if radius_m is not None and not 1 <= radius_m <= PLACE_RADIUS_MAX:
        errors["radius_m"] = _("The radius must be between 1 and %(max)d metres.") % {
            "max": PLACE_RADIUS_MAX
        }
    if errors:
        raise ValidationError(errors)
