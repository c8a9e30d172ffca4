"""What safety walks tell people: a finding given to an owner (when it is recorded or
transferred), its due date coming up and passed, and a published protocol for those who
follow safety walks. An owner's members are told in the app and by e-mail as they chose;
the owner's own address (a private owner, a unit's mailbox) gets a plain e-mail with the
owner's personal link. Texts name the category and the place, never a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.notifications.common import absolute_url
from samtrygg.notifications.emails import render_direct
from samtrygg.notifications.models import DeliveryKind
from samtrygg.notifications.recipients import members_of
from samtrygg.notifications.registry import (
    Reminder,
    register_kind,
    register_public_category,
    register_reminder_provider,
)
from samtrygg.notifications.services import (
    delivery_queue,
    municipality_language,
    notification_send,
    public_change_record,
)
from samtrygg.walks.models import OPEN_STATUSES, Finding, FindingOwner, SafetyWalk
from samtrygg.walks.tokens import owner_link_path

FINDING_ASSIGNED = register_kind(
    "walks.finding_assigned",
    label=gettext_lazy("A finding of a safety walk is given to your organisation"),
    description=gettext_lazy("When a finding is recorded for you or transferred to you."),
)
FINDING_DUE = register_kind(
    "walks.finding_due",
    label=gettext_lazy("A finding's due date is near or has passed"),
    description=gettext_lazy("A week before the due date, and once when it has passed."),
)
register_public_category("safety_walks", label=gettext_lazy("Protocols of safety walks"))


def _place(finding: Finding) -> str:
    return finding.address or (finding.area.name if finding.area_id else "")


def owner_link_text(owner: FindingOwner) -> str:
    return _("Open the findings given to you (the link works for %(days)s days): %(url)s") % {
        "days": settings.WALKS_OWNER_LINK_DAYS,
        "url": absolute_url(owner_link_path(owner)),
    }


def tell_owner_assigned(finding: Finding) -> None:
    """Tell the finding's (new) owner, once per owner (call inside the service's
    transaction, after the change)."""
    owner = finding.owner
    key = f"walks-finding-assigned:{finding.pk}:{owner.pk}"
    with municipality_language():
        title = _("New finding for %(owner)s: %(category)s, %(place)s") % {
            "owner": owner.name,
            "category": finding.get_category_display(),
            "place": _place(finding),
        }
        notification_send(
            kind=FINDING_ASSIGNED.code,
            recipients=members_of([owner.organisation_id]),
            title=title,
            url=reverse("walks:finding_detail", args=[finding.pk]),
            key=key,
        )
        if owner.email:
            subject, body = render_direct(title=title, body=owner_link_text(owner))
            delivery_queue(
                key=f"{key}:{owner.email.lower()}",
                kind=DeliveryKind.DIRECT,
                subject=subject,
                body=body,
                address=owner.email,
            )


def tell_protocol_published(walk: SafetyWalk) -> None:
    with municipality_language():
        title = _("Protocol of the safety walk: %(title)s") % {"title": walk.title}
    public_change_record(
        category="safety_walks",
        title=title,
        url=reverse("walks:protocol", args=[walk.pk]),
        key=f"walks-protocol:{walk.pk}",
        area_ids=[walk.area_id],
    )


@register_reminder_provider
def finding_due_reminders(today: dt.date) -> Iterator[Reminder]:
    warn_until = today + dt.timedelta(days=settings.WALKS_DUE_WARNING_DAYS)
    findings = (
        Finding.objects.filter(status__in=OPEN_STATUSES, due_date__lte=warn_until)
        .filter(Q(owner__is_active=True))
        .select_related("owner", "area")
        .order_by("pk")
    )
    for finding in findings:
        owner, due = finding.owner, finding.due_date
        if due is None:  # filtered out above; narrows the type
            continue
        passed = due < today
        with municipality_language():
            template = (
                _("Past its due date %(day)s: %(category)s, %(place)s")
                if passed
                else _("Due %(day)s: %(category)s, %(place)s")
            )
            title = template % {
                "day": date_format(due, "j F Y"),
                "category": finding.get_category_display(),
                "place": _place(finding),
            }
            address_body = owner_link_text(owner) if owner.email else ""
        yield Reminder(
            kind=FINDING_DUE.code,
            recipients=list(members_of([owner.organisation_id])),
            title=title,
            url=reverse("walks:finding_detail", args=[finding.pk]),
            key=f"walks-finding-due:{finding.pk}:{due.isoformat()}:"
            f"{'passed' if passed else 'near'}",
            addresses=(owner.email,) if owner.email else (),
            address_body=address_body,
        )
