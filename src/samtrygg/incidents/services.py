"""Writes for incidents, categories, imports and the police feed.

Authorisation is the caller's job (views and API check the resolver first); these
functions validate their input and never half-save.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Place
from samtrygg.areas.spatial import to_3006
from samtrygg.core.models import Classification
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.feedstore import ReapplyResult, police_type_reapply
from samtrygg.incidents.importer import ImportRefused, incidents_import
from samtrygg.incidents.models import (
    Category,
    FeedSource,
    ImportJob,
    ImportStatus,
    Incident,
    IncidentArea,
    IncidentStatus,
    PoliceTypeAction,
    PoliceTypeMapping,
    Precision,
    SourceSystem,
)
from samtrygg.incidents.screening import describe_findings, screen_text
from samtrygg.incidents.validation import LAT_RANGE, LON_RANGE

logger = logging.getLogger(__name__)

#: A report may be dated a little ahead (clock differences), not more.
FUTURE_SLACK = dt.timedelta(minutes=10)
DESCRIPTION_MAX = 5_000
MAX_IMPORT_ERRORS_KEPT = 1_000


def _screen(field: str, text: str) -> None:
    findings = screen_text(text)
    if findings:
        raise ValidationError({field: describe_findings(findings)})


@transaction.atomic
def incident_create(
    *,
    created_by: Any,
    source_organisation: Organisation,
    category: Category,
    occurred_from: dt.datetime,
    occurred_to: dt.datetime | None = None,
    lon: float | None = None,
    lat: float | None = None,
    address: str = "",
    place: Place | None = None,
    description: str = "",
    classification: str = Classification.INTERNAL,
    source_system: str = SourceSystem.FORM,
    external_id: str | None = None,
) -> Incident:
    """File one report. Refuses personal data in the free text, with the reason."""
    description = (description or "").strip()
    address = (address or "").strip()
    errors: dict[str, list[str]] = {}
    for field, text in (("description", description), ("address", address)):
        findings = screen_text(text)
        if findings:
            errors.setdefault(field, []).append(describe_findings(findings))
    if len(description) > DESCRIPTION_MAX:
        errors.setdefault("description", []).append(_("At most %d characters.") % DESCRIPTION_MAX)
    if not category.is_active:
        errors.setdefault("category", []).append(_("This category is no longer in use."))
    occurred_to = occurred_to or occurred_from
    now = timezone.now()
    if occurred_from > now + FUTURE_SLACK:
        errors.setdefault("occurred_from", []).append(_("The time cannot be in the future."))
    if occurred_to < occurred_from:
        errors.setdefault("occurred_to", []).append(_("The end is before the start."))
    if occurred_to > now + FUTURE_SLACK:
        errors.setdefault("occurred_to", []).append(_("The time cannot be in the future."))
    if classification not in Classification.values:
        errors.setdefault("classification", []).append(_("Unknown classification."))
    x = y = None
    if (lon is None) != (lat is None):
        errors.setdefault("lon", []).append(_("Give both longitude and latitude."))
    if lon is not None and lat is not None:
        if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
            errors.setdefault("lon", []).append(_("The point is not in Sweden."))
        precision = Precision.EXACT
    elif place is not None:
        lon, lat, precision = place.lon, place.lat, Precision.ADDRESS
    elif address:
        precision = Precision.ADDRESS
    else:
        errors.setdefault("lon", []).append(
            _("Mark the place on the map, choose a named place or write an address.")
        )
        precision = Precision.EXACT
    if errors:
        raise ValidationError(errors)
    if lon is not None and lat is not None:
        xs, ys = to_3006(np.array([lon]), np.array([lat]))
        x, y = float(xs[0]), float(ys[0])
    incident = Incident(
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        reported_at=now,
        category=category,
        lon=lon,
        lat=lat,
        x=x,
        y=y,
        precision=precision,
        address=address,
        place=place,
        source_organisation=source_organisation,
        source_system=source_system,
        external_id=external_id or None,
        description=description,
        classification=classification,
        created_by=created_by if getattr(created_by, "pk", None) else None,
    )
    incident.full_clean(exclude=["areas"], validate_unique=True)
    incident.save()
    incident_assign_areas(incident=incident)
    return incident


def incident_assign_areas(*, incident: Incident) -> list[int]:
    """(Re)compute the areas of one incident."""
    IncidentArea.objects.filter(incident=incident).delete()
    if not incident.is_mappable:
        return []
    index = current_area_index()
    _points, area_ids = index.pairs(np.array([incident.x]), np.array([incident.y]))
    ids = sorted(set(area_ids.tolist()))
    IncidentArea.objects.bulk_create([IncidentArea(incident=incident, area_id=a) for a in ids])
    return ids


@transaction.atomic
def incident_feedback_set(*, incident: Incident, status: str, feedback: str, by: Any) -> Incident:
    """Set the handling status and the feedback the reporter sees."""
    feedback = (feedback or "").strip()
    if status not in IncidentStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _screen("feedback", feedback)
    changed_feedback = feedback != incident.feedback
    incident.status = status
    incident.feedback = feedback
    if changed_feedback:
        incident.feedback_at = timezone.now()
        incident.feedback_by = by
    incident.save(update_fields=["status", "feedback", "feedback_at", "feedback_by", "updated_at"])
    return incident


# --- categories -------------------------------------------------------------------------
CATEGORY_FIELDS = (
    "name_sv",
    "name_en",
    "group",
    "colour",
    "harm_weight",
    "near_repeat",
    "is_active",
    "order",
)


@transaction.atomic
def category_create(*, code: str, **values: Any) -> Category:
    category = Category(code=code.strip().lower())
    for field in CATEGORY_FIELDS:
        if field in values:
            setattr(category, field, values[field])
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def category_update(*, category: Category, **values: Any) -> Category:
    unknown = set(values) - set(CATEGORY_FIELDS)
    if unknown:
        raise ValueError(f"category_update: unknown fields {sorted(unknown)}")
    for field, value in values.items():
        setattr(category, field, value.strip() if isinstance(value, str) else value)
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def police_type_update(
    *, mapping: PoliceTypeMapping, action: str, category: Category | None
) -> ReapplyResult:
    """Decide what one police event type becomes, for the events read from now on and for
    those already stored (see ``feedstore.police_type_reapply``)."""
    if action == PoliceTypeAction.INCIDENT and category is None:
        raise ValidationError({"category": _("Choose the category these events go to.")})
    mapping.action = action
    mapping.category = category if action == PoliceTypeAction.INCIDENT else None
    mapping.full_clean()
    mapping.save()
    return police_type_reapply(mapping=mapping)


# --- imports ------------------------------------------------------------------------------
def _progress_path(job_id: int) -> Path:
    return Path(settings.VAR_DIR) / "imports" / f"job-{job_id}.progress.json"


def import_job_progress(*, job: ImportJob) -> tuple[int, int]:
    """(rows done, rows in all) — from the worker's progress file while it runs."""
    if job.is_finished:
        return job.total_rows, job.total_rows
    try:
        data = json.loads(_progress_path(job.pk).read_text())
        return int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError):
        return 0, job.total_rows


