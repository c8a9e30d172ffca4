"""Benchmark: Samtrygg under load — `samtrygg serve` (gunicorn) against Django's runserver.

Run: ``python benchmarks/bench_load.py [--clients 50] [--seconds 60]`` (writes
benchmarks/results/load.json; ``make bench`` runs it).

Set-up (in a temporary folder, production settings: DEBUG=0, SQLite): ``migrate`` and the
Västerås demo (``demo --force``). The same database is then copied for each server, so both
start from the same data.

For each server — ``samtrygg serve`` (gunicorn and the supervised worker, default workers
and threads for this machine) and, as the peer, ``samtrygg runserver --noreload`` (Django's
threaded development server, what ``make run`` used to serve) — on 127.0.0.1:

1. single client: each route of the mix alone, 10 warm-up requests then 60 measured, one
   after another: p50/p95 per route;
2. load: N clients (threads with keep-alive connections) for S seconds, each choosing a
   route by the mix's weights and sending the next request as soon as the last answered:
   requests, errors (a 5xx, a wrong status, a time-out of 30 s or a broken connection),
   throughput, and p50/p95/p99 per route and overall.

The mix: the public picture (anonymous, ``/public/``, 35 %), the incident list of the API
as the analyst (``/api/v1/incidents/?limit=50``, 25 %), the lägesbild dashboard as the
analyst (cached per process, ``/situation/``, 30 %), and the report form submitted as the
reporter (a new incident each time, 10 %). The sessions are logged in once and shared by
the clients (a session is a cookie).

The client runs on the same 2-core machine as the server, and competes with it for the
cores: the figures are a floor for what the server does on its own. Targets (issue 11):
single-client p95 of the cached dashboard and the API list under 50 ms; under 50 clients at
least 100 requests/s in all, p99 under 2 s, no errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "load.json"
PYTHON = sys.executable
TIMEOUT = 30.0
HTTP_OK = 200
HTTP_FOUND = 302
HTTP_SERVER_ERROR = 500
WARM_UP = 10
SINGLE_REQUESTS = 60
SEED = 20261206
#: The targets of issue 11.
TARGET_SINGLE_P95_MS = 50
TARGET_PER_SECOND = 100
TARGET_P99_MS = 2000
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANALYST = ("analytiker", "samtrygg-demo-analytiker")
REPORTER = ("rapportor", "samtrygg-demo-rapportor")


def environment(folder: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(folder)),
        "DATABASE_URL": f"sqlite:///{folder / 'samtrygg.sqlite3'}",
        "SAMTRYGG_VAR_DIR": str(folder),
        "SAMTRYGG_IGNORE_DOTENV": "1",
        "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "CASE_DATA_KEY": "YmVuY2gtb25seS1jYXNlLWRhdGEta2V5LTMyLWJ5dGU=",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL": "0",
        "SAMTRYGG_PLAIN_STATIC": "1",
        "OTP_REQUIRED_ROLES": "",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
    return env


def samtrygg(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "-m", "samtrygg.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if done.returncode != 0:
        raise SystemExit(f"samtrygg {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- HTTP ---------------------------------------------------------------------------------
class Client:
    """One keep-alive connection; reconnects after an error."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, *, headers: dict[str, str], body: bytes | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _cookies(headers: dict[str, str], jar: dict[str, str]) -> None:
    # http.client folds repeated Set-Cookie headers into one, comma-separated.
    for part in re.split(r",\s*(?=[A-Za-z_]+=)", headers.get("set-cookie", "")):
        name, _, rest = part.partition("=")
        if name.strip() in {"sessionid", "csrftoken"}:
            jar[name.strip()] = rest.split(";", 1)[0]


def _cookie_header(jar: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}


def log_in(port: int, username: str, password: str) -> dict[str, str]:
    client = Client(port)
    jar: dict[str, str] = {}
    status, headers, page = client.request("GET", "/accounts/login/", headers={})
    _cookies(headers, jar)
    token = CSRF_FIELD.search(page.decode())
    if status != HTTP_OK or token is None:
        raise SystemExit(f"login page answered {status}")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    ).encode()
    status, headers, _ = client.request(
        "POST",
        "/accounts/login/",
        headers={"Content-Type": "application/x-www-form-urlencoded", **_cookie_header(jar)},
        body=body,
    )
    _cookies(headers, jar)
    client.close()
    if status != HTTP_FOUND or "sessionid" not in jar:
        raise SystemExit(f"log-in as {username} answered {status}")
    return jar


@dataclass
class Route:
    name: str
    weight: float
    send: Callable[[Client], int]
    expect: int = HTTP_OK


