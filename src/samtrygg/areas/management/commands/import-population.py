"""``samtrygg import-population FILE`` (CSV: ``area_code,year,population`` with a header)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.areas import services


class Command(BaseCommand):
    help = (
        "Import population figures per area and year from a CSV file with the header "
        "area_code,year,population. All or nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="CSV file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        try:
            result = services.population_import_csv_by_operator(data=data)
        except services.PopulationImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(services.describe_row_error(error))
            raise CommandError(
                ngettext(
                    "%(path)s: nothing imported (%(count)d bad row above).",
                    "%(path)s: nothing imported (%(count)d bad rows above).",
                    len(exc.errors),
                )
                % {"path": path, "count": len(exc.errors)}
            ) from exc
        self.stdout.write(
            _(
                "%(path)s: %(rows)d rows for %(areas)d areas; %(created)d new, "
                "%(updated)d corrected, %(unchanged)d unchanged."
            )
            % {
                "path": path,
                "rows": result.rows,
                "areas": len(result.area_codes),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
