"""``samtrygg serve``: the web server and a supervised task worker, started and stopped
together.

By default the web server is gunicorn (``SERVE_WORKERS`` processes of ``SERVE_THREADS``
threads; the defaults follow the machine's cores); ``--dev`` runs Django's development
server with auto-reload instead. Beside it, ``samtrygg worker --recover`` runs the
background tasks; when the worker exits for any reason it is logged and started again with
back-off (``samtrygg.core.supervisor``). When gunicorn itself stops, serve stops the worker
and exits with an error, so that systemd (``deploy/``) restarts the whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from samtrygg.core.supervisor import Supervisor, describe_exit, spawn, stop_process


def _exit_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


class Command(BaseCommand):
    help = "Serve Samtrygg (gunicorn, or --dev for the development server) with its worker."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server with auto-reload"
        )
        parser.add_argument("--noreload", action="store_true", help="with --dev: no auto-reload")
        parser.add_argument("--workers", type=int, default=None, help="default SERVE_WORKERS")
        parser.add_argument("--threads", type=int, default=None, help="default SERVE_THREADS")
        parser.add_argument(
            "--no-worker", action="store_true", help="serve only (the worker runs elsewhere)"
        )
        parser.add_argument(
            "--setup",
            action="store_true",
            help="migrate and build the demo workspace first, in this process (make run)",
        )

    server: subprocess.Popen[bytes] | None = None

    def handle(self, *args: Any, **options: Any) -> None:
        # runserver's auto-reloader runs this command again in a child with RUN_MAIN=true;
        # only the outer process sets up and supervises the worker.
        outer = os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if options["setup"] and outer:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("demo")
        supervisor = None
        if not options["no_worker"] and outer:
            reload_flag = (
                "--reload" if options["dev"] and not options["noreload"] else "--no-reload"
            )
            supervisor = Supervisor(
                [sys.executable, "-m", "samtrygg.cli", "worker", "--recover", reload_flag],
                announce=self._say,
            )
        # `kill` (SIGTERM) or a closed terminal stops everything, not only Ctrl-C.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGHUP, _exit_on_signal)
        try:
            if supervisor is not None:
                supervisor.start()
            if options["dev"]:
                self._say(
                    f"Samtrygg (development server) is served at http://{options['addrport']}/"
                )
                call_command("runserver", options["addrport"], use_reloader=not options["noreload"])
            else:
                self._gunicorn(options)
        finally:
            # Both are told to stop first, then waited for: a shutdown takes the longer of
            # the two graceful stops, not their sum.
            if supervisor is not None:
                supervisor.request_stop()
            if self.server is not None:
                stop_process(self.server)
            if supervisor is not None:
                supervisor.stop()

    def _gunicorn(self, options: dict[str, Any]) -> None:
        workers = options["workers"] or settings.SERVE_WORKERS
        threads = options["threads"] or settings.SERVE_THREADS
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "samtrygg.wsgi:application",
            "--bind",
            options["addrport"],
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            str(settings.SERVE_TIMEOUT),
            "--graceful-timeout",
            "20",
            # Let a slow client's keep-alive not tie up a thread for long.
            "--keep-alive",
            "5",
            # No control socket in the home folder: nothing outside serve drives gunicorn.
            "--no-control-socket",
        ]
        if settings.SERVE_WARM_UP:
            command += ["--config", "python:samtrygg.core.gunicorn_conf"]
        self.server = server = spawn(command)
        self._say(
            f"Samtrygg is served at http://{options['addrport']}/ "
            f"(gunicorn, {workers} processes × {threads} threads, pid {server.pid})"
        )
        code = server.wait()
        raise CommandError(f"the web server stopped ({describe_exit(code)})", returncode=1)

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()  # seen at once when the output is a pipe or a file
