"""Pages for the people who run the data: categories and the police type mapping
(coordinator), bulk imports with progress (coordinator, analysts, police), and the police
events feed (coordinator, analysts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_changeable_or_404, get_viewable_or_404, permissions_for
from samtrygg.incidents import selectors, services
from samtrygg.incidents.feedstore import (
    MAX_REQUESTS_PER_HOUR,
    FeedFetchFailed,
    RateLimited,
    police_feed_fetch,
)
from samtrygg.incidents.forms import CategoryForm, FeedSourceForm, ImportForm, PoliceTypeForm
from samtrygg.incidents.models import (
    Category,
    FeedSource,
    ImportJob,
    PoliceTypeAction,
    PoliceTypeMapping,
)
from samtrygg.incidents.validation import FIELDS

# --- categories ------------------------------------------------------------------------------


@capability_required("incidents.categories")
def category_list_view(request: HttpRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None, initial={"colour": "#1f5f8b", "harm_weight": 1.0})
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_create(**form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Category %(name)s created.") % {"name": category.name})
            return redirect("incidents:category_list")
    return render(
        request,
        "incidents/category_list.html",
        {"categories": selectors.category_list(user=request.user), "form": form},
    )


@capability_required("incidents.categories")
def category_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_changeable_or_404(request.user, Category.objects.all(), pk=pk)
    initial = {field: getattr(category, field) for field in (*services.CATEGORY_FIELDS, "code")}
    form = CategoryForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k in services.CATEGORY_FIELDS}
        try:
            services.category_update(category=category, **values)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("incidents:category_list")
    return render(request, "incidents/category_form.html", {"category": category, "form": form})


@capability_required("incidents.categories")
def police_type_list_view(request: HttpRequest) -> HttpResponse:
    mappings = selectors.police_type_list(user=request.user)
    return render(
        request,
        "incidents/police_type_list.html",
        {
            "mappings": mappings,
            "unmapped": [m for m in mappings if m.action == PoliceTypeAction.UNMAPPED],
            "actions": PoliceTypeAction.choices,
            "categories": Category.objects.all(),
        },
    )


@capability_required("incidents.categories")
@require_POST
def police_type_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = get_changeable_or_404(request.user, PoliceTypeMapping.objects.all(), pk=pk)
    form = PoliceTypeForm(request.POST)
    if form.is_valid():
        try:
            result = services.police_type_update(
                mapping=mapping,
                action=form.cleaned_data["action"],
                category=form.cleaned_data["category"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{mapping.police_type}: {message}")
        else:
            messages.success(
                request,
                _(
                    "%(type)s: saved. Stored events re-read: %(created)d new, %(updated)d "
                    "updated and %(removed)d removed incidents."
                )
                % {
                    "type": mapping.police_type,
                    "created": result.created,
                    "updated": result.updated,
                    "removed": result.removed,
                },
            )
            if result.unplaced:
                messages.warning(
                    request,
                    ngettext(
                        "%(n)d stored event has no feed source for its place and stays raw.",
                        "%(n)d stored events have no feed source for their place and stay raw.",
                        result.unplaced,
                    )
                    % {"n": result.unplaced},
                )
    else:
        messages.error(
            request, _("%(type)s: choose a valid action.") % {"type": mapping.police_type}
        )
    return redirect("incidents:police_type_list")


# --- imports -----------------------------------------------------------------------------------


@capability_required("incidents.import")
def import_list_view(request: HttpRequest) -> HttpResponse:
    perms = permissions_for(request.user)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        organisations=selectors.import_organisations(user=request.user),
        police_data=perms.police_data,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.import_job_create(
                created_by=request.user,
                source=data["source"],
                format=data["format"],
                classification=data["classification"],
                upload=data["file"],
                dry_run=data["dry_run"],
                skip_invalid=data["skip_invalid"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("incidents:import_detail", pk=job.pk)
    jobs = Paginator(selectors.import_job_list(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "incidents/import_list.html",
        {"form": form, "page": jobs, "fields": FIELDS},
    )


def _job_context(request: HttpRequest, job: ImportJob) -> dict[str, object]:
    done, total = services.import_job_progress(job=job)
    percent = int(100 * done / total) if total else (100 if job.is_finished else 0)
    return {"job": job, "done": done, "total": total, "percent": percent}


@capability_required("incidents.import")
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_viewable_or_404(request.user, ImportJob.objects.select_related("source"), pk=pk)
    return render(request, "incidents/import_detail.html", _job_context(request, job))


@capability_required("incidents.import")
def import_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the import page polls (htmx) until the import is done."""
    job = get_viewable_or_404(request.user, ImportJob.objects.select_related("source"), pk=pk)
    return render(request, "incidents/_import_progress.html", _job_context(request, job))


@capability_required("incidents.import")
def import_rejects_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_viewable_or_404(request.user, ImportJob.objects.all(), pk=pk)
    if not job.rejects_file:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / str(job.rejects_file.name)
    if not path.is_file():
        raise Http404
    response: Any = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"import-{job.pk}-rejects.csv",
        content_type="text/csv; charset=utf-8",
    )
    return response


# --- the police feed ----------------------------------------------------------------------------


@capability_required("incidents.feed")
def feed_view(request: HttpRequest) -> HttpResponse:
    form = FeedSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.feed_source_save(**form.cleaned_data)
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
            services.feed_source_save(source=source, **form.cleaned_data)
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
    if not permissions_for(request.user).can_change(source):
        raise PermissionDenied
    try:
        result = police_feed_fetch(source=source)
    except (RateLimited, FeedFetchFailed) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, source.last_status or _("Fetched."))
        for warning in result.report.warnings:
            messages.warning(request, warning)
    return redirect("incidents:feed")
