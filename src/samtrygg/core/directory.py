"""Who belongs to which organisation, as the audit pages need it.

Core sits below ``accounts`` in the layers, so it cannot read memberships itself; accounts
registers a directory at start-up (as it registers the resolver's grants), and the audit
pages filter by organisation through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Directory:
    #: ``(id, name)`` of every organisation, by name.
    organisations: Callable[[], list[tuple[int, str]]]
    #: The ids of the users holding any membership in the organisation.
    member_ids: Callable[[int], Iterable[int]]


_directory: list[Directory] = []


def register_directory(directory: Directory) -> None:
    """Tell the audit pages how to list organisations and their members (one, the last)."""
    _directory[:] = [directory]


def organisation_choices() -> list[tuple[int, str]]:
    return _directory[0].organisations() if _directory else []


def organisation_member_ids(organisation_id: int) -> list[int]:
    return list(_directory[0].member_ids(organisation_id)) if _directory else []
