"""Tell other apps that areas were added, changed or removed.

The incidents app registers a callback that re-assigns incidents to areas; areas does not
import incidents. Callbacks run after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

AreaChanged = Callable[[list[int]], None]
_callbacks: list[AreaChanged] = []


def register_area_changed(callback: AreaChanged) -> None:
    if callback not in _callbacks:
        _callbacks.append(callback)


def notify_area_changed(area_ids: list[int]) -> None:
    """Call after a write that added or changed these areas' geometry (inside the transaction)."""
    ids = sorted(set(area_ids))
    if not ids:
        return

    def run() -> None:
        for callback in list(_callbacks):
            callback(ids)

    transaction.on_commit(run)
