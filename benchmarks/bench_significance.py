"""Benchmarks of the significance and ego-network measures (issue 17).

Sizes at scale 1: 10,000 actors and 50,000 relations (``--quick``: a tenth).
Each measure is timed against a baseline in the same run:

* ``brokerage_significance`` against ``brokerage_roles`` (the raw counts it
  adds expectations and z-scores to);
* ``ei_permutation_test`` with 100 permutations against 100 hand-written
  passes over the networkx graph counting the relations between groups
  under shuffled labels;
* ``ego_networks`` against ``networkx.triangles`` on the simple graph (the
  per-actor triangle count that effective size needs);

plus the growth of each measure from a tenth of the size to the full size.
Then, on a fiftieth of the size (networkx's own routes grow faster than
linearly), ``ego_networks`` computing effective size and constraint itself
against the two ways of having networkx compute them: its functions on the
whole simple graph (``backend="networkx"``), and its functions on each ego's
subgraph (``nx.effective_size`` on ``nx.ego_graph``; constraint, which
reads the alters' ties outside that subgraph, with ``nodes=`` on the whole
graph). A ratio below 1 means networkx is slower (issue 17, the choice
documented in ``ego_networks``).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import networkx as nx
from _harness import Result, Timing, compare

from partnership_model import Role
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.ego import ego_networks
from partnership_model.metrics import brokerage_roles
from partnership_model.significance import brokerage_significance, ei_permutation_test

_PERMUTATIONS = 100


def _graph(n_actors: int, n_relations: int) -> EcologyGraph:
    rng = random.Random(17)
    roles = list(Role)
    actors = [Actor.from_role(f"a{i}", rng.choice(roles)) for i in range(n_actors)]
    relations: list[tuple[str, str]] = []
    while len(relations) < n_relations:
        first, second = rng.randrange(n_actors), rng.randrange(n_actors)
        if first != second:
            relations.append((f"a{first}", f"a{second}"))
    return EcologyGraph(actors=actors, relations=relations)


def _hand_written_permutations(graph: nx.MultiGraph[str]) -> int:
    rng = random.Random(1)
    labels = [data["sphere"] for _, data in graph.nodes(data=True)]
    nodes = list(graph)
    edges = list(graph.edges(keys=False))
    crossing = 0
    for _ in range(_PERMUTATIONS):
        rng.shuffle(labels)
        group = dict(zip(nodes, labels, strict=True))
        crossing += sum(group[u] != group[v] for u, v in edges)
    return crossing


def _cases(
    graph: EcologyGraph,
) -> list[tuple[str, Callable[[], object], Callable[[], object], str]]:
    multigraph = graph.to_networkx()
    simple = nx.Graph(multigraph)
    return [
        (
            "17. brokerage_significance",
            lambda: brokerage_significance(graph),
            lambda: brokerage_roles(graph),
            "baseline: brokerage_roles (raw counts)",
        ),
        (
            f"17. ei_permutation_test ({_PERMUTATIONS} permutations)",
            lambda: ei_permutation_test(graph, permutations=_PERMUTATIONS, seed=1),
            lambda: _hand_written_permutations(multigraph),
            "baseline: the same permutations written by hand on networkx",
        ),
        (
            "17. ego_networks",
            lambda: ego_networks(graph),
            lambda: nx.triangles(simple),
            "baseline: nx.triangles on the simple graph",
        ),
    ]


def _networkx_on_ego_subgraphs(simple: nx.Graph[str]) -> object:
    egos = [actor for actor in simple if simple.adj[actor]]
    effective = {
        ego: nx.effective_size(nx.ego_graph(simple, ego), nodes=[ego])[ego]
        for ego in egos
    }
    return effective, nx.constraint(simple, nodes=egos)


def _against_networkx(n_actors: int, n_relations: int, repeat: int) -> list[Result]:
    graph = _graph(n_actors, n_relations)
    simple = nx.Graph(graph.to_networkx())
    size = f"{n_actors:,} actors / {n_relations:,} rel."
    results: list[Result] = []
    for baseline, note in [
        (
            lambda: ego_networks(graph, backend="networkx"),
            "baseline: networkx's functions on the whole graph",
        ),
        (
            lambda: _networkx_on_ego_subgraphs(simple),
            "baseline: networkx's functions on each ego's subgraph",
        ),
    ]:
        lib, base = compare(lambda: ego_networks(graph), baseline, repeat=repeat)
        results.append(
            Result(
                name="17. ego_networks vs networkx",
                size=size,
                library=lib,
                baseline=base,
                target_ratio=None,
                note=note,
            )
        )
    return results


def run(*, scale: float, repeat: int) -> list[Result]:
    """Time the issue 17 measures against their baselines, and their growth."""
    n_actors, n_relations = round(10_000 * scale), round(50_000 * scale)
    large = _graph(n_actors, n_relations)
    small = _graph(n_actors // 10, n_relations // 10)
    size = f"{n_actors:,} actors / {n_relations:,} rel."
    results: list[Result] = []
    small_cases = _cases(small)
    for (name, library, baseline, note), (_, small_library, _, _) in zip(
        _cases(large), small_cases, strict=True
    ):
        lib, base = compare(library, baseline, repeat=repeat)
        results.append(
            Result(
                name=name,
                size=size,
                library=lib,
                baseline=base,
                target_ratio=None,
                note=note,
            )
        )
        small_timing, _ = compare(small_library, small_library, repeat=repeat)
        results.append(
            Result(
                name=f"{name}: growth",
                size=f"{n_actors // 10:,} -> x10",
                library=lib,
                baseline=Timing(times=small_timing.times),
                target_ratio=None,
                note="ratio = time at 10x the data / time at the base size",
            )
        )
    results += _against_networkx(n_actors // 50, n_relations // 50, repeat)
    return results
