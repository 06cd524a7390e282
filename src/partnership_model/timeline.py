"""The ecology over time: windows, periods, series of measures and two-wave comparisons.

Boivin et al. describe ecosystems of engagement as open, living and evolving
(``Boivin2022``); the teams who map them ask what changed since the last
survey wave. Relations carry the dates of the engagement they come from
(``start`` and ``end``); this module cuts the ecology into periods with one
rule and describes each period with the summary measures of
:mod:`partnership_model.metrics`.

**The window rule.** A relation belongs to a window of days (both ends
included) when its own dates overlap it (:func:`in_window`):

* it spans from the earliest day its ``start`` covers to the latest day its
  ``end`` covers;
* a missing ``start`` reaches back without limit, a missing ``end`` forward
  without limit: a relation with a start and no end is read as still going
  on (our reading: a register records the end of an engagement once it has
  one);
* a relation with neither date is **undated**: it belongs to no window, and
  every slice or series counts such relations apart (:attr:`TimeSeries.undated`)
  rather than guessing when they held.

:meth:`EcologyGraph.at <partnership_model.ecology.EcologyGraph.at>`,
:meth:`EcologyGraph.during <partnership_model.ecology.EcologyGraph.during>`,
:func:`series`, :func:`compare_periods`, :func:`select_in_window`, the
dynamic GEXF export (:mod:`partnership_model.dynamic_gexf`) and the
report's ``--since``/``--until`` all use this one rule. An actor has no dates
of its own: it is present in a window when one of its relations is.

Examples:
    >>> import datetime as dt
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph, Relation
    >>> day = dt.date
    >>> graph = EcologyGraph(
    ...     actors=[Actor.from_role("p", Role.PATIENT), Actor.from_role("c", Role.CLINICIAN),
    ...             Actor.from_role("m", Role.MANAGER)],
    ...     relations=[
    ...         Relation(source="p", target="c", start=day(2020, 3, 1), end=day(2021, 6, 30)),
    ...         Relation(source="c", target="m", start=day(2021, 1, 1)),
    ...         ("p", "m"),  # undated
    ...     ],
    ... )
    >>> found = series(graph, "year")
    >>> [(s.period.label, s.relations, sorted(s.brokers)) for s in found]
    [('2020', 1, []), ('2021', 2, ['c'])]
    >>> found.undated
    1
    >>> change = compare_periods(graph, found[0].period, found[1].period)
    >>> {t.value: n for t, n in change.gained.items() if n}
    {'linking': 1}
    >>> sorted(change.became_brokers)
    ['c']
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    TypeAlias,
    overload,
)

import attrs

from partnership_model import _period_measures, _time, _timeline_periods
from partnership_model._partition import GroupPartition, check_graph, group_labels
from partnership_model._timeline_periods import (
    _MONTHS,
    Period,
    WindowSelection,
    _periods,
    calendar_periods,
    in_window,
    is_dated,
    select_in_window,
)
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import InvalidRecordError
from partnership_model.vocabulary import RelationType

if TYPE_CHECKING:
    pass

__all__ = [
    "DateValue",
    "Frequency",
    "Period",
    "PeriodComparison",
    "PeriodSummary",
    "TimeSeries",
    "WindowSelection",
    "calendar_periods",
    "compare_periods",
    "in_window",
    "is_dated",
    "select_in_window",
    "series",
]


def __dir__() -> list[str]:
    return __all__


# The aliases are those of the private module (the same objects); they are
# restated here so that their descriptions stay on this module's API page.
Frequency: TypeAlias = _timeline_periods.Frequency
"""Calendar periods :func:`calendar_periods` and :func:`series` cut time into."""

PeriodLike: TypeAlias = _timeline_periods.PeriodLike
"""A :class:`Period`, or a ``(label, start, end)`` tuple such as a survey wave."""
DateValue: TypeAlias = _timeline_periods.DateValue
"""What a ``start`` or ``end`` may be: a partial date (as records hold) or a day."""


_BROKERING: Final = frozenset({RelationType.BRIDGING, RelationType.LINKING})


# -- summaries ---------------------------------------------------------------------------------


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _no_nan(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not float or not math.isfinite(value)):
        raise InvalidRecordError(
            attribute.name, value, "expected a finite float or None"
        )


@attrs.frozen(kw_only=True)
class PeriodSummary:
    """The summary measures of the ecology over one period.

    Every measure reads the relations that belong to the period
    (:func:`in_window`) and the actors they relate, as
    ``graph.during(period.start, period.end)`` would hold them; each equals
    the :mod:`~partnership_model.metrics` function of the same name on that
    slice, with ``None`` where the measure is undefined (never NaN).

    Attributes:
        period: The period.
        relations: Number of relations in the period.
        counts: Relations of each primary type (every type a key).
        shares: Share of each primary type; ``None`` for every type when
            the period has no relation.
        ei_index: Krackhardt & Stern's E-I index of the period's relations
            (``KrackhardtStern1988``) over the partition asked for; ``None``
            without relations.
        actors: Number of actors with a relation in the period.
        brokers: Actors who span a structural hole among the period's
            relations by a bridging or linking relation, and the *tiers*
            (third-party role) present in it, as
            :func:`~partnership_model.metrics.brokers` defines them on the
            period's slice.
        unlinked_to_public_authority: Actors present in the period from
            whom no holder of public authority can be reached through the
            period's relations (:func:`~partnership_model.metrics.unlinked_to_public_authority`).

    .. versionadded:: 0.2.0
    """

    #: The period.
    period: Period
    #: Number of relations in the period.
    relations: int
    #: Relations of each primary type.
    counts: Mapping[RelationType, int]
    #: Share of each primary type, None without relations.
    shares: Mapping[RelationType, float | None]
    #: E-I index, None without relations.
    ei_index: float | None = attrs.field(validator=_no_nan)
    #: Number of actors present.
    actors: int
    #: Brokers of the period.
    brokers: frozenset[str]
    #: Actors with no path to a holder of public authority in the period.
    unlinked_to_public_authority: frozenset[str]


@attrs.frozen(kw_only=True)
class TimeSeries(Sequence[PeriodSummary]):
    """The summaries of a series of periods, with the relations left out.

    A sequence of :class:`PeriodSummary`, one per period, in the order the
    periods were given.

    Attributes:
        summaries: One summary per period.
        undated: Relations with neither a start nor an end: they belong to
            no period, and are counted here instead.
        policy: Name of the classification policy of the graph.

    .. versionadded:: 0.2.0
    """

    #: One summary per period.
    summaries: tuple[PeriodSummary, ...]
    #: Relations without any date.
    undated: int
    #: The classification policy's name.
    policy: str

    def __len__(self) -> int:
        return len(self.summaries)

    def __iter__(self) -> Iterator[PeriodSummary]:
        return iter(self.summaries)

    @overload
    def __getitem__(self, index: int) -> PeriodSummary: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PeriodSummary, ...]: ...

    def __getitem__(
        self, index: int | slice
    ) -> PeriodSummary | tuple[PeriodSummary, ...]:
        return self.summaries[index]

    def summary(self, label: str) -> PeriodSummary:
        """The summary of the period named *label*.

        Raises:
            KeyError: No period has this label.
        """
        for found in self.summaries:
            if found.period.label == label:
                return found
        raise KeyError(label)


def _summaries(
    graph: EcologyGraph,
    periods: Sequence[Period],
    partition: GroupPartition,
    backend: str | None,
) -> tuple[list[PeriodSummary], int]:
    labels = group_labels(graph, partition)
    found, undated = _period_measures.measure(
        graph, [(p.start, p.end) for p in periods], labels, backend
    )
    summaries = []
    for period, measures in zip(periods, found, strict=True):
        total = sum(measures.counts.values())
        summaries.append(
            PeriodSummary(
                period=period,
                relations=total,
                counts=measures.counts,
                shares={kind: _share(n, total) for kind, n in measures.counts.items()},
                ei_index=_share(2 * measures.external - total, total),
                actors=measures.actors,
                brokers=measures.brokers,
                unlinked_to_public_authority=measures.unlinked,
            )
        )
    return summaries, undated


def _dated_extent(graph: EcologyGraph) -> tuple[dt.date, dt.date] | None:
    """The first and last finite day named by the relations' dates."""
    days: list[dt.date] = []
    for _, _, data in graph._graph.edges(data=True):
        for field in ("start", "end"):
            value = data.get(field)
            if value is not None:
                first, last = _time.bounds(value)
                days.append(first if field == "start" else last)
    if not days:
        return None
    return min(days), max(days)


