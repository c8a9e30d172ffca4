"""An incident import that holds still half-way, in its own process: for the tests that
kill an import mid-way or log in while one runs.

    python -m samtrygg.testing.held_import FILE SOURCE_CODE ROWS MARKER [PUBLISH_ROWS]

imports the CSV ``FILE`` for the organisation ``SOURCE_CODE`` (with ``DATABASE_URL`` as
the environment gives it) through the import's own progress callback: once ``ROWS`` rows
are done it writes that count to ``MARKER`` and sleeps for an hour, still inside the
import, until the test kills it. With ``PUBLISH_ROWS`` it holds while publishing instead
(SQLite's staged import): it publishes that many rows per piece and holds once ``ROWS``
new rows are written, hidden. Production code has no pause of its own: the hold is
this callback, passed in like any other.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django
from django.apps import apps

HOLD_SECONDS = 3600


def main(argv: list[str]) -> int:
    path, source_code, rows, marker, *publish = argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samtrygg.settings")
    django.setup()
    from samtrygg.incidents.importer import incidents_import  # needs the apps loaded

    organisation = apps.get_model("accounts", "Organisation")

    hold_at = int(rows)

    def hold(done: int, total: int) -> None:
        if done >= hold_at:
            Path(marker).write_text(str(done))
            time.sleep(HOLD_SECONDS)

    pieces = {"published": hold, "publish_rows": int(publish[0])} if publish else {}
    report = incidents_import(
        path=path,
        format="csv",
        source=organisation.objects.get(code=source_code),
        classification="internal",
        progress=None if publish else hold,
        **pieces,  # type: ignore[arg-type]
    )
    print(f"{report.created} created")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
