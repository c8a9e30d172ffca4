from __future__ import annotations

from samtrygg.core.text import shorten


def test_short_text_is_kept_on_one_line() -> None:
    assert shorten("Minska  skadegörelsen\ni Bäckby", 80) == "Minska skadegörelsen i Bäckby"


def test_cut_between_words_with_an_ellipsis() -> None:
    text = "Minska skadegörelsen i Bäckby, Vallby och Skallberget med en tredjedel"
    short = shorten(text, 30)
    assert short == "Minska skadegörelsen i Bäckby…"
    assert len(short) <= 30


def test_a_word_longer_than_the_limit_is_cut_inside() -> None:
    assert shorten("Trygghetsundersökningsresultat", 10) == "Trygghets…"
