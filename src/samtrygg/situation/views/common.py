"""Shared pieces of the situation views."""

from __future__ import annotations

from typing import Any

from samtrygg.areas.maps import map_config
from samtrygg.situation.models import SectionKind

__all__ = ["map_config", "section_list"]


def section_list(bodies: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"kind": k.value, "label": k.label, "body": bodies.get(k.value, "")} for k in SectionKind
    ]
