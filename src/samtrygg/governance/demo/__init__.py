"""Demo councils of a Västerås-like municipality: Trygghetsrådet and Värna Västerås.

Seats as the seed describes them (titles, not names): Trygghetsrådet co-chaired by the
chair of the executive board (demo user ``ledamot``) and the local police area chief
(``polis``), with the presidia of the executive board and of the compulsory-school, the
sport-leisure-prevention and the individual-and-family committees, and the coordinator
(``samordnare``) as secretary. Värna Västerås seats the demo's civil-society
organisations and businesses. About two years of meetings up to today and a couple
beyond, agendas with attachments, attendance, minutes, decisions in every status (some
overdue) followed up from meeting to meeting, and goals per focus area with progress.

Deterministic from ``ctx.seed`` (relative to today's date), idempotent: a second run
finds the councils built and returns after a few queries.
"""

from samtrygg.governance.demo.builder import build
from samtrygg.governance.demo.data import (
    FOLLOW_UP_TEXT,
    LINKS,
    OUTCOMES,
    POSITION_TITLES,
    PRESIDIA,
    PROGRESS_TEXT,
    SPECS,
    TR,
    TR_DECISIONS,
    TR_DECISIONS_FROM_VARNA,
    TR_GOALS,
    TR_TOPICS,
    VARNA,
    VARNA_GOALS,
    VARNA_SEATS,
    VARNA_TOPICS,
    B,
    CouncilSpec,
    P,
)

__all__ = [
    "FOLLOW_UP_TEXT",
    "LINKS",
    "OUTCOMES",
    "POSITION_TITLES",
    "PRESIDIA",
    "PROGRESS_TEXT",
    "SPECS",
    "TR",
    "TR_DECISIONS",
    "TR_DECISIONS_FROM_VARNA",
    "TR_GOALS",
    "TR_TOPICS",
    "VARNA",
    "VARNA_GOALS",
    "VARNA_SEATS",
    "VARNA_TOPICS",
    "B",
    "CouncilSpec",
    "P",
    "build",
]
