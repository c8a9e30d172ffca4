"""Exceptions shared by services across apps."""

from __future__ import annotations


class ServiceError(Exception):
    """A service refused a write; the message is safe to show to the user."""


class AppendOnlyError(ServiceError):
    """Raised when code tries to change or delete an append-only record."""


class RowError(ServiceError):
    """One bad input row: where it is and what is wrong."""

    def __init__(self, *, row: int | None, field: str | None, message: str) -> None:
        self.row = row
        self.field = field
        self.message = message
        where = []
        if row is not None:
            where.append(f"row {row}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
