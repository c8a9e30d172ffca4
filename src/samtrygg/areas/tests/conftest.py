"""Fixtures for the areas tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samtrygg.areas import hooks

DATA = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    return DATA / name


def read_json(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


class ChangeRecorder:
    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, area_ids: list[int]) -> None:
        self.calls.append(list(area_ids))

    @property
    def ids(self) -> set[int]:
        return {i for call in self.calls for i in call}


@pytest.fixture
def area_changes() -> Iterator[ChangeRecorder]:
    """Records ``notify_area_changed`` calls (run them with
    ``django_capture_on_commit_callbacks(execute=True)``)."""
    recorder = ChangeRecorder()
    hooks.register_area_changed(recorder)
    yield recorder
    hooks._callbacks.remove(recorder)
