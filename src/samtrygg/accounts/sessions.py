"""The session store (``SESSION_ENGINE``): Django's database sessions, except that a
request whose only change to its session is the idle time-out's "last seen" mark does not
fail when the database is locked.

``SessionIdleTimeoutMiddleware`` writes "last seen" about once a minute into every
signed-in session. While another connection holds SQLite's write lock (a long import, a
backup), Django's store turned that routine write into ``UpdateError`` and the session
middleware answered 400 ("the request's session was deleted before the request
completed") to requests that had only read: pages and API reads failed during a lock
although their answer was ready. Now:

- only the idle marks changed: the write is skipped (logged); the mark is written by the
  next request after the lock. A skipped mark can only end a session sooner, never later;
- anything else changed (a log-in, a message, the language): the lock error itself is
  raised, which ``DatabaseBusyMiddleware`` answers with 503 and ``Retry-After`` — the
  request did not complete, and says so, instead of a misleading 400.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError

from samtrygg.accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from samtrygg.core.dblocks import is_lock_error

logger = logging.getLogger(__name__)

#: Keys the idle time-out keeps up to date on its own (see accounts.middleware), and the
#: expiry it sets with them.
ROUTINE_KEYS = frozenset({SESSION_SEEN_KEY, SESSION_STARTED_KEY, "_session_expiry"})


class SessionStore(db.SessionStore):
    _as_loaded: dict[str, Any] | None = None

    def load(self) -> dict[str, Any]:
        data: dict[str, Any] = super().load()
        self._as_loaded = dict(data)
        return data

    def _only_routine_changes(self) -> bool:
        if self._as_loaded is None:
            return False

        def relevant(data: dict[str, Any]) -> dict[str, Any]:
            return {key: value for key, value in data.items() if key not in ROUTINE_KEYS}

        current: dict[str, Any] = self._session  # type: ignore[attr-defined]
        return relevant(current) == relevant(self._as_loaded)

    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create=must_create)
        except UpdateError as exc:
            cause = exc.__context__
            if cause is None or not is_lock_error(cause):
                raise
            if self._only_routine_changes():
                logger.info("database locked: the session's last-seen mark is written later")
                return
            raise cause from None
