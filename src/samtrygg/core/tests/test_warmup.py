"""Warming a server process up (``core.warmup``): the registered steps, a failing step that
is logged and skipped, the worker's steps in a background thread, and the picture's step
leaving nothing for a real picture's Knox run to compile."""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

import numpy as np
import pytest
from numba.core.registry import CPUDispatcher

from samtrygg.analysis.knox import knox_test
from samtrygg.core import warmup
from samtrygg.picture.method import KNOX_DISTANCE_EDGES, KNOX_PERMUTATIONS, KNOX_TIME_EDGES, SEED
from samtrygg.picture.warmup import warm_kernels


def test_the_apps_register_their_steps() -> None:
    before = {s.name for s in warmup.steps(in_worker=False)}
    after = {s.name for s in warmup.steps(in_worker=True)}
    assert {"views", "dashboard templates"} <= before
    assert "picture kernels" in after
    # numba's parallel kernels start threads: never before the fork
    assert "picture kernels" not in before


def test_a_failing_step_is_logged_and_the_others_run(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(warmup, "_STEPS", [])

    def broken() -> None:
        raise RuntimeError("no kernels today")

    warmup.register_warmup("broken", broken)
    warmup.register_warmup("fine", lambda: ran.append("fine"))
    warmup.register_warmup("fine", lambda: ran.append("twice"))  # one step per name
    with caplog.at_level(logging.INFO, logger="samtrygg.core.warmup"):
        seconds = warmup.warm_before_fork()
    assert ran == ["fine"]
    assert set(seconds) == {"fine"}
    assert "'broken' failed" in caplog.text and "no kernels today" in caplog.text


def test_worker_steps_run_in_a_background_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    where: list[str] = []
    monkeypatch.setattr(warmup, "_STEPS", [])
    warmup.register_warmup(
        "where", lambda: where.append(threading.current_thread().name), in_worker=True
    )
    warmup.register_warmup("not here", lambda: where.append("before fork"))
    thread = warmup.start_in_background()
    thread.join(timeout=60)
    assert where == ["samtrygg-warmup"]
    assert thread.daemon  # never holds a stopping server up


def test_a_step_given_by_name_is_imported_when_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "_STEPS", [])
    warmup.register_warmup("by name", "samtrygg.core.warmup.load_url_configuration")
    assert set(warmup.warm_before_fork()) == {"by name"}


def _signatures() -> dict[str, int]:
    """Compiled signatures of every numba kernel the analysis library holds."""
    found: dict[str, int] = {}

    def visit(name: str, value: Any) -> None:
        if isinstance(value, CPUDispatcher):
            found[name] = len(value.signatures)
        elif isinstance(value, dict | tuple | list):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, inner in items:
                visit(f"{name}[{key}]", inner)

    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("samtrygg.analysis") and module is not None:
            for attr, value in vars(module).items():
                visit(f"{module_name}.{attr}", value)
    return found


def test_after_the_picture_warm_up_a_knox_run_compiles_nothing_new() -> None:
    warm_kernels()
    warmed = _signatures()
    assert sum(warmed.values()) > 0, "no compiled kernel found"
    # A picture-sized run (the picture's arrays are float64, as here)
    rng = np.random.default_rng(7)
    n = 5_000
    x = 580_000.0 + rng.uniform(0, 8_000, n)
    y = 6_600_000.0 + rng.uniform(0, 6_000, n)
    t = rng.uniform(0, 365, n)
    knox_test(
        x, y, t, KNOX_DISTANCE_EDGES, KNOX_TIME_EDGES, permutations=KNOX_PERMUTATIONS, seed=SEED
    )
    assert _signatures() == warmed
