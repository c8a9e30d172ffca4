"""A CSV file a person uploads, most often saved from a spreadsheet: its text, its header, and
its rows numbered as the spreadsheet numbers them (the header is row 1), for the imports that
name a bad row by its number (survey values, population figures), and their check that no row
repeats an earlier one."""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Iterator

from samtrygg.core.exceptions import RowError

#: The separators accepted; the header line's most frequent one is the file's.
DELIMITERS = (",", ";", "\t")


def csv_text(data: bytes | str) -> str:
    """The file's text, without a byte-order mark: UTF-8, else Windows-1252 (what
    spreadsheets on Swedish Windows save as CSV)."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header's cells, and (row number, cells) for every row after it that is not
    blank (a spreadsheet saves empty rows at the end as separators alone)."""
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=max(DELIMITERS, key=first.count))
    header = next(reader, None) or []
    rows = (
        (number, cells)
        for number, cells in enumerate(reader, start=2)
        if any(cell.strip() for cell in cells)
    )
    return header, rows


class RepeatedRows:
    """The check of the all-or-nothing imports that a row does not repeat an earlier row's
    key ("the same area and year as row 2"): the later row is refused, not taken as a
    correction, since one of the two is a mistake and only the file's author knows which.

    ``message`` names the first row as ``%(row)d``; the error is on ``field``.
    """

    def __init__(self, *, field: str, message: str) -> None:
        self.field = field
        self.message = message
        self.first: dict[Hashable, int] = {}

    def check(self, key: Hashable, row: int) -> RowError | None:
        """The error if ``key`` came on an earlier row; else ``None``, and ``row`` is its
        first."""
        first = self.first.setdefault(key, row)
        if first == row:
            return None
        return RowError(row=row, field=self.field, message=self.message % {"row": first})
