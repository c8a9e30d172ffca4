"""A real ``samtrygg serve`` in a scratch folder, for the fault tests and the load benchmark.

Each server gets its own SQLite database and ``var/`` folder, a free port on 127.0.0.1 and
a log file; ``stop()`` ends it and everything it started.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

WORKER_STARTED = re.compile(r"worker started \(pid (\d+)\)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
#: numba's compiled kernels and matplotlib's font list, shared by every scratch server (by
#: default they live in the var folder, which is new for each: every start would compile).
SCRATCH_CACHE = Path(tempfile.gettempdir()) / "samtrygg-scratch-cache"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: Callable[[], bool], seconds: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (gone in all but name)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return False


def scratch_env(folder: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(folder)),
        "DEBUG": "1",
        "SAMTRYGG_IGNORE_DOTENV": "1",
        "SAMTRYGG_VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'samtrygg.sqlite3'}",
        "NUMBA_CACHE_DIR": os.environ.get("NUMBA_CACHE_DIR", str(SCRATCH_CACHE / "numba")),
        "MPLCONFIGDIR": os.environ.get("MPLCONFIGDIR", str(SCRATCH_CACHE / "matplotlib")),
    }
    env.update(extra)
    return env


def samtrygg(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "samtrygg.cli", *args],
        env=env,
        check=True,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
    return done.stdout


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    env: dict[str, str]
    opener: Any = field(default=None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        return [int(pid) for pid in WORKER_STARTED.findall(self.log_text())]

    def get(self, path: str, *, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, timeout=timeout)

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, str] | None = None,
        *,
        timeout: float = 30,
        opener: Any = None,
    ) -> tuple[int, dict[str, str], bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Always http://127.0.0.1:<port>: the server this helper started.
        request = urllib.request.Request(self.url + path, data=body, method=method)  # noqa: S310
        use = opener or self.opener or urllib.request.build_opener()
        try:
            with use.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def upload(
        self,
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes]],
        *,
        opener: Any,
        timeout: float = 120,
    ) -> tuple[int, dict[str, str], bytes]:
        """POST a multipart form (``files``: field -> (file name, content)), as a browser
        uploads a file."""
        boundary = uuid.uuid4().hex
        parts: list[bytes] = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        # Always http://127.0.0.1:<port>: the server this helper started.
        request = urllib.request.Request(  # noqa: S310
            self.url + path,
            data=b"".join(parts),
            method="POST",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def kill_everything(self) -> None:
        """SIGKILL to serve's whole process group (serve, gunicorn and the worker), as a
        power cut or the OOM killer would end them: nothing gets to clean up."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def health(self) -> tuple[int, dict[str, Any]]:
        try:
            status, _headers, body = self.get("/healthz", timeout=20)
        except OSError:
            return 0, {}
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {}

    def healthy(self) -> bool:
        return self.health()[0] == HTTPStatus.OK

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def session_opener() -> Any:
    """An opener that keeps cookies and does not follow redirects (a 302 is an answer)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )


def csrf_token(served: Served, path: str, opener: Any, *, timeout: float = 30) -> str:
    """The CSRF token of the form on the page at ``path`` (the cookie lands in ``opener``)."""
    status, _headers, page = served.request("GET", path, opener=opener, timeout=timeout)
    token = CSRF_FIELD.search(page.decode(errors="replace"))
    if status != HTTPStatus.OK or token is None:
        raise AssertionError(f"{path}: {status}")
    return token.group(1)


def log_in(
    served: Served,
    username: str,
    password: str,
    *,
    timeout: float = 30,
    opener: Any = None,
) -> tuple[int, dict[str, str]]:
    """Log in through the form, as a browser does; returns the POST's status and headers.
    With ``opener`` the session cookie stays in it."""
    opener = opener or session_opener()
    token = csrf_token(served, "/accounts/login/", opener, timeout=timeout)
    status, headers, _body = served.request(
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": password},
        opener=opener,
        timeout=timeout,
    )
    return status, headers


def serve(
    folder: Path,
    *,
    args: Sequence[str] = (),
    env: dict[str, str] | None = None,
    wait_healthy: float = 240,
) -> Served:
    """Start ``samtrygg serve`` on a migrated database in ``folder`` and wait for /healthz."""
    env = env or scratch_env(folder)
    port = free_port()
    log = folder / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "samtrygg.cli", "serve", *args, f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    served = Served(process=process, port=port, log=log, env=env)
    if wait_healthy and not wait_for(served.healthy, wait_healthy, step=0.5):
        served.stop()
        raise AssertionError(f"serve never became healthy:\n{served.log_text()}")
    return served
