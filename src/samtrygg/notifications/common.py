"""Helpers shared by the notification services and the apps that call them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation


@contextmanager
def municipality_language() -> Iterator[None]:
    """Render texts that are stored or e-mailed in the municipality's language (Swedish),
    whatever the language of the request or process that causes them."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def parse_topics(raw: str) -> set[tuple[str, str]]:
    """``"area:3,council:1"`` → ``{("area", "3"), ("council", "1")}`` (bad parts dropped)."""
    pairs = set()
    for part in (raw or "").split(","):
        topic_type, sep, topic_id = part.partition(":")
        if sep and topic_type and topic_id:
            pairs.add((topic_type, topic_id))
    return pairs


def absolute_url(path: str) -> str:
    """``/x/`` → ``https://site/x/`` (e-mails have no request to build addresses from)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.SAMTRYGG_SITE_URL}{path if path.startswith('/') else '/' + path}"
