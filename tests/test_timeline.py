"""Tests of partnership_model.timeline and EcologyGraph.at/during: the window rule."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from partnership_model import metrics, strategies as pms
from partnership_model.dates import PartialDate
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    RecordTypeError,
)
from partnership_model.policy import CAPTION_READING_POLICY
from partnership_model.records import Engagement, Participant
from partnership_model.timeline import (
    Period,
    PeriodSummary,
    TimeSeries,
    calendar_periods,
    compare_periods,
    in_window,
    is_dated,
    select_in_window,
    series,
)
from partnership_model.vocabulary import (
    ActorKind,
    Authority,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    RelationType,
    Role,
    Sphere,
)

day = dt.date


def _ecology() -> EcologyGraph:
    """Five actors; relations over 2019-2022, one undated, one open-ended."""
    return EcologyGraph(
        actors=[
            Actor.from_role("p1", Role.PATIENT),
            Actor.from_role("p2", Role.PATIENT),
            Actor.from_role("c1", Role.CLINICIAN),
            Actor.from_role("m1", Role.MANAGER),
            Actor.from_role("d1", Role.DECISION_MAKER),
            Actor.from_role(
                "t1", Role.THIRD_PARTY, kind=ActorKind.ORGANISATION, label="Tiers"
            ),
        ],
        relations=[
            Relation(
                source="p1", target="p2", start=day(2019, 1, 1), end=day(2019, 12, 31)
            ),
            Relation(
                source="p1", target="c1", start=day(2020, 3, 1), end=day(2021, 6, 30)
            ),
            Relation(source="c1", target="m1", start=day(2021, 1, 1)),
            Relation(source="m1", target="d1", end=day(2020, 1, 31)),
            Relation(
                source="t1", target="m1", start=day(2022, 5, 5), end=day(2022, 5, 5)
            ),
            ("p2", "d1"),
        ],
    )


# -- the window rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "since", "until", "expected"),
    [
        (day(2020, 1, 1), day(2020, 12, 31), day(2020, 12, 31), None, True),  # last day
        (day(2020, 1, 1), day(2020, 12, 31), None, day(2020, 1, 1), True),  # first day
        (day(2020, 1, 1), day(2020, 12, 31), day(2021, 1, 1), None, False),
        (day(2020, 1, 1), day(2020, 12, 31), None, day(2019, 12, 31), False),
        (day(2020, 1, 1), None, day(2030, 1, 1), day(2030, 1, 1), True),  # open end
        (None, day(2020, 1, 1), day(1990, 1, 1), day(1990, 1, 1), True),  # open start
        (None, day(2020, 1, 1), day(2020, 1, 2), None, False),
        (None, None, None, None, False),  # undated: in no window
        (None, None, day(2020, 1, 1), day(2020, 1, 1), False),
    ],
)
def test_in_window(
    start: dt.date | None,
    end: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    expected: bool,
) -> None:
    assert in_window(start, end, since=since, until=until) is expected


def test_a_window_must_not_end_before_it_starts() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        in_window(None, None, since=day(2020, 1, 2), until=day(2020, 1, 1))
    assert caught.value.code == "window_order"
    assert caught.value.field == "end"


@pytest.mark.parametrize("value", [dt.datetime(2020, 1, 1, 12, 0), "2020-01-01", 2020])
def test_only_days_are_dates(value: Any) -> None:
    with pytest.raises(RecordTypeError):
        in_window(value, None)
    with pytest.raises(RecordTypeError) as caught:
        in_window(None, None, since=value)
    assert caught.value.field == "start"
    with pytest.raises(RecordTypeError) as caught:
        _ecology().during(None, value)
    assert caught.value.field == "end"


def test_is_dated() -> None:
    assert is_dated(day(2020, 1, 1), None)
    assert is_dated(None, day(2020, 1, 1))
    assert not is_dated(None, None)


def _engagement(
    identifier: str, start: dt.date | None, end: dt.date | None
) -> Engagement:
    return Engagement(
        id=identifier,
        title=identifier,
        domain=EngagementDomain.CARE_AND_SERVICES,
        level=EngagementLevel.MICRO,
        degree=EngagementDegree.PARTNERSHIP,
        leadership=Leadership.CO_LED,
        participants=(
            Participant(person_id="a", role=Role.PATIENT),
            Participant(person_id="b", role=Role.CLINICIAN),
        ),
        start=start,
        end=end,
    )


def test_select_in_window_splits_engagements_three_ways() -> None:
    engagements = [
        _engagement("old", day(2018, 1, 1), day(2018, 6, 1)),
        _engagement("running", day(2019, 1, 1), None),
        _engagement("unknown", None, None),
        _engagement("new", day(2021, 1, 1), day(2021, 2, 1)),
    ]
    chosen = select_in_window(
        engagements, since=day(2020, 1, 1), until=day(2020, 12, 31)
    )
    assert [e.id for e in chosen.inside] == ["running"]
    assert [e.id for e in chosen.outside] == ["old", "new"]
    assert [e.id for e in chosen.undated] == ["unknown"]
    everything = select_in_window(engagements)
    assert len(everything.inside) == 3


# -- slices: at() and during() -----------------------------------------------------------------


def test_at_keeps_the_relations_alive_that_day() -> None:
    graph = _ecology()
    slice_ = graph.at(day(2020, 1, 15))
    pairs = sorted(tuple(sorted((r.source, r.target))) for r in slice_.relations())
    assert pairs == [("d1", "m1")]  # open start, ends 2020-01-31
    assert sorted(a.id for a in slice_.actors()) == ["d1", "m1"]
    assert slice_.policy is graph.policy


def test_during_keeps_overlapping_relations_and_active_actors() -> None:
    graph = _ecology()
    slice_ = graph.during(day(2020, 1, 1), day(2020, 12, 31))
    pairs = sorted(tuple(sorted((r.source, r.target))) for r in slice_.relations())
    assert pairs == [("c1", "p1"), ("d1", "m1")]
    everyone = graph.during(day(2020, 1, 1), day(2020, 12, 31), actors="all")
    assert everyone.number_of_actors == graph.number_of_actors
    assert everyone.number_of_relations == 2
    with pytest.raises(InvalidRecordError):
        graph.during(None, None, actors="some")  # type: ignore[arg-type]


def test_undated_relations_are_in_no_slice() -> None:
    graph = _ecology()
    slice_ = graph.during(None, None)
    assert slice_.number_of_relations == graph.number_of_relations - 1
    assert all(
        r.relation.start is not None or r.relation.end is not None
        for r in slice_.relations()
    )


def test_a_slice_is_an_independent_copy_with_the_relations_attributes() -> None:
    graph = _ecology()
    slice_ = graph.during(day(2019, 1, 1), day(2019, 12, 31))
    (kept,) = [
        r.relation
        for r in slice_.relations()
        if r.source in ("p1", "p2") and r.target in ("p1", "p2")
    ]
    assert (kept.start, kept.end) == (
        PartialDate.from_date(day(2019, 1, 1)),
        PartialDate.from_date(day(2019, 12, 31)),
    )
    graph.remove_actor("p1")
    assert "p1" in slice_
    slice_.remove_actor("p2")
    assert "p2" in graph


def test_a_slice_keeps_the_graphs_policy() -> None:
    graph = _ecology().with_policy(CAPTION_READING_POLICY)
    assert graph.during(None, None).policy is CAPTION_READING_POLICY


@settings(max_examples=60, deadline=None)
@given(pms.ecology_graphs(max_actors=6, max_relations=12), pms.periods())
def test_during_agrees_with_the_window_rule(
    graph: EcologyGraph, period: Period
) -> None:
    slice_ = graph.during(period.start, period.end)
    expected = sorted(
        (sorted((r.source, r.target)), str(r.relation.start), str(r.relation.end))
        for r in graph.relations()
        if period.contains(r.relation.start, r.relation.end)
    )
    found = sorted(
        (sorted((r.source, r.target)), str(r.relation.start), str(r.relation.end))
        for r in slice_.relations()
    )
    assert found == expected
    present = {end for r in slice_.relations() for end in (r.source, r.target)}
    assert {a.id for a in slice_.actors()} == present


# -- periods ------------------------------------------------------------------------------


def test_calendar_months_quarters_and_years() -> None:
    months = calendar_periods(day(2024, 1, 31), day(2024, 3, 1), every="month")
    assert [(p.label, p.start, p.end) for p in months] == [
        ("2024-01", day(2024, 1, 1), day(2024, 1, 31)),
        ("2024-02", day(2024, 2, 1), day(2024, 2, 29)),
        ("2024-03", day(2024, 3, 1), day(2024, 3, 31)),
    ]
    quarters = calendar_periods(day(2023, 12, 31), day(2024, 4, 1), every="quarter")
    assert [p.label for p in quarters] == ["2023-Q4", "2024-Q1", "2024-Q2"]
    assert quarters[1].end == day(2024, 3, 31)
    years = calendar_periods(day(9998, 5, 1), day(9999, 12, 31), every="year")
    assert [(p.label, p.end) for p in years] == [
        ("9998", day(9998, 12, 31)),
        ("9999", day(9999, 12, 31)),
    ]


@settings(max_examples=60, deadline=None)
@given(pms.dates(), pms.dates(), st.sampled_from(["month", "quarter", "year"]))
def test_calendar_periods_tile_the_range(
    first: dt.date, second: dt.date, every: Any
) -> None:
    start, end = sorted((first, second))
    found = calendar_periods(start, end, every=every)
    assert found[0].start <= start
    assert found[-1].end >= end
    for before, after in itertools.pairwise(found):
        assert after.start == before.end + dt.timedelta(days=1)
    assert len({p.label for p in found}) == len(found)


def test_calendar_periods_refuse_bad_arguments() -> None:
    with pytest.raises(InvalidRecordError):
        calendar_periods(day(2020, 1, 1), day(2021, 1, 1), every="week")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError) as caught:
        calendar_periods(day(2021, 1, 1), day(2020, 1, 1), every="year")
    assert caught.value.code == "window_order"
    with pytest.raises(RecordTypeError):
        calendar_periods(None, day(2020, 1, 1), every="year")  # type: ignore[arg-type]


def test_periods_validate() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        Period(label="x", start=day(2020, 1, 2), end=day(2020, 1, 1))
    assert caught.value.code == "date_order"
    with pytest.raises(RecordTypeError):
        Period(label=" ", start=day(2020, 1, 1), end=day(2020, 1, 1))
    with pytest.raises(RecordTypeError):
        Period(label="x", start=dt.datetime(2020, 1, 1), end=day(2020, 1, 1))


def test_series_refuses_malformed_periods() -> None:
    graph = _ecology()
    with pytest.raises(DuplicateIdError) as duplicate:
        series(graph, [("w", day(2020, 1, 1), day(2020, 2, 1))] * 2)
    assert duplicate.value.field == "periods[1].label"
    with pytest.raises(InvalidRecordError) as order:
        series(graph, [("w", day(2020, 2, 1), day(2020, 1, 1))])
    assert order.value.field == "periods[0].end"
    with pytest.raises(RecordTypeError) as shape:
        series(graph, [("w", day(2020, 1, 1))])  # type: ignore[list-item]
    assert shape.value.field == "periods[0]"
    with pytest.raises(InvalidRecordError):
        series(graph, "week")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        series("graph", "year")  # type: ignore[arg-type]


# -- series -------------------------------------------------------------------------------


def test_series_by_year() -> None:
    found = series(_ecology(), "year")
    assert [s.period.label for s in found] == ["2019", "2020", "2021", "2022"]
    assert found.undated == 1
    assert found.policy == "default"
    first = found.summary("2019")
    # 2019: p1-p2 (bonding) and m1-d1 (open start until 2020-01-31; linking).
    assert first.relations == 2
    assert first.counts[RelationType.BONDING] == 1
    assert first.counts[RelationType.LINKING] == 1
    assert first.shares[RelationType.BRIDGING] == 0.0
    assert first.ei_index == -1.0
    assert first.brokers == frozenset()  # two separate pairs: no structural hole
    assert first.unlinked_to_public_authority == frozenset({"p1", "p2"})
    last = found.summary("2022")
    assert last.counts[RelationType.BONDING] == 1  # t1-m1 bonds
    # 2022: c1-m1 (linking) and t1-m1: m1 sits between c1 and t1; t1 by role.
    assert last.brokers == frozenset({"m1", "t1"})
    with pytest.raises(KeyError):
        found.summary("2030")
    assert found[1:] == found.summaries[1:]
    assert len(found) == 4


def test_an_empty_period_has_undefined_measures_not_nan() -> None:
    found = series(_ecology(), [("empty", day(2020, 2, 1), day(2020, 2, 29))])
    (empty,) = found
    assert empty.relations == 0
    assert empty.ei_index is None
    assert set(empty.shares.values()) == {None}
    assert empty.actors == 0


def test_a_graph_without_dates_has_an_empty_calendar_series() -> None:
    graph = EcologyGraph(
        actors=[Actor.from_role(i, Role.PATIENT) for i in "ab"], relations=[("a", "b")]
    )
    found = series(graph, "month")
    assert len(found) == 0
    assert found.undated == 1


def test_summaries_refuse_nan() -> None:
    period = Period(label="p", start=day(2020, 1, 1), end=day(2020, 1, 1))
    with pytest.raises(InvalidRecordError):
        PeriodSummary(
            period=period,
            relations=0,
            counts={},
            shares={},
            ei_index=math.nan,
            actors=0,
            brokers=frozenset(),
            unlinked_to_public_authority=frozenset(),
        )


def _check_summary(summary: PeriodSummary, graph: EcologyGraph, partition: Any) -> None:
    slice_ = graph.during(summary.period.start, summary.period.end)
    assert summary.relations == slice_.number_of_relations
    assert summary.counts == metrics.relation_counts(slice_)
    if slice_.number_of_relations:
        assert summary.shares == pytest.approx(metrics.relation_shares(slice_))
    assert summary.actors == slice_.number_of_actors
    expected = metrics.ei_index(slice_, partition=partition)
    if expected is None:
        assert summary.ei_index is None
    else:
        assert summary.ei_index == pytest.approx(expected)
    assert summary.brokers == metrics.brokers(slice_)
    assert summary.unlinked_to_public_authority == metrics.unlinked_to_public_authority(
        slice_
    )


@settings(max_examples=80, deadline=None)
@given(
    pms.ecology_graphs(max_actors=7, max_relations=14),
    st.lists(pms.periods(), max_size=4, unique_by=lambda p: p.label),
    st.sampled_from(["sphere", "authority"]),
)
def test_series_equals_the_metrics_of_each_slice(
    graph: EcologyGraph, periods: list[Period], partition: Any
) -> None:
    """One pass over the relations gives what the metrics give on each slice."""
    found = series(graph, periods, partition=partition)
    assert [s.period for s in found] == periods
    assert found.undated == sum(
        1
        for r in graph.relations()
        if r.relation.start is None and r.relation.end is None
    )
    for summary in found:
        _check_summary(summary, graph, partition)


def test_series_over_months_equals_the_metrics_of_each_month() -> None:
    graph = _ecology()
    found = series(graph, "month")
    assert found[0].period.label == "2019-01"
    assert found[-1].period.label == "2022-05"
    for summary in found:
        _check_summary(summary, graph, "sphere")


def test_series_with_a_mapping_partition() -> None:
    graph = _ecology()
    groups = {a.id: a.id[0] for a in graph.actors()}
    for summary in series(graph, "year", partition=groups):
        _check_summary(summary, graph, groups)


def test_public_authority_reached_through_an_organisation() -> None:
    graph = EcologyGraph(
        actors=[
            Actor.from_role("p", Role.PATIENT),
            Actor(
                id="ministry",
                sphere=Sphere.PROFESSIONAL,
                authority=Authority.PUBLIC_AUTHORITY,
                kind=ActorKind.ORGANISATION,
            ),
        ],
        relations=[Relation(source="p", target="ministry", start=day(2020, 1, 1))],
    )
    (summary,) = series(graph, [("w", day(2020, 1, 1), day(2020, 1, 1))])
    assert summary.unlinked_to_public_authority == frozenset()


# -- two periods ---------------------------------------------------------------------------------


def test_compare_two_waves() -> None:
    graph = _ecology()
    change = compare_periods(
        graph,
        ("2019", day(2019, 1, 1), day(2019, 12, 31)),
        Period(label="2021", start=day(2021, 1, 1), end=day(2021, 12, 31)),
    )
    assert change.first.period.label == "2019"
    assert change.lost == {
        RelationType.BONDING: 1,
        RelationType.BRIDGING: 0,
        RelationType.LINKING: 1,
    }
    assert change.gained[RelationType.BRIDGING] == 1  # p1-c1
    assert change.gained[RelationType.LINKING] == 1  # c1-m1
    assert sum(change.kept.values()) == 0
    # 2021: p1-c1 and c1-m1, so c1 sits between p1 and m1; nobody brokered in 2019.
    assert change.became_brokers == frozenset({"c1"})
    assert change.stopped_brokering == frozenset()


@settings(max_examples=60, deadline=None)
@given(
    pms.ecology_graphs(max_actors=6, max_relations=12),
    pms.periods(labels=st.just("first")),
    pms.periods(labels=st.just("second")),
)
def test_comparison_adds_up(graph: EcologyGraph, first: Period, second: Period) -> None:
    change = compare_periods(graph, first, second)
    one = metrics.relation_counts(graph.during(first.start, first.end))
    two = metrics.relation_counts(graph.during(second.start, second.end))
    for kind in RelationType:
        assert change.kept[kind] + change.lost[kind] == one[kind]
        assert change.kept[kind] + change.gained[kind] == two[kind]
    assert change.became_brokers == change.second.brokers - change.first.brokers
    assert change.stopped_brokering.isdisjoint(change.second.brokers)


def test_comparison_needs_distinct_labels() -> None:
    wave = Period(label="w", start=day(2020, 1, 1), end=day(2020, 1, 2))
    with pytest.raises(DuplicateIdError):
        compare_periods(_ecology(), wave, wave)


# -- backend= reaches networkx's dispatcher -------------------------------------------------


def test_backend_is_forwarded_to_networkx() -> None:
    graph = _ecology()
    ours = series(graph, "year")
    theirs = series(graph, "year", backend="networkx")
    assert theirs == ours
    with pytest.raises(ImportError, match="not-a-backend"):
        series(graph, "year", backend="not-a-backend")
    change = compare_periods(
        graph,
        ("a", day(2019, 1, 1), day(2019, 12, 31)),
        ("b", day(2020, 1, 1), day(2020, 12, 31)),
        backend="networkx",
    )
    assert change.second == ours.summary("2020").__class__(
        **{**_fields(ours.summary("2020")), "period": change.second.period}
    )


def _fields(summary: PeriodSummary) -> dict[str, Any]:
    return {
        name: getattr(summary, name)
        for name in (
            "period",
            "relations",
            "counts",
            "shares",
            "ei_index",
            "actors",
            "brokers",
            "unlinked_to_public_authority",
        )
    }


def test_time_series_is_a_sequence() -> None:
    found = series(_ecology(), "year")
    assert isinstance(found, TimeSeries)
    assert list(found) == list(found.summaries)
    assert found[0] is found.summaries[0]
