"""Settings come from the environment; a bad value stops start-up naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "HOME": os.environ.get("HOME", "/tmp"),
    "SAMTRYGG_IGNORE_DOTENV": "1",
    "SAMTRYGG_VAR_DIR": os.environ["SAMTRYGG_VAR_DIR"],
}
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!kq2-production-like-secret-key-with-enough-entropy-93jd",
    "ALLOWED_HOSTS": "samtrygg.example.se",
    "DATABASE_URL": "sqlite:///" + os.path.join(os.environ["SAMTRYGG_VAR_DIR"], "deploy.sqlite3"),
    "CASE_DATA_KEY": "cHJvZHVjdGlvbi1saWtlLWNhc2UtZGF0YS1rZXktMzI=",
}


def run_samtrygg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samtrygg.cli", *args],
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({**PRODUCTION, "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({**PRODUCTION, "DATABASE_URL": "mysql://u:p@h/db"}, "DATABASE_URL"),
        ({**PRODUCTION, "DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({**PRODUCTION, "LOCKOUT_FAILURES": "five"}, "LOCKOUT_FAILURES"),
        ({**PRODUCTION, "LOCKOUT_MINUTES": "0"}, "LOCKOUT_MINUTES"),
        ({**PRODUCTION, "SAMTRYGG_SOURCE_URL": "git@example.se:x"}, "SAMTRYGG_SOURCE_URL"),
        ({**PRODUCTION, "OTP_REQUIRED_ROLES": "coordinator,wizard"}, "OTP_REQUIRED_ROLES"),
        ({**PRODUCTION, "TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE"),
        ({**PRODUCTION, "SECRET_KEY_FILE": "/nonexistent/secret", "SECRET_KEY": ""}, "SECRET_KEY"),
        ({**PRODUCTION, "CASE_DATA_KEY": ""}, "CASE_DATA_KEY"),
        ({**PRODUCTION, "CASE_DATA_KEY": "dG9vLXNob3J0"}, "CASE_DATA_KEY"),
        ({**PRODUCTION, "CASES_RETENTION_YEARS_SSPF": "0"}, "CASES_RETENTION_YEARS_SSPF"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(env: dict[str, str], variable: str) -> None:
    result = run_samtrygg("check", **env)
    assert result.returncode == 2, result.stderr
    assert "configuration error" in result.stderr
    assert variable in result.stderr
    assert "Traceback" not in result.stderr


def test_secret_key_from_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret"
    secret.write_text("file-based-secret-key-that-is-long-enough-1234567890\n")
    env = {**PRODUCTION, "SECRET_KEY_FILE": str(secret)}
    env.pop("SECRET_KEY")
    result = run_samtrygg("check", **env)
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_values() -> None:
    result = run_samtrygg("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults() -> None:
    result = run_samtrygg("diffsettings", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "LANGUAGE_CODE = 'sv'" in result.stdout
    assert "TIME_ZONE = 'Europe/Stockholm'" in result.stdout
    assert "OTP_REQUIRED_ROLES = []" in result.stdout


def test_production_requires_totp_for_sensitive_roles(settings) -> None:  # type: ignore[no-untyped-def]
    # The test process runs with DEBUG=0 and no OTP_REQUIRED_ROLES set: the secure default.
    assert set(settings.OTP_REQUIRED_ROLES) == {"coordinator", "police", "case_worker"}
    assert settings.PASSWORD_HASHERS  # (tests swap in a fast hasher; see test_auth)


def test_starts_without_geodjango():
    """Nothing loads GeoDjango, whose import needs the GDAL system library: ``make run`` works
    on a machine without it (Leaflet's files are served without django-leaflet's app)."""
    code = (
        "import importlib, sys, django; django.setup()\n"
        "from django.urls import get_resolver; get_resolver().url_patterns\n"
        "from django.contrib.staticfiles import finders\n"
        "assert finders.find('leaflet/leaflet.js'), 'leaflet.js not found'\n"
        "for app in ['core', 'accounts', 'areas', 'incidents', 'situation', 'governance',\n"
        "            'actionplan', 'public', 'documents']:\n"
        "    for part in ['views', 'services', 'selectors', 'api', 'admin']:\n"
        "        try: importlib.import_module(f'samtrygg.{app}.{part}')\n"
        "        except ModuleNotFoundError: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('django.contrib.gis')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**BASE_ENV, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "samtrygg.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
