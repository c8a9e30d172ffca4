"""samtrygg.analysis is a pure library: importing all of it loads no Django and no web app."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import pkgutil, sys, importlib
import samtrygg.analysis as a
for m in pkgutil.walk_packages(a.__path__, "samtrygg.analysis."):
    if ".tests" not in m.name:
        importlib.import_module(m.name)
bad = sorted(n for n in sys.modules if n == "django" or n.startswith("django.")
             or (n.startswith("samtrygg.") and not n.startswith("samtrygg.analysis")))
print("\\n".join(bad))
"""


def test_analysis_imports_no_django_and_no_web_app() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == ""
