"""Warming a web server process up before its first user.

The first lägesbild after a server start used to pay for everything a process does once:
importing the views (scipy, shapely, pyproj, matplotlib), compiling templates and loading
numba's compiled kernels from their cache. ``samtrygg serve`` (``core.gunicorn_conf``) does
that work before the first request instead:

* **before fork** (``warm_before_fork``), in gunicorn's master process with the application
  preloaded: imports and other work that starts no thread and leaves no database connection
  open, shared by every worker process through fork;
* **in the worker** (``start_in_background``), in a background thread of each worker process
  right after it starts, so that start-up stays fast: work a forked process cannot inherit
  safely, such as running numba's parallel kernels (their thread pool must not be started
  before a fork).

Apps register their steps in ``AppConfig.ready`` (``register_warmup``), as they register
their pages and rules; a lower layer never imports a higher one. A step that fails is logged
and skipped: warming up must never stop a server from serving.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.urls import get_resolver
from django.utils.module_loading import import_string

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WarmupStep:
    name: str
    #: A callable, or its dotted path (imported when the step runs, so that registering a
    #: step imports nothing heavy into every command).
    run: Callable[[], object] | str
    #: True: in each worker process after fork; False: once, before fork.
    in_worker: bool


_STEPS: list[WarmupStep] = []


def register_warmup(name: str, run: Callable[[], object] | str, *, in_worker: bool = False) -> None:
    """Run ``run`` when a server process starts (``in_worker``: after fork, in a thread)."""
    if any(step.name == name for step in _STEPS):
        return  # ready() may run twice (tests); one step per name
    _STEPS.append(WarmupStep(name=name, run=run, in_worker=in_worker))


def steps(*, in_worker: bool) -> list[WarmupStep]:
    return [step for step in _STEPS if step.in_worker == in_worker]


def _run(selected: list[WarmupStep]) -> dict[str, float]:
    seconds: dict[str, float] = {}
    for step in selected:
        started = time.perf_counter()
        try:
            run = import_string(step.run) if isinstance(step.run, str) else step.run
            run()
        except Exception:
            logger.exception("warm-up step %r failed; the server serves without it", step.name)
            continue
        seconds[step.name] = round(time.perf_counter() - started, 3)
    logger.info("warmed up: %s", ", ".join(f"{k} {v} s" for k, v in seconds.items()))
    return seconds


def load_url_configuration() -> None:
    """Import every app's URLs and views (and what they import), as a first request would."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - the import is the point
    resolver.reverse_dict  # noqa: B018


def warm_before_fork() -> dict[str, float]:
    """The steps safe before fork; then every database connection of this thread closed,
    so that no worker inherits one."""
    try:
        return _run(steps(in_worker=False))
    finally:
        connections.close_all()


@contextlib.contextmanager
def _one_process_at_a_time() -> Iterator[None]:
    """An exclusive lock on a file in the var folder. After an install numba's cache is empty:
    the first worker compiles the kernels into it while the others wait, then load them
    (instead of every worker compiling the same kernels at once on a small machine)."""
    if fcntl is None:  # not POSIX: the workers do not wait for each other
        yield
        return
    path = settings.VAR_DIR / "run" / "warmup.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def warm_worker() -> dict[str, float]:
    """The steps of a worker process, in this thread (its database connections closed after),
    one worker process at a time."""
    try:
        with _one_process_at_a_time():
            return _run(steps(in_worker=True))
    finally:
        connections.close_all()


def start_in_background() -> threading.Thread:
    """``warm_worker`` in a daemon thread: requests are served meanwhile."""
    thread = threading.Thread(target=warm_worker, name="samtrygg-warmup", daemon=True)
    thread.start()
    return thread
