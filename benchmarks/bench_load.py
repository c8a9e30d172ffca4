"""Benchmark: Samtrygg under load — `samtrygg serve` (gunicorn) against Django's runserver.

Run: ``python benchmarks/bench_load.py [--clients 50] [--seconds 60]`` (writes
benchmarks/results/load.json; ``make bench`` runs it). For quick iteration:
``--server serve`` (or ``runserver``) measures one server, ``--single-only`` skips the load
phase, ``--workers``/``--threads`` set serve's gunicorn; such a partial run prints its
figures and writes load.json only with ``--out``.

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
cores: the figures are a floor for what the server does on its own. The CPU time of both
is recorded per request (the client's own process; the server's processes read from
/proc), so that a run shows whether the client was the bottleneck. When any request answers
5xx the server's log is kept beside the results (``load-<server>.log``) and its tracebacks
printed: an error under load can be explained afterwards. Targets (issue 11):
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
ROUTE_KEYS = ("public", "api", "dashboard", "report")
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


def server_cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the web server's processes (gunicorn's master and workers,
    or runserver; not serve's task worker, whose polling is no request's cost), read from
    /proc: the processes of the server's group whose command line names the server."""
    ticks = 0
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            text = (folder / "stat").read_text()
            command = (folder / "cmdline").read_bytes()
        except OSError:  # the process ended meanwhile
            continue
        fields = text[text.rindex(")") + 2 :].split()
        # After the name: state, ppid, pgrp, …, utime (12th), stime, cutime, cstime.
        if int(fields[2]) == process.pid and (b"gunicorn" in command or b"runserver" in command):
            ticks += sum(int(f) for f in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def settle(process: subprocess.Popen[bytes], *, idle: float = 0.05, limit: float = 180) -> float:
    """Wait until the server is idle (under ``idle`` CPU seconds per second, twice running):
    serve's workers warm up in the background after they start, which would otherwise be
    counted against the first requests. Returns the seconds waited."""
    started = time.monotonic()
    last = server_cpu_seconds(process)
    quiet = 0
    while quiet < 2 and time.monotonic() - started < limit:
        time.sleep(1)
        now = server_cpu_seconds(process)
        quiet = quiet + 1 if now - last < idle else 0
        last = now
    return time.monotonic() - started


class CpuMeter:
    """The client's and the server's CPU time over a stretch of the benchmark."""

    def __init__(self, server: subprocess.Popen[bytes]) -> None:
        self.server = server
        self.client0 = time.process_time()
        self.server0 = server_cpu_seconds(server)

    def per_request(self, requests: int) -> dict[str, float | None]:
        client = time.process_time() - self.client0
        server = server_cpu_seconds(self.server) - self.server0

        def ms(seconds: float) -> float | None:
            return round(seconds * 1000 / requests, 2) if requests else None

        return {"client_cpu_ms_per_request": ms(client), "server_cpu_ms_per_request": ms(server)}


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
    key: str
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
        Route("public picture", "public", 0.35, public),
        Route("API list", "api", 0.25, api_list),
        Route("cached dashboard", "dashboard", 0.30, dashboard),
        Route("report form submit", "report", 0.10, report, expect=HTTP_FOUND),
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


def single_client(port: int, mix: list[Route], server: subprocess.Popen[bytes]) -> dict[str, Any]:
    out = {}
    for route in mix:
        client = Client(port)
        meter: CpuMeter | None = None
        times = []
        errors = 0
        for i in range(WARM_UP + SINGLE_REQUESTS):
            if i == WARM_UP:
                meter = CpuMeter(server)
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
        out[route.name] = {
            "p50_ms": found["p50"],
            "p95_ms": found["p95"],
            "errors": errors,
            **(meter.per_request(len(times)) if meter else {}),
        }
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


def load(
    port: int,
    mix: list[Route],
    server: subprocess.Popen[bytes],
    *,
    clients: int,
    seconds: float,
) -> dict[str, Any]:
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

    meter = CpuMeter(server)
    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cpu = meter.per_request(sum(len(t) for t in tally.times.values()))
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
        **cpu,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "routes": per_route,
    }