def series(
    graph: EcologyGraph,
    periods: Frequency | Iterable[PeriodLike],
    *,
    partition: GroupPartition = "sphere",
    backend: str | None = None,
) -> TimeSeries:
    """The summary measures of the ecology over each period.

    Notes:
        Each relation is read once and added to every period it belongs to
        (:func:`in_window`), so the time grows with the number of relations
        times the number of periods each one spans, not with the number of
        periods times the whole graph; the per-period measures then cost time
        proportional to the actors present. Undated relations are counted
        in :attr:`TimeSeries.undated` and belong to no period. Periods may
        overlap (survey waves): a relation then counts in each.

        Actors unlinked to public authority are found with the connected
        components of the period's relations: by a union-find pass here,
        or, when *backend* is given, by :func:`networkx.connected_components`
        called with ``backend=`` (``"networkx"``, or a parallel or GPU
        backend that implements it), which then costs one simple graph per
        period.

    Args:
        graph: The ecology.
        periods: ``"month"``, ``"quarter"`` or ``"year"`` for the calendar
            periods from the first to the last day the relations' dates
            name (none if no relation is dated), or explicit periods:
            :class:`Period` records or ``(label, start, end)`` tuples, with
            distinct labels.
        partition: Groups of the E-I index: ``"sphere"`` (default),
            ``"authority"`` or a mapping of every actor id to a group.
        backend: A networkx backend for the connected components (see above).

    Returns:
        A :class:`TimeSeries`, one summary per period in the order given.

    Raises:
        RecordTypeError: *graph* is not an ecology, or a period is malformed.
        DuplicateIdError: Two periods share a label.
        InvalidRecordError: See :func:`calendar_periods` and
            :func:`~partnership_model.significance.brokerage_significance`
            for *partition*.
        ImportError: The backend is not installed (raised by networkx).

    .. versionadded:: 0.2.0
    """
    check_graph(graph)
    if isinstance(periods, str):
        if periods not in _MONTHS:
            raise InvalidRecordError(
                "periods", periods, "expected 'month', 'quarter', 'year' or periods"
            )
        extent = _dated_extent(graph)
        chosen: tuple[Period, ...] = (
            calendar_periods(*extent, every=periods) if extent is not None else ()
        )
    else:
        chosen = _periods(periods)
    summaries, undated = _summaries(graph, chosen, partition, backend)
    return TimeSeries(
        summaries=tuple(summaries), undated=undated, policy=graph.policy.name
    )


