"""Notifications of the incidents app: feedback on your incident report."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.core.roles import Role
from samtrygg.notifications.recipients import has_any_role
from samtrygg.notifications.registry import register_kind
from samtrygg.notifications.services import municipality_language, notification_send

FEEDBACK = register_kind(
    "incidents.feedback",
    label=gettext_lazy("Feedback on your incident report"),
    description=gettext_lazy("When someone answers a report you sent."),
    audience=has_any_role(Role.REPORTER, Role.COORDINATOR, Role.ANALYST, Role.POLICE),
)


def incident_feedback_given(incident: Any) -> None:
    """Tell the reporter that their report got feedback (not the text of other reports)."""
    reporter = incident.created_by
    if reporter is None or not incident.feedback or incident.feedback_at is None:
        return
    with municipality_language():
        notification_send(
            kind=FEEDBACK.code,
            recipients=[reporter],
            title=_("Feedback on your report: %(category)s, %(day)s")
            % {
                "category": incident.category.name,
                "day": date_format(timezone.localtime(incident.occurred_from), "j F Y"),
            },
            body=incident.feedback,
            url=reverse("incidents:my_reports"),
            key=f"incident-feedback:{incident.pk}:{incident.feedback_at.timestamp():.0f}",
        )
