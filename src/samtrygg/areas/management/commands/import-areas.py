"""``samtrygg import-areas FILE --kind district --name-field NAME --code-field CODE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.areas import services
from samtrygg.areas.geo import SUPPORTED_CRS
from samtrygg.areas.models import AreaKind


class Command(BaseCommand):
    help = (
        "Import areas from a GeoJSON FeatureCollection (EPSG:4326 or EPSG:3006). All or "
        "nothing; a re-import updates areas by code."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="GeoJSON file")
        parser.add_argument("--kind", required=True, choices=AreaKind.values)
        parser.add_argument("--name-field", required=True, help="property holding the name")
        parser.add_argument("--code-field", required=True, help="property holding the code")
        parser.add_argument("--population-field", help="property holding the population")
        parser.add_argument("--population-year", type=int, help="year of the population figures")
        parser.add_argument(
            "--crs",
            choices=SUPPORTED_CRS,
            help="coordinate system (default: from the file's crs member or its coordinates)",
        )
        parser.add_argument(
            "--no-update",
            action="store_true",
            help="refuse features whose code already exists instead of updating them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        try:
            result = services.area_import_geojson_by_operator(
                data=data,
                kind=options["kind"],
                name_field=options["name_field"],
                code_field=options["code_field"],
                population_field=options["population_field"],
                population_year=options["population_year"],
                crs=options["crs"],
                update_existing=not options["no_update"],
            )
        except services.AreaImportRefused as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                ngettext(
                    "%(path)s: nothing imported (%(count)d problem above).",
                    "%(path)s: nothing imported (%(count)d problems above).",
                    len(exc.problems),
                )
                % {"path": path, "count": len(exc.problems)}
            ) from exc
        for repair in result.repairs:
            self.stdout.write(_("Repaired: %(repair)s") % {"repair": repair})
        self.stdout.write(
            _(
                "%(path)s: %(crs)s (%(source)s); created %(created)d, updated %(updated)d, "
                "unchanged %(unchanged)d areas, %(repaired)d repaired."
            )
            % {
                "path": path,
                "crs": result.crs,
                "source": result.crs_source,
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
                "repaired": len(result.repairs),
            }
        )
