"""Reads for incidents, categories, imports and the feed — always through the resolver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.core.audit import access_log_record
from samtrygg.core.models import AccessAction, Classification
from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.core.roles import Role
from samtrygg.core.text import parse_boolean
from samtrygg.incidents.models import (
    Category,
    FeedItem,
    FeedRequest,
    FeedSource,
    ImportJob,
    Incident,
    IncidentQuerySet,
    IncidentStatus,
    PoliceTypeMapping,
    Precision,
    SourceSystem,
)


@dataclass
class IncidentFilters:
    """Filters of the incident list, the API and the exports (all optional)."""

    start: dt.date | None = None
    #: Inclusive: incidents that started on this day are included.
    end: dt.date | None = None
    category_ids: list[int] = field(default_factory=list)
    area_ids: list[int] = field(default_factory=list)
    source_ids: list[int] = field(default_factory=list)
    source_systems: list[str] = field(default_factory=list)
    classifications: list[str] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    mappable_only: bool = False

    def bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz) if self.start else None
        end = (
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
            if self.end
            else None
        )
        return start, end

    def describe(self) -> str:
        parts = []
        for name, value in vars(self).items():
            if value not in (None, [], False):
                parts.append(f"{name}={value}")
        return ", ".join(parts)


class FilterError(ValueError):
    pass


def _ids(values: Iterable[str], model: Any, code_field: str, label: str) -> list[int]:
    ids: list[int] = []
    codes: list[str] = []
    for raw in values:
        for value in str(raw).split(","):
            value = value.strip()
            if not value:
                continue
            if value.isdigit():
                ids.append(int(value))
            else:
                codes.append(value)
    if codes:
        found = dict(
            model.objects.filter(**{f"{code_field}__in": codes}).values_list(code_field, "pk")
        )
        missing = [c for c in codes if c not in found]
        if missing:
            raise FilterError(
                _("Unknown %(what)s: %(codes)s") % {"what": label, "codes": ", ".join(missing)}
            )
        ids.extend(found.values())
    return sorted(set(ids))


def _choices(values: Iterable[str], allowed: list[str], label: str) -> list[str]:
    result = []
    for raw in values:
        for value in str(raw).split(","):
            value = value.strip()
            if not value:
                continue
            if value not in allowed:
                raise FilterError(
                    _("Unknown %(what)s %(value)r (use %(allowed)s)")
                    % {"what": label, "value": value, "allowed": ", ".join(allowed)}
                )
            result.append(value)
    return sorted(set(result))


def _date(value: str | None, label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(
            _("%(what)s: not a date (YYYY-MM-DD): %(value)r") % {"what": label, "value": value}
        ) from None


def _boolean(value: str | None, label: str) -> bool:
    try:
        return parse_boolean(value) or False
    except ValueError:
        raise FilterError(
            _("%(what)s: must be true or false, not %(value)r") % {"what": label, "value": value}
        ) from None


def parse_incident_filters(params: Any) -> IncidentFilters:
    """Filters from query parameters (a QueryDict or a dict of lists); ``FilterError``
    names the bad parameter. Categories, areas and sources by id or code."""

    def many(name: str) -> list[str]:
        if hasattr(params, "getlist"):
            return [v for v in params.getlist(name) if v]
        value = params.get(name)
        if value is None:
            return []
        return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]

    def one(name: str) -> str | None:
        values = many(name)
        return values[-1] if values else None

    filters = IncidentFilters(
        start=_date(one("start"), "start"),
        end=_date(one("end"), "end"),
        category_ids=_ids(many("category"), Category, "code", _("category")),
        area_ids=_ids(many("area"), Area, "code", _("area")),
        source_ids=_ids(many("source"), Organisation, "code", _("source")),
        source_systems=_choices(many("source_system"), SourceSystem.values, _("source system")),
        classifications=_choices(
            many("classification"), Classification.values, _("classification")
        ),
        precisions=_choices(many("precision"), Precision.values, _("precision")),
        statuses=_choices(many("status"), IncidentStatus.values, _("status")),
        mappable_only=_boolean(one("mappable"), "mappable"),
    )
    if filters.start and filters.end and filters.end < filters.start:
        raise FilterError(_("end: before start"))
    return filters


def incident_list(*, user: Any, filters: IncidentFilters | None = None) -> QuerySet[Incident]:
    """The incidents ``user`` may read, filtered. Newest first."""
    qs = cast(
        IncidentQuerySet,
        permissions_for(user).filter_viewable(
            Incident.objects.select_related("category", "source_organisation")
        ),
    )
    f = filters or IncidentFilters()
    start, end = f.bounds()
    qs = qs.in_period(start, end)
    if f.category_ids:
        qs = qs.filter(category_id__in=f.category_ids)
    if f.area_ids:
        qs = qs.in_areas(f.area_ids)
    if f.source_ids:
        qs = qs.filter(source_organisation_id__in=f.source_ids)
    if f.source_systems:
        qs = qs.filter(source_system__in=f.source_systems)
    if f.classifications:
        qs = qs.filter(classification__in=f.classifications)
    if f.precisions:
        qs = qs.filter(precision__in=f.precisions)
    if f.statuses:
        qs = qs.filter(status__in=f.statuses)
    if f.mappable_only:
        qs = qs.mappable()
    return qs


#: The access log's words for the reads of restricted incidents (kept in Swedish).
READ_DETAIL = gettext_lazy("Restricted incident: the incident page")
READ_API = gettext_lazy("Restricted incident: through the API")


def incident_get(
    *, user: Any, pk: int, request: HttpRequest | None = None, reason: Any = READ_DETAIL
) -> Incident:
    """One incident the user may read (404 otherwise); a restricted one is logged as read,
    with ``reason`` saying where (``None`` for a write, which the audit trail records)."""
    incident = get_viewable_or_404(
        user,
        Incident.objects.select_related(
            "category", "source_organisation", "place", "created_by", "feedback_by", "feed_item"
        ),
        pk=pk,
    )
    if incident.classification == Classification.RESTRICTED and reason is not None:
        access_log_record(
            user=user, action=AccessAction.VIEW, obj=incident, reason=reason, request=request
        )
    return incident


#: Incidents as instances, or as the API list's rows (``{"id": …, "classification": …}``).
IncidentRows = Iterable[Incident] | Iterable[Mapping[str, Any]] | QuerySet[Incident]


def _restricted_ids(incidents: IncidentRows) -> tuple[int, list[int]]:
    """``(rows, keys of the restricted rows)`` of a page, a map or an export."""
    if isinstance(incidents, QuerySet):
        ids = list(
            incidents.filter(classification=Classification.RESTRICTED).values_list("pk", flat=True)
        )
        return incidents.count(), ids
    rows: list[Any] = list(incidents)
    keys = [
        (row.pk, row.classification)
        if isinstance(row, Incident)
        else (row["id"], row["classification"])
        for row in rows
    ]
    return len(rows), [
        pk for pk, classification in keys if classification == Classification.RESTRICTED
    ]


def log_incident_rows(
    *,
    user: Any,
    incidents: IncidentRows,
    action: str,
    request: HttpRequest | None = None,
    description: Any = "",
) -> int:
    """Log a read of point-level data or an export: one entry whatever it holds, naming the
    restricted rows among them. Returns how many were restricted."""
    total, ids = _restricted_ids(incidents)
    access_log_record(
        user=user,
        action=action,
        object_type="incidents.incident",
        object_repr=restricted_rows_label(total, len(ids)),
        object_ids=ids,
        reason=description,
        request=request,
    )
    return len(ids)


def log_restricted_rows(
    *,
    user: Any,
    incidents: Iterable[Incident] | QuerySet[Incident],
    action: str,
    request: HttpRequest | None = None,
    description: Any = "",
) -> int:
    """Log a list page that holds restricted rows (one entry naming them); nothing when it
    holds none. Returns how many were restricted."""
    rows = incidents if isinstance(incidents, QuerySet) else list(incidents)
    if not _restricted_ids(rows)[1]:
        return 0
    return log_incident_rows(
        user=user, incidents=rows, action=action, request=request, description=description
    )


def restricted_rows_label(total: int, restricted: int) -> Any:
    """``"120 incidents, 3 restricted"`` (lazy: the access log keeps it in Swedish)."""
    return format_lazy(
        ngettext_lazy(
            "{total} incidents, {n} restricted", "{total} incidents, {n} restricted", restricted
        ),
        total=total,
        n=restricted,
    )


def my_report_list(*, user: Any) -> QuerySet[Incident]:
    """The reports ``user`` filed (with their status and feedback)."""
    if not getattr(user, "pk", None):
        return Incident.objects.none()
    return (
        Incident.objects.filter(created_by=user)
        .select_related("category", "source_organisation")
        .order_by("-reported_at", "-id")
    )


def category_list(*, user: Any, active_only: bool = False) -> QuerySet[Category]:
    qs = permissions_for(user).filter_viewable(Category.objects.all())
    return qs.filter(is_active=True) if active_only else qs


def police_type_list(*, user: Any) -> QuerySet[PoliceTypeMapping]:
    return permissions_for(user).filter_viewable(
        PoliceTypeMapping.objects.select_related("category")
    )


def import_job_list(*, user: Any) -> QuerySet[ImportJob]:
    return permissions_for(user).filter_viewable(
        ImportJob.objects.select_related("source", "created_by")
    )


def feed_source_list(*, user: Any) -> QuerySet[FeedSource]:
    return permissions_for(user).filter_viewable(FeedSource.objects.select_related("organisation"))


def feed_request_list(*, user: Any, limit: int = 20) -> list[FeedRequest]:
    if not permissions_for(user).can("incidents.feed"):
        return []
    return list(FeedRequest.objects.all()[:limit])


def feed_item_list(*, user: Any, limit: int = 50) -> QuerySet[FeedItem]:
    return permissions_for(user).filter_viewable(FeedItem.objects.all())[:limit]


def report_organisations(*, user: Any) -> QuerySet[Organisation]:
    """The organisations ``user`` may file reports for."""
    perms = permissions_for(user)
    ids = perms.organisation_ids(Role.REPORTER, Role.COORDINATOR, Role.ANALYST, Role.POLICE)
    return Organisation.objects.filter(pk__in=ids, is_active=True).order_by("name")


def import_organisations(*, user: Any) -> QuerySet[Organisation]:
    """Sources ``user`` may import for: any organisation for the coordinator and analysts
    (they import partners' extracts), the police only for their own organisation."""
    perms = permissions_for(user)
    qs = Organisation.objects.filter(is_active=True).order_by("name")
    if perms.has_role(Role.COORDINATOR, Role.ANALYST):
        return qs
    return qs.filter(pk__in=perms.organisation_ids(Role.POLICE))
