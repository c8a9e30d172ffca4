"""Keeping a child process running: ``samtrygg serve``'s task worker.

A thread starts the worker, waits for it, logs how it ended (exit code or signal) and
starts it again after a back-off that doubles from ``first_delay`` up to ``max_delay``
and starts over once a run has lasted ``stable_after`` seconds. The thread reaps every
child it started, so a dead worker never lingers as a zombie.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import IO

logger = logging.getLogger("samtrygg.serve")

PR_SET_PDEATHSIG = 1
STOP_WAIT_SECONDS = 15


def die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM when its parent dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: serve's own signal handlers still stop the children


def spawn(command: Sequence[str], *, stdout: IO[str] | None = None) -> subprocess.Popen[bytes]:
    # Unbuffered: each log line reaches the journal (or the log file) when it is written.
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        list(command),
        env=env,
        preexec_fn=die_with_parent if sys.platform == "linux" else None,
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
    )


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def stop_process(process: subprocess.Popen[bytes], *, wait: float = STOP_WAIT_SECONDS) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Supervisor(threading.Thread):
    """Runs ``command`` until ``stop()``; restarts it with back-off when it exits."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        announce: Callable[[str], None] = print,
        first_delay: float = 1.0,
        max_delay: float = 60.0,
        stable_after: float = 60.0,
    ) -> None:
        super().__init__(name="supervise-worker", daemon=True)
        self.command = list(command)
        self.label = "worker"
        self.announce = announce
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.stable_after = stable_after
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def run(self) -> None:
        delay = self.first_delay
        while not self._stopping.is_set():
            with self._lock:
                if self._stopping.is_set():
                    break
                self.process = spawn(self.command)
                started = time.monotonic()
            self.announce(f"Background-task {self.label} started (pid {self.process.pid}).")
            code = self.process.wait()  # reaps the child: no zombie
            if self._stopping.is_set():
                break
            lasted = time.monotonic() - started
            if lasted >= self.stable_after:
                delay = self.first_delay
            logger.error(
                "the background-task %s (pid %s) stopped after %.0f s (%s); "
                "starting it again in %.0f s",
                self.label,
                self.process.pid,
                lasted,
                describe_exit(code),
                delay,
            )
            self.announce(
                f"Background-task {self.label} stopped ({describe_exit(code)}); "
                f"restarting in {delay:.0f} s."
            )
            self.restarts += 1
            if self._stopping.wait(delay):
                break
            delay = min(delay * 2, self.max_delay)

    def request_stop(self) -> None:
        """Ask the child to stop (SIGTERM) without waiting: stopping several at once."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        self.request_stop()
        process = self.process
        if process is not None:
            stop_process(process)
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=STOP_WAIT_SECONDS)
