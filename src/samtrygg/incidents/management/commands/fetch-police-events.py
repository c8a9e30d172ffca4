"""``samtrygg fetch-police-events --location Västerås [--url …] [--schedule]``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.incidents import services
from samtrygg.incidents.feedstore import FeedFetchFailed, RateLimited, police_feed_fetch
from samtrygg.incidents.models import FeedSource


class Command(BaseCommand):
    help = (
        "Pull the police's open events feed for one municipality now: store every event as "
        "received and create or update incidents (municipality precision). At most 60 "
        "requests an hour. With --schedule, also (re)start the periodic pull of every "
        "active feed source in the background worker."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--location",
            default=None,
            help="municipality as the police write it (default: SAMTRYGG_MUNICIPALITY)",
        )
        parser.add_argument("--url", help="feed address (default: POLICE_FEED_URL)")
        parser.add_argument(
            "--source",
            help="code of the police organisation the incidents belong to (needed when the "
            "location has no feed source yet and there is not exactly one police organisation)",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="only (re)start the periodic pull of the active feed sources",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            sources = FeedSource.objects.filter(is_active=True)
            for source in sources:
                services.feed_schedule(source=source)
                self.stdout.write(
                    _("%(location)s: next pull at %(when)s.")
                    % {"location": source.location, "when": source.next_run_at or "–"}
                )
            if not sources:
                self.stdout.write(_("No active feed sources."))
            return
        location = options["location"] or settings.SAMTRYGG_MUNICIPALITY
        found = FeedSource.objects.select_related("organisation").filter(location=location).first()
        source = found if found is not None else self._create_source(location, options["source"])
        try:
            result = police_feed_fetch(source=source, base_url=options["url"])
        except (RateLimited, FeedFetchFailed) as exc:
            raise CommandError(str(exc)) from exc
        for problem in result.report.errors:
            self.stderr.write(str(problem))
        for warning in result.report.warnings:
            self.stderr.write(warning)
        self.stdout.write(f"{location}: {source.last_status}")

    def _create_source(self, location: str, code: str | None) -> FeedSource:
        if code:
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                raise CommandError(_("No organisation with the code “%s”.") % code)
        else:
            police = list(Organisation.objects.filter(kind=OrganisationKind.POLICE, is_active=True))
            if len(police) != 1:
                raise CommandError(
                    _("Name the police organisation with --source (found %d).") % len(police)
                )
            organisation = police[0]
        with transaction.atomic():
            return FeedSource.objects.create(location=location, organisation=organisation)
