"""Property tests: a change figure is withheld whenever either period is less than half
covered, and a withheld comparison has no figure and is never significant."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from samtrygg.picture.coverage import Cover, SourceRecord, covered_mask
from samtrygg.picture.temporal import compare

DAY0 = dt.date(2025, 1, 1)


@st.composite
def periods(draw: st.DrawFn) -> tuple[int, int, int, int, int, int]:
    days = draw(st.integers(1, 400))
    reference_days = draw(st.integers(1, 400))
    covered = draw(st.integers(0, days))
    reference_covered = draw(st.integers(0, reference_days))
    count = draw(st.integers(0, 500))
    reference = draw(st.integers(0, 500))
    return days, reference_days, covered, reference_covered, count, reference


@settings(max_examples=300, deadline=None)
@given(periods())
def test_withheld_exactly_below_half_coverage(p: tuple[int, int, int, int, int, int]) -> None:
    days, reference_days, covered, reference_covered, count, reference = p
    c = compare(count, reference, Cover(days, reference_days, covered, reference_covered))
    thin = covered < 0.5 * days or reference_covered < 0.5 * reference_days
    assert c.withheld == (thin or covered == 0 or reference_covered == 0)
    if c.withheld:
        assert (c.change_pct, c.rate_ratio, c.p_value, c.ci_low, c.ci_high) == (None,) * 5
        assert c.significant is False
    else:
        # per covered day, with the exact conditional test (scipy's binomtest)
        if count + reference:
            expected = stats.binomtest(
                count, count + reference, covered / (covered + reference_covered)
            )
            assert c.p_value is not None
            assert abs(c.p_value - round(expected.pvalue, 6)) < 1e-9
        assert c.change_pct != -0.0 or str(c.change_pct) == "0.0"
    assert c.partial == (covered < days or reference_covered < reference_days)


@st.composite
def sources(draw: st.DrawFn) -> list[SourceRecord]:
    out = []
    for org in range(draw(st.integers(1, 4))):
        first = DAY0 + dt.timedelta(days=draw(st.integers(0, 500)))
        gaps = []
        for _ in range(draw(st.integers(0, 3))):
            start = DAY0 + dt.timedelta(days=draw(st.integers(0, 700)))
            gaps.append((start, start + dt.timedelta(days=draw(st.integers(0, 90)))))
        out.append(
            SourceRecord(org, f"s{org}", first, first + dt.timedelta(days=400), 100, tuple(gaps))
        )
    return out


@settings(max_examples=200, deadline=None)
@given(
    records=sources(),
    when=st.tuples(st.integers(0, 600), st.integers(1, 200), st.integers(1, 400)),
    counts=st.tuples(st.integers(0, 200), st.integers(0, 200)),
)
def test_comparisons_over_sources_are_withheld_below_half(
    records: list[SourceRecord], when: tuple[int, int, int], counts: tuple[int, int]
) -> None:
    start, length, lag = when
    count, reference = counts
    today = DAY0 + dt.timedelta(days=900)
    first = DAY0 + dt.timedelta(days=start)
    last = first + dt.timedelta(days=length - 1)
    ref_first = first - dt.timedelta(days=lag)
    ref_last = ref_first + dt.timedelta(days=length - 1)
    current = covered_mask(first, last, records, today=today)
    before = covered_mask(ref_first, ref_last, records, today=today)
    # a covered day is one every source covers: on or after its first day, in no gap
    for k, covered in enumerate(before.tolist()):
        day = ref_first + dt.timedelta(days=k)
        assert covered == all(
            day >= r.first_day and not any(a <= day <= b for a, b in r.gaps) for r in records
        )
    c = compare(count, reference, Cover(length, length, int(current.sum()), int(before.sum())))
    if before.sum() < 0.5 * length or current.sum() < 0.5 * length:
        assert c.withheld and c.change_pct is None and not c.significant
