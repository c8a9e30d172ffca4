"""Safety walks in the permission matrix. The world's reporter belongs to the housing
company, which is the owner of the findings (the "owner" actor); the outsider is a
reporter of an unrelated business and owns nothing. Staff read walks; coordinators manage;
everyone reads a published protocol and follows a valid owner link."""

from __future__ import annotations

from typing import Any

from samtrygg.incidents.tests.routes import incident
from samtrygg.testing.matrix import EVERYONE, MEMBERS, Route, World, allow
from samtrygg.walks import services
from samtrygg.walks.tests import factories
from samtrygg.walks.tokens import owner_link_token

VIEW = allow("coordinator", "analyst", "police", "council_member")
VIEW_OR_OWNER = allow("coordinator", "analyst", "police", "council_member", "reporter")
MANAGE = allow("coordinator")
OWNER_OR_MANAGE = allow("coordinator", "reporter")
OWNER = allow("reporter")


def objects(w: World) -> dict[str, Any]:
    """A walk (published) with a finding owned by the housing company, with a photo
    approved for the protocol."""
    if "walks" in w.extra:
        return w.extra["walks"]
    coordinator = w.user("coordinator")
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, w.organisations["housing"], email="fel@bostad.example")
    finding = factories.finding(coordinator, walk, owner)
    photo = services.finding_photo_add(
        actor=coordinator, finding=finding, content=factories.png_bytes()
    )
    services.finding_photo_approve(actor=coordinator, photo=photo, public=True)
    services.walk_protocol_publish(actor=coordinator, walk=walk)
    w.extra["walks"] = {"walk": walk, "owner": owner, "finding": finding, "photo": photo}
    return w.extra["walks"]


def _built(w: World) -> dict[str, Any]:
    objects(w)
    return {}


def _walk(w: World) -> dict[str, Any]:
    return {"pk": objects(w)["walk"].pk}


def _finding(w: World) -> dict[str, Any]:
    return {"pk": objects(w)["finding"].pk}


def _photo(w: World) -> dict[str, Any]:
    return {"pk": objects(w)["photo"].pk}


def _owner(w: World) -> dict[str, Any]:
    return {"pk": objects(w)["owner"].pk}


def _token(w: World) -> dict[str, Any]:
    return {"token": owner_link_token(objects(w)["owner"])}


def _token_finding(w: World) -> dict[str, Any]:
    return {**_token(w), "pk": objects(w)["finding"].pk}


def _incident(w: World) -> dict[str, Any]:
    return {"incident_id": incident(w).pk}


def _walk_form(w: World) -> dict[str, Any]:
    area = factories.walk_area()
    return {
        "title": "Ny vandring",
        "area": area.pk,
        "walk_date": "2026-05-01",
        "time_of_day": "evening",
        "route": "[[16.54, 59.61], [16.55, 59.62]]",
        "participants_residents": "5",
    }


def _accept(w: World) -> dict[str, Any]:
    return {"action": "accept", "due_date": "2030-01-01"}


def _next_walk(w: World) -> dict[str, Any]:
    return {"walk": objects(w)["walk"].pk, "result": "confirmed"}


ROUTES = [
    Route("walks:list", VIEW),
    Route("walks:create", MANAGE),
    Route("walks:create", MANAGE, method="post", data=_walk_form, label="create"),
    Route("walks:detail", VIEW, kwargs=_walk),
    Route("walks:update", MANAGE, kwargs=_walk),
    Route("walks:step", MANAGE, kwargs=_walk, method="post", data=lambda w: {"on": "2026-01-01"}),
    Route("walks:publish", MANAGE, kwargs=_walk, method="post"),
    Route("walks:finding_create", MANAGE, kwargs=_walk),
    Route("walks:protocol", EVERYONE, kwargs=_walk),
    Route("walks:protocol_pdf", EVERYONE, kwargs=_walk),
    Route("walks:protocols", EVERYONE),
    Route("walks:public_photo", EVERYONE, kwargs=_photo),
    Route("walks:findings", VIEW_OR_OWNER, kwargs=_built),
    Route("walks:mine", OWNER, kwargs=_built),
    Route("walks:finding_detail", VIEW_OR_OWNER, kwargs=_finding),
    Route("walks:finding_update", MANAGE, kwargs=_finding),
    Route("walks:finding_action", OWNER_OR_MANAGE, kwargs=_finding, method="post", data=_accept),
    Route(
        "walks:finding_intervention",
        MANAGE,
        kwargs=_finding,
        method="post",
        data=lambda w: {"intervention": ""},
    ),
    Route("walks:finding_recheck", MANAGE, kwargs=_finding, method="post", data=_next_walk),
    Route(
        "walks:photo_add",
        OWNER_OR_MANAGE,
        kwargs=_finding,
        method="post",
        data=lambda w: {"photo": factories.png_upload()},
    ),
    Route("walks:photo", VIEW_OR_OWNER, kwargs=_photo),
    Route(
        "walks:photo_approve", MANAGE, kwargs=_photo, method="post", data=lambda w: {"public": "0"}
    ),
    Route("walks:finding_from_incident", MANAGE, kwargs=_incident),
    Route("walks:owners", MANAGE),
    Route("walks:owner_revoke", MANAGE, kwargs=_owner, method="post"),
    Route("walks:owner_link", EVERYONE, kwargs=_token),
    Route("walks:owner_link_action", EVERYONE, kwargs=_token_finding, method="post", data=_accept),
    Route("api:v1:walks-walk-list", MEMBERS),
    Route("api:v1:walks-walk-detail", VIEW, kwargs=_walk),
    Route("api:v1:walks-finding-list", MEMBERS),
    Route("api:v1:walks-finding-detail", VIEW_OR_OWNER, kwargs=_finding),
]
