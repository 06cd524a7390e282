"""Dates as precise as their source: a year, a year and month, or a day.

Sources about partnership often date an engagement loosely: "2006", "late
2020", "from 2019". A register keeps what the source says and no more:
:class:`PartialDate` holds a year, a year and a month, or a full date, written
``"2006"``, ``"2020-11"`` or ``"2021-01-15"`` (the three forms of a date in
level 0 of the Extended Date/Time Format, a profile of ISO 8601-1: Library of
Congress, *EDTF Specification*, 2019, https://www.loc.gov/standards/datetime/).
A partial date is never padded with an invented month or day.

A partial date covers a span of days, from :attr:`~PartialDate.earliest` to
:attr:`~PartialDate.latest`: ``"2020-11"`` covers 1 to 30 November 2020.

**Order.** Partial dates sort like their ISO text: by year, then month, then
day, a missing month or day coming first. So a period sorts just before the
periods it contains that start with it (``"2020" < "2020-01" <
"2020-01-01" < "2020-01-02" < "2020-02"``), and a date never sorts before
one whose earliest day is earlier. Sort records with an optional date with
the undated ones apart, for example ``sorted(dated, key=lambda e: e.start)``
after setting aside those whose start is ``None``.

**Slicing by time.** A record dated by a *start* and an *end* (either may be
unknown) spans the days from the earliest day of its start to the latest day
of its end; an unknown start leaves it open towards the past, an unknown end
(still running, or not recorded) open towards the future. It belongs to a
window when that span and the window's days overlap: the library's one
window rule, :func:`partnership_model.timeline.in_window`, which
:meth:`EcologyGraph.during <partnership_model.ecology.EcologyGraph.during>`
and the report's period apply. A record with neither date is *undated*: it is
in no window, and counts apart.

Examples:
    >>> from partnership_model.dates import PartialDate
    >>> november = PartialDate.fromisoformat("2020-11")
    >>> november.precision, november.earliest.isoformat(), november.latest.isoformat()
    ('month', '2020-11-01', '2020-11-30')
    >>> sorted(PartialDate.fromisoformat(t) for t in ("2021-01-15", "2020", "2020-11"))
    [PartialDate('2020'), PartialDate('2020-11'), PartialDate('2021-01-15')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Final, Literal, TypeAlias

import attrs

from partnership_model.exceptions import InvalidRecordError, RecordTypeError

__all__ = ["PartialDate", "Precision", "as_partial_date"]


def __dir__() -> list[str]:
    return __all__


Precision: TypeAlias = Literal["year", "month", "day"]
"""How precise a :class:`PartialDate` is."""

_ISO: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MIN_YEAR: Final = 1
MAX_YEAR: Final = 9999


def _check_year(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if type(value) is not int:
        raise RecordTypeError(attribute.name, value, "expected a year (an integer)")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidRecordError(
            attribute.name, value, f"a year runs from {MIN_YEAR} to {MAX_YEAR}"
        )


def _check_month(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise RecordTypeError(attribute.name, value, "expected a month (an integer)")
    if not 1 <= value <= 12:
        raise InvalidRecordError(attribute.name, value, "a month runs from 1 to 12")


def _check_day(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise RecordTypeError(attribute.name, value, "expected a day (an integer)")
    month = instance.month
    if month is None:
        raise InvalidRecordError(
            attribute.name, value, "a day needs a month", code="day_without_month"
        )
    last = calendar.monthrange(instance.year, month)[1]
    if not 1 <= value <= last:
        raise InvalidRecordError(
            attribute.name,
            value,
            f"{instance.year:04d}-{month:02d} has days 1 to {last}",
        )


@attrs.frozen(order=False, repr=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Args:
        year: From 1 to 9999.
        month: From 1 to 12, or ``None`` when only the year is known.
        day: A day of that month, or ``None``; needs a month.

    Raises:
        InvalidRecordError: A part is out of range, or a day is given without
            a month (code ``day_without_month``).
        RecordTypeError: A part is not an integer.

    Examples:
        >>> PartialDate(2006)
        PartialDate('2006')
        >>> PartialDate(2024, 2, 30)
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.InvalidRecordError: day: 2024-02 has days 1 to 29 (got 30)

    .. versionadded:: 0.1.0
    """

    #: The year.
    year: int = attrs.field(validator=_check_year)
    #: The month, if known.
    month: int | None = attrs.field(default=None, validator=_check_month)
    #: The day of the month, if known.
    day: int | None = attrs.field(default=None, validator=_check_day)

    @classmethod
    def fromisoformat(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ASCII digits, nothing else).

        Raises:
            InvalidRecordError: *text* is not one of the three forms, or not a
                day of the calendar.
            RecordTypeError: *text* is not a string.
        """
        if type(text) is not str:
            raise RecordTypeError("date", text, "expected ISO text (a string)")
        match = _ISO.fullmatch(text)
        if match is None:
            raise InvalidRecordError(
                "date", text, "expected YYYY, YYYY-MM or YYYY-MM-DD"
            )
        year, month, day = match.groups()
        return cls(
            int(year),
            None if month is None else int(month),
            None if day is None else int(day),
        )

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        """The partial date of a whole :class:`datetime.date` (a datetime is refused).

        Raises:
            RecordTypeError: *day* is not a :class:`datetime.date`.
        """
        if type(day) is not dt.date:
            raise RecordTypeError(
                "date", day, "expected a datetime.date (not a datetime or text)"
            )
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def earliest(self) -> dt.date:
        """The first day the date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date covers."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(
                self.year, self.month, calendar.monthrange(self.year, self.month)[1]
            )
        return dt.date(self.year, self.month, self.day)

    def to_date(self) -> dt.date:
        """The :class:`datetime.date` of a date known to the day.

        Raises:
            InvalidRecordError: The date is known to the year or month only
                (code ``partial_date``): no day is invented.
        """
        if self.day is None:
            raise InvalidRecordError(
                "date",
                self.isoformat(),
                "only known to the " + self.precision + "; use earliest or latest",
                code="partial_date",
            )
        return self.earliest

    def isoformat(self) -> str:
        """``"2006"``, ``"2020-11"`` or ``"2021-01-15"``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if type(other) is not PartialDate:
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if type(other) is not PartialDate:
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if type(other) is not PartialDate:
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if type(other) is not PartialDate:
            return NotImplemented
        return self._key() >= other._key()


def as_partial_date(value: Any) -> Any:
    """Turn a :class:`datetime.date` into a :class:`PartialDate`; leave anything else.

    The converter of the records' date fields (a value that is neither is
    left for their validator to refuse).
    """
    if type(value) is dt.date:
        return PartialDate(value.year, value.month, value.day)
    return value
