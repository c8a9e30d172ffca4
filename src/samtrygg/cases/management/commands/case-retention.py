"""``samtrygg case-retention [--dry-run] [--date YYYY-MM-DD] [--schedule]``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samtrygg.cases.models import Programme
from samtrygg.cases.services import case_retention_run, retention_plan
from samtrygg.cases.tasks import retention_schedule


class Command(BaseCommand):
    help = (
        "Delete closed cases whose retention period (CASES_RETENTION_YEARS_*) has ended, "
        "keeping an anonymous stub; cases under legal hold are skipped. Prints the report. "
        "The same run happens every day in the background worker."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")
        parser.add_argument("--date", help="run as on this day (YYYY-MM-DD; default today)")
        parser.add_argument(
            "--schedule", action="store_true", help="only (re)queue the daily run and say when"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        if options["schedule"]:
            schedule = retention_schedule(force=True)
            if schedule is None:
                self.stdout.write(_("This task backend cannot queue a run for later."))
            else:
                when = date_format(
                    timezone.localtime(schedule.next_run_at), "DATETIME_FORMAT", use_l10n=True
                )
                self.stdout.write(_("Next retention run: %(when)s.") % {"when": when})
            return
        day = None
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(_("--date: write the day as YYYY-MM-DD.")) from None
        if options["dry_run"]:
            plan = retention_plan(day=day)
            for case in plan.to_delete:
                self.stdout.write(
                    _("%(ref)s (%(programme)s, closed %(closed)s) would be deleted.")
                    % self._describe(case)
                )
            for case in plan.on_hold:
                self.stdout.write(
                    _("%(ref)s is under legal hold and is kept.") % self._describe(case)
                )
            self.stdout.write(
                _("Would delete: %(n)d. Under legal hold: %(held)d.")
                % {"n": len(plan.to_delete), "held": len(plan.on_hold)}
            )
            return
        run = case_retention_run(day=day, trigger="command")
        for item in run.items.all():
            if item.skipped:
                self.stdout.write(_("%(ref)s: under legal hold, kept.") % {"ref": item.reference})
            else:
                self.stdout.write(
                    _(
                        "%(ref)s: deleted (%(persons)d persons, %(notes)d notes, "
                        "%(attachments)d attachments, %(other)d other records)."
                    )
                    % {
                        "ref": item.reference,
                        "persons": item.persons,
                        "notes": item.notes,
                        "attachments": item.attachments,
                        "other": item.other_rows,
                    }
                )
        self.stdout.write(
            _("Cases deleted: %(n)d. Under legal hold: %(held)d.")
            % {"n": run.deleted_cases, "held": run.skipped_cases}
        )

    @staticmethod
    def _describe(case: Any) -> dict[str, str]:
        return {
            "ref": case.reference,
            "programme": str(Programme(case.programme).label),
            "closed": date_format(case.closed_on, "SHORT_DATE_FORMAT"),
        }
