"""Reading settings from environment variables: the parsing helpers ``settings.py`` uses.

Each helper reads one variable, or the content of the file named by ``<NAME>_FILE`` (for
container secrets), and stops start-up with ``ImproperlyConfigured`` naming the variable
when its value cannot be used (docs/configuration.md); ``database_config`` turns
``DATABASE_URL`` into Django's database settings, ``shared_cache_config``
``SHARED_CACHE_URL`` into the shared cache's. Nothing here imports Django's
settings: ``settings.py`` imports this module.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_raw(name: str) -> str | None:
    """The variable's value, or the content of the file named by ``<name>_FILE``."""
    value = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if value is None and file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name!r}: {exc}") from exc
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = env_raw(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}: expected one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = env_raw(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_raw(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    raw = env_raw(name)
    return default if raw is None or raw == "" else raw


def env_hour(name: str, default: int) -> int:
    """An hour of the day, 0–23 (when a daily task runs)."""
    value = env_int(name, default)
    if value not in range(24):
        raise ImproperlyConfigured(f"{name}: an hour of the day 0–23; got {value}")
    return value


def env_date(name: str, default: str) -> str:
    """A date written YYYY-MM-DD, kept as text (checked, not converted)."""
    value = env_str(name, default)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: a date YYYY-MM-DD, got {value!r}") from None
    return value


_CASE_KEY_BYTES = 32


def case_data_keys(raw: str, *, debug: bool, secret_key: str) -> list[bytes]:
    """The case-data master keys, current first. Without a key, a development key is derived
    from SECRET_KEY when DEBUG=1; in production start-up stops (docs/cases.md)."""
    if not raw.strip():
        if not debug:
            raise ImproperlyConfigured(
                "CASE_DATA_KEY: not set. Set CASE_DATA_KEY (or CASE_DATA_KEY_FILE) to a key "
                "made with `samtrygg generate-case-key`; it encrypts the identities in case "
                "coordination. A development key is derived only when DEBUG=1."
            )
        return [hashlib.sha256(b"samtrygg development case key:" + secret_key.encode()).digest()]
    keys = []
    for position, item in enumerate(raw.split(","), start=1):
        text = item.strip()
        try:
            key = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != _CASE_KEY_BYTES:
            raise ImproperlyConfigured(
                f"CASE_DATA_KEY: key {position} is not 32 bytes in base64 "
                "(make one with `samtrygg generate-case-key`)"
            )
        keys.append(key)
    return keys


def database_config(url: str, *, busy_timeout: int) -> dict[str, Any]:
    """Django's database settings from ``DATABASE_URL`` (SQLite or PostgreSQL only).

    SQLite gets WAL, foreign keys, IMMEDIATE transactions and ``busy_timeout`` seconds of
    waiting for another's write lock (its folder is made); PostgreSQL keeps connections
    open ``DATABASE_CONN_MAX_AGE`` seconds, checked before use, and waits for a lock at
    most ``DATABASE_LOCK_TIMEOUT`` seconds (0: as long as it takes).
    """
    try:
        db: dict[str, Any] = environ.Env.db_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL: cannot be parsed ({exc})") from None
    if not db.get("ENGINE"):
        raise ImproperlyConfigured(
            "DATABASE_URL: unsupported scheme; use sqlite:/// or postgres://"
        )
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if db.get("NAME") and db["NAME"] != ":memory:":
            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        db.setdefault("OPTIONS", {}).update(
            {
                # WAL lets the web server read while the task worker writes; IMMEDIATE avoids
                # "database is locked" on write upgrades inside transactions.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                # How long a writer waits for another's write lock before "database is locked"
                # (a request then answers 503 with Retry-After; the task worker tries again).
                "timeout": busy_timeout,
            }
        )
        db["TEST"] = {"NAME": None}
    elif db["ENGINE"].startswith("django.db.backends.postgresql"):
        db["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
        db["CONN_HEALTH_CHECKS"] = True
        # PostgreSQL waits for a lock as long as it is held; with a limit, a statement that
        # waited longer fails with 55P03, which a request answers with 503 and the task
        # worker waits out (core.dblocks), as SQLite's busy time-out does.
        lock_timeout = env_int("DATABASE_LOCK_TIMEOUT", 0, minimum=0)
        if lock_timeout:
            options = db.setdefault("OPTIONS", {})
            given = options.get("options", "")
            options["options"] = f"{given} -c lock_timeout={lock_timeout * 1000}".strip()
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL: {db['ENGINE']} is not supported; use SQLite or PostgreSQL"
        )
    return db


def shared_cache_config(url: str) -> dict[str, Any]:
    """Django's settings of the cache every server process shares, from ``SHARED_CACHE_URL``
    (at most 2,000 entries unless the URL's options say otherwise)."""
    try:
        cache: dict[str, Any] = environ.Env.cache_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(f"SHARED_CACHE_URL: cannot be parsed ({exc})") from None
    cache.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)
    return cache
