"""Build the Västerås demo workspace. Idempotent: a second run changes nothing."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from samtrygg.core.demo_support import DemoContext


class Command(BaseCommand):
    help = "Build (or complete) the demo workspace and print one login per role."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=20260101, help="random seed")
        parser.add_argument(
            "--force",
            action="store_true",
            help="allow running with DEBUG off (never on a production database)",
        )
        parser.add_argument(
            "--quick",
            action="store_true",
            help="smaller synthetic data (for tests)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The demo creates users with known passwords. Run it with DEBUG=1, "
                "or pass --force if this is certainly not a production database."
            )
        ctx = DemoContext(out=self.stdout, seed=options["seed"], quick=options["quick"])
        for app in settings.SAMTRYGG_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            # What the demo freezes (lägesbild versions, meeting packs, labels) is in the
            # municipality's language, whatever language the command runs in.
            with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
                module.build(ctx)
        if ctx.created:
            summary = ", ".join(f"{n} {what}" for what, n in sorted(ctx.created.items()))
            self.stdout.write(f"Demo workspace: created {summary}.")
        else:
            self.stdout.write("Demo workspace is up to date; nothing changed.")
        self.stdout.write("")
        self.stdout.write("Demo logins (development passwords, never use them in production):")
        width = max((len(login.username) for login in ctx.logins), default=10)
        for login in ctx.logins:
            self.stdout.write(
                f"  {login.role:<15} {login.username:<{width}}  {login.password:<28} {login.title}"
            )
