"""Notifications of the lägesbild: waiting for your signature; published (to its readers,
and to the public pages' subscribers who follow its areas)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.core.roles import Role
from samtrygg.notifications.recipients import has_any_role, users_with_roles
from samtrygg.notifications.registry import register_kind, register_public_category
from samtrygg.notifications.services import (
    municipality_language,
    notification_send,
    public_change_record,
)
from samtrygg.situation.models import SignatureSide

SIGNATURE_WANTED = register_kind(
    "situation.signature_wanted",
    label=gettext_lazy("A situational picture waits for your signature"),
    audience=has_any_role(Role.COORDINATOR, Role.ANALYST, Role.POLICE),
)
PUBLISHED = register_kind(
    "situation.published",
    label=gettext_lazy("A situational picture was published"),
    audience=has_any_role(Role.COORDINATOR, Role.ANALYST, Role.POLICE, Role.COUNCIL_MEMBER),
)
register_public_category("situation", label=gettext_lazy("Published situational pictures"))


def report_in_review(
    report: Any, *, actor: Any, signing_capacity: Callable[[Any, str], Any]
) -> None:
    """Tell everyone who may sign for either side (not the sender) that it waits;
    ``signing_capacity(user, side)`` is the signing service's own rule."""
    signers = [
        user
        for user in users_with_roles(Role.COORDINATOR, Role.ANALYST, Role.POLICE)
        if user.pk != getattr(actor, "pk", None)
        and any(signing_capacity(user, side) is not None for side in SignatureSide.values)
    ]
    with municipality_language():
        notification_send(
            kind=SIGNATURE_WANTED.code,
            recipients=signers,
            title=_("Waiting for signature: %(title)s") % {"title": report.title},
            body=_("One signature for the municipality and one for the police publish it."),
            url=reverse("situation:report_detail", args=[report.pk]),
            key=f"situation-sign:{report.pk}:{report.content_hash}",
        )


def version_published(version: Any) -> None:
    readers = users_with_roles(Role.COORDINATOR, Role.ANALYST, Role.POLICE, Role.COUNCIL_MEMBER)
    public_url = reverse("public:picture") + f"?version={version.pk}"
    area_ids = [a["id"] for a in (version.parameters or {}).get("areas", [])]
    with municipality_language():
        title = _("Published: %(label)s") % {"label": version.label}
        notification_send(
            kind=PUBLISHED.code,
            recipients=readers,
            title=title,
            url=reverse("situation:version_detail", args=[version.pk]),
            key=f"situation-published:{version.pk}",
        )
        public_change_record(
            category="situation",
            title=_("New situational picture: %(label)s") % {"label": version.label},
            url=public_url,
            key=f"situation-version:{version.pk}",
            area_ids=area_ids,
        )
