"""Signed tokens in e-mail links: one-click unsubscribe for users.

The token names the user and the kind (empty: every e-mail). It does not expire: an
unsubscribe link must work however old the e-mail is, and it can do nothing but stop
e-mail to that user.
"""

from __future__ import annotations

from django.core import signing

_SALT = "samtrygg.notifications.unsubscribe"


def unsubscribe_token(*, user_id: int, kind: str = "") -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """``(user_id, kind)``, or ``None`` for a forged or damaged token."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    kind = data.get("k") or ""
    return data["u"], kind if isinstance(kind, str) else ""
