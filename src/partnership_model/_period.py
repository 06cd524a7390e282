"""Periods: whether something dated overlaps a period, and periods written as text.

The report keeps an engagement in a period when its dates overlap it
(:func:`in_period`). Dates are compared through :func:`earliest_day` and
:func:`latest_day`: a full date means itself; a partial date (a year, or a year
and month, which format 1.1 records as precisely as the source gives them)
will mean its first day as a start and its last day as an end, and these two
functions are the only places that need to know it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from partnership_model.exceptions import InvalidRecordError

__all__ = ["earliest_day", "in_period", "latest_day", "period_bound"]

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


def earliest_day(value: dt.date) -> dt.date:
    """The first day a recorded date can mean (a full date: itself)."""
    return value


def latest_day(value: dt.date) -> dt.date:
    """The last day a recorded date can mean (a full date: itself)."""
    return value


def in_period(
    start: dt.date | None,
    end: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
) -> bool | None:
    """Whether something that runs from *start* to *end* overlaps the period.

    The period runs from *since* to *until*, both days included; ``None``
    leaves that side open. Without an *end*, the thing is taken as still
    running. Dates are compared by the earliest day *start* can mean and the
    latest day *end* can mean.

    Returns:
        ``None`` when *start* is unknown (it cannot be placed in time),
        otherwise whether it overlaps the period.

    Examples:
        >>> day = dt.date
        >>> in_period(day(2021, 3, 1), None, day(2022, 1, 1), None)  # still running
        True
        >>> in_period(day(2019, 1, 1), day(2020, 6, 30), day(2021, 1, 1), None)
        False
        >>> in_period(None, day(2020, 6, 30), None, None) is None
        True
    """
    if start is None:
        return None
    if until is not None and earliest_day(start) > until:
        return False
    return since is None or end is None or latest_day(end) >= since
