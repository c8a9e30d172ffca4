"""The helpers settings.py reads its variables with: each value parsed, each bad one refused
with a message that names the variable."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from samtrygg.core.envsettings import (
    case_data_keys,
    database_config,
    env_bool,
    env_date,
    env_hour,
    env_int,
    env_list,
    env_raw,
    env_str,
    shared_cache_config,
)


def test_values_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", " Yes ")
    monkeypatch.setenv("X_NUMBER", "12")
    monkeypatch.setenv("X_LIST", "a, b,,c ")
    monkeypatch.setenv("X_TEXT", "")
    assert env_bool("X_FLAG", False) is True
    assert env_int("X_NUMBER", 1, minimum=1) == 12
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    assert env_str("X_TEXT", "default") == "default"  # empty means the default
    monkeypatch.setenv("X_HOUR", "23")
    assert env_hour("X_HOUR", 2) == 23
    assert env_date("X_DAY", "2026-12-06") == "2026-12-06"
    monkeypatch.delenv("X_FLAG")
    assert env_bool("X_FLAG", True) is True


@pytest.mark.parametrize(
    ("value", "call", "message"),
    [
        ("maybe", lambda: env_bool("X_VAR", False), "X_VAR: expected one of 1/0"),
        ("five", lambda: env_int("X_VAR", 1), "X_VAR: expected a whole number; got 'five'"),
        ("0", lambda: env_int("X_VAR", 1, minimum=1), "X_VAR: must be at least 1; got 0"),
        ("24", lambda: env_hour("X_VAR", 2), "X_VAR: an hour of the day 0–23; got 24"),
        ("-1", lambda: env_hour("X_VAR", 2), "X_VAR: an hour of the day 0–23; got -1"),
        ("6/12", lambda: env_date("X_VAR", "2026-12-06"), "X_VAR: a date YYYY-MM-DD"),
    ],
)
def test_bad_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str, call: object, message: str
) -> None:
    monkeypatch.setenv("X_VAR", value)
    with pytest.raises(ImproperlyConfigured, match=message):
        call()  # type: ignore[operator]


def test_a_secret_comes_from_its_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("X_SECRET", raising=False)
    (tmp_path / "secret").write_text("s3cret\n")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "secret"))
    assert env_raw("X_SECRET") == "s3cret"
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="X_SECRET_FILE: cannot read"):
        env_raw("X_SECRET")


def test_case_data_keys() -> None:
    key = base64.urlsafe_b64encode(bytes(range(32))).decode().rstrip("=")
    other = base64.urlsafe_b64encode(bytes(32)).decode()
    assert case_data_keys(f"{key}, {other}", debug=False, secret_key="x") == [
        bytes(range(32)),
        bytes(32),
    ]
    with pytest.raises(ImproperlyConfigured, match="CASE_DATA_KEY: key 2 is not 32 bytes"):
        case_data_keys(f"{key},c2hvcnQ", debug=False, secret_key="x")
    with pytest.raises(ImproperlyConfigured, match="CASE_DATA_KEY: not set"):
        case_data_keys(" ", debug=False, secret_key="x")
    development = case_data_keys("", debug=True, secret_key="x")
    assert len(development) == 1 and len(development[0]) == 32


def test_database_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = database_config(f"sqlite:///{tmp_path}/sub/x.sqlite3", busy_timeout=7)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["OPTIONS"]["timeout"] == 7
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert (tmp_path / "sub").is_dir()
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "5")
    pg = database_config("postgres://u@127.0.0.1:5432/n", busy_timeout=7)
    assert (pg["CONN_MAX_AGE"], pg["CONN_HEALTH_CHECKS"]) == (5, True)
    assert "options" not in pg.get("OPTIONS", {})  # no lock time-out unless one is set
    monkeypatch.setenv("DATABASE_LOCK_TIMEOUT", "3")
    url = "postgres://u@127.0.0.1:5432/n?options=-c%20work_mem%3D8MB"
    pg = database_config(url, busy_timeout=7)
    assert pg["OPTIONS"]["options"] == "-c work_mem=8MB -c lock_timeout=3000"
    with pytest.raises(ImproperlyConfigured, match=r"DATABASE_URL: .*not supported"):
        database_config("mysql://u@127.0.0.1/n", busy_timeout=7)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL: "):
        database_config("nonsense://x", busy_timeout=7)


def test_shared_cache_config() -> None:
    cache = shared_cache_config("dbcache://samtrygg_cache")
    assert cache["LOCATION"] == "samtrygg_cache"
    assert cache["OPTIONS"]["MAX_ENTRIES"] == 2000
    with pytest.raises(ImproperlyConfigured, match="SHARED_CACHE_URL: cannot be parsed"):
        shared_cache_config("nonsense://x")
