"""Tests of partnership_model.ego: ego networks and the networkx backend pass-through."""

from __future__ import annotations

import inspect
import json
import math
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from partnership_model import ego as ego_module, significance, strategies as pms
from partnership_model.bibliography import BIBLIOGRAPHY
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.ego import EgoNetwork, ego_networks
from partnership_model.examples import load_register
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    UnknownActorError,
)
from partnership_model.vocabulary import Role


def _simple(graph: EcologyGraph) -> nx.Graph[str]:
    return nx.Graph(graph.to_networkx())


def _same(first: float | None, second: float | None) -> bool:
    """Equal, or both None, or equal to 1e-12 (sums may add in another order)."""
    if first is None or second is None:
        return first is second
    return math.isclose(first, second, rel_tol=1e-12)


def _clinic() -> EcologyGraph:
    return EcologyGraph(
        actors=[
            Actor.from_role("nurse", Role.CLINICIAN),
            Actor.from_role("doctor", Role.CLINICIAN),
            Actor.from_role("p1", Role.PATIENT),
            Actor.from_role("p2", Role.PATIENT),
            Actor.from_role("alone", Role.PATIENT),
        ],
        relations=[
            ("nurse", "doctor"),
            ("nurse", "p1"),
            ("nurse", "p1"),
            ("nurse", "p2"),
            ("p1", "p2"),
        ],
    )


def test_figures_of_a_small_ecology() -> None:
    egos = ego_networks(_clinic())

    assert list(egos) == ["nurse", "doctor", "p1", "p2", "alone"]
    nurse = egos["nurse"]
    assert nurse.size == 3  # the parallel relation to p1 counts once
    assert nurse.ei_index == pytest.approx((2 - 1) / 3)
    # Burt's effective size of an unweighted ego: n - 2t/n, t ties among alters.
    assert nurse.effective_size == pytest.approx(3 - 2 * 1 / 3)
    # Constraint: doctor (1/3)^2, each patient (1/3 + 1/3 * 1/2)^2.
    assert nurse.constraint == pytest.approx(1 / 9 + 2 * (1 / 3 + 1 / 6) ** 2)
    assert egos["doctor"] == EgoNetwork(
        ego="doctor", size=1, ei_index=-1.0, effective_size=1.0, constraint=1.0
    )
    assert egos["alone"] == EgoNetwork(
        ego="alone", size=0, ei_index=None, effective_size=None, constraint=None
    )


@settings(max_examples=60, deadline=None)
@given(pms.ecology_graphs(max_actors=9, max_relations=20), st.data())
def test_figures_are_networkx_on_the_simple_graph(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    groups = {a.id: data.draw(st.integers(0, 2), label=a.id) for a in graph.actors()}
    egos = ego_networks(graph, partition=groups)
    simple = _simple(graph)
    effective = nx.effective_size(simple)
    constraint = nx.constraint(simple)

    assert list(egos) == [a.id for a in graph.actors()]
    for actor_id, ego in egos.items():
        alters = set(simple.adj[actor_id])
        assert ego.ego == actor_id
        assert ego.size == len(alters)
        if not alters:
            assert ego.ei_index is ego.effective_size is ego.constraint is None
            continue
        external = sum(groups[a] != groups[actor_id] for a in alters)
        assert ego.ei_index == (2 * external - len(alters)) / len(alters)
        assert ego.effective_size == effective[actor_id]
        assert ego.constraint == pytest.approx(constraint[actor_id], rel=1e-12)


def test_the_example_register_agrees_with_networkx() -> None:
    """Every actor of the example register, against networkx on the simple graph."""
    graph = EcologyGraph.from_engagements(load_register())
    simple = _simple(graph)
    effective = nx.effective_size(simple)
    constraint = nx.constraint(simple)
    egos = ego_networks(graph)

    assert sum(ego.size > 0 for ego in egos.values()) > 10
    for actor_id, ego in egos.items():
        if ego.size == 0:
            assert math.isnan(effective[actor_id])
            assert ego.effective_size is ego.constraint is None
            continue
        assert _same(ego.effective_size, effective[actor_id])
        assert _same(ego.constraint, constraint[actor_id])


def _cited_keys(text: str) -> set[str]:
    """Double-backquoted words shaped like our bibliography keys (Name + year)."""
    return set(re.findall(r"``([A-Z][A-Za-z]+[0-9]{4}[A-Za-z]*)``", text))


def test_the_docstrings_cite_keys_of_the_bibliography() -> None:
    texts = [
        inspect.getdoc(member) or ""
        for module in (ego_module, significance)
        for member in (module, *vars(module).values())
        if inspect.getmodule(member) is module or member is module
    ]
    cited = set().union(*map(_cited_keys, texts))

    assert {"Burt1992", "KrackhardtStern1988"} <= cited
    assert {"PhipsonSmyth2010", "GouldFernandez1989"} <= cited
    assert cited <= set(BIBLIOGRAPHY)


def test_actors_selects_egos_in_the_given_order() -> None:
    graph = _clinic()
    every = ego_networks(graph)
    chosen = ego_networks(graph, actors=["p2", "nurse", "p2", "alone"])

    assert list(chosen) == ["p2", "nurse", "alone"]
    assert all(chosen[a] == every[a] for a in chosen)


def test_bad_arguments_are_refused() -> None:
    graph = _clinic()
    with pytest.raises(UnknownActorError):
        ego_networks(graph, actors=["nobody"])
    with pytest.raises(RecordTypeError):
        ego_networks(graph, actors="nurse")
    with pytest.raises(RecordTypeError):
        ego_networks(nx.Graph())  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError):
        ego_networks(graph, partition={"nurse": 1})


