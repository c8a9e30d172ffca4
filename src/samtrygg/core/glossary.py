"""The words beside the statistics: one sentence each, shown on hover where the term is used
(``{% term %}``) and together on the glossary page, so a council member can read what
"signifikant" or "PAI" means here without a statistics course."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    key: str
    name: Promise | str
    #: One sentence: what the number says, in plain words.
    meaning: Promise


TERMS: tuple[Term, ...] = (
    Term(
        "gi",
        "Gi*",
        _(
            "Getis–Ord Gi*: a cell is marked as a hot spot when it and its neighbours together "
            "have clearly more incidents than the municipality's average, more than chance "
            "would give."
        ),
    ),
    Term(
        "knox",
        _("Knox test"),
        _(
            "The Knox test checks whether incidents close to each other in space are also close "
            "in time more often than chance would give: a sign that one incident is followed by "
            "others nearby (near repeats)."
        ),
    ),
    Term(
        "pai",
        "PAI",
        _(
            "PAI (prediction accuracy index): the share of the incidents that the hot spots "
            "caught, divided by the share of the area they cover; above 1 means better than "
            "chance."
        ),
    ),
    Term(
        "pei",
        "PEI",
        _(
            "PEI (prediction efficiency index): the incidents the hot spots caught compared "
            "with the most that as many cells could have caught; 1 is the best possible."
        ),
    ),
    Term(
        "wdq",
        "WDQ",
        _(
            "WDQ (weighted displacement quotient) compares the change around an intervention's "
            "area with the change in the area itself: above 0 the benefits spread to the "
            "surroundings, below 0 crime moved next door."
        ),
    ),
    Term(
        "wdd",
        "WDD",
        _(
            "WDD (weighted displacement difference): the change in incidents in the area and "
            "its surroundings together, allowing for the change in a control area; below 0 "
            "means fewer incidents in all."
        ),
    ),
    Term(
        "rate_ratio",
        _("rate ratio"),
        _(
            "The rate ratio is incidents per day in one period divided by incidents per day in "
            "the period it is compared with: 1 means no change, 0.8 a fall of 20 %."
        ),
    ),
    Term(
        "ci",
        _("confidence interval"),
        _(
            "The 95 % confidence interval is the range the true value lies within with 95 % "
            "certainty, given the counts: the wider it is, the less the figure says."
        ),
    ),
    Term(
        "p_value",
        _("p-value"),
        _(
            "The p-value is how likely a change at least this large would be by chance alone "
            "if nothing had really changed; below 0.05 the change is called significant."
        ),
    ),
    Term(
        "significant",
        _("significant"),
        _(
            "Significant means larger than chance would plausibly give (p below 0.05); it does "
            "not say why, nor that the change is large or important."
        ),
    ),
    Term(
        "control_chart",
        _("control chart"),
        _(
            "The control chart sets each week's count against the same weeks of earlier years "
            "and flags a week when the smoothed count rises above what chance would give; a "
            "week that is not over is never flagged."
        ),
    ),
)

BY_KEY = {t.key: t for t in TERMS}
