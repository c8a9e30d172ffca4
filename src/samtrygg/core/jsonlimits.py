"""JSON read with limits: nesting depth and size refused with a clear error, never a crash.

Python's JSON reader raises RecursionError on very deep nesting (a server error); and a
document nested hundreds deep is never data Samtrygg takes. Every JSON that comes from
outside (API bodies, GeoJSON imports, a drawn area) is read through :func:`loads`.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings


class JSONTooDeep(ValueError):
    """The document nests arrays/objects deeper than allowed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"nested deeper than {limit} levels")
        self.limit = limit


def depth_within(value: Any, limit: int) -> bool:
    """Whether ``value`` nests arrays/objects at most ``limit`` deep (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def loads(text: str | bytes, *, max_depth: int | None = None) -> Any:
    """``json.loads`` that raises :class:`JSONTooDeep` (a ValueError) instead of recursing
    past the interpreter's limit, and for anything nested deeper than ``max_depth``
    (default JSON_MAX_DEPTH)."""
    limit = settings.JSON_MAX_DEPTH if max_depth is None else max_depth
    try:
        value = json.loads(text)
    except RecursionError:
        raise JSONTooDeep(limit) from None
    if not depth_within(value, limit):
        raise JSONTooDeep(limit)
    return value


def load(handle: Any, *, max_depth: int | None = None) -> Any:
    return loads(handle.read(), max_depth=max_depth)
