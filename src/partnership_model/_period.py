"""The sides of a period written as text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

A report's period (``report --since 2023 --until 2024-06``) is typed as
precisely as its user knows it; its first side means the first day it names,
its last side the last day. Whether an engagement belongs to the period is
the library's one window rule (:func:`partnership_model.timeline.in_window`,
in :mod:`partnership_model._time`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from partnership_model.exceptions import InvalidRecordError

__all__ = ["period_bound"]

_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period_bound(text: object, field: str, *, last: bool) -> dt.date | None:
    """The first (or *last*) day of a date written YYYY, YYYY-MM or YYYY-MM-DD.

    ``None`` gives ``None`` (an open side).

    Raises:
        InvalidRecordError: *text* is not such a date (the error names *field*).

    Examples:
        >>> period_bound("2024-02", "until", last=True)
        datetime.date(2024, 2, 29)
        >>> period_bound("2023", "since", last=False)
        datetime.date(2023, 1, 1)
    """
    if text is None:
        return None
    match = _BOUND.fullmatch(text) if isinstance(text, str) else None
    try:
        if match is None:
            raise ValueError
        year, month, day = int(match[1]), match[2], match[3]
        if month is None:
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
        if day is None:
            days = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), days if last else 1)
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise InvalidRecordError(
            field, text, "expected a date written YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
