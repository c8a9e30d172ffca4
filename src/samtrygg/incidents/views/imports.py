"""Bulk imports with progress (coordinator, analysts, police)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404, permissions_for
from samtrygg.incidents import selectors, services
from samtrygg.incidents.forms import (
    ImportForm,
)
from samtrygg.incidents.models import (
    ImportJob,
)
from samtrygg.incidents.validation import FIELDS


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
                actor=request.user,
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
