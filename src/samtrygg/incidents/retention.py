"""Uploaded import files are deleted ``IMPORT_FILE_RETENTION_DAYS`` after their import
finished, and the hidden rows of imports killed while publishing are removed
(housekeeping jobs of the task worker; ``samtrygg housekeeping`` by hand).

The uploaded file and the file of rejected rows hold whatever the source put in them,
personal data included; once the import is done the incidents are in the database and the
files serve no purpose. The import's record (counts, problems, who and when) is kept.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import transaction

from samtrygg.core.housekeeping import register_housekeeping
from samtrygg.core.permissions import system_service
from samtrygg.incidents.models import ImportJob, ImportStatus
from samtrygg.incidents.publication import pending_imports_abandoned_clean


@system_service("housekeeping run by the task worker and `samtrygg housekeeping`; no user acts")
def import_files_purge(*, now: dt.datetime) -> int:
    """Delete the files of imports finished more than the retention period ago; returns
    how many files were deleted."""
    cutoff = now - dt.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)
    deleted = 0
    jobs = ImportJob.objects.filter(
        status__in=(ImportStatus.SUCCEEDED, ImportStatus.FAILED), finished_at__lt=cutoff
    ).exclude(file="", rejects_file="")
    for job in jobs.iterator():
        with transaction.atomic():
            for field in (job.file, job.rejects_file):
                if field.name:
                    # The row is saved before the file goes, on commit: a failure leaves
                    # an orphan file for the next run, never a row pointing at nothing.
                    transaction.on_commit(partial(field.storage.delete, field.name))
                    field.name = ""
                    deleted += 1
            job.save(update_fields=["file", "rejects_file", "updated_at"])
    return deleted


def _housekeeping(now: dt.datetime) -> str:
    return f"{import_files_purge(now=now)} import file(s) deleted"


def _abandoned_imports(now: dt.datetime) -> str:
    return f"{pending_imports_abandoned_clean(now=now)} hidden row(s) of abandoned imports removed"


register_housekeeping("import_files", _housekeeping)
# An import killed while publishing leaves hidden rows (``publication``); the next import
# removes them too, this when none comes.
register_housekeeping("abandoned_imports", _abandoned_imports)
