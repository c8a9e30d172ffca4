"""Shared pieces for the per-app demo builders (``<app>/demo.py`` with ``build(ctx)``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoLogin:
    role: str
    username: str
    password: str
    title: str


@dataclass
class DemoContext:
    """Passed to every app's ``build(ctx)``; builders must be idempotent."""

    out: Any  # a text stream (a management command's stdout)
    seed: int = 20260101
    logins: list[DemoLogin] = field(default_factory=list)
    #: The demo's users by role (filled by ``accounts``, the first builder): the builders
    #: act through the services as these users, who must be allowed to do what they build.
    users: dict[str, Any] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    quick: bool = False

    def count(self, what: str, n: int = 1) -> None:
        if n:
            self.created[what] = self.created.get(what, 0) + n

    def actor(self, role: str) -> Any:
        """The demo user with ``role``, to pass to services as ``actor``."""
        return self.users[role]

    def note(self, message: str) -> None:
        self.out.write(message + "\n")
