from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samtrygg.core.glossary import TERMS
from samtrygg.core.health import OK, health_report
from samtrygg.core.nav import home_cards_for
from samtrygg.core.permissions import permissions_for


def home_view(request: HttpRequest) -> HttpResponse:
    perms = permissions_for(request.user)
    return render(
        request,
        "core/home.html",
        {"cards": home_cards_for(request) if perms.roles else [], "roles": sorted(perms.roles)},
    )


@require_GET
def glossary_view(request: HttpRequest) -> HttpResponse:
    """The words beside the figures: open to everyone, like the public picture they explain."""
    return render(request, "core/glossary.html", {"terms": TERMS})


@never_cache
@require_GET
def healthz_view(request: HttpRequest) -> JsonResponse:
    """Database, task worker, queue and police feed as JSON; 503 when one is unhealthy."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == OK else 503)


@require_GET
def accessibility_view(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tillgänglighetsredogörelse) with the contents DIGG
    requires, public and linked from every page's footer."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact_email": settings.SAMTRYGG_ACCESSIBILITY_EMAIL,
            "contact_phone": settings.SAMTRYGG_ACCESSIBILITY_PHONE,
            "reviewed": datetime.date.fromisoformat(settings.SAMTRYGG_ACCESSIBILITY_REVIEWED),
        },
    )
