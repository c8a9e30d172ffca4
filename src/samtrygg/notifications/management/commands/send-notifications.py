"""Run the daily notification job now (reminders, digests, clean-up) and send the outbox.

For cron-style scheduling; the task worker runs the same job every day on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samtrygg.notifications.services import daily_run, outbox_flush


class Command(BaseCommand):
    help = "Run today's reminders and digests (idempotent) and send queued e-mail."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")
        parser.add_argument("--outbox-only", action="store_true", help="only send what is queued")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["outbox_only"]:
            day = None
            if options["date"]:
                try:
                    day = dt.date.fromisoformat(options["date"])
                except ValueError:
                    raise CommandError(
                        f"--date: expected YYYY-MM-DD, got {options['date']!r}"
                    ) from None
            run = daily_run(today=day)
            summary = ", ".join(f"{k} {v}" for k, v in sorted(run.summary.items())) or "nothing"
            self.stdout.write(f"Daily run {run.day.isoformat()}: {summary}.")
        counts = outbox_flush()
        sent = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing due"
        self.stdout.write(f"Outbox: {sent}.")