@dataclass
class Sessions:
    analyst: dict[str, str]
    reporter: dict[str, str]
    report_token: str
    category: str


def routes(sessions: Sessions) -> list[Route]:
    analyst = _cookie_header(sessions.analyst)
    reporter = _cookie_header(sessions.reporter)
    counter = {"n": 0}
    lock = threading.Lock()

    def public(client: Client) -> int:
        return client.request("GET", "/public/", headers={})[0]

    def api_list(client: Client) -> int:
        return client.request("GET", "/api/v1/incidents/?limit=50", headers=analyst)[0]

    def dashboard(client: Client) -> int:
        return client.request("GET", "/situation/", headers=analyst)[0]

    def report(client: Client) -> int:
        with lock:
            counter["n"] += 1
            n = counter["n"]
        when = (datetime.now() - timedelta(minutes=30 + n % 600)).strftime("%Y-%m-%dT%H:%M")
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": sessions.report_token,
                "category": sessions.category,
                "occurred_from": when,
                "lon": f"{16.50 + (n % 50) / 1000:.4f}",
                "lat": f"{59.60 + (n % 40) / 1000:.4f}",
                "description": f"Klotter på fasaden, belastningstest {n}",
                "classification": "internal",
            }
        ).encode()
        return client.request(
            "POST",
            "/incidents/report/",
            headers={"Content-Type": "application/x-www-form-urlencoded", **reporter},
            body=body,
        )[0]

    return [
        Route("public picture", 0.35, public),
        Route("API list", 0.25, api_list),
        Route("cached dashboard", 0.30, dashboard),
        Route("report form submit", 0.10, report, expect=HTTP_FOUND),
    ]


def sessions_for(port: int) -> Sessions:
    analyst = log_in(port, *ANALYST)
    reporter = log_in(port, *REPORTER)
    client = Client(port)
    status, headers, page = client.request(
        "GET", "/incidents/report/", headers=_cookie_header(reporter)
    )
    _cookies(headers, reporter)
    client.close()
    text = page.decode()
    token = CSRF_FIELD.search(text)
    category = re.search(r'<option value="(\d+)"[^>]*>\s*Klotter', text)
    if status != HTTP_OK or token is None or category is None:
        raise SystemExit(f"report form answered {status}")
    return Sessions(analyst, reporter, token.group(1), category.group(1))


# --- measuring ----------------------------------------------------------------------------
def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99)}


def single_client(port: int, mix: list[Route]) -> dict[str, Any]:
    out = {}
    for route in mix:
        client = Client(port)
        times = []
        errors = 0
        for i in range(WARM_UP + SINGLE_REQUESTS):
            started = time.perf_counter()
            try:
                ok = route.send(client) == route.expect
            except (OSError, http.client.HTTPException):
                ok = False
            if i >= WARM_UP:
                times.append(time.perf_counter() - started)
                errors += not ok
        client.close()
        found = percentiles(times)
        out[route.name] = {"p50_ms": found["p50"], "p95_ms": found["p95"], "errors": errors}
    return out


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, dict[str, int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(route, []).append(seconds)
            if error:
                kinds = self.errors.setdefault(route, {})
                kinds[error] = kinds.get(error, 0) + 1


def load(port: int, mix: list[Route], *, clients: int, seconds: float) -> dict[str, Any]:
    tally = Tally()
    stop_at = time.monotonic() + seconds
    weights = [r.weight for r in mix]

    def run(index: int) -> None:
        rng = random.Random(SEED + index)
        client = Client(port)
        while time.monotonic() < stop_at:
            route = rng.choices(mix, weights)[0]
            started = time.perf_counter()
            error = None
            try:
                status = route.send(client)
                if status >= HTTP_SERVER_ERROR:
                    error = str(status)
                elif status != route.expect:
                    error = f"unexpected {status}"
            except TimeoutError:
                error = "time-out"
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
            tally.add(route.name, time.perf_counter() - started, error)
        client.close()

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    per_route = {}
    every = []
    for route in mix:
        times = tally.times.get(route.name, [])
        every.extend(times)
        per_route[route.name] = {
            "requests": len(times),
            "errors": sum(tally.errors.get(route.name, {}).values()),
            "error_kinds": tally.errors.get(route.name, {}),
            "per_second": round(len(times) / elapsed, 1),
            **{f"{k}_ms": v for k, v in percentiles(times).items()},
        }
    total_errors = sum(r["errors"] for r in per_route.values())
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "errors": total_errors,
        "per_second": round(len(every) / elapsed, 1),
        **{f"{k}_ms": v for k, v in percentiles(every).items()},
        "routes": per_route,
    }


