"""gunicorn's configuration under ``samtrygg serve`` with ``SERVE_WARM_UP`` on
(``gunicorn --config python:samtrygg.core.gunicorn_conf``; the other options are given on
the command line by serve).

The application is loaded once in the master process (``preload_app``); before the workers
are forked the master runs the warm-up steps that are safe to share (``core.warmup``:
views imported, templates compiled) and closes its database connections; each worker then
warms up the rest in a background thread while it already serves.
"""

from __future__ import annotations

from typing import Any

from samtrygg.core import warmup

preload_app = True


def when_ready(server: Any) -> None:
    warmup.warm_before_fork()


def post_worker_init(worker: Any) -> None:
    warmup.start_in_background()
