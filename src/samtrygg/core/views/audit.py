"""The data-protection officer's pages: the audit trail, the access log, their CSV exports,
one person's reads and one record's history.

Every page that shows the access log, and every export, is itself written to the access log
(a read of personal data about staff).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from samtrygg.core import selectors
from samtrygg.core.audit import access_log_record
from samtrygg.core.audit_export import access_log_csv, change_log_csv
from samtrygg.core.decorators import capability_required
from samtrygg.core.directory import organisation_choices
from samtrygg.core.models import AccessAction
from samtrygg.core.trail import (
    ACTION_LABELS,
    describe_access,
    describe_entries,
    object_types,
    person_label,
    type_label,
)

PAGE_SIZE = 50
#: A record's history shows its latest changes; the audit trail, filtered to it, has all.
HISTORY_CHANGES = 200
CHANGE_LOG_TYPE = "auditlog.logentry"
ACCESS_LOG_TYPE = "core.accesslogentry"


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _csv_response(rows: Any, name: str) -> StreamingHttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


#: Each log's name in the access log and its export's file name.
_EXPORTS = {
    CHANGE_LOG_TYPE: (_("Audit trail"), "andringslogg"),
    ACCESS_LOG_TYPE: (_("Access log"), "atkomstlogg"),
}


def _export(
    request: HttpRequest, filters: selectors.AuditFilters, log: str, rows: Iterator[str]
) -> StreamingHttpResponse:
    """The CSV export of ``log`` (``CHANGE_LOG_TYPE`` or ``ACCESS_LOG_TYPE``), itself written
    to the access log first (``rows`` is a generator: the log is read as it streams, after
    this record)."""
    name, file_name = _EXPORTS[log]
    access_log_record(
        user=request.user,
        action=AccessAction.EXPORT,
        object_type=log,
        object_repr=name,
        reason=_("CSV export: %(filters)s"),
        reason_params={"filters": filters.describe()},
        request=request,
    )
    return _csv_response(rows, file_name)


def _filter_context(request: HttpRequest, filters: selectors.AuditFilters) -> dict[str, Any]:
    return {
        "filters": filters,
        "organisations": organisation_choices(),
        "query": _query_without_page(request),
    }


@never_cache
@capability_required("audit.read")
def change_log_view(request: HttpRequest) -> HttpResponse:
    filters = selectors.parse_audit_filters(request.GET)
    entries = selectors.change_log_list(user=request.user, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/change_log.html",
        {
            **_filter_context(request, filters),
            "page": page,
            "rows": describe_entries(page.object_list, user=request.user),
            "object_types": object_types(selectors.change_log_object_types(user=request.user)),
            "actions": [(str(code), label) for code, label in ACTION_LABELS.items()],
        },
    )


@never_cache
@capability_required("audit.read")
def change_log_export_view(request: HttpRequest) -> StreamingHttpResponse:
    filters = selectors.parse_audit_filters(request.GET)
    entries = selectors.change_log_list(user=request.user, filters=filters)
    return _export(request, filters, CHANGE_LOG_TYPE, change_log_csv(entries, user=request.user))


def _access_page(
    request: HttpRequest,
    filters: selectors.AuditFilters,
    reason: Any,
    reason_params: dict[str, Any],
) -> dict[str, Any]:
    # Reading the access log is itself a read of personal data about staff.
    access_log_record(
        user=request.user,
        action=AccessAction.SEARCH,
        object_type=ACCESS_LOG_TYPE,
        object_repr=_("Access log"),
        reason=reason,
        reason_params=reason_params,
        request=request,
    )
    entries = selectors.access_log_list(user=request.user, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        **_filter_context(request, filters),
        "page": page,
        "rows": describe_access(page.object_list),
        "object_types": object_types(selectors.access_log_object_types(user=request.user)),
        "actions": AccessAction.choices,
    }


@never_cache
@capability_required("access_log.read")
def access_log_view(request: HttpRequest) -> HttpResponse:
    filters = selectors.parse_audit_filters(request.GET)
    context = _access_page(
        request, filters, _("Access log: %(filters)s"), {"filters": filters.describe()}
    )
    return render(request, "core/access_log.html", context)


@never_cache
@capability_required("access_log.read")
def access_log_export_view(request: HttpRequest) -> StreamingHttpResponse:
    filters = selectors.parse_audit_filters(request.GET)
    entries = selectors.access_log_list(user=request.user, filters=filters)
    return _export(request, filters, ACCESS_LOG_TYPE, access_log_csv(entries))


@never_cache
@capability_required("access_log.read")
def person_reads_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """What one person has read over a period."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    parsed = selectors.parse_audit_filters(request.GET)
    filters = selectors.AuditFilters(
        user_id=person.pk,
        object_type=parsed.object_type,
        action=parsed.action,
        since=parsed.since,
        until=parsed.until,
    )
    context = _access_page(
        request,
        filters,
        _("Reads of a person: %(filters)s"),
        {"filters": filters.describe()},
    )
    context["person"] = person_label(person)
    context["person_id"] = person.pk
    return render(request, "core/person_reads.html", context)


@never_cache
@capability_required("access_log.read")
def object_history_view(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """Who has read, and who has changed, one record."""
    parsed = selectors.parse_audit_filters(request.GET)
    filters = selectors.AuditFilters(
        object_type=object_type[:100],
        object_id=object_id[:64],
        since=parsed.since,
        until=parsed.until,
    )
    context = _access_page(
        request,
        filters,
        _("Reads of a record: %(filters)s"),
        {"filters": filters.describe()},
    )
    changes = describe_entries(
        selectors.change_log_list(user=request.user, filters=filters)[:HISTORY_CHANGES],
        user=request.user,
    )
    context.update(
        {
            "type_label": type_label(object_type),
            "object_type": object_type,
            "object_id": object_id,
            "changes": changes,
            "changes_shown": len(changes),
        }
    )
    return render(request, "core/object_history.html", context)
