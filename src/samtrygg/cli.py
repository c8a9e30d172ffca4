"""The ``samtrygg`` command: Django's management commands with Samtrygg's settings.

``samtrygg analyze …`` is dispatched to the pure analysis library before Django is
touched, so it works without a database or settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "analyze":
        from samtrygg.analysis.cli import main as analyze

        return analyze(args[1:])

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samtrygg.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - load settings now, to report bad values cleanly
    except ImproperlyConfigured as exc:
        print(f"samtrygg: configuration error: {exc}", file=sys.stderr)
        return 2

    from django.core.management import execute_from_command_line

    execute_from_command_line(["samtrygg", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
