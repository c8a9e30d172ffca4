"""Evaluation of an intervention from treated (A), buffer (B) and control (C) areas.

Windows: before (b) and after (a). Sources: Bowers & Johnson (2003) for the weighted
displacement quotient; Wheeler & Ratcliffe (2018) for the weighted displacement difference;
Guerette & Bowers (2009) on displacement and diffusion of benefits.

* Rate ratios after/before per area: exact conditional binomial test and interval with the
  window lengths as exposures (:func:`samtrygg.analysis.trends.compare_rates`).
* Difference in differences on counts: ``(A_a - A_b) - (C_a - C_b)``, Poisson variance
  ``A_a + A_b + C_a + C_b``, ``z = DiD / sqrt(var)``, two-sided normal p; ratio form
  ``(A_a / A_b) / (C_a / C_b)`` with log-scale standard error
  ``sqrt(1/A_a + 1/A_b + 1/C_a + 1/C_b)`` and a normal-theory confidence interval.
* WDQ: ``SM = A_a/C_a - A_b/C_b``, ``BDM = B_a/C_a - B_b/C_b``, ``WDQ = BDM / SM``; meaningful
  only when ``SM < 0``. ``WDQ > 0`` diffusion of benefit, ``WDQ < 0`` displacement,
  ``WDQ < -1`` displacement larger than the gain.
* WDD = ``(A_a - A_b) - (Ct_a - Ct_b) + (B_a - B_b) - (Cd_a - Cd_b)`` with Ct, Cd the controls
  of the treated and displacement areas (here one control serves both unless ``Cd`` is
  given); variance = the sum of the eight counts, ``z = WDD / sqrt(var)``; negative is good.
* Plain-language notes when counts are too small to conclude anything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from scipy import stats

from samtrygg.analysis.trends import RateComparison, compare_rates
from samtrygg.analysis.types import AnalysisInputError

SMALL_COUNT = 5


@dataclass(frozen=True)
class AreaCounts:
    """Before/after counts of one area."""

    before: int
    after: int


@dataclass(frozen=True)
class DidResult:
    difference: float
    variance: float
    z: float | None
    p_value: float | None
    ratio: float | None
    ratio_ci_low: float | None
    ratio_ci_high: float | None
    log_se: float | None


@dataclass(frozen=True)
class WdqResult:
    success_measure: float | None
    buffer_displacement_measure: float | None
    wdq: float | None
    interpretation: str


@dataclass(frozen=True)
class WddResult:
    wdd: float
    variance: float
    z: float | None
    p_value: float | None


@dataclass(frozen=True)
class EvaluationResult:
    """Counts, rate ratios, DiD, WDQ, WDD and notes for one intervention."""

    treated: AreaCounts
    buffer: AreaCounts | None
    control: AreaCounts
    displacement_control: AreaCounts | None
    before_days: float
    after_days: float
    rate_ratios: dict[str, RateComparison]
    did: DidResult
    wdq: WdqResult | None
    wdd: WddResult | None
    harm: dict[str, dict[str, float]] | None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _check(name: str, c: AreaCounts) -> AreaCounts:
    for part in ("before", "after"):
        v = getattr(c, part)
        if isinstance(v, bool) or int(v) != v or v < 0:
            raise AnalysisInputError(f"{name} {part} count must be a non-negative whole number")
    return AreaCounts(int(c.before), int(c.after))


def _norm_p(z: float) -> float:
    return float(2 * stats.norm.sf(abs(z)))


def difference_in_differences(
    treated: AreaCounts, control: AreaCounts, *, confidence: float = 0.95
) -> DidResult:
    """Count DiD with Poisson variance, and its ratio form with a log-scale interval."""
    a_b, a_a, c_b, c_a = treated.before, treated.after, control.before, control.after
    diff = float((a_a - a_b) - (c_a - c_b))
    var = float(a_a + a_b + c_a + c_b)
    z = diff / math.sqrt(var) if var > 0 else None
    ratio = lo = hi = se = None
    if min(a_a, a_b, c_a, c_b) > 0:
        ratio = (a_a / a_b) / (c_a / c_b)
        se = math.sqrt(1 / a_a + 1 / a_b + 1 / c_a + 1 / c_b)
        q = float(stats.norm.ppf(0.5 + confidence / 2))
        lo, hi = ratio * math.exp(-q * se), ratio * math.exp(q * se)
    return DidResult(diff, var, z, None if z is None else _norm_p(z), ratio, lo, hi, se)


def weighted_displacement_quotient(
    treated: AreaCounts, buffer: AreaCounts, control: AreaCounts
) -> WdqResult:
    """Bowers & Johnson (2003) SM, BDM and WDQ = BDM / SM with its reading."""
    if control.before == 0 or control.after == 0:
        return WdqResult(None, None, None, "control area has no events in a window: WDQ undefined")
    sm = treated.after / control.after - treated.before / control.before
    bdm = buffer.after / control.after - buffer.before / control.before
    if sm >= 0:
        return WdqResult(
            sm,
            bdm,
            None,
            "no success: the treated area did not improve relative to the control "
            "(SM >= 0), so the WDQ is not meaningful",
        )
    wdq = bdm / sm
    if wdq > 0:
        text = "diffusion of benefit to the buffer"
    elif wdq < -1:
        text = "displacement larger than the gain in the treated area"
    elif wdq < 0:
        text = "some displacement to the buffer, smaller than the gain"
    else:
        text = "no change in the buffer relative to the control"
    return WdqResult(sm, bdm, wdq, text)


def weighted_displacement_difference(
    treated: AreaCounts,
    buffer: AreaCounts,
    control: AreaCounts,
    displacement_control: AreaCounts | None = None,
) -> WddResult:
    """Wheeler & Ratcliffe (2018) WDD with Poisson variance (sum of the eight counts)."""
    cd = displacement_control or control
    wdd = float(
        (treated.after - treated.before)
        - (control.after - control.before)
        + (buffer.after - buffer.before)
        - (cd.after - cd.before)
    )
    var = float(
        treated.after
        + treated.before
        + control.after
        + control.before
        + buffer.after
        + buffer.before
        + cd.after
        + cd.before
    )
    z = wdd / math.sqrt(var) if var > 0 else None
    return WddResult(wdd, var, z, None if z is None else _norm_p(z))


def evaluate_intervention(
    treated: AreaCounts,
    control: AreaCounts,
    *,
    buffer: AreaCounts | None = None,
    displacement_control: AreaCounts | None = None,
    before_days: float = 1.0,
    after_days: float = 1.0,
    harm: Mapping[str, float] | None = None,
    confidence: float = 0.95,
) -> EvaluationResult:
    """All evaluation measures for one intervention.

    ``harm`` optionally maps ``"treated_before"``, ``"treated_after"``, ``"control_before"``…
    to harm-weighted totals (see :mod:`samtrygg.analysis.harm`); their after − before change
    per area is reported.
    """
    treated = _check("treated", treated)
    control = _check("control", control)
    buffer = _check("buffer", buffer) if buffer is not None else None
    dc = _check("displacement control", displacement_control) if displacement_control else None
    if not (before_days > 0 and after_days > 0):
        raise AnalysisInputError("window lengths must be positive")
    areas = {"treated": treated, "control": control}
    if buffer is not None:
        areas["buffer"] = buffer
    rr = {
        name: compare_rates(c.after, c.before, after_days, before_days, confidence=confidence)
        for name, c in areas.items()
    }
    notes: list[str] = []
    small = [
        f"{name} {part}"
        for name, c in areas.items()
        for part in ("before", "after")
        if getattr(c, part) < SMALL_COUNT
    ]
    if small:
        notes.append(
            "counts below 5 in "
            + ", ".join(small)
            + ": too few events to conclude anything about change there"
        )
    if treated.before + treated.after < 20:
        notes.append("fewer than 20 events in the treated area in total: any change may be chance")
    did = difference_in_differences(treated, control, confidence=confidence)
    wdq = weighted_displacement_quotient(treated, buffer, control) if buffer else None
    wdd = weighted_displacement_difference(treated, buffer, control, dc) if buffer else None
    harm_out = None
    if harm is not None:
        harm_out = {}
        for name in areas:
            b = harm.get(f"{name}_before")
            a = harm.get(f"{name}_after")
            if a is not None and b is not None:
                harm_out[name] = {
                    "before": float(b),
                    "after": float(a),
                    "change": float(a) - float(b),
                }
    return EvaluationResult(
        treated,
        buffer,
        control,
        dc,
        float(before_days),
        float(after_days),
        rr,
        did,
        wdq,
        wdd,
        harm_out,
        tuple(notes),
    )
