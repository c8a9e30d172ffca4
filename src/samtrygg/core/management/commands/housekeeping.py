"""``samtrygg housekeeping``: run the housekeeping jobs now (the worker runs them hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samtrygg.core.housekeeping import housekeeping_run


class Command(BaseCommand):
    help = "Run the housekeeping jobs (such as deleting old uploaded import files) now."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, outcome in housekeeping_run().items():
            self.stdout.write(f"{name}: {outcome}")
