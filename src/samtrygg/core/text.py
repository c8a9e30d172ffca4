"""Short forms of long texts for titles, lists and choices."""

from __future__ import annotations

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
