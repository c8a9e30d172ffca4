"""Who may read, report and handle incidents.

Reading an incident depends on its classification and on the reader's roles:

* ``restricted`` (police-only extracts): the police, and analysts granted police data.
* ``internal``: the municipality's safety staff — coordinator, analyst, police.
* ``open``: the same staff, and council members (who otherwise read the lägesbild, which
  shows aggregates only).
* A reporter (a housing company, a school, a business, an association) reads the incidents
  of their own organisation(s) — open or internal, never restricted ones — and their
  own reports, whatever organisation they filed them for. Not other organisations' rows:
  the open data reaches everyone as aggregates on the public pages.
* A case worker and an auditor read no incidents: their work is elsewhere (cases, logs).

Handling (status and feedback to the reporter) is for the coordinator and analysts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samtrygg.core.models import Classification
from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import ALL_ROLES, Role
from samtrygg.incidents.models import (
    Category,
    FeedItem,
    FeedSource,
    ImportJob,
    Incident,
    PoliceTypeMapping,
)

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.ANALYST, Role.POLICE})

#: File a report (the form and the API).
register_capability(
    "incidents.report", roles={Role.REPORTER, Role.COORDINATOR, Role.ANALYST, Role.POLICE}
)
#: The incident list, export and details (rows filtered per classification, see above).
register_capability(
    "incidents.view",
    roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE, Role.COUNCIL_MEMBER, Role.REPORTER},
)
#: Set status and write feedback to the reporter.
register_capability("incidents.handle", roles={Role.COORDINATOR, Role.ANALYST})
#: Bulk import (web and command line).
register_capability("incidents.import", roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE})
#: Edit categories and the police type mapping.
register_capability("incidents.categories", roles={Role.COORDINATOR})
#: Configure and run the police events feed.
register_capability("incidents.feed", roles={Role.COORDINATOR, Role.ANALYST})
#: Read categories (every member: the report form and the API need them).
register_capability("incidents.categories.view", roles=ALL_ROLES)


def _user_id(perms: Permissions) -> Any:
    return getattr(perms.user, "pk", None)


def incident_visibility(perms: Permissions) -> Q | None:
    """The rows ``perms`` may read, as a filter; ``None`` when nothing."""
    roles = perms.roles
    if not roles:
        return None
    conditions: list[Q] = []
    if roles & STAFF_ROLES:
        if perms.police_data:
            conditions.append(Q())
        else:
            conditions.append(Q(classification__in=[Classification.OPEN, Classification.INTERNAL]))
    if Role.COUNCIL_MEMBER in roles:
        conditions.append(Q(classification=Classification.OPEN))
    if Role.REPORTER in roles:
        own = Q(source_organisation_id__in=perms.organisation_ids(Role.REPORTER)) | Q(
            created_by_id=_user_id(perms)
        )
        if not perms.police_data:
            own &= ~Q(classification=Classification.RESTRICTED)
        conditions.append(own)
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def _incident_view(perms: Permissions, obj: Incident) -> bool:
    condition = incident_visibility(perms)
    if condition is None:
        return False
    return Incident.objects.filter(condition, pk=obj.pk).exists()


def _incident_change(perms: Permissions, obj: Incident) -> bool:
    return perms.can("incidents.handle") and _incident_view(perms, obj)


def _incident_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    condition = incident_visibility(perms)
    return qs.none() if condition is None else qs.filter(condition)


register_object_rules(
    Incident, view=_incident_view, change=_incident_change, queryset=_incident_queryset
)


def _category_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs if perms.can("incidents.categories.view") else qs.none()


register_object_rules(
    Category,
    view=lambda perms, obj: perms.can("incidents.categories.view"),
    change=lambda perms, obj: perms.can("incidents.categories"),
    queryset=_category_queryset,
)
register_object_rules(
    PoliceTypeMapping,
    view=lambda perms, obj: perms.can("incidents.categories"),
    change=lambda perms, obj: perms.can("incidents.categories"),
    queryset=lambda perms, qs: qs if perms.can("incidents.categories") else qs.none(),
)


def _job_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    """Importers see their own jobs; the coordinator and analysts see every job."""
    if perms.has_role(Role.COORDINATOR, Role.ANALYST):
        return qs
    if perms.can("incidents.import"):
        return qs.filter(created_by_id=_user_id(perms))
    return qs.none()


register_object_rules(
    ImportJob,
    view=lambda perms, job: _job_queryset(perms, ImportJob.objects.filter(pk=job.pk)).exists(),
    change=lambda perms, job: False,
    queryset=_job_queryset,
)


def _feed_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs if perms.can("incidents.feed") else qs.none()


for _model in (FeedSource, FeedItem):
    register_object_rules(
        _model,
        view=lambda perms, obj: perms.can("incidents.feed"),
        change=lambda perms, obj: perms.can("incidents.feed"),
        queryset=_feed_queryset,
    )
