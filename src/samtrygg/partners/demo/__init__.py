"""The partners demo: 25 partners with contact persons (consent recorded, one erased on
request), two partner logins, and Värna as a dialogue forum over two years: a dialogue
meeting for each of its calendar meetings with themes and participants, contributions
from partners and citizen dialogues, and recommendations to Trygghetsrådet with the
council's responses (Värna's former "decisions" among them; two became the council's
decisions). Deterministic from ``ctx.seed``, relative to today; idempotent."""

from samtrygg.partners.demo.builder import build

__all__ = ["build"]
