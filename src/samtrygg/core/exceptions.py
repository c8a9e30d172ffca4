"""Exceptions shared by services across apps."""

from __future__ import annotations

from django.utils.translation import gettext as _


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
        super().__init__(message)

    def __str__(self) -> str:
        """Where and what, in the active language (the import command prints it): "row 5,
        field “lon”: not a number"."""
        values = {"row": self.row, "field": self.field, "message": self.message}
        if self.row is not None and self.field:
            return _("row %(row)d, field “%(field)s”: %(message)s") % values
        if self.row is not None:
            return _("row %(row)d: %(message)s") % values
        if self.field:
            return _("field “%(field)s”: %(message)s") % values
        return self.message
