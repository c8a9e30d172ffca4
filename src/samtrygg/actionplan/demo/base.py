"""The demo builder's shared state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from samtrygg.accounts.models import Organisation
from samtrygg.actionplan.demo.data import COUNCIL
from samtrygg.core.demo_support import DemoContext
from samtrygg.governance.models import Council, Goal


class BuilderBase:
    """What every part of the demo builder shares: the context, organisations, users, today."""

    def __init__(
        self, ctx: DemoContext, orgs: dict[str, Organisation], users: dict[str, Any], today: dt.date
    ) -> None:
        self.ctx = ctx
        self.orgs = orgs
        self.users = users
        self.today = today
        self.year = today.year
        self.council = Council.objects.filter(slug=COUNCIL).first()

    def _goal(self, focus: str) -> Goal | None:
        return (
            Goal.objects.filter(council__slug=COUNCIL, focus_area__code=focus)
            .order_by("pk")
            .first()
        )
