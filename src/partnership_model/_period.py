"""The sides of a period written as text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

A report's period (``report --since 2023 --until 2024-06``) is typed as
precisely as its user knows it; its first side means the first day it names,
its last side the last day. Whether an engagement belongs to the period is
the library's one window rule (:func:`partnership_model.timeline.in_window`,
in :mod:`partnership_model._time`).
"""

from __future__ import annotations

import datetime as dt

from partnership_model.dates import PartialDate
from partnership_model.exceptions import InvalidRecordError

__all__ = ["period_bound"]


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
    refused = InvalidRecordError(
        field, text, "expected a date written YYYY, YYYY-MM or YYYY-MM-DD"
    )
    if not isinstance(text, str):
        raise refused
    try:
        day = PartialDate.fromisoformat(text)
    except InvalidRecordError:
        raise refused from None
    return day.latest if last else day.earliest
