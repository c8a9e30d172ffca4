"""Short forms of long texts for titles, lists and choices; names and values quoted as the
language quotes them; yes/no values of query strings."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line in at most ``limit`` characters, cut between words with an
    ellipsis ("Minska skadegörelsen i …" rather than "Minska skadegörelsen i Bäc")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    # Back to the last space when the cut falls inside a word; a single word longer than
    # the limit is the one case cut inside.
    if flat[len(cut)].isalnum() and space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + ELLIPSIS


def quoted(text: str) -> str:
    """``text`` (a column's name, a value from a file) in the active language's quotation
    marks: ”lon” in Swedish, “lon” in English. A message with a fixed name writes the marks
    in its msgid instead (“lon”, translated ”lon”)."""
    return pgettext("quotation marks around a name or a value", "“%s”") % text


def quoted_list(texts: Iterable[str]) -> str:
    """Each of ``texts`` quoted, separated by commas: ”exact”, ”address”."""
    return ", ".join(quoted(text) for text in texts)


TRUE_VALUES = frozenset({"true", "1", "yes", "on"})
FALSE_VALUES = frozenset({"false", "0", "no", "off"})


def parse_boolean(raw: str | None) -> bool | None:
    """A yes/no query value: ``True`` for true/1/yes/on, ``False`` for false/0/no/off (any
    case), ``None`` for none or an empty one; ``ValueError`` for anything else."""
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ValueError(raw)
