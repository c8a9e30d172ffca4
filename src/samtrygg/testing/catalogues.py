"""Reading gettext catalogues for the language checks: entries, flags, translations.

A small reader rather than a dependency: the checks need each entry's context, msgid,
translations and whether it is marked fuzzy, nothing else.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    context: str | None = None
    plural: str | None = None
    translations: list[str] = field(default_factory=list)
    fuzzy: bool = False
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def untranslated(self) -> bool:
        return not self.translations or any(t == "" for t in self.translations)


def _unquote(text: str) -> str:
    value = ast.literal_eval(text)
    assert isinstance(value, str)
    return value


_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


def _fields(lines: list[str]) -> list[tuple[str, str]]:
    """A block's keyword lines with their continuation strings joined: [("msgid", "…"), …]."""
    fields: list[tuple[str, str]] = []
    for line in lines:
        if line.startswith('"') and fields:
            key, value = fields[-1]
            fields[-1] = (key, value + _unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.split("[")[0] in _KEYWORDS:
            fields.append((keyword, _unquote(rest)))
    return fields


def _entry(block: list[tuple[int, str]]) -> Entry | None:
    lines = [text for _, text in block if not text.startswith("#~")]
    entry = Entry(line=next((n for n, t in block if t.startswith("msg")), 0))
    for line in lines:
        if line.startswith("#,"):
            entry.fuzzy = entry.fuzzy or any(f.strip() == "fuzzy" for f in line[2:].split(","))
    for keyword, value in _fields([t for t in lines if not t.startswith("#")]):
        if keyword == "msgctxt":
            entry.context = value
        elif keyword == "msgid":
            entry.msgid = value
        elif keyword == "msgid_plural":
            entry.plural = value
        else:
            entry.translations.append(value)
    return entry if entry.msgid else None


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, without its header and obsolete (``#~``) entries."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line:
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [e for e in (_entry(b) for b in blocks) if e is not None]
