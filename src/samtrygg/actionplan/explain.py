"""Reading a stored evaluation result in plain language: what the numbers mean and what
they cannot show.

Nothing is computed anew: the numbers are the analysis library's, stored with the run.
The thresholds for the cautions are stated here and on the page:

* fewer than ``SMALL_COUNT`` (5) events in an area and window — the library's threshold —
  or fewer than ``TREATED_TOTAL_MIN`` (20) in the treated area in both windows together:
  too few to conclude anything (the verdict is then "inconclusive", whatever the tests);
* a before window more than ``PEAK_RATIO`` (1.25 times) above the window before it, with
  an exact test under 5 %: the area may have been chosen at a peak, and part of any fall
  may be regression to the mean;
* windows whose lengths differ by more than ``WINDOW_TOLERANCE`` (10 %): the difference in
  differences and the WDQ compare counts, not rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samtrygg.actionplan.models import EvaluationRun
from samtrygg.analysis.evaluation import SMALL_COUNT
from samtrygg.core import numbers

TREATED_TOTAL_MIN = 20
PEAK_RATIO = 1.25
SIGNIFICANCE = 0.05
WINDOW_TOLERANCE = 0.10


@dataclass(frozen=True)
class Caution:
    code: str
    title: str
    text: str


@dataclass
class Reading:
    verdict: str  # "decrease", "increase", "inconclusive"
    headline: str
    meaning: list[str] = field(default_factory=list)
    displacement: list[str] = field(default_factory=list)
    cautions: list[Caution] = field(default_factory=list)

    def has(self, code: str) -> bool:
        return any(c.code == code for c in self.cautions)


def num(value: Any, digits: int = 0) -> str:
    return numbers.number(value, digits)


def pct(value: float | None) -> str:
    """+12 % / −3 % / ±0 %: never "−0 %"."""
    return numbers.signed_percent(value, 0)


def _change_pct(
    counts: dict[str, Any] | None, before_days: float, after_days: float
) -> float | None:
    if not counts or not counts.get("before"):
        return None
    rate_before = counts["before"] / before_days
    rate_after = counts["after"] / after_days
    return 100.0 * (rate_after - rate_before) / rate_before


def _p(value: float | None) -> str:
    """``p = 0,012`` or ``p < 0,001`` (a dash when there is no test)."""
    if value is None:
        return "p = –"
    return "p < " + num(0.001, 3) if value < 0.001 else "p = " + num(value, 3)


def read(run: EvaluationRun) -> Reading:
    result = run.result
    params = run.parameters
    before_days = float(result.get("before_days") or params.get("before_days") or 1)
    after_days = float(result.get("after_days") or params.get("after_days") or 1)
    treated, control = result["treated"], result["control"]
    buffer = result.get("buffer")
    names = {role: a["name"] for role, a in params.get("areas", {}).items()}
    did = result["did"]

    treated_change = _change_pct(treated, before_days, after_days)
    control_change = _change_pct(control, before_days, after_days)
    headline = _(
        "In %(treated)s the events went from %(tb)s to %(ta)s (%(tc)s events per day); in "
        "the control area %(control)s from %(cb)s to %(ca)s (%(cc)s events per day)."
    ) % {
        "treated": names.get("treated", ""),
        "tb": num(treated["before"]),
        "ta": num(treated["after"]),
        "tc": pct(treated_change),
        "control": names.get("control", ""),
        "cb": num(control["before"]),
        "ca": num(control["after"]),
        "cc": pct(control_change),
    }
    ratio, low, high = did.get("ratio"), did.get("ratio_ci_low"), did.get("ratio_ci_high")
    too_few = treated["before"] + treated["after"] < TREATED_TOTAL_MIN or any(
        counts[window] < SMALL_COUNT
        for counts in (treated, control)
        for window in ("before", "after")
    )
    if too_few:
        verdict = "inconclusive"
    elif ratio is not None and high is not None and high < 1:
        verdict = "decrease"
    elif ratio is not None and low is not None and low > 1:
        verdict = "increase"
    elif ratio is None and did.get("p_value") is not None and did["p_value"] < SIGNIFICANCE:
        verdict = "decrease" if did["difference"] < 0 else "increase"
    else:
        verdict = "inconclusive"
    reading = Reading(verdict=verdict, headline=headline)
    meaning = reading.meaning
    if ratio is not None:
        meaning.append(
            _(
                "Relative to the control area, the treated area changed by a factor of "
                "%(ratio)s (95 %% confidence interval %(low)s to %(high)s). Below 1 means "
                "that it did better than the control area; above 1 that it did worse."
            )
            % {"ratio": num(ratio, 2), "low": num(low, 2), "high": num(high, 2)}
        )
    meaning.append(
        _(
            "The difference in differences is %(diff)s events (treated area's change minus "
            "the control area's change; %(p)s)."
        )
        % {"diff": num(did["difference"]), "p": _p(did.get("p_value"))}
    )
    if verdict == "decrease":
        meaning.append(
            _(
                "The treated area fell more than the control area, by more than chance "
                "variation would explain. That supports, but does not prove, an effect of "
                "the intervention: see the cautions below."
            )
        )
    elif verdict == "increase":
        meaning.append(
            _(
                "The treated area rose more than the control area, by more than chance "
                "variation would explain. The intervention did not lower the number of "
                "events here; it may have raised reporting (more people on site notice "
                "and report more)."
            )
        )
    elif too_few:
        meaning.append(
            _(
                "There are too few events in the treated or the control area to tell an "
                "effect from chance: see the cautions below."
            )
        )
    else:
        meaning.append(
            _(
                "The change in the treated area relative to the control area is within what "
                "chance variation could produce: these numbers neither show an effect nor "
                "rule one out."
            )
        )

    wdq = result.get("wdq")
    if buffer is not None and wdq is not None:
        sm, value = wdq.get("success_measure"), wdq.get("wdq")
        reading.displacement.append(
            _(
                "In the buffer %(buffer)s the events went from %(bb)s to %(ba)s (%(bc)s events "
                "per day)."
            )
            % {
                "buffer": names.get("buffer", ""),
                "bb": num(buffer["before"]),
                "ba": num(buffer["after"]),
                "bc": pct(_change_pct(buffer, before_days, after_days)),
            }
        )
        if value is None:
            if sm is not None and sm >= 0:
                reading.displacement.append(
                    _(
                        "The weighted displacement quotient (WDQ) is not meaningful here: the "
                        "treated area did not improve relative to the control area."
                    )
                )
            else:
                reading.displacement.append(
                    _("The WDQ cannot be computed: the control area has no events in a window.")
                )
        else:
            if value > 0:
                text = _(
                    "WDQ = %(wdq)s: the buffer also improved relative to the control area — "
                    "a diffusion of benefit rather than displacement."
                )
            elif value < -1:
                text = _(
                    "WDQ = %(wdq)s: the buffer worsened by more than the treated area gained — "
                    "displacement larger than the gain."
                )
            elif value < 0:
                text = _(
                    "WDQ = %(wdq)s: the buffer worsened somewhat relative to the control area — "
                    "some displacement, smaller than the gain in the treated area."
                )
            else:
                text = _("WDQ = %(wdq)s: no change in the buffer relative to the control area.")
            reading.displacement.append(text % {"wdq": num(value, 2)})
        wdd = result.get("wdd")
        if wdd is not None:
            reading.displacement.append(
                _(
                    "The weighted displacement difference (WDD), counting the treated area and "
                    "the buffer together against their controls, is %(wdd)s events (z = "
                    "%(z)s, %(p)s); negative means fewer events overall."
                )
                % {"wdd": num(wdd["wdd"]), "z": num(wdd.get("z"), 2), "p": _p(wdd.get("p_value"))}
            )
    elif buffer is None:
        reading.displacement.append(
            _("No buffer area was chosen, so displacement to the surroundings was not examined.")
        )
    _cautions(reading, run, before_days, after_days)
    return reading


def _cautions(reading: Reading, run: EvaluationRun, before_days: float, after_days: float) -> None:
    result = run.result
    add = reading.cautions.append
    names = {"treated": _("treated"), "buffer": _("buffer"), "control": _("control")}
    small = []
    for role in ("treated", "buffer", "control"):
        counts = result.get(role)
        if not counts:
            continue
        for window, label in (("before", _("before")), ("after", _("after"))):
            if counts[window] < SMALL_COUNT:
                small.append(f"{names[role]} ({label}: {counts[window]})")
    treated = result["treated"]
    total = treated["before"] + treated["after"]
    if small or total < TREATED_TOTAL_MIN:
        parts = []
        if small:
            parts.append(
                _("fewer than %(n)d events in %(cells)s")
                % {"n": SMALL_COUNT, "cells": ", ".join(small)}
            )
        if total < TREATED_TOTAL_MIN:
            parts.append(
                _("only %(total)d events in the treated area in both windows (fewer than %(n)d)")
                % {"total": total, "n": TREATED_TOTAL_MIN}
            )
        add(
            Caution(
                "too_few",
                _("Too few events"),
                _(
                    "There are %(what)s. With so few events any change may be chance; do not "
                    "draw conclusions from these numbers alone."
                )
                % {"what": "; ".join(parts)},
            )
        )
    extra = result.get("extra") or {}
    peak = extra.get("treated_before_vs_pre") or {}
    ratio, p = peak.get("rate_ratio"), peak.get("p_value")
    pre = (extra.get("pre_counts") or {}).get("treated")
    if extra.get("pre_covered") is False:
        add(
            Caution(
                "regression_to_mean_unchecked",
                _("Regression to the mean"),
                _(
                    "The incident data begin on %(first)s, so they do not cover an equally "
                    "long period just before the before window: whether the area was chosen at "
                    "an unusual peak cannot be checked here. An area chosen because of a peak "
                    "tends to fall back by itself; part of any fall may be that, not the "
                    "intervention."
                )
                % {"first": extra.get("first_incident") or "—"},
            )
        )
    elif ratio is not None and p is not None and ratio > PEAK_RATIO and p < SIGNIFICANCE:
        add(
            Caution(
                "regression_to_mean",
                _("Regression to the mean"),
                _(
                    "The treated area had %(before)s events in the before window but %(pre)s in "
                    "the same length of time just before it (%(ratio)s times as many). An area "
                    "chosen because of an unusual peak tends to fall back by itself; part of "
                    "any fall may be that, not the intervention."
                )
                % {"before": num(treated["before"]), "pre": num(pre), "ratio": num(ratio, 2)},
            )
        )
    elif ratio is None:
        add(
            Caution(
                "regression_to_mean_unchecked",
                _("Regression to the mean"),
                _(
                    "There are no incidents in the same length of time just before the before "
                    "window, so whether the area was chosen at an unusual peak cannot be "
                    "checked here. An area chosen because of a peak tends to fall back by "
                    "itself; part of any fall may be that, not the intervention."
                ),
            )
        )
    else:
        add(
            Caution(
                "regression_to_mean_checked",
                _("Regression to the mean"),
                _(
                    "The before window was not unusually high compared with the same length of "
                    "time before it (%(pre)s events), so a fall back from a peak is less likely "
                    "— but a single earlier window cannot rule it out."
                )
                % {"pre": num(pre)},
            )
        )
    if abs(before_days - after_days) > WINDOW_TOLERANCE * max(before_days, after_days):
        add(
            Caution(
                "unequal_windows",
                _("Windows of different length"),
                _(
                    "The before window has %(b)s days and the after window %(a)s. The rate "
                    "ratios allow for that, but the difference in differences and the WDQ "
                    "compare counts: read them with care, or use windows of equal length."
                )
                % {"b": num(before_days), "a": num(after_days)},
            )
        )
    add(
        Caution(
            "displacement",
            _("Displacement elsewhere"),
            _(
                "A buffer shows displacement to the nearest surroundings only. Crime can also "
                "move further away, to other times, to other targets or to other kinds of "
                "crime; none of that is measured here."
            ),
        )
    )
    add(
        Caution(
            "reporting",
            _("Reported events, not all crime"),
            _(
                "The counts are reported incidents. An intervention that puts more people on "
                "site can raise reporting while lowering crime; a change in who reports (a "
                "new partner, a new form) changes the counts too."
            ),
        )
    )
    add(
        Caution(
            "other_causes",
            _("Other causes"),
            _(
                "The control area allows for changes that hit both areas alike (season, "
                "city-wide trends). It cannot allow for something that happened in the treated "
                "area only at the same time, such as another intervention or a building site."
            ),
        )
    )
