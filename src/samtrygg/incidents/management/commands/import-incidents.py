"""``samtrygg import-incidents FILE --format csv|geojson|police-events --source ORG_CODE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samtrygg.accounts.selectors import organisation_get_by_code
from samtrygg.core.models import Classification
from samtrygg.incidents.importer import ImportRefused, incidents_import
from samtrygg.incidents.models import ImportFormat
from samtrygg.incidents.validation import FIELDS

MAX_PRINTED_PROBLEMS = 1000


class Command(BaseCommand):
    help = (
        "Import incidents from a CSV file, a GeoJSON FeatureCollection of points, or the "
        "police's events feed (JSON or JSON Lines). CSV columns: "
        + ", ".join(FIELDS)
        + " (occurred_from and category required; lon/lat or x/y or address or area). "
        "All or nothing unless --skip-invalid; one transaction, so an interrupted import "
        "leaves nothing behind; re-importing updates rows by external_id. Exits non-zero "
        "when nothing was saved because of bad rows."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--format", required=True, choices=ImportFormat.values)
        parser.add_argument(
            "--source", required=True, help="code of the source organisation, e.g. mimer"
        )
        parser.add_argument(
            "--classification",
            choices=Classification.values,
            default=Classification.INTERNAL,
            help="for rows without a classification column (default: internal)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")
        parser.add_argument(
            "--skip-invalid",
            metavar="REJECTS.csv",
            help="save the valid rows; write the bad ones with a reason column to this file",
        )
        parser.add_argument(
            "--location",
            help="police events: only this municipality ('*' for all; default: "
            "SAMTRYGG_MUNICIPALITY)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        source = organisation_get_by_code(code=options["source"])
        if source is None:
            raise CommandError(_("No organisation with the code “%s”.") % options["source"])
        rejects = options["skip_invalid"]
        try:
            report = incidents_import(
                path=path,
                format=options["format"],
                source=source,
                classification=options["classification"],
                dry_run=options["dry_run"],
                skip_invalid=bool(rejects),
                rejects_path=rejects,
                location=options["location"],
            )
        except ImportRefused as exc:
            raise CommandError(f"{path}: {exc}") from exc
        for problem in report.errors[:MAX_PRINTED_PROBLEMS]:
            self.stderr.write(f"{path}: {problem}")
        if report.error_count > MAX_PRINTED_PROBLEMS:
            self.stderr.write(
                _("… and %(n)d more problems.") % {"n": report.error_count - MAX_PRINTED_PROBLEMS}
            )
        for warning in report.warnings:
            self.stderr.write(f"{path}: {warning}")
        summary = _(
            "%(path)s: %(rows)d rows read; %(created)d created, %(updated)d updated, "
            "%(rejected)d rejected, %(skipped)d kept as raw police events only (%(seconds).1f s)."
        ) % {
            "path": path,
            "rows": report.total_rows,
            "created": report.created,
            "updated": report.updated,
            "rejected": report.rejected,
            "skipped": report.skipped,
            "seconds": report.seconds,
        }
        if report.refused_for_errors:
            if rejects and report.rejected:
                detail = _("every row was rejected; see %s") % rejects
            else:
                detail = _("%d rows have problems") % report.rejected
            raise CommandError(
                _("%(summary)s Nothing was saved: %(detail)s.")
                % {"summary": summary, "detail": detail}
            )
        if options["dry_run"]:
            self.stdout.write(summary + " " + _("Dry run: nothing was saved."))
            return
        self.stdout.write(summary)
