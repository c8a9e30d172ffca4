"""Run the web server and the background-task worker side by side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


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
            worker = subprocess.Popen(
                [sys.executable, "-m", "samtrygg.cli", "db_worker", "--interval", "1"],
            )
            self.stdout.write(f"Background-task worker started (pid {worker.pid}).")
            self.stdout.write(f"Samtrygg is served at http://{options['addrport']}/")
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
