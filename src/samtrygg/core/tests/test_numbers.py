"""One rounding and one format for every printed figure; never "−0"."""

from __future__ import annotations

import re
from decimal import Decimal

from django.template import Context, Template
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from samtrygg.core import numbers


def test_rounds_instead_of_cutting_decimals_off() -> None:
    with override("sv"):
        assert numbers.number(0.5196, 2) == "0,52"
        assert numbers.number(0.515, 2) == "0,52"
        assert numbers.number(12345.5) == "12\u00a0346"
        assert numbers.number(-3.25, 1) == "−3,3"
        assert numbers.number(None) == "–"
        assert numbers.p_value(0.0239) == "0,024"
        assert numbers.p_value(0.0004) == "<\u00a00,001"


def test_signs() -> None:
    with override("sv"):
        assert numbers.signed_percent(12.46) == "+12,5\u00a0%"
        assert numbers.signed_percent(-3.0) == "−3,0\u00a0%"
        assert numbers.signed_percent(-0.04) == "±0,0\u00a0%"
        assert numbers.signed_percent(-0.4, 0) == "±0\u00a0%"
        assert numbers.signed_number(-0.004, 2) == "±0,00"


def test_the_filters_are_the_functions() -> None:
    with override("sv"):
        out = Template(
            "{% load figures %}{{ a|num:2 }} {{ b|signed_pct:0 }} {{ c|pvalue }} {{ d|pct }}"
        ).render(Context({"a": 0.5196, "b": -0.2, "c": 0.5, "d": 12.5}))
    assert out == "0,52 ±0\u00a0% 0,500 13\u00a0%"


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=3),
)
def test_never_minus_zero_and_always_rounded(value: float, digits: int) -> None:
    with override("sv"):
        text = numbers.number(value, digits)
        signed = numbers.signed_percent(value, digits)
    assert not re.fullmatch(r"[−-]0(,0*)?", text)
    assert not re.match(r"[−-]0(,0*)?\u00a0%", signed)
    # The printed value is the decimal value rounded half away from zero.
    printed = Decimal(text.replace("\u00a0", "").replace(",", ".").replace("−", "-"))
    assert abs(printed - Decimal(str(value))) <= Decimal(1).scaleb(-digits) / 2
