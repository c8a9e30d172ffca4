"""Notifications of case coordination: a consent about to end is told to the case's
coordinator — the case's reference and the day only, never its content (the notice may
leave Samtrygg as an e-mail)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.cases.models import OPEN_STATUSES, Consent
from samtrygg.core.permissions import permissions_for
from samtrygg.core.roles import Role
from samtrygg.notifications.recipients import has_any_role
from samtrygg.notifications.registry import Reminder, register_kind, register_reminder_provider
from samtrygg.notifications.services import municipality_language

CONSENT_ENDING = register_kind(
    "cases.consent_ending",
    label=gettext_lazy("A consent in a case you coordinate ends soon"),
    description=gettext_lazy(
        "Once, when a consent is about to end; the notice names the case by its reference "
        "and nothing else."
    ),
    audience=has_any_role(Role.CASE_WORKER),
)


@register_reminder_provider
def consent_reminders(today: dt.date) -> Iterator[Reminder]:
    warn_until = today + dt.timedelta(days=settings.CASES_CONSENT_WARNING_DAYS)
    consents = Consent.objects.filter(
        withdrawn_on__isnull=True,
        given_on__lte=today,
        expires_on__gte=today,
        expires_on__lte=warn_until,
        case__status__in=OPEN_STATUSES,
    ).select_related("case", "case__coordinator")
    for consent in consents:
        case = consent.case
        # A coordinator who can no longer open the case is not told about it either.
        if not permissions_for(case.coordinator).can_view(case):
            continue
        with municipality_language():
            title = _("Consent in case %(ref)s ends %(day)s") % {
                "ref": case.reference,
                "day": date_format(consent.expires_on, "j F Y"),
            }
        yield Reminder(
            kind=CONSENT_ENDING.code,
            recipients=[case.coordinator],
            title=title,
            url=reverse("cases:consents", args=[case.pk]),
            key=f"case-consent-ending:{consent.pk}:{consent.expires_on.isoformat()}",
        )