# --- the servers --------------------------------------------------------------------------
def start(
    kind: str, folder: Path, log: Path, *, gunicorn: list[str]
) -> tuple[subprocess.Popen[bytes], int]:
    env = environment(folder)
    port = free_port()
    command = {
        "serve": [PYTHON, "-m", "samtrygg.cli", "serve", *gunicorn, f"127.0.0.1:{port}"],
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


TRACEBACK = re.compile(r"^Traceback \(most recent call last\):\n(?:[ \t].*\n)+\S.*$", re.M)


def keep_log(kind: str, log: Path) -> None:
    """Keep the server's log beside the results and print its tracebacks, grouped by their
    last line (an error under load must be explainable after the run)."""
    kept = RESULTS.parent / f"load-{kind}.log"
    shutil.copyfile(log, kept)
    found: dict[str, list[str]] = {}
    for match in TRACEBACK.finditer(log.read_text(errors="replace")):
        found.setdefault(match.group(0).rsplit("\n", 1)[-1], []).append(match.group(0))
    print(f"  {kind}: errors; its log is kept in {kept.relative_to(ROOT)}", flush=True)
    for last, tracebacks in found.items():
        print(f"  {len(tracebacks)} × {last}\n{tracebacks[0]}\n", flush=True)
    if not found:
        print("  (no traceback in the log)", flush=True)


def measure(kind: str, template: Path, work: Path, options: argparse.Namespace) -> dict[str, Any]:
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
    gunicorn = []
    if options.workers:
        gunicorn += ["--workers", str(options.workers)]
    if options.threads:
        gunicorn += ["--threads", str(options.threads)]
    log = work / f"{kind}.log"
    process, port = start(kind, folder, log, gunicorn=gunicorn)
    loaded = None
    try:
        print(f"  {kind}: warmed up after {settle(process):.0f} s", flush=True)
        mix = [r for r in routes(sessions_for(port)) if not options.only or r.key in options.only]
        print(f"  {kind}: single client …", flush=True)
        single = single_client(port, mix, process)
        if not options.single_only:
            print(f"  {kind}: {options.clients} clients for {options.seconds:.0f} s …", flush=True)
            loaded = load(port, mix, process, clients=options.clients, seconds=options.seconds)
    finally:
        stop(process)
    errors = sum(r["errors"] for r in single.values()) + (loaded["errors"] if loaded else 0)
    if errors:
        keep_log(kind, log)
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


def build_demo(template: Path) -> float:
    """Migrate and build the demo into ``template``; returns the seconds it took (0 when
    ``template`` already holds a database: ``--demo-cache`` reuses one between runs)."""
    env = environment(template)
    if (template / "samtrygg.sqlite3").exists():
        # Brought up to the code's migrations: a kept database may predate a new table.
        print(f"  reusing the demo database in {template} (migrated)", flush=True)
        samtrygg(env, "migrate", "--noinput", "-v", "0")
        return 0.0
    template.mkdir(parents=True, exist_ok=True)
    print("  migrating and building the demo …", flush=True)
    started = time.perf_counter()
    samtrygg(env, "migrate", "--noinput", "-v", "0")
    samtrygg(env, "demo", "--force")
    return time.perf_counter() - started


def targets(serve: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "single_client_p95_under_50ms": {
            name: serve["single_client"][name]["p95_ms"] is not None
            and serve["single_client"][name]["p95_ms"] < TARGET_SINGLE_P95_MS
            for name in ("cached dashboard", "API list")
            if name in serve["single_client"]
        }
    }
    if serve["load"] is not None:
        out["at_least_100_per_second"] = serve["load"]["per_second"] >= TARGET_PER_SECOND
        out["p99_under_2s"] = (serve["load"]["p99_ms"] or 0) < TARGET_P99_MS
        out["no_errors"] = serve["load"]["errors"] == 0
    return out


def summary(kind: str, figures: dict[str, Any]) -> None:
    for name, route in figures["single_client"].items():
        print(
            f"  {kind} single client, {name}: p50 {route['p50_ms']} ms, p95 {route['p95_ms']} ms, "
            f"server CPU {route.get('server_cpu_ms_per_request')} ms/request"
        )
    line = figures["load"]
    if line is not None:
        print(
            f"  {kind}: {line['per_second']} req/s, p50 {line['p50_ms']} ms, "
            f"p95 {line['p95_ms']} ms, p99 {line['p99_ms']} ms, {line['errors']} errors; "
            f"CPU per request: server {line['server_cpu_ms_per_request']} ms, "
            f"client {line['client_cpu_ms_per_request']} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--server", choices=("both", "serve", "runserver"), default="both", help="default both"
    )
    parser.add_argument("--no-peer", action="store_true", help="the same as --server serve")
    parser.add_argument("--single-only", action="store_true", help="skip the load phase")
    parser.add_argument(
        "--only",
        action="append",
        choices=ROUTE_KEYS,
        help="only this route of the mix (repeatable; default all)",
    )
    parser.add_argument("--workers", type=int, help="serve's gunicorn processes")
    parser.add_argument("--threads", type=int, help="serve's gunicorn threads per process")
    parser.add_argument(
        "--demo-cache", type=Path, help="build the demo database once into this folder"
    )
    parser.add_argument(
        "--out", type=Path, help="write the results here (a partial run writes none by default)"
    )
    args = parser.parse_args()
    kinds = (
        ("serve",)
        if args.no_peer
        else {"both": ("serve", "runserver")}.get(args.server, (args.server,))
    )
    full = len(kinds) == 2 and not (args.single_only or args.workers or args.threads or args.only)
    out = args.out or (RESULTS if full else None)
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-load-") as tmp:
        work = Path(tmp)
        template = args.demo_cache or work / "template"
        setup_seconds = build_demo(template)
        results = {kind: measure(kind, template, work, args) for kind in kinds}
    report: dict[str, Any] = {
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
        "clients": args.clients,
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        **results,
    }
    if "serve" in results:
        report["targets"] = targets(results["serve"])
        print(json.dumps(report["targets"], indent=2))
    if full:
        report["ratios"] = ratios(results["serve"], results["runserver"])
    for kind, figures in results.items():
        summary(kind, figures)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"  -> {out}")


if __name__ == "__main__":
    main()