# -- two periods ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PeriodComparison:
    """What changed in the ecology from one period to another.

    A relation is *kept* when it belongs to both periods (its dates overlap
    both), *gained* when it belongs to the second only, *lost* when it
    belongs to the first only. Relations are the graph's own: two
    engagements between the same two actors are two relations, and a
    relation that ends and a new one that starts between the same actors
    count as one lost and one gained. Undated relations belong to neither
    period.

    Attributes:
        first: The earlier (or reference) period's summary.
        second: The later period's summary.
        gained: Relations of each primary type in the second period only.
        lost: Relations of each primary type in the first period only.
        kept: Relations of each primary type in both.
        became_brokers: Brokers of the second period who were not brokers of
            the first (they may have been absent from it).
        stopped_brokering: Brokers of the first period who are not brokers
            of the second (they may be absent from it).

    .. versionadded:: 0.2.0
    """

    #: Summary of the first period.
    first: PeriodSummary
    #: Summary of the second period.
    second: PeriodSummary
    #: Relations gained, by primary type.
    gained: Mapping[RelationType, int]
    #: Relations lost, by primary type.
    lost: Mapping[RelationType, int]
    #: Relations kept, by primary type.
    kept: Mapping[RelationType, int]
    #: Actors who became brokers.
    became_brokers: frozenset[str]
    #: Actors who stopped brokering.
    stopped_brokering: frozenset[str]


def compare_periods(
    graph: EcologyGraph,
    first: PeriodLike,
    second: PeriodLike,
    *,
    partition: GroupPartition = "sphere",
    backend: str | None = None,
) -> PeriodComparison:
    """Compare the ecology over two periods (for instance two survey waves).

    Args:
        graph: The ecology.
        first: The reference period, a :class:`Period` or ``(label, start,
            end)``.
        second: The period compared with it (labels must differ).
        partition: Groups of the E-I index of both summaries.
        backend: See :func:`series`.

    Raises:
        See :func:`series`.

    .. versionadded:: 0.2.0
    """
    check_graph(graph)
    pair = _periods([first, second])
    (one, two), _ = _summaries(graph, pair, partition, backend)
    windows = [(p.start, p.end) for p in pair]
    table = graph._table
    states = graph._states
    moves = {
        name: dict.fromkeys(RelationType, 0) for name in ("gained", "lost", "kept")
    }
    for source, target, data in graph._graph.edges(data=True):
        days = _time.span(data.get("start"), data.get("end"))
        if days is None:
            continue
        inside = [days[0] <= last and days[1] >= start for start, last in windows]
        if not any(inside):
            continue
        move = "kept" if all(inside) else "lost" if inside[0] else "gained"
        primary = table[states[source].profile][states[target].profile].primary
        moves[move][primary] += 1
    return PeriodComparison(
        first=one,
        second=two,
        gained=moves["gained"],
        lost=moves["lost"],
        kept=moves["kept"],
        became_brokers=two.brokers - one.brokers,
        stopped_brokering=one.brokers - two.brokers,
    )
