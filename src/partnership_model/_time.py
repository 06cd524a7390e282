"""Private: the time rule of the ecology, in one place.

A relation (or an engagement) is dated by its ``start`` and ``end``. This
module turns those values into days and says whether a relation belongs to a
window of time:

* :func:`bounds` is the one function that knows the types a ``start`` or
  ``end`` may hold: it returns the earliest and the latest day the value
  covers. A :class:`~partnership_model.PartialDate` covers the days of its
  year, month or day; a :class:`datetime.date` covers one day.
* A relation *spans* ``[earliest(start), latest(end)]``; a missing start
  reaches back without limit and a missing end forward without limit
  (:data:`EARLIEST`, :data:`LATEST`). A relation with neither is *undated*:
  it has no span and belongs to no window.
* A relation belongs to the window ``[first, last]`` (both days included)
  when its span overlaps it: ``span_start <= last`` and ``span_end >= first``.

:func:`during` slices an :class:`~partnership_model.ecology.EcologyGraph`
with that rule; :meth:`EcologyGraph.at
<partnership_model.ecology.EcologyGraph.at>` and :meth:`EcologyGraph.during
<partnership_model.ecology.EcologyGraph.during>` call it. Nothing here imports
the graph module at run time (it imports this one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from partnership_model.dates import PartialDate
from partnership_model.exceptions import InvalidRecordError, RecordTypeError

if TYPE_CHECKING:
    from partnership_model.ecology import EcologyGraph

#: The day before every span and window that has no start.
EARLIEST: Final = dt.date.min
#: The day after every span and window that has no end.
LATEST: Final = dt.date.max

Span: TypeAlias = tuple[dt.date, dt.date]
"""The first and the last day of a relation or a window, both included."""
ActorSelection: TypeAlias = Literal["active", "all"]
"""Which actors a slice keeps: those with a relation in the window, or all."""

_RELATION_FIELDS: Final = ("engagement_id", "degree", "start", "end")


def bounds(value: object) -> Span:
    """The earliest and the latest day a ``start`` or ``end`` value covers.

    This is the one place that knows what a date of a relation or an
    engagement may be: a partial date covers the days of its year, month or
    day (:attr:`PartialDate.earliest <partnership_model.PartialDate.earliest>`
    to :attr:`~partnership_model.PartialDate.latest`), a :class:`datetime.date`
    one day.

    Raises:
        RecordTypeError: *value* is not a date (a :class:`datetime.datetime`
            is refused: the ecology's dates are days).
    """
    if type(value) is PartialDate:
        return value.earliest, value.latest
    if type(value) is dt.date:
        return value, value
    raise RecordTypeError("date", value, "expected a PartialDate or a datetime.date")


def from_text(text: str) -> object | None:
    """Parse the ISO text of a ``start`` or ``end`` value; ``None`` if it is not one.

    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, read as a partial date (the records'
    rule: no space around it, ASCII digits, a day of the calendar).
    """
    try:
        return PartialDate.fromisoformat(text)
    except InvalidRecordError:
        return None


def to_text(value: object) -> str:
    """The ISO text of a ``start`` or ``end`` value, as precise as it is."""
    if type(value) is PartialDate:
        return value.isoformat()
    first, _ = bounds(value)
    return first.isoformat()


def span(start: object, end: object) -> Span | None:
    """The days a relation dated *start* to *end* spans; ``None`` when undated."""
    if start is None:
        if end is None:
            return None
        return EARLIEST, bounds(end)[1]
    return bounds(start)[0], LATEST if end is None else bounds(end)[1]


def window(first: object, last: object) -> Span:
    """The window from *first* to *last*, checked; ``None`` leaves a side open.

    *first* contributes its earliest day, *last* its latest.

    Raises:
        RecordTypeError: A side is neither a date nor ``None`` (field
            ``start`` or ``end``).
        InvalidRecordError: The window ends before it starts (code
            ``window_order``).
    """
    try:
        lower = EARLIEST if first is None else bounds(first)[0]
    except RecordTypeError:
        raise RecordTypeError(
            "start", first, "expected a PartialDate, a datetime.date or None"
        ) from None
    try:
        upper = LATEST if last is None else bounds(last)[1]
    except RecordTypeError:
        raise RecordTypeError(
            "end", last, "expected a PartialDate, a datetime.date or None"
        ) from None
    if upper < lower:
        raise InvalidRecordError(
            "end",
            last,
            f"the window ends before it starts ({first})",
            code="window_order",
        )
    return lower, upper


def overlaps(start: object, end: object, chosen: Span) -> bool:
    """Whether a relation dated *start* to *end* belongs to the window *chosen*."""
    found = span(start, end)
    return found is not None and found[0] <= chosen[1] and found[1] >= chosen[0]


def _edges(graph: EcologyGraph) -> Iterator[tuple[str, str, int, Mapping[str, Any]]]:
    yield from graph._graph.edges(keys=True, data=True)


def during(
    graph: EcologyGraph, first: object, last: object, *, actors: ActorSelection
) -> EcologyGraph:
    """The relations of *graph* that belong to the window, as a new graph.

    Raises:
        InvalidRecordError: *actors* is neither ``"active"`` nor ``"all"``,
            or see :func:`window`.
        RecordTypeError: See :func:`window`.
    """
    if actors not in ("active", "all"):
        raise InvalidRecordError("actors", actors, "expected 'active' or 'all'")
    chosen = window(first, last)
    lower, upper = chosen
    kept: list[tuple[str, str, int, dict[str, Any]]] = []
    for source, target, key, data in _edges(graph):
        found = span(data.get("start"), data.get("end"))
        if found is not None and found[0] <= upper and found[1] >= lower:
            kept.append(
                (
                    source,
                    target,
                    key,
                    {f: data[f] for f in _RELATION_FIELDS if f in data},
                )
            )
    if actors == "all":
        members = list(graph.actors())
    else:
        present = {end for source, target, _, _ in kept for end in (source, target)}
        members = [actor for actor in graph.actors() if actor.id in present]
    new = type(graph)(members, policy=graph.policy)
    new._insert_edges(kept)
    return new
