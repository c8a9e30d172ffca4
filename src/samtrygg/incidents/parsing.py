"""Vectorised parsing of incoming string columns: date-times (ISO 8601, a bare date, an
explicit offset; local times to UTC) and numbers, each with the rows that were missing or
could not be read. ``validation.ChunkValidator`` turns those rows into errors that name
the field.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence

import numpy as np


def parse_datetimes(
    values: Sequence[str], tz: dt.tzinfo, *, end_of_day: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """ISO 8601 strings → (UTC ``datetime64[s]``, missing, bad, date-only) arrays.

    Accepted: ``2025-06-07``, ``2025-06-07 18:50``, ``2025-06-07T18:50:00``, with an
    optional ``Z`` or ``+02:00`` offset. Without an offset the time is local (``tz``).
    With ``end_of_day`` a date alone means its last second (local), else its first.
    """
    n = len(values)
    text = np.asarray(values, dtype=np.str_).reshape(n)
    if n and text.dtype.itemsize == 0:
        text = text.astype("U1")
    stripped = np.strings.strip(text)
    lengths = np.strings.str_len(stripped)
    missing = lengths == 0
    # At least a full date: numpy would also read "2025", "2025-06" or "today".
    shaped = (lengths >= 10) & np.strings.isdigit(np.strings.slice(stripped, 0, 4))
    bad = ~missing & ~shaped
    candidates = np.where(shaped, stripped, "NaT")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy warns about parsing explicit offsets
        try:
            parsed = candidates.astype("datetime64[s]")
        except ValueError:
            parsed = np.empty(n, dtype="datetime64[s]")
            for i, value in enumerate(candidates.tolist()):
                try:
                    parsed[i] = np.datetime64(value, "s")
                except ValueError:
                    parsed[i] = np.datetime64("NaT")
                    bad[i] = True
    date_only = (lengths == 10) & ~bad
    if end_of_day and date_only.any():
        parsed[date_only] += np.timedelta64(86399, "s")
    has_offset = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(lengths > 16).tolist():
        v = str(stripped[i])
        has_offset[i] = v[-1] in "Zz" or v[-6] in "+-" or v[-5] in "+-"
    naive = ~missing & ~bad & ~has_offset
    if naive.any():
        parsed[naive] = local_to_utc(parsed[naive], tz)
    return parsed, missing, bad, date_only


def local_to_utc(local: np.ndarray, tz: dt.tzinfo) -> np.ndarray:
    """Wall-clock ``datetime64`` values in ``tz`` → UTC (one offset look-up per hour).

    In the autumn's repeated hour the first (summer-time) reading is taken."""
    local = local.astype("datetime64[s]")
    if not len(local):
        return local
    hours, inverse = np.unique(local.astype("datetime64[h]"), return_inverse=True)
    offsets = np.array(
        [
            int(
                tz.utcoffset(  # type: ignore[union-attr]
                    dt.datetime.fromisoformat(str(h)[:13] + ":00")
                ).total_seconds()
            )
            for h in hours
        ],
        dtype=np.int64,
    )
    return local - offsets[inverse.reshape(-1)].astype("timedelta64[s]")


def parse_floats(values: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Strings → (floats, missing, bad). A decimal comma is accepted."""
    n = len(values)
    if "" not in values:
        try:  # the common case: every value a plain number
            numbers = np.array(values, dtype=float).reshape(n)
            bad = ~np.isfinite(numbers)
            numbers[bad] = np.nan
            return numbers, np.zeros(n, dtype=bool), bad
        except ValueError:
            pass
    missing = np.fromiter((not v or v.isspace() for v in values), bool, n)
    try:
        numbers = np.array([v or "nan" for v in values], dtype=float)
        bad = np.zeros(n, dtype=bool)
    except ValueError:
        numbers = np.full(n, np.nan)
        bad = np.zeros(n, dtype=bool)
        for i, v in enumerate(values):
            if missing[i]:
                continue
            try:
                numbers[i] = float(v.replace(",", ".").replace("\u2212", "-"))
            except ValueError:
                bad[i] = True
    bad |= ~missing & ~np.isfinite(numbers) & ~bad
    numbers[bad] = np.nan
    return numbers, missing, bad
