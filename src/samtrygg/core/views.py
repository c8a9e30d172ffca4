from __future__ import annotations

from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samtrygg.core import selectors
from samtrygg.core.audit import access_log_record
from samtrygg.core.decorators import capability_required
from samtrygg.core.models import AccessAction
from samtrygg.core.nav import home_cards_for
from samtrygg.core.permissions import permissions_for


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def home_view(request: HttpRequest) -> HttpResponse:
    perms = permissions_for(request.user)
    return render(
        request,
        "core/home.html",
        {"cards": home_cards_for(request) if perms.roles else [], "roles": sorted(perms.roles)},
    )


@never_cache
@require_GET
def healthz_view(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@capability_required("audit.read")
def change_log_view(request: HttpRequest) -> HttpResponse:
    filters: dict[str, Any] = {
        "model": request.GET.get("model", ""),
        "actor": request.GET.get("actor", "").strip(),
        "since": _date(request.GET.get("since")),
        "until": _date(request.GET.get("until")),
    }
    entries = selectors.change_log_list(user=request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/change_log.html",
        {
            "page": page,
            "filters": filters,
            "models": selectors.change_log_models(user=request.user),
        },
    )


@capability_required("access_log.read")
def access_log_view(request: HttpRequest) -> HttpResponse:
    filters: dict[str, Any] = {
        "username": request.GET.get("username", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "since": _date(request.GET.get("since")),
        "until": _date(request.GET.get("until")),
    }
    # Reading the access log is itself a read of personal data about staff.
    access_log_record(
        user=request.user,
        action=AccessAction.SEARCH,
        object_type="core.accesslogentry",
        reason="audit",
        request=request,
    )
    entries = selectors.access_log_list(user=request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/access_log.html", {"page": page, "filters": filters})
