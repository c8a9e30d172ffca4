from typing import Any

from samtrygg.testing.matrix import EVERYONE, Route, World, allow

AUDITOR = allow("auditor")


def _person(world: World) -> dict[str, Any]:
    return {"user_id": world.user("police").pk}


def _record(world: World) -> dict[str, Any]:
    return {"object_type": "accounts.organisation", "object_id": world.organisations["police"].pk}


ROUTES = [
    Route("core:home", EVERYONE),
    Route("core:healthz", EVERYONE),
    Route("core:glossary", EVERYONE),
    Route("core:accessibility", EVERYONE),
    Route("core:change_log", AUDITOR),
    Route("core:change_log", AUDITOR, query="action=1&since=2026-01-01", label="filtered"),
    Route("core:change_log_export", AUDITOR),
    Route("core:access_log", AUDITOR),
    Route("core:access_log_export", AUDITOR),
    Route("core:person_reads", AUDITOR, kwargs=_person),
    Route("core:object_history", AUDITOR, kwargs=_record),
]
