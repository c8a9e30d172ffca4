"""What a Swedish reader must never meet: English words and English dates.

Used by the language checks of pages (the permission matrix) and documents (PDF text).
Only words that are never Swedish are listed ("Problem", "Fel" and "and" are Swedish words
too, so they cannot be told apart here); phrases catch what single words cannot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

#: English words and phrases that have slipped into Swedish pages or documents before.
ENGLISH_WORDS: tuple[str, ...] = (
    "Summary",
    "Analysis",
    "Survey",
    "Sources",
    "Prioritised",
    "open",
    "internal",
    "restricted",
    "the whole",
    "municipality",
    "incidents",
    "week",
    "quarter",
    "draft",
    "published",
    "None",
    "True",
    "False",
    "Save",
    "Cancel",
    "Delete",
    "Search",
    "Submit",
    "Previous",
    "Sign in",
    "Log out",
)

_WORDS = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")(?![\w-])", re.IGNORECASE
)
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
# "5 Dec 2026", "Dec 5, 2026", "5 Maj 2026" (a title-cased Swedish abbreviation).
_DATES = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}|Maj|Okt)\b|\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b")


def english_in(text: str) -> list[str]:
    """The English words and English-style dates in ``text`` (each once, in order)."""
    hits = [m.group(0) for m in _WORDS.finditer(text)]
    hits += [m.group(0) for m in _DATES.finditer(text)]
    return list(dict.fromkeys(hits))


class _Text(HTMLParser):
    """The words a reader meets on a page: text outside scripts and styles, and the
    attributes a screen reader or a tooltip reads out."""

    SKIP = frozenset({"script", "style", "template"})
    READ = frozenset({"alt", "title", "aria-label", "placeholder"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        self.parts.extend(v for k, v in attrs if k in self.READ and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The readable text of an HTML page, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF by ``pdftotext`` (poppler-utils), whitespace collapsed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        tool = shutil.which("pdftotext") or "pdftotext"
        out = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())
