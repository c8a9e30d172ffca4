"""The roles a membership can carry (docs/architecture.md §2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ANALYST = "analyst", _("Analyst")
    POLICE = "police", _("Police")
    COUNCIL_MEMBER = "council_member", _("Council member")
    REPORTER = "reporter", _("Reporter")
    CASE_WORKER = "case_worker", _("Case worker")
    AUDITOR = "auditor", _("Auditor")
    PARTNER = "partner", _("Partner")


ALL_ROLES: frozenset[Role] = frozenset(Role)
