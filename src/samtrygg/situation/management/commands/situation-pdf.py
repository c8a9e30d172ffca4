"""``samtrygg situation-pdf VERSION_ID --out FILE``: the PDF of a published version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samtrygg.documents.rendering import RenderError
from samtrygg.situation.models import SituationVersion
from samtrygg.situation.pdf import version_pdf


class Command(BaseCommand):
    help = "Write the PDF of a published lägesbild version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("version_id", type=int, help="the id of the published version")
        parser.add_argument("--out", required=True, help="the PDF file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            version = SituationVersion.objects.get(pk=options["version_id"])
        except SituationVersion.DoesNotExist:
            raise CommandError(f"no published version with id {options['version_id']}") from None
        out = Path(options["out"])
        if not out.parent.exists():
            raise CommandError(f"--out: the folder {out.parent} does not exist")
        try:
            pdf = version_pdf(version)
        except RenderError as exc:
            raise CommandError(f"the PDF could not be rendered: {exc}") from exc
        out.write_bytes(pdf)
        self.stdout.write(f"{out} ({len(pdf):,} bytes): {version.label}")
