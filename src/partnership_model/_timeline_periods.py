"""Private: the window rule and the periods the ecology is cut into over time.

Public under :mod:`partnership_model.timeline`, which re-exports every public
name defined here and documents the rule. This half of the timeline needs no
graph: it decides whether dated things fall in a window of days
(:func:`in_window`, :func:`select_in_window`) and names the windows
(:class:`Period`, :func:`calendar_periods`); the other half, in the public
module, measures the ecology over those periods. Nothing here imports
:mod:`partnership_model.timeline`: imports flow from it to this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import (
    Final,
    Generic,
    Literal,
    Protocol,
    TypeAlias,
    TypeVar,
)

import attrs

from partnership_model import _time
from partnership_model.dates import PartialDate
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    RecordTypeError,
)

# The public aliases; partnership_model.timeline restates them with their
# descriptions (the same objects).
Frequency: TypeAlias = Literal["month", "quarter", "year"]
PeriodLike: TypeAlias = "Period | tuple[str, dt.date, dt.date]"
DateValue: TypeAlias = "PartialDate | dt.date"


# -- the window rule ------------------------------------------------------------------------


def is_dated(start: DateValue | None, end: DateValue | None) -> bool:
    """Whether a relation or engagement with these dates has a place in time.

    Only one with neither a start nor an end is undated.

    Raises:
        RecordTypeError: A date is neither a :class:`~partnership_model.PartialDate`,
            a :class:`datetime.date` nor ``None``.

    Examples:
        >>> import datetime as dt
        >>> is_dated(None, dt.date(2020, 1, 1)), is_dated(None, None)
        (True, False)
    """
    return _time.span(start, end) is not None


def in_window(
    start: DateValue | None,
    end: DateValue | None,
    *,
    since: DateValue | None = None,
    until: DateValue | None = None,
) -> bool:
    """Whether a relation (or engagement) dated *start* to *end* belongs to a window.

    The window runs from *since* to *until*, both days included; ``None``
    leaves a side open. The relation belongs to it when the days it spans,
    from its *start* (without limit if ``None``) to its *end* (without
    limit if ``None``), overlap the window. An undated relation (neither
    date) belongs to no window: count it apart (:func:`is_dated`).

    This is the library's one window rule: :meth:`EcologyGraph.during
    <partnership_model.ecology.EcologyGraph.during>`, :func:`series` and
    the report's ``--since``/``--until`` apply it.

    Raises:
        RecordTypeError: A date is neither a :class:`~partnership_model.PartialDate`,
            a :class:`datetime.date` nor ``None``.
        InvalidRecordError: *until* is before *since* (code ``window_order``).

    Examples:
        >>> import datetime as dt
        >>> day = dt.date
        >>> in_window(day(2019, 5, 1), day(2020, 2, 1), since=day(2020, 1, 1))
        True
        >>> in_window(day(2019, 5, 1), None, since=day(2024, 1, 1))  # still going on
        True
        >>> in_window(None, None)  # undated
        False
    """
    return _time.overlaps(start, end, _time.window(since, until))


class _Dated(Protocol):
    @property
    def start(self) -> DateValue | None: ...  # pragma: no cover - protocol

    @property
    def end(self) -> DateValue | None: ...  # pragma: no cover - protocol


_T = TypeVar("_T", bound=_Dated)


@attrs.frozen
class WindowSelection(Generic[_T]):
    """Items split by the window rule (see :func:`select_in_window`).

    Attributes:
        inside: The items that belong to the window, in input order.
        outside: The dated items that do not.
        undated: The items with neither a start nor an end.
    """

    inside: tuple[_T, ...]
    outside: tuple[_T, ...]
    undated: tuple[_T, ...]


def select_in_window(
    items: Iterable[_T],
    *,
    since: DateValue | None = None,
    until: DateValue | None = None,
) -> WindowSelection[_T]:
    """Split dated items (engagements, relations) by the window rule of :func:`in_window`.

    Any object with ``start`` and ``end`` attributes works: an
    :class:`~partnership_model.Engagement`, a
    :class:`~partnership_model.ecology.Relation`.

    Raises:
        RecordTypeError: A date is neither a :class:`~partnership_model.PartialDate`,
            a :class:`datetime.date` nor ``None``.
        InvalidRecordError: *until* is before *since*.

    Examples:
        >>> import datetime as dt
        >>> from partnership_model.ecology import Relation
        >>> relations = [
        ...     Relation(source="a", target="b", start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31)),
        ...     Relation(source="a", target="c", start=dt.date(2021, 1, 1)),
        ...     Relation(source="b", target="c"),
        ... ]
        >>> chosen = select_in_window(relations, since=dt.date(2020, 1, 1))
        >>> [len(chosen.inside), len(chosen.outside), len(chosen.undated)]
        [1, 1, 1]
    """
    chosen = _time.window(since, until)
    inside: list[_T] = []
    outside: list[_T] = []
    undated: list[_T] = []
    for item in items:
        found = _time.span(item.start, item.end)
        if found is None:
            undated.append(item)
        elif found[0] <= chosen[1] and found[1] >= chosen[0]:
            inside.append(item)
        else:
            outside.append(item)
    return WindowSelection(tuple(inside), tuple(outside), tuple(undated))


# -- periods ------------------------------------------------------------------------------------


def _label(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise RecordTypeError(attribute.name, value, "expected a non-empty label")


def _day(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    if type(value) is not dt.date:
        raise RecordTypeError(attribute.name, value, "expected a datetime.date")


@attrs.frozen(kw_only=True)
class Period:
    """A named window of days, both ends included: a month, a year, a survey wave.

    Attributes:
        label: How the period is named in series, tables and plots
            (``"2021"``, ``"2021-Q3"``, ``"wave 2"``).
        start: Its first day.
        end: Its last day, not before *start*.

    Raises:
        RecordTypeError: A field has the wrong type.
        InvalidRecordError: *end* is before *start* (code ``date_order``).

    Examples:
        >>> import datetime as dt
        >>> Period(label="wave 1", start=dt.date(2021, 9, 1), end=dt.date(2022, 2, 28))
        Period(label='wave 1', start=datetime.date(2021, 9, 1), end=datetime.date(2022, 2, 28))

    .. versionadded:: 0.2.0
    """

    #: Name of the period.
    label: str = attrs.field(validator=_label)
    #: First day.
    start: dt.date = attrs.field(validator=_day)
    #: Last day.
    end: dt.date = attrs.field(validator=_day)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidRecordError(
                "end",
                self.end,
                f"the period ends before it starts ({self.start})",
                code="date_order",
            )

    def contains(self, start: DateValue | None, end: DateValue | None) -> bool:
        """Whether a relation dated *start* to *end* belongs to this period (:func:`in_window`)."""
        return in_window(start, end, since=self.start, until=self.end)


def _first_of(day: dt.date, every: Frequency) -> dt.date:
    if every == "year":
        return day.replace(month=1, day=1)
    if every == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    return day.replace(day=1)


def _next(day: dt.date, months: int) -> dt.date | None:
    """The first day *months* months after *day* (a first of month); None past 9999."""
    index = day.year * 12 + day.month - 1 + months
    year = index // 12
    return dt.date(year, index % 12 + 1, 1) if year <= dt.MAXYEAR else None


_ONE_DAY: Final = dt.timedelta(days=1)


_MONTHS: Final = {"month": 1, "quarter": 3, "year": 12}


def calendar_periods(
    start: dt.date, end: dt.date, *, every: Frequency
) -> tuple[Period, ...]:
    """The calendar months, quarters or years from the one holding *start* to the one holding *end*.

    Labels are ``"2021-03"`` (months), ``"2021-Q1"`` (quarters) and
    ``"2021"`` (years).

    Raises:
        InvalidRecordError: *every* is not ``"month"``, ``"quarter"`` or
            ``"year"``, or *end* is before *start*.
        RecordTypeError: *start* or *end* is not a date.

    Examples:
        >>> import datetime as dt
        >>> [p.label for p in calendar_periods(dt.date(2020, 11, 5), dt.date(2021, 2, 1), every="quarter")]
        ['2020-Q4', '2021-Q1']
    """
    if every not in _MONTHS:
        raise InvalidRecordError(
            "every", every, "expected 'month', 'quarter' or 'year'"
        )
    for field, value in (("start", start), ("end", end)):
        if type(value) is not dt.date:
            raise RecordTypeError(field, value, "expected a datetime.date")
    if end < start:
        raise InvalidRecordError(
            "end", end, f"ends before it starts ({start})", code="window_order"
        )
    step = _MONTHS[every]
    periods: list[Period] = []
    day = _first_of(start, every)
    while True:
        following = _next(day, step)
        if every == "year":
            label = f"{day.year}"
        elif every == "quarter":
            label = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        else:
            label = f"{day.year}-{day.month:02d}"
        last = dt.date.max if following is None else following - _ONE_DAY
        periods.append(Period(label=label, start=day, end=last))
        if following is None or following > end:
            break
        day = following
    return tuple(periods)


def _periods(items: Iterable[PeriodLike]) -> tuple[Period, ...]:
    if isinstance(items, str):
        raise RecordTypeError("periods", items, "expected periods or a frequency")
    periods: list[Period] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if type(item) is Period:
            period = item
        elif type(item) is tuple and len(item) == 3:
            try:
                period = Period(label=item[0], start=item[1], end=item[2])
            except InvalidRecordError as error:
                raise type(error)(
                    f"periods[{index}].{error.field}", error.value, error.reason
                ) from None
        else:
            raise RecordTypeError(
                f"periods[{index}]",
                item,
                "expected a Period or a (label, start, end) tuple",
            )
        if period.label in seen:
            raise DuplicateIdError(
                f"periods[{index}].label", period.label, "two periods have this label"
            )
        seen.add(period.label)
        periods.append(period)
    return tuple(periods)
