"""Builders for the tests of safety walks, through the services."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from samtrygg.accounts.models import Organisation
from samtrygg.actionplan.tests.factories import X0, Y0, area
from samtrygg.areas.models import Area
from samtrygg.walks import services
from samtrygg.walks.models import FindingOwner, SafetyWalk
from samtrygg.walks.services import FindingInput, WalkInput

LON, LAT = 16.545, 59.61
ROUTE = [[16.540, 59.610], [16.545, 59.611], [16.550, 59.612]]


def walk_area(code: str = "vasteras-centrum") -> Area:
    return Area.objects.filter(code=code).first() or area(code, X0, Y0)


def owner(actor: Any, organisation: Organisation | None = None, **kwargs: Any) -> FindingOwner:
    if organisation is not None:
        existing = FindingOwner.objects.filter(organisation=organisation).first()
        if existing:
            return existing
    return services.owner_create(
        actor=actor,
        name=kwargs.get("name", organisation.name if organisation else "Fastighetsägare Privat"),
        organisation=organisation,
        email=kwargs.get("email", ""),
        private=kwargs.get("private", organisation is None),
    )


def walk(actor: Any, *, days_ago: int = 10, step: str = "walked", **kwargs: Any) -> SafetyWalk:
    """A walk held ``days_ago`` days ago, recorded up to ``step``."""
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    new = services.walk_create(
        actor=actor,
        data=WalkInput(
            title=kwargs.get("title", "Trygghetsvandring i centrum"),
            area=kwargs.get("area") or walk_area(),
            walk_date=day,
            time_of_day="evening",
            weather="clear",
            light="dark",
            route=ROUTE,
            participants={"residents": 12, "police": 2},
            predecessor=kwargs.get("predecessor"),
            partners=kwargs.get("partners", ()),
        ),
    )
    order = ["planned", "prepared", "walked", "followed_up"]
    for s in order[1 : order.index(step) + 1]:
        services.walk_step_record(
            actor=actor, walk=new, step=s, on=day - dt.timedelta(days=7) if s == "prepared" else day
        )
    return new


def finding(actor: Any, walk_: SafetyWalk, owner_: FindingOwner, **kwargs: Any) -> Any:
    return services.finding_create(
        actor=actor,
        walk=walk_,
        data=FindingInput(
            area=walk_.area,
            category=kwargs.get("category", "lighting"),
            cause=kwargs.get("cause", "Trasig belysning i gångtunneln"),
            proposal=kwargs.get("proposal", "Byt armaturen"),
            owner=owner_,
            lon=kwargs.get("lon", LON),
            lat=kwargs.get("lat", LAT),
            address=kwargs.get("address", "Gångtunneln vid Stora torget"),
            due_date=kwargs.get("due_date"),
        ),
    )


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def png_upload(name: str = "brist.png") -> Any:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")
