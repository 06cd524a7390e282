"""Tests of partnership_model.significance: brokerage z-scores and the E-I test.

The brokerage figures are checked against numbers computed by R's
``sna::brokerage`` and stored in ``tests/fixtures/sna_brokerage.json`` by
``tests/fixtures/sna_brokerage.R``. CI has no R: the stored fixture is the
reference; ``test_the_fixture_is_what_sna_computes_today`` reruns R when
``Rscript`` is on PATH.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from collections.abc import Hashable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

from partnership_model import strategies as pms
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
)
from partnership_model.metrics import BrokerageRole, brokerage_roles, ei_index
from partnership_model.significance import (
    DEFAULT_PERMUTATIONS,
    BrokerageSignificance,
    EIPermutationTest,
    brokerage_significance,
    ei_permutation_test,
)
from partnership_model.vocabulary import Authority, Role, Sphere

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNA_JSON = FIXTURES / "sna_brokerage.json"
SNA_SCRIPT = FIXTURES / "sna_brokerage.R"
TOLERANCE = 1e-9

#: sna's column names (its C code and R/models.R) for our roles.
SNA_COLUMN = {
    BrokerageRole.COORDINATOR: "w_I",
    BrokerageRole.ITINERANT: "w_O",
    BrokerageRole.GATEKEEPER: "b_OI",
    BrokerageRole.REPRESENTATIVE: "b_IO",
    BrokerageRole.LIAISON: "b_O",
}


def _load_fixture(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    return data


FIXTURE = _load_fixture(SNA_JSON.read_text(encoding="utf-8"))


def _graph_of(case: Mapping[str, Any]) -> tuple[EcologyGraph, dict[str, Hashable]]:
    """The fixture graph as an ecology, with its partition as a mapping."""
    actors = [
        Actor(id=vertex, sphere=Sphere.COMMUNITY, authority=Authority.MEMBER)
        for vertex in case["vertices"]
    ]
    graph = EcologyGraph(actors=actors, relations=[tuple(e) for e in case["edges"]])
    return graph, dict(zip(case["vertices"], case["groups"], strict=True))


def _number(value: object) -> float:
    """A fixture number; sna's non-finite values are stored as strings."""
    if isinstance(value, str):
        return float(value.replace("Inf", "inf"))
    assert isinstance(value, int | float)
    return float(value)


