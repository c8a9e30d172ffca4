"""Writes for incidents, categories, imports and the police feed.

Every service checks that its ``actor`` may do it (the resolver) and validates with the
one rule set in ``checks`` (the imports apply the same rules in bulk); views, forms and
the API only parse into the input and call. Nothing is ever half-saved.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Place
from samtrygg.areas.spatial import to_3006
from samtrygg.core.dblocks import is_lock_error
from samtrygg.core.models import Classification
from samtrygg.core.permissions import (
    Actor,
    require_capability,
    require_change,
    system_service,
)
from samtrygg.incidents import checks, notifications, selectors
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.feedstore import (
    FetchResult,
    ReapplyResult,
    police_feed_fetch,
    police_type_reapply,
)
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
from samtrygg.incidents.tasks import import_job_run_task, police_feed_poll_task

logger = logging.getLogger(__name__)

MAX_IMPORT_ERRORS_KEPT = 1_000


def _screen(field: str, text: str) -> None:
    findings = screen_text(text, today=timezone.localdate())
    if findings:
        raise ValidationError({field: describe_findings(findings)})


@dataclass(frozen=True)
class IncidentInput:
    """One report, as the report form and the API parse it."""

    source_organisation: Organisation
    category: Category
    occurred_from: dt.datetime
    occurred_to: dt.datetime | None = None
    lon: float | None = None
    lat: float | None = None
    address: str = ""
    place: Place | None = None
    description: str = ""
    classification: str = Classification.INTERNAL
    external_id: str | None = None


def _incident_errors(
    actor: Actor, data: IncidentInput, source_system: str, now: dt.datetime
) -> dict[str, list[str]]:
    """Every problem of one report, by field (the rules of ``checks``)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: Any) -> None:
        errors.setdefault(field, []).append(str(message))

    description, address = data.description.strip(), data.address.strip()
    today = timezone.localdate(now)
    for field, text in (("description", description), ("address", address)):
        findings = screen_text(text, today=today)
        if findings:
            add(field, describe_findings(findings))
    if checks.too_long([description], checks.DESCRIPTION_MAX):
        add("description", _("At most %d characters.") % checks.DESCRIPTION_MAX)
    if checks.too_long([address], checks.ADDRESS_MAX):
        add("address", _("At most %d characters.") % checks.ADDRESS_MAX)
    if not data.category.is_active:
        add("category", checks.INACTIVE_CATEGORY)
    occurred_to = data.occurred_to or data.occurred_from
    if checks.in_the_future(checks.as_utc64(data.occurred_from), now).any():
        add("occurred_from", checks.IN_THE_FUTURE)
    if occurred_to < data.occurred_from:
        add("occurred_to", _("The end is before the start."))
    if checks.in_the_future(checks.as_utc64(occurred_to), now).any():
        add("occurred_to", checks.IN_THE_FUTURE)
    if data.classification not in Classification.values:
        add("classification", _("Unknown classification."))
    elif checks.classification_refused(
        data.classification, restricted_allowed=checks.may_file_restricted(actor)
    ):
        add("classification", checks.RESTRICTED_REFUSED)
    if not selectors.report_organisations(user=actor).filter(pk=data.source_organisation.pk):
        add("source_organisation", _("You may not report for this organisation."))
    if (data.lon is None) != (data.lat is None):
        add("lon", _("Give both longitude and latitude."))
    elif data.lon is not None and data.lat is not None:
        if not checks.lonlat_in_sweden(np.array([data.lon]), np.array([data.lat])).all():
            add("lon", _("The point is not in Sweden."))
    elif data.place is None and not address:
        add("lon", _("Mark the place on the map, choose a named place or write an address."))
    if (
        data.external_id
        and Incident.objects.filter(
            source_organisation=data.source_organisation,
            source_system=source_system,
            external_id=data.external_id,
        ).exists()
    ):
        add("external_id", _("Already reported."))
    return errors


@transaction.atomic
def incident_create(
    *, actor: Actor, data: IncidentInput, source_system: str = SourceSystem.FORM
) -> Incident:
    """File one report. Refuses personal data in the free text, with the reason."""
    require_capability(actor, "incidents.report")
    now = timezone.now()
    errors = _incident_errors(actor, data, source_system, now)
    if errors:
        raise ValidationError(errors)
    lon, lat, place = data.lon, data.lat, data.place
    if lon is not None and lat is not None:
        precision = Precision.EXACT
    elif place is not None:
        lon, lat, precision = place.lon, place.lat, Precision.ADDRESS
    else:
        precision = Precision.ADDRESS
    x = y = None
    if lon is not None and lat is not None:
        xs, ys = to_3006(np.array([lon]), np.array([lat]))
        x, y = float(xs[0]), float(ys[0])
    incident = Incident(
        occurred_from=data.occurred_from,
        occurred_to=data.occurred_to or data.occurred_from,
        reported_at=now,
        category=data.category,
        lon=lon,
        lat=lat,
        x=x,
        y=y,
        precision=precision,
        address=data.address.strip(),
        place=place,
        source_organisation=data.source_organisation,
        source_system=source_system,
        external_id=data.external_id or None,
        description=data.description.strip(),
        classification=data.classification,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    incident.full_clean(exclude=["areas"], validate_unique=True)
    incident.save()
    incident_assign_areas(incident=incident)
    return incident


@system_service("derived data: the areas an incident lies in, after it or the areas change")
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
def incident_feedback_set(
    *, actor: Actor, incident: Incident, status: str, feedback: str
) -> Incident:
    """Set the handling status and the feedback the reporter sees."""
    require_change(actor, incident)
    feedback = (feedback or "").strip()
    if status not in IncidentStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _screen("feedback", feedback)
    changed_feedback = feedback != incident.feedback
    incident.status = status
    incident.feedback = feedback
    if changed_feedback:
        incident.feedback_at = timezone.now()
        incident.feedback_by = actor
    incident.save(update_fields=["status", "feedback", "feedback_at", "feedback_by", "updated_at"])
    if changed_feedback:
        notifications.incident_feedback_given(incident)
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
def category_create(*, actor: Actor, code: str, **values: Any) -> Category:
    require_capability(actor, "incidents.categories")
    category = Category(code=code.strip().lower())
    for field in CATEGORY_FIELDS:
        if field in values:
            setattr(category, field, values[field])
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def category_update(*, actor: Actor, category: Category, **values: Any) -> Category:
    require_capability(actor, "incidents.categories")
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
    *, actor: Actor, mapping: PoliceTypeMapping, action: str, category: Category | None
) -> ReapplyResult:
    """Decide what one police event type becomes, for the events read from now on and for
    those already stored (see ``feedstore.police_type_reapply``)."""
    require_capability(actor, "incidents.categories")
    if action == PoliceTypeAction.INCIDENT and category is None:
        raise ValidationError({"category": _("Choose the category these events go to.")})
    mapping.action = action
    mapping.category = category if action == PoliceTypeAction.INCIDENT else None
    mapping.full_clean()
    mapping.save()
    return police_type_reapply(mapping=mapping)


