"""The police events feed: sources, periodic pulls and a pull now (coordinator, analysts)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_changeable_or_404
from samtrygg.incidents import selectors, services
from samtrygg.incidents.feedstore import (
    MAX_REQUESTS_PER_HOUR,
    FeedFetchFailed,
    RateLimited,
)
from samtrygg.incidents.forms import (
    FeedSourceForm,
)
from samtrygg.incidents.models import (
    FeedSource,
)


@capability_required("incidents.feed")
def feed_view(request: HttpRequest) -> HttpResponse:
    form = FeedSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.feed_source_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Feed source %(name)s saved.") % {"name": source.location})
            return redirect("incidents:feed")
    sources = list(selectors.feed_source_list(user=request.user))
    return render(
        request,
        "incidents/feed.html",
        {
            "form": form,
            "sources": sources,
            "source_forms": [
                (
                    source,
                    FeedSourceForm(
                        initial={
                            "location": source.location,
                            "organisation": source.organisation,
                            "classification": source.classification,
                            "interval_minutes": source.interval_minutes,
                            "is_active": source.is_active,
                            "url": source.url,
                        },
                        prefix=f"source-{source.pk}",
                    ),
                )
                for source in sources
            ],
            "requests": selectors.feed_request_list(user=request.user),
            "items": selectors.feed_item_list(user=request.user),
            "limit": MAX_REQUESTS_PER_HOUR,
            "feed_url": settings.POLICE_FEED_URL,
        },
    )


@capability_required("incidents.feed")
@require_POST
def feed_source_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_changeable_or_404(request.user, FeedSource.objects.all(), pk=pk)
    form = FeedSourceForm(request.POST, prefix=f"source-{source.pk}")
    if form.is_valid():
        try:
            services.feed_source_save(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Feed source %(name)s saved.") % {"name": source.location})
    else:
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
    return redirect("incidents:feed")


@capability_required("incidents.feed")
@require_POST
def feed_fetch_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_changeable_or_404(
        request.user, FeedSource.objects.select_related("organisation"), pk=pk
    )
    try:
        result = services.feed_fetch(actor=request.user, source=source)
    except (RateLimited, FeedFetchFailed) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, source.last_status or _("Fetched."))
        for warning in result.report.warnings:
            messages.warning(request, warning)
    return redirect("incidents:feed")
