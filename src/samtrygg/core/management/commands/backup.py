"""``samtrygg backup --out FILE``: the database and uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samtrygg.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files to one archive (see docs/operations.md)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, type=Path, help="the archive to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_create(out=options["out"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backed up the {summary.vendor} database and {summary.files} file(s) to "
            f"{summary.path} ({summary.size:,} bytes)."
        )
