"""Django for the benchmarks that render pages or call services: a throw-away SQLite
database and var folder, production-like settings with fixed, bench-only secrets; and what
every result file begins with, and how it is written."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import platform
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def bench_environment(
    db: Path, var: Path, *, debug: bool, plain_static: bool = False
) -> dict[str, str]:
    """The environment of a benchmark's Django: ``db`` and ``var`` throw-away, fixed
    bench-only secrets (no cases are held), tasks run at once, quiet logging.
    ``plain_static=True`` serves static files without the manifest (a server started from
    this environment without ``collectstatic``)."""
    env = {
        "DATABASE_URL": f"sqlite:///{db}",
        "SAMTRYGG_VAR_DIR": str(var),
        "SAMTRYGG_IGNORE_DOTENV": "1",
        "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "CASE_DATA_KEY": "YmVuY2gtb25seS1jYXNlLWRhdGEta2V5LTMyLWJ5dGU=",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL": "0",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "DJANGO_SETTINGS_MODULE": "samtrygg.settings",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "1" if debug else "0",
    }
    if plain_static:
        env["SAMTRYGG_PLAIN_STATIC"] = "1"
    return env


def setup_django(db: Path, var: Path, *, debug: bool, plain_static: bool = False) -> dict[str, str]:
    """Set up Django on ``db``; ``debug=True`` where pages are rendered (static names
    without a manifest). The workload modules beside this file import models, so they are
    imported only after this call. Returns the environment (for a server started beside)."""
    env = bench_environment(db, var, debug=debug, plain_static=plain_static)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(HERE))
    importlib.import_module("django").setup()
    return env


@contextlib.contextmanager
def temp_django(name: str, *, debug: bool) -> Iterator[ModuleType]:
    """Django on a throw-away database and var folder (``setup_django``), removed afterwards;
    yields the benchmark's workload module, ``<name>_workload`` beside this file, imported
    only now because it imports models."""
    with tempfile.TemporaryDirectory(prefix=f"samtrygg-bench-{name}-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3", Path(tmp) / "var", debug=debug)
        yield importlib.import_module(f"{name}_workload")


def result_header(name: str) -> dict[str, Any]:
    """The benchmark's name, the time, and the machine with its load average now (the machine
    is shared: a figure means little without it)."""
    return {
        "benchmark": name,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 1) for x in os.getloadavg()],
        },
    }


def write_result(path: Path, result: dict[str, Any]) -> None:
    """Write ``result`` to ``path`` (a file under results/) and print it."""
    text = json.dumps(result, indent=2, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    print(text)