# --- imports ------------------------------------------------------------------------------
def import_job_progress(*, job: ImportJob) -> tuple[int, int]:
    """(rows done, rows in all), as the worker last stored them in the job."""
    if job.is_finished:
        return job.total_rows, job.total_rows
    return job.done_rows, max(job.total_rows, job.done_rows)


class _ProgressRecorder:
    """Stores an import's progress in its job, where any host's web server reads it.

    On SQLite the import stages its rows outside a transaction, so the job is updated
    through the import's own connection. On PostgreSQL the import is one transaction,
    which would hide the updates until its end: they go through a second connection."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.own: Any = None
        if connection.vendor == "postgresql":
            self.own = connections.create_connection(DEFAULT_DB_ALIAS)
            self.own.set_autocommit(True)

    def __call__(self, done: int, total: int) -> None:
        if self.own is None:
            ImportJob.objects.filter(pk=self.job_id).update(done_rows=done, total_rows=total)
            return
        with self.own.cursor() as cursor:
            cursor.execute(
                f"UPDATE {self.own.ops.quote_name(ImportJob._meta.db_table)} "  # noqa: S608
                "SET done_rows = %s, total_rows = %s WHERE id = %s",
                [done, total, self.job_id],
            )

    def close(self) -> None:
        if self.own is not None:
            self.own.close()


@transaction.atomic
def import_job_create(
    *,
    actor: Actor,
    source: Organisation,
    format: str,
    classification: str,
    upload: UploadedFile,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> ImportJob:
    """Save the upload and queue the import (it runs in the background worker, with the
    rights of ``actor``: rows for restricted data only if the actor may file them)."""
    require_capability(actor, "incidents.import")
    if not selectors.import_organisations(user=actor).filter(pk=source.pk):
        raise ValidationError({"source": _("You may not import for this organisation.")})
    if checks.classification_refused(
        classification, restricted_allowed=checks.may_file_restricted(actor)
    ):
        raise ValidationError({"classification": str(checks.RESTRICTED_REFUSED)})
    job = ImportJob(
        created_by=actor,
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
    transaction.on_commit(lambda: import_job_run_task.enqueue(job.pk))
    return job


@system_service("the background worker runs a queued import, with its creator's rights")
def import_job_run(*, job_id: int) -> ImportJob | None:
    """Run a queued import (the background task).

    A job still "running" was interrupted (the worker killed, or the database locked): the
    import is one transaction, so nothing of it was saved and it runs again from the start.
    A database lock is raised to the worker, which queues the task again."""
    job = ImportJob.objects.select_related("source", "created_by").filter(pk=job_id).first()
    if job is None or job.status not in (ImportStatus.PENDING, ImportStatus.RUNNING):
        return job
    job.status = ImportStatus.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at", "updated_at"])
    progress = _ProgressRecorder(job.pk)
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
            allow_restricted=checks.may_file_restricted(job.created_by),
            import_job_id=job.pk,
            progress=progress,
        )
    except ImportRefused as exc:
        job.status = ImportStatus.FAILED
        job.message = str(exc)
    except Exception as exc:
        if is_lock_error(exc):
            raise  # nothing saved; the worker runs it again when the lock is gone
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
    finally:
        progress.close()
    job.done_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save()
    return job


# --- the police feed ----------------------------------------------------------------------
@transaction.atomic
def feed_source_save(
    *,
    actor: Actor,
    source: FeedSource | None = None,
    location: str,
    organisation: Organisation,
    classification: str = Classification.OPEN,
    interval_minutes: int = 60,
    is_active: bool = False,
    url: str = "",
) -> FeedSource:
    """Create or change a feed source; (re)starts or stops its periodic pull."""
    if source is None:
        require_capability(actor, "incidents.feed")
    else:
        require_change(actor, source)
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


def feed_fetch(*, actor: Actor, source: FeedSource) -> FetchResult:
    """Pull one feed source now (the feed page's button)."""
    require_change(actor, source)
    return police_feed_fetch(source=source)


@system_service("the feed's periodic pull: each pull queues the next")
def feed_schedule(*, source: FeedSource, delay: dt.timedelta | None = None) -> FeedSource:
    """Queue the next pull of ``source`` (or stop pulling when it is inactive).

    django-tasks has no scheduler: each pull queues the next one with ``run_after``. The
    source remembers the id of the one queued pull that may continue, so re-scheduling
    (saving the source) replaces the chain instead of starting a second one.
    """
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
