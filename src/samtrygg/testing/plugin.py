"""pytest plugin loaded with ``-p`` before Django settings are read: test defaults.

Each default applies only when the variable is not set, so CI can still choose
``DATABASE_URL`` (PostgreSQL) and anything else.
"""

import os
import tempfile

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