# --- the servers --------------------------------------------------------------------------
def start(kind: str, folder: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    env = environment(folder)
    port = free_port()
    command = {
        "serve": [PYTHON, "-m", "samtrygg.cli", "serve", f"127.0.0.1:{port}"],
        "runserver": [PYTHON, "-m", "samtrygg.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
    }[kind]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            status = Client(port).request("GET", "/healthz", headers={})[0]
        except (OSError, http.client.HTTPException):
            status = 0
        # runserver runs no task worker: its /healthz says so (503) but it answers.
        if status in (HTTP_OK, 503):
            return process, port
        if process.poll() is not None:
            break
        time.sleep(0.5)
    raise SystemExit(f"{kind} did not start:\n{log.read_text()[-4000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure(
    kind: str, template: Path, work: Path, *, clients: int, seconds: float
) -> dict[str, Any]:
    folder = work / kind
    folder.mkdir()
    source = sqlite3.connect(template / "samtrygg.sqlite3")
    target = sqlite3.connect(folder / "samtrygg.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    if (template / "media").is_dir():
        shutil.copytree(template / "media", folder / "media")
    process, port = start(kind, folder, work / f"{kind}.log")
    try:
        mix = routes(sessions_for(port))
        print(f"  {kind}: single client …", flush=True)
        single = single_client(port, mix)
        print(f"  {kind}: {clients} clients for {seconds:.0f} s …", flush=True)
        loaded = load(port, mix, clients=clients, seconds=seconds)
    finally:
        stop(process)
    return {"single_client": single, "load": loaded}


def ratios(serve: dict[str, Any], peer: dict[str, Any]) -> dict[str, Any]:
    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 2) if a and b else None

    out: dict[str, Any] = {
        "throughput_serve_over_runserver": ratio(
            serve["load"]["per_second"], peer["load"]["per_second"]
        ),
        "p95_serve_over_runserver": ratio(serve["load"]["p95_ms"], peer["load"]["p95_ms"]),
        "p99_serve_over_runserver": ratio(serve["load"]["p99_ms"], peer["load"]["p99_ms"]),
        "routes": {},
    }
    for name, figures in serve["load"]["routes"].items():
        theirs = peer["load"]["routes"][name]
        out["routes"][name] = {
            "p95_serve_over_runserver": ratio(figures["p95_ms"], theirs["p95_ms"]),
            "single_client_p95_serve_over_runserver": ratio(
                serve["single_client"][name]["p95_ms"], peer["single_client"][name]["p95_ms"]
            ),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-peer", action="store_true", help="skip runserver")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-load-") as tmp:
        work = Path(tmp)
        template = work / "template"
        template.mkdir()
        env = environment(template)
        print("  migrating and building the demo …", flush=True)
        started = time.perf_counter()
        samtrygg(env, "migrate", "--noinput", "-v", "0")
        samtrygg(env, "demo", "--force")
        setup_seconds = time.perf_counter() - started
        results: dict[str, Any] = {}
        for kind in ("serve",) if args.no_peer else ("serve", "runserver"):
            results[kind] = measure(
                kind, template, work, clients=args.clients, seconds=args.seconds
            )
    serve = results["serve"]
    report = {
        "benchmark": "load",
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "setup_seconds": round(setup_seconds, 1),
        "database": "SQLite (WAL), DEBUG=0",
        "mix": {r.name: r.weight for r in routes(Sessions({}, {}, "", ""))},
        "serve": serve,
        "targets": {
            "single_client_p95_under_50ms": {
                name: serve["single_client"][name]["p95_ms"] is not None
                and serve["single_client"][name]["p95_ms"] < TARGET_SINGLE_P95_MS
                for name in ("cached dashboard", "API list")
            },
            "at_least_100_per_second": serve["load"]["per_second"] >= TARGET_PER_SECOND,
            "p99_under_2s": (serve["load"]["p99_ms"] or 0) < TARGET_P99_MS,
            "no_errors": serve["load"]["errors"] == 0,
        },
    }
    if "runserver" in results:
        report["runserver"] = results["runserver"]
        report["ratios"] = ratios(serve, results["runserver"])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: report[k] for k in ("targets",)}, indent=2))
    line = serve["load"]
    print(
        f"  serve: {line['per_second']} req/s, p50 {line['p50_ms']} ms, p95 {line['p95_ms']} ms, "
        f"p99 {line['p99_ms']} ms, {line['errors']} errors"
    )
    if "runserver" in results:
        peer = results["runserver"]["load"]
        print(
            f"  runserver: {peer['per_second']} req/s, p95 {peer['p95_ms']} ms, "
            f"p99 {peer['p99_ms']} ms, {peer['errors']} errors"
        )
    print(f"  -> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
