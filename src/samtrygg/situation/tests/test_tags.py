"""Template filters of the situation pages."""

from __future__ import annotations

from django.utils import translation

from samtrygg.situation.templatetags.situation_tags import local_time


def test_local_time_shows_stockholm_time_in_the_language_format() -> None:
    with translation.override("sv"):
        # 22:24 UTC is 23:24 in Stockholm in winter, 00:24 the next day in summer
        assert local_time("2026-12-04T22:24:06+00:00") == "2026-12-04 23:24"
        assert local_time("2026-07-01T22:24:06+00:00") == "2026-07-02 00:24"
    assert local_time("") == ""
    assert local_time("not a time") == "not a time"
