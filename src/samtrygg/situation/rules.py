"""Who may do what with the lägesbild (decided here, documented in docs/situation.md).

* Drafting and editing: coordinators and analysts (``situation.edit``).
* Review: the police read reports in review, comment and sign (``situation.review``);
  so do coordinators and analysts.
* Published versions: coordinators, analysts, police and council members
  (``situation.read``). Reporters, case workers and auditors see the public picture only,
  like the public: the internal figures are working material for the joint team and the
  councils, not for everyone who reports incidents.
* The computed picture (dashboard) and the weekly EST view: coordinators, analysts, police;
  each sees only the incidents they may read (``situation.dashboard``). The EST meeting
  note is written by coordinators and analysts (``situation.note``).
* Withdrawing a version from the public picture: coordinators (``situation.withdraw``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role
from samtrygg.situation.models import (
    ReportStatus,
    SituationReport,
    SituationVersion,
    WeeklyNote,
)

register_capability("situation.edit", roles={Role.COORDINATOR, Role.ANALYST})
register_capability("situation.review", roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE})
register_capability(
    "situation.read", roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE, Role.COUNCIL_MEMBER}
)
register_capability("situation.dashboard", roles={Role.COORDINATOR, Role.ANALYST, Role.POLICE})
register_capability("situation.note", roles={Role.COORDINATOR, Role.ANALYST})
register_capability("situation.withdraw", roles={Role.COORDINATOR})


def visible_statuses(perms: Permissions) -> tuple[str, ...]:
    if perms.can("situation.edit"):
        return tuple(ReportStatus.values)
    if perms.can("situation.review"):
        return (ReportStatus.REVIEW, ReportStatus.PUBLISHED)
    if perms.can("situation.read"):
        return (ReportStatus.PUBLISHED,)
    return ()


def _report_view(perms: Permissions, obj: SituationReport) -> bool:
    statuses = visible_statuses(perms)
    if obj.status in statuses:
        return True
    # A report reopened for its next version still shows its published versions.
    return perms.can("situation.read") and obj.versions.exists()


def _report_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    statuses = visible_statuses(perms)
    if not statuses:
        return qs.none()
    if len(statuses) == len(ReportStatus.values):
        return qs
    from django.db.models import Exists, OuterRef, Q

    published = Exists(SituationVersion.objects.filter(report=OuterRef("pk")))
    return qs.filter(Q(status__in=statuses) | published)


def _report_change(perms: Permissions, obj: SituationReport) -> bool:
    return perms.can("situation.edit")


def _version_view(perms: Permissions, obj: Any) -> bool:
    return perms.can("situation.read")


def _version_queryset(perms: Permissions, qs: QuerySet) -> QuerySet:
    return qs if perms.can("situation.read") else qs.none()


register_object_rules(
    SituationReport, view=_report_view, change=_report_change, queryset=_report_queryset
)
register_object_rules(SituationVersion, view=_version_view, queryset=_version_queryset)
register_object_rules(
    WeeklyNote,
    view=lambda perms, obj: perms.can("situation.dashboard"),
    change=lambda perms, obj: perms.can("situation.note"),
    queryset=lambda perms, qs: qs if perms.can("situation.dashboard") else qs.none(),
)
