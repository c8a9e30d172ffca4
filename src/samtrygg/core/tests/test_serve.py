"""``samtrygg serve``: the web server and its task worker start and stop together."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone in all but name
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def _wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_server_stops_its_worker(tmp_path: Path, how: signal.Signals) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("checks processes through /proc")
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "1",
        "SAMTRYGG_IGNORE_DOTENV": "1",
        "SAMTRYGG_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "-m", "samtrygg.cli", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "samtrygg.cli", "serve", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:

        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    return bool(r.status == 200)
            except OSError:
                return False

        assert _wait_for(healthy, 60), log.read_text()
        found = re.search(r"worker started \(pid (\d+)\)", log.read_text())
        assert found, log.read_text()
        worker = int(found.group(1))
        assert _alive(worker)
        server.send_signal(how)
        server.wait(timeout=30)
        assert _wait_for(lambda: not _alive(worker), 15), "the worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