def _close(ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= TOLERANCE * max(1.0, abs(theirs))


def _deviations(data: Mapping[str, Any]) -> list[tuple[str, str, str, str, float]]:
    """Every mismatch between our results and the fixture's sna figures."""
    problems: list[tuple[str, str, str, str, float]] = []
    for case in data["graphs"]:
        graph, partition = _graph_of(case)
        ours = brokerage_significance(graph, partition=partition)
        assert list(ours) == case["vertices"]
        for vertex in case["vertices"]:
            for role, column in SNA_COLUMN.items():
                cell = ours[vertex][role]
                raw = _number(case["raw"][vertex][column])
                expected = _number(case["expected"][vertex][column])
                sd = _number(case["sd"][vertex][column])
                z = _number(case["z"][vertex][column])
                where = (case["name"], vertex, column)
                if cell.observed != raw:
                    problems.append((*where, "observed", cell.observed - raw))
                if not _close(cell.expected, expected):
                    problems.append((*where, "expected", cell.expected - expected))
                if not _close(cell.sd, sd):
                    problems.append((*where, "sd", cell.sd - sd))
                if cell.z is None:
                    if math.isfinite(z):
                        problems.append((*where, "z", z))
                elif not math.isfinite(z) or not _close(cell.z, z):
                    problems.append((*where, "z", cell.z - z))
    return problems


# -- brokerage against sna -----------------------------------------------------------


def test_the_fixture_covers_the_cases_it_is_meant_to() -> None:
    cases = {case["name"]: case for case in FIXTURE["graphs"]}
    group_counts = {len(set(case["groups"])) for case in cases.values()}
    assert {2, 3} <= group_counts
    isolated = [
        case
        for case in cases.values()
        if set(case["vertices"]) - {v for edge in case["edges"] for v in edge}
    ]
    assert isolated
    undefined = [
        case
        for case in cases.values()
        if any(z == "NaN" for row in case["z"].values() for z in row.values())
    ]
    assert len(undefined) >= 3
    assert FIXTURE["r_version"].startswith("R version")
    assert FIXTURE["sna_version"]


def test_brokerage_matches_sna_on_the_fixture_graphs() -> None:
    assert _deviations(FIXTURE) == []


def test_the_comparison_can_fail() -> None:
    tampered = json.loads(SNA_JSON.read_text(encoding="utf-8"))
    case = tampered["graphs"][0]
    vertex = case["vertices"][1]
    case["expected"][vertex]["w_I"] = _number(case["expected"][vertex]["w_I"]) + 1e-6
    case["raw"][vertex]["b_IO"] = _number(case["raw"][vertex]["b_IO"]) + 2

    problems = _deviations(tampered)

    assert {(p[1], p[2], p[3]) for p in problems} >= {
        (vertex, "w_I", "expected"),
        (vertex, "b_IO", "observed"),
    }


def test_the_fixture_is_what_sna_computes_today() -> None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not on PATH: the stored sna fixture is used instead")
    probe = subprocess.run(  # noqa: S603 - fixed arguments
        [rscript, "-e", "library(sna); library(jsonlite)"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip("R is installed without sna or jsonlite (Debian: r-cran-sna)")
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [rscript, str(SNA_SCRIPT)], capture_output=True, check=True, text=True
    )
    fresh = _load_fixture(completed.stdout)

    assert _deviations(fresh) == []
    assert [c["edges"] for c in fresh["graphs"]] == [
        c["edges"] for c in FIXTURE["graphs"]
    ]


# -- brokerage: properties ---------------------------------------------------------------


def _labels_of(graph: EcologyGraph) -> dict[str, Hashable]:
    return {actor.id: actor.sphere for actor in graph.actors()}


@settings(max_examples=60, deadline=None)
@given(pms.ecology_graphs(max_actors=9, max_relations=20), st.data())
def test_observed_counts_are_brokerage_roles_and_z_is_consistent(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    groups = {
        actor.id: data.draw(st.sampled_from("abc"), label=actor.id)
        for actor in graph.actors()
    }
    found = brokerage_significance(graph, partition=groups)
    counts = brokerage_roles(graph, partition=groups)

    assert list(found) == [actor.id for actor in graph.actors()]
    for actor_id, cells in found.items():
        assert list(cells) == list(BrokerageRole)
        for role, cell in cells.items():
            assert cell.observed == counts[actor_id][role]
            if cell.z is None:
                assert cell.sd == 0.0
                assert cell.observed == 0
                assert cell.expected == 0.0
            else:
                assert math.isclose(
                    cell.z * cell.sd + cell.expected, cell.observed, abs_tol=1e-9
                )
        assert cells[BrokerageRole.GATEKEEPER] == cells[BrokerageRole.REPRESENTATIVE]


@settings(max_examples=40, deadline=None)
@given(pms.ecology_graphs(max_actors=8, max_relations=16))
def test_parallel_relations_change_nothing(graph: EcologyGraph) -> None:
    doubled = graph.copy()
    pairs = {frozenset((r.source, r.target)) for r in graph.relations()}
    for pair in pairs:
        first, second = sorted(pair)
        doubled.add_relation(first, second)

    assert brokerage_significance(doubled) == brokerage_significance(graph)


def test_expected_counts_agree_with_a_direct_count_over_triples() -> None:
    """The expectation is d^2 (1 - d) times the number of ordered triples of the role."""
    groups = {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 2}
    actors = [
        Actor(id=i, sphere=Sphere.COMMUNITY, authority=Authority.MEMBER) for i in groups
    ]
    graph = EcologyGraph(actors=actors, relations=[("a", "b"), ("b", "d"), ("d", "f")])
    density = 3 / 15
    found = brokerage_significance(graph, partition=groups)

    for broker, cells in found.items():
        triples = dict.fromkeys(BrokerageRole, 0)
        others = [x for x in groups if x != broker]
        for first in others:
            for second in others:
                if first == second:
                    continue
                ga, gv, gc = groups[first], groups[broker], groups[second]
                if ga == gc:
                    role = (
                        BrokerageRole.COORDINATOR
                        if ga == gv
                        else BrokerageRole.ITINERANT
                    )
                elif gv == gc:
                    role = BrokerageRole.GATEKEEPER
                elif ga == gv:
                    role = BrokerageRole.REPRESENTATIVE
                else:
                    role = BrokerageRole.LIAISON
                triples[role] += 1
        for role, cell in cells.items():
            expected = density**2 * (1 - density) * triples[role]
            assert cell.expected == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_small_and_degenerate_graphs() -> None:
    assert brokerage_significance(EcologyGraph()) == {}
    alone = EcologyGraph(actors=[Actor.from_role("p", Role.PATIENT)])
    cells = brokerage_significance(alone)["p"]
    assert all(
        c == BrokerageSignificance(observed=0, expected=0.0, sd=0.0, z=None)
        for c in cells.values()
    )
    pair = EcologyGraph(
        actors=[
            Actor.from_role("p", Role.PATIENT),
            Actor.from_role("c", Role.CLINICIAN),
        ],
        relations=[("p", "c")],
    )
    assert all(
        c.z is None
        for cells in brokerage_significance(pair).values()
        for c in cells.values()
    )


def test_named_partitions() -> None:
    graph = EcologyGraph(
        actors=[
            Actor.from_role("p1", Role.PATIENT),
            Actor.from_role("p2", Role.PATIENT),
            Actor.from_role("c", Role.CLINICIAN),
        ],
        relations=[("p1", "c"), ("c", "p2")],
    )
    by_sphere = {a.id: a.sphere for a in graph.actors()}
    assert brokerage_significance(graph) == brokerage_significance(
        graph, partition=by_sphere
    )
    if "authority" in attrs.fields_dict(Actor):
        by_authority = {a.id: a.authority for a in graph.actors()}  # type: ignore[attr-defined, unused-ignore]
        assert brokerage_significance(graph, partition="authority") == (
            brokerage_significance(graph, partition=by_authority)
        )
    else:
        with pytest.raises(InvalidRecordError, match="authority") as caught:
            brokerage_significance(graph, partition="authority")
        assert caught.value.code == "unavailable_partition"


@pytest.mark.parametrize(
    ("partition", "error", "field"),
    [
        ("level", InvalidRecordError, "partition"),
        (42, RecordTypeError, "partition"),
        ({"p": 1}, InvalidRecordError, "partition"),
        ({"p": 1, "c": [1]}, RecordTypeError, "partition['c']"),
    ],
)
def test_bad_partitions_are_refused(
    partition: object, error: type[Exception], field: str
) -> None:
    graph = EcologyGraph(
        actors=[
            Actor.from_role("p", Role.PATIENT),
            Actor.from_role("c", Role.CLINICIAN),
        ]
    )
    for function in (brokerage_significance, ei_permutation_test):
        with pytest.raises(error) as caught:
            function(graph, partition=partition)  # type: ignore[arg-type]
        assert isinstance(caught.value, PartnershipModelError)
        assert caught.value.field == field  # type: ignore[attr-defined]


def test_a_mapping_may_name_actors_absent_from_the_graph() -> None:
    graph = EcologyGraph(actors=[Actor.from_role("p", Role.PATIENT)])
    assert brokerage_significance(graph, partition={"p": 1, "gone": 2})["p"]


def test_not_a_graph_is_refused() -> None:
    with pytest.raises(RecordTypeError):
        brokerage_significance("graph")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        ei_permutation_test(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "fields",
    [
        {"observed": -1, "expected": 0.0, "sd": 0.0, "z": None},
        {"observed": 1, "expected": math.nan, "sd": 1.0, "z": 0.0},
        {"observed": 1, "expected": 1.0, "sd": 1.0, "z": math.inf},
        {"observed": 1, "expected": 1.0, "sd": 1.0, "z": None},
        {"observed": 1, "expected": 1.0, "sd": 0.0, "z": 0.0},
        {"observed": True, "expected": 1.0, "sd": 0.0, "z": None},
    ],
)
def test_brokerage_significance_records_validate(fields: dict[str, Any]) -> None:
    with pytest.raises(InvalidRecordError):
        BrokerageSignificance(**fields)


# -- E-I permutation test ------------------------------------------------------------------


def _two_cliques() -> EcologyGraph:
    patients = [Actor.from_role(f"p{i}", Role.PATIENT) for i in range(5)]
    clinicians = [Actor.from_role(f"c{i}", Role.CLINICIAN) for i in range(5)]
    relations = [
        pair
        for group in (patients, clinicians)
        for pair in combinations([a.id for a in group], 2)
    ]
    return EcologyGraph(
        actors=patients + clinicians, relations=[*relations, ("p0", "c0")]
    )


def test_observed_ei_is_metrics_ei_index() -> None:
    graph = _two_cliques()
    test = ei_permutation_test(graph, seed=3, permutations=50)

    assert test.observed == ei_index(graph)
    assert test.permutations == 50
    assert test.seed == 3


def test_a_homophilous_graph_is_significant_on_the_internal_side() -> None:
    test = ei_permutation_test(_two_cliques(), seed=11)

    assert test.observed is not None
    assert test.expected is not None
    assert test.p_less is not None
    assert test.p_greater is not None
    assert test.p_two_sided is not None
    assert test.observed < test.expected
    # Exactly 2 of the C(10, 5) = 252 relabellings keep the cliques apart.
    assert test.p_less == pytest.approx(2 / 252, abs=0.006)
    assert test.p_greater > 0.99
    assert test.p_two_sided <= 2 * test.p_less
    assert test.permutations == DEFAULT_PERMUTATIONS


def test_the_permutation_mean_approaches_the_exact_expectation() -> None:
    graph = _two_cliques()
    test = ei_permutation_test(graph, seed=5, permutations=4000)

    assert test.mean is not None
    assert test.sd is not None
    assert test.expected is not None
    # 10 actors, two groups of 5: 50 of the 90 ordered pairs cross groups.
    assert test.expected == pytest.approx(2 * 50 / 90 - 1)
    standard_error = test.sd / math.sqrt(test.permutations)
    assert abs(test.mean - test.expected) < 4 * standard_error


def test_same_seed_same_result_whatever_the_actor_order() -> None:
    graph = _two_cliques()
    reordered = EcologyGraph(
        actors=list(reversed(list(graph.actors()))),
        relations=[(r.target, r.source) for r in graph.relations()],
    )
    assert reordered == graph

    first = ei_permutation_test(graph, seed=123, permutations=300)
    assert ei_permutation_test(graph, seed=123, permutations=300) == first
    assert ei_permutation_test(reordered, seed=123, permutations=300) == first
    assert ei_permutation_test(graph, seed=124, permutations=300) != first


def test_no_seed_draws_one_and_reports_it() -> None:
    graph = _two_cliques()
    first = ei_permutation_test(graph, permutations=20)
    again = ei_permutation_test(graph, permutations=20, seed=first.seed)

    assert again == first


def test_without_relations_everything_is_none() -> None:
    graph = EcologyGraph(
        actors=[
            Actor.from_role("p", Role.PATIENT),
            Actor.from_role("c", Role.CLINICIAN),
        ]
    )
    test = ei_permutation_test(graph, seed=1, permutations=10)

    assert test == EIPermutationTest(
        observed=None,
        expected=None,
        mean=None,
        sd=None,
        p_greater=None,
        p_less=None,
        p_two_sided=None,
        permutations=10,
        seed=1,
    )


def test_one_group_gives_a_degenerate_but_defined_test() -> None:
    graph = EcologyGraph(
        actors=[Actor.from_role(i, Role.PATIENT) for i in "abc"],
        relations=[("a", "b"), ("b", "c")],
    )
    test = ei_permutation_test(graph, seed=1, permutations=10)

    assert (test.observed, test.expected, test.mean, test.sd) == (-1.0, -1.0, -1.0, 0.0)
    assert test.p_greater == test.p_less == test.p_two_sided == 1.0


def _exhaustive_p_values(
    graph: EcologyGraph, groups: Mapping[str, Hashable]
) -> tuple[float, float]:
    """Exact one-sided p-values by enumerating every distinct relabelling."""
    from itertools import permutations as all_orders

    ids = sorted(groups)
    labels = [groups[i] for i in ids]
    pairs = [(r.source, r.target) for r in graph.relations()]

    def external(assigned: Mapping[str, Hashable]) -> int:
        return sum(assigned[a] != assigned[b] for a, b in pairs)

    observed = external(groups)
    outcomes = [
        external(dict(zip(ids, order, strict=True)))
        for order in set(all_orders(labels))
    ]
    greater = sum(v >= observed for v in outcomes) / len(outcomes)
    less = sum(v <= observed for v in outcomes) / len(outcomes)
    return greater, less


def test_p_values_estimate_the_exact_relabelling_distribution() -> None:
    groups: dict[str, Hashable] = {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}
    actors = [
        Actor(id=i, sphere=Sphere.COMMUNITY, authority=Authority.MEMBER) for i in groups
    ]
    graph = EcologyGraph(
        actors=actors,
        relations=[("a", "b"), ("b", "c"), ("a", "d"), ("d", "e"), ("e", "f")],
    )
    exact_greater, exact_less = _exhaustive_p_values(graph, groups)
    test = ei_permutation_test(graph, partition=groups, seed=9, permutations=5000)

    assert test.p_greater is not None
    assert test.p_less is not None
    assert test.p_greater == pytest.approx(exact_greater, abs=0.03)
    assert test.p_less == pytest.approx(exact_less, abs=0.03)


def test_parallel_relations_weigh_in_the_test() -> None:
    graph = _two_cliques()
    heavier = graph.copy()
    for _ in range(5):
        heavier.add_relation("p0", "c0")
    light = ei_permutation_test(graph, seed=2, permutations=200)
    heavy = ei_permutation_test(heavier, seed=2, permutations=200)

    assert heavy.observed == ei_index(heavier)
    assert light.observed is not None
    assert heavy.observed is not None
    assert heavy.observed > light.observed
    assert heavy.expected == light.expected


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"permutations": 0}, InvalidRecordError),
        ({"permutations": 1.5}, RecordTypeError),
        ({"permutations": True}, RecordTypeError),
        ({"seed": "7"}, RecordTypeError),
        ({"seed": 1.0}, RecordTypeError),
    ],
)
def test_bad_arguments_are_refused(
    kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        ei_permutation_test(_two_cliques(), **kwargs)