@transaction.atomic
def import_job_create(
    *,
    created_by: Any,
    source: Organisation,
    format: str,
    classification: str,
    upload: UploadedFile,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> ImportJob:
    """Save the upload and queue the import (it runs in the background worker)."""
    if classification == Classification.RESTRICTED and not permissions_for(created_by).police_data:
        raise ValidationError(
            {"classification": _("Only the police and named analysts may import restricted data.")}
        )
    job = ImportJob(
        created_by=created_by,
        source=source,
        format=format,
        classification=classification,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        original_name=Path(upload.name or "upload").name[:255],
    )
    job.file.save(f"import-{timezone.now():%Y%m%d%H%M%S}-{job.original_name}", upload, save=False)
    job.full_clean(exclude=["file"])
    job.save()
    from samtrygg.incidents.tasks import import_job_run_task

    transaction.on_commit(lambda: import_job_run_task.enqueue(job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Run a queued import (the background task)."""
    job = ImportJob.objects.select_related("source", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.PENDING:
        return job
    job.status = ImportStatus.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at", "updated_at"])
    progress_file = _progress_path(job.pk)
    progress_file.parent.mkdir(parents=True, exist_ok=True)

    def progress(done: int, total: int) -> None:
        tmp = progress_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"done": done, "total": total}))
        tmp.replace(progress_file)

    rejects = None
    if job.skip_invalid:
        rejects = Path(settings.MEDIA_ROOT) / "imports" / "rejects" / f"import-{job.pk}-rejects.csv"
    try:
        report = incidents_import(
            path=job.file.path,
            format=job.format,
            source=job.source,
            classification=job.classification,
            dry_run=job.dry_run,
            skip_invalid=job.skip_invalid,
            rejects_path=rejects,
            allow_restricted=permissions_for(job.created_by).police_data,
            import_job_id=job.pk,
            progress=progress,
        )
    except ImportRefused as exc:
        job.status = ImportStatus.FAILED
        job.message = str(exc)
    except Exception:
        logger.exception("import %s failed", job.pk)
        job.status = ImportStatus.FAILED
        job.message = _("The import stopped with an unexpected error; nothing was saved.")
    else:
        job.total_rows = report.total_rows
        job.created_count = report.created
        job.updated_count = report.updated
        job.rejected_count = report.rejected
        job.errors = [
            {"row": e.row, "field": e.field, "message": e.message}
            for e in report.errors[:MAX_IMPORT_ERRORS_KEPT]
        ]
        if rejects is not None and rejects.exists():
            job.rejects_file.name = str(rejects.relative_to(settings.MEDIA_ROOT))
        messages = list(report.warnings)
        if report.refused_for_errors:
            job.status = ImportStatus.FAILED
            messages.insert(
                0,
                _("%(rows)d rows have problems; nothing was saved.") % {"rows": report.rejected},
            )
        else:
            job.status = ImportStatus.SUCCEEDED
            if job.dry_run:
                messages.insert(0, _("Checked only (dry run): nothing was saved."))
        if report.skipped:
            messages.append(
                _("%d police events kept as raw data only (summaries, other types or places).")
                % report.skipped
            )
        job.message = "\n".join(messages)
    job.finished_at = timezone.now()
    job.save()
    progress_file.unlink(missing_ok=True)
    return job


# --- the police feed ----------------------------------------------------------------------
@transaction.atomic
def feed_source_save(
    *,
    source: FeedSource | None = None,
    location: str,
    organisation: Organisation,
    classification: str = Classification.OPEN,
    interval_minutes: int = 60,
    is_active: bool = False,
    url: str = "",
) -> FeedSource:
    """Create or change a feed source; (re)starts or stops its periodic pull."""
    source = source or FeedSource()
    source.location = location.strip()
    source.organisation = organisation
    source.classification = classification
    source.interval_minutes = interval_minutes
    source.is_active = is_active
    source.url = url.strip()
    source.full_clean()
    source.save()
    transaction.on_commit(lambda: feed_schedule(source=source, delay=dt.timedelta(0)))
    return source


def feed_schedule(*, source: FeedSource, delay: dt.timedelta | None = None) -> FeedSource:
    """Queue the next pull of ``source`` (or stop pulling when it is inactive).

    django-tasks has no scheduler: each pull queues the next one with ``run_after``. The
    source remembers the id of the one queued pull that may continue, so re-scheduling
    (saving the source) replaces the chain instead of starting a second one.
    """
    from samtrygg.incidents.tasks import police_feed_poll_task

    with transaction.atomic():
        # The queued pull and the id it is checked against commit together: the worker
        # never sees the pull before the source names it.
        return _feed_schedule(source, delay, police_feed_poll_task)


def _feed_schedule(source: FeedSource, delay: dt.timedelta | None, task: Any) -> FeedSource:
    source.refresh_from_db()
    if not source.is_active or not task.get_backend().supports_defer:
        source.scheduled_task_id = ""
        source.next_run_at = None
    else:
        run_after = timezone.now() + (
            delay if delay is not None else dt.timedelta(minutes=source.interval_minutes)
        )
        result = task.using(run_after=run_after).enqueue(source.pk)
        source.scheduled_task_id = str(result.id)
        source.next_run_at = run_after
    FeedSource.objects.filter(pk=source.pk).update(
        scheduled_task_id=source.scheduled_task_id, next_run_at=source.next_run_at
    )
    return source
