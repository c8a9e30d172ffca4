"""Dates in both languages: never the American "12/06/2026 10:46 a.m." on an English page
(it reads as 12 June), but the same ISO stamps as the Swedish pages and a 24-hour clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import override

from samtrygg.situation.templatetags.situation_tags import local_time

WHEN = dt.datetime(2026, 12, 6, 10, 46, tzinfo=dt.UTC)
TEMPLATE = Template(
    "{{ when|date:'SHORT_DATETIME_FORMAT' }} | {{ when|date:'SHORT_DATE_FORMAT' }} | "
    "{{ when|date }} | {{ when|time }} | {{ when|date:'DATETIME_FORMAT' }}"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "2026-12-06 10:46 | 2026-12-06 | 6 dec. 2026 | 10:46 | 6 dec. 2026 10:46"),
        ("en", "2026-12-06 10:46 | 2026-12-06 | 6 Dec 2026 | 10:46 | 6 Dec 2026 10:46"),
    ],
)
def test_dates_and_times_per_language(language: str, expected: str) -> None:
    with override(language), timezone.override(dt.UTC):
        assert TEMPLATE.render(Context({"when": WHEN})) == expected


def test_a_signature_stamp_in_english_is_the_iso_stamp() -> None:
    # the lägesbild version page's "Signed … (stamp)"
    with override("en"), timezone.override(dt.UTC):
        assert local_time(WHEN.isoformat()) == "2026-12-06 10:46"