@pytest.mark.parametrize(
    "fields",
    [
        {
            "ego": "a",
            "size": 0,
            "ei_index": 0.0,
            "effective_size": None,
            "constraint": None,
        },
        {
            "ego": "a",
            "size": 1,
            "ei_index": None,
            "effective_size": None,
            "constraint": None,
        },
        {
            "ego": "a",
            "size": 1,
            "ei_index": 1.0,
            "effective_size": math.nan,
            "constraint": 1.0,
        },
        {
            "ego": "a",
            "size": -1,
            "ei_index": None,
            "effective_size": None,
            "constraint": None,
        },
        {
            "ego": 1,
            "size": 0,
            "ei_index": None,
            "effective_size": None,
            "constraint": None,
        },
    ],
)
def test_ego_network_records_validate(fields: dict[str, Any]) -> None:
    with pytest.raises(InvalidRecordError):
        EgoNetwork(**fields)


# -- backend= reaches networkx's dispatcher ----------------------------------------------


def test_backend_is_forwarded_to_networkx() -> None:
    graph = _clinic()

    ours = ego_networks(graph)
    theirs = ego_networks(graph, backend="networkx")
    assert list(theirs) == list(ours)
    for actor_id, ego in ours.items():
        other = theirs[actor_id]
        assert (other.size, other.ei_index) == (ego.size, ego.ei_index)
        assert other.effective_size == ego.effective_size
        assert _same(other.constraint, ego.constraint)
    with pytest.raises(ImportError, match="not-a-backend"):
        ego_networks(graph, backend="not-a-backend")


_BACKEND_MODULE = '''
"""A networkx backend for tests: records what it is asked, delegates to networkx."""
import networkx as nx

CALLS = []


class RecordingGraph(nx.Graph):
    __networkx_backend__ = "pm_recording"


class Interface:
    @staticmethod
    def convert_from_nx(graph, **kwargs):
        return RecordingGraph(graph)

    @staticmethod
    def convert_to_nx(obj, *, name=None):
        return obj

    @staticmethod
    def effective_size(G, nodes=None, weight=None):
        CALLS.append(("effective_size", type(G).__name__, sorted(nodes or [])))
        return nx.effective_size(nx.Graph(G), nodes, weight, backend="networkx")

    @staticmethod
    def constraint(G, nodes=None, weight=None):
        CALLS.append(("constraint", type(G).__name__, sorted(nodes or [])))
        return nx.constraint(nx.Graph(G), nodes, weight, backend="networkx")


interface = Interface()
'''

_SCRIPT = """
import json
import pm_recording_backend as recording
from partnership_model import Role
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.ego import ego_networks

graph = EcologyGraph(
    actors=[Actor.from_role(i, Role.PATIENT) for i in "abcd"],
    relations=[("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")],
)
plain = ego_networks(graph)
calls_without = list(recording.CALLS)
through = ego_networks(graph, backend="pm_recording", actors=["c", "a"])
print(json.dumps({
    "without": calls_without,
    "with": recording.CALLS[len(calls_without):],
    "same": all(through[k] == plain[k] for k in through),
}))
"""


def test_a_registered_backend_receives_the_calls(tmp_path: Path) -> None:
    """Register a real networkx backend (entry points) and check it is called.

    networkx reads its backends from the ``networkx.backends`` entry point
    group when it is imported, so the check runs in a fresh interpreter
    whose path holds a tiny distribution declaring the backend.
    """
    (tmp_path / "pm_recording_backend.py").write_text(_BACKEND_MODULE, encoding="utf-8")
    info = tmp_path / "pm_recording_backend-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pm-recording-backend\nVersion: 0.0\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(
        "[networkx.backends]\npm_recording = pm_recording_backend:interface\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-W", "error", "-c", textwrap.dedent(_SCRIPT)],
        capture_output=True,
        check=False,
        text=True,
        env=env,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)

    assert report["without"] == []
    assert report["with"] == [
        ["effective_size", "RecordingGraph", ["a", "c"]],
        ["constraint", "RecordingGraph", ["a", "c"]],
    ]
    assert report["same"] is True


@settings(max_examples=40, deadline=None)
@given(pms.ecology_graphs(max_actors=10, max_relations=30))
def test_networkx_backend_and_default_agree(graph: EcologyGraph) -> None:
    ours = ego_networks(graph)
    theirs = ego_networks(graph, backend="networkx")

    for actor_id, ego in ours.items():
        other = theirs[actor_id]
        assert other.effective_size == ego.effective_size
        assert _same(other.constraint, ego.constraint)


def test_a_hub_with_many_alters() -> None:
    """A star plus a ring: exercises both sides of the intersection shortcut."""
    leaves = [f"l{i}" for i in range(30)]
    ring = [(leaves[i], leaves[(i + 1) % 30]) for i in range(30)]
    graph = EcologyGraph(
        actors=[Actor.from_role("hub", Role.CLINICIAN)]
        + [Actor.from_role(leaf, Role.PATIENT) for leaf in leaves],
        relations=[("hub", leaf) for leaf in leaves] + ring,
    )
    simple = _simple(graph)
    ours = ego_networks(graph)

    assert ours["hub"].effective_size == nx.effective_size(simple)["hub"]
    assert ours["hub"].constraint == pytest.approx(nx.constraint(simple)["hub"])
    assert ours["l0"].constraint == pytest.approx(nx.constraint(simple)["l0"])
