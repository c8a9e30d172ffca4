"""pytest plugin loaded with ``-p`` before Django settings are read: test defaults.

Each default applies only when the variable is not set, so CI can still choose
``DATABASE_URL`` (PostgreSQL) and anything else.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

_DEFAULTS = {
    "SECRET_KEY": "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DEBUG": "0",
    "SECURE_SSL": "0",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    # The manifest storage 404s under live_server; tests need no hashed names.
    "SAMTRYGG_PLAIN_STATIC": "1",
    "SAMTRYGG_IGNORE_DOTENV": "1",
    "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    # A fixed test key for case data (32 bytes, base64); never used outside tests.
    "CASE_DATA_KEY": "dGVzdC1vbmx5LWNhc2UtZGF0YS1rZXktMzItYnl0ZXM=",
}

for _name, _value in _DEFAULTS.items():
    os.environ.setdefault(_name, _value)
os.environ.setdefault("SAMTRYGG_VAR_DIR", tempfile.mkdtemp(prefix="samtrygg-test-var-"))
# Playwright's sync API runs an event loop; Django refuses ORM calls from such a thread
# unless told that this is intended (only the live-server tests use it).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _compile_stale_catalogues() -> None:
    """Plain ``pytest`` after a pull that changed a ``.po`` file: compile what ``make``
    would, so the Swedish assertions do not fail on an old ``.mo``."""
    root = Path(__file__).resolve().parents[1]
    stale = [
        po
        for po in root.glob("*/locale/*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if not stale:
        return
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise RuntimeError("msgfmt not found: install gettext (apt install gettext)")
    for po in stale:
        subprocess.run(
            [msgfmt, "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )


_compile_stale_catalogues()
