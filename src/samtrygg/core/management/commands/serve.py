"""Run the web server and the background-task worker side by side."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM when this process dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the SIGTERM handler in ``handle`` still stops the worker


def _exit_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


class Command(BaseCommand):
    help = "Start the task worker in the background and the web server in the foreground."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true", help="no auto-reload")
        parser.add_argument(
            "--setup",
            action="store_true",
            help="migrate and build the demo workspace first, in this process (make run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = None
        # runserver's auto-reloader re-runs this command in a child with RUN_MAIN=true;
        # only the outer process starts the worker.
        if os.environ.get("RUN_MAIN") != "true":
            if options["setup"]:
                call_command("migrate", interactive=False, verbosity=0)
                call_command("demo")
            # The worker reloads on code changes only when the web server does.
            reload_flag = "--no-reload" if options["noreload"] else "--reload"
            worker = subprocess.Popen(
                [sys.executable, "-m", "samtrygg.cli", "db_worker", "--interval", "1", reload_flag],
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
            # `kill` (SIGTERM) or a closed terminal stops the worker too, not only Ctrl-C.
            signal.signal(signal.SIGTERM, _exit_on_signal)
            signal.signal(signal.SIGHUP, _exit_on_signal)
            self.stdout.write(f"Background-task worker started (pid {worker.pid}).")
            self.stdout.write(f"Samtrygg is served at http://{options['addrport']}/")
            self.stdout.flush()  # seen at once when the output is a pipe or a file
        try:
            call_command(
                "runserver",
                options["addrport"],
                use_reloader=not options["noreload"],
            )
        finally:
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
