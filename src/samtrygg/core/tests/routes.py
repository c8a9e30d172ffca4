from samtrygg.testing.matrix import EVERYONE, Route, allow

ROUTES = [
    Route("core:home", EVERYONE),
    Route("core:healthz", EVERYONE),
    Route("core:change_log", allow("auditor")),
    Route("core:access_log", allow("auditor")),
]
