"""Benchmarks of the ecology graph (issue 11's targets; benchmarks 1, 2 and 6 of issue 7).

Each measure runs the library and its raw baseline alternately in the same
process (see ``_harness.compare``); the synthetic ecology comes from a fixed
seed: person actors with random spheres and authorities, relations between
uniformly drawn pairs of distinct actors (parallel relations occur).

* 1. build: ``EcologyGraph.add_actors`` + ``add_relations`` (which check every
  item, classify it under the default policy and keep per-actor tallies)
  against a hand-written ``networkx.MultiGraph`` with the same node attributes
  (``add_nodes_from``, ``add_edges_from``, then one pass writing
  ``relation_type`` on every edge). Both start from prepared inputs: a list of
  ``Actor`` records for the library, a list of ``(id, attributes)`` for the
  baseline, and the same list of id pairs. Target: time <= 1.25x. Peak memory
  (tracemalloc) is reported, without a target.
* 2. metrics: ``relation_counts``, ``relation_shares``,
  ``actor_relation_counts``, ``ei_index`` and ``silos`` on the built graph,
  against one classification pass over the baseline graph's edges; target
  <= 1.5x. An informational line compares them with the same five results
  computed by hand on the networkx graph.
* 6. growth: how the time grows from the base size to 10x the data, for the
  library and for its baseline, measured alternately; target: the library's
  growth at most 1.3x the baseline's (build against build, metrics against
  the classification pass). Building any dict-based adjacency from uniformly
  random pairs gets slower per relation once it no longer fits the processor
  caches, so neither grows linearly between these sizes; the target compares
  the two growths rather than either with 10.
"""

from __future__ import annotations

import gc
import random
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx
from _harness import Result, Timing, compare

from partnership_model import Authority, Sphere
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.metrics import (
    actor_relation_counts,
    ei_index,
    relation_counts,
    relation_shares,
    silos,
)

SEED = 20261123


class Data:
    """The synthetic ecology, in the library's and in the baseline's form."""

    def __init__(self, n_actors: int, n_relations: int, *, seed: int = SEED) -> None:
        rng = random.Random(seed)
        spheres = list(Sphere)
        authorities = list(Authority)
        self.actors = [
            Actor(
                id=f"a{i:07d}",
                sphere=rng.choice(spheres),
                authority=rng.choice(authorities),
            )
            for i in range(n_actors)
        ]
        self.nodes = [
            (
                a.id,
                {
                    "sphere": a.sphere.value,
                    "authority": a.authority.value if a.authority else "",
                    "kind": a.kind.value,
                },
            )
            for a in self.actors
        ]
        ids = [a.id for a in self.actors]
        self.pairs: list[tuple[str, str]] = []
        for _ in range(n_relations):
            u = rng.randrange(n_actors)
            v = rng.randrange(n_actors - 1)
            if v >= u:
                v += 1
            self.pairs.append((ids[u], ids[v]))
        self.size = f"{n_actors:,} actors / {n_relations:,} relations"


def build_library(data: Data) -> EcologyGraph:
    graph = EcologyGraph()
    graph.add_actors(data.actors)
    graph.add_relations(data.pairs)
    return graph


def classify_pass(graph: nx.MultiGraph[str]) -> None:
    """The baseline's classification loop: one pass setting relation_type."""
    node = graph.nodes
    for u, v, attributes in graph.edges(data=True):
        a, b = node[u], node[v]
        if a["authority"] != b["authority"]:
            attributes["relation_type"] = "linking"
        elif a["sphere"] != b["sphere"]:
            attributes["relation_type"] = "bridging"
        else:
            attributes["relation_type"] = "bonding"


def build_baseline(data: Data) -> nx.MultiGraph[str]:
    graph: nx.MultiGraph[str] = nx.MultiGraph()
    graph.add_nodes_from(data.nodes)
    graph.add_edges_from(data.pairs)
    classify_pass(graph)
    return graph


def library_metrics(graph: EcologyGraph) -> object:
    return (
        relation_counts(graph),
        relation_shares(graph),
        actor_relation_counts(graph),
        ei_index(graph),
        silos(graph),
    )


def hand_written_metrics(graph: nx.MultiGraph[str]) -> object:
    """The same five results computed directly on a classified networkx graph."""
    node = graph.nodes
    counts: Counter[str] = Counter()
    per_actor: dict[str, Counter[str]] = {n: Counter() for n in graph}
    external = 0
    for u, v, attributes in graph.edges(data=True):
        kind = attributes["relation_type"]
        counts[kind] += 1
        per_actor[u][kind] += 1
        per_actor[v][kind] += 1
        external += node[u]["sphere"] != node[v]["sphere"]
    total = sum(counts.values())
    shares = {k: n / total for k, n in counts.items()} if total else {}
    ei = (2 * external - total) / total if total else float("nan")
    only_bonding = [
        component
        for component in nx.connected_components(graph)
        if len(component) > 1
        and all(
            per_actor[n]["bridging"] == per_actor[n]["linking"] == 0 for n in component
        )
    ]
    return counts, shares, per_actor, ei, only_bonding


def _time(fn: Callable[[], object], repeat: int) -> Timing:
    timing = Timing()
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        timing.times.append(time.perf_counter() - start)
    return timing


def _build(data: Data, repeat: int) -> list[Result]:
    lib, base = compare(
        lambda: build_library(data),
        lambda: build_baseline(data),
        repeat=repeat,
        memory=True,
    )
    return [
        Result(
            name="1. ecology build + classification",
            size=data.size,
            library=lib,
            baseline=base,
            target_ratio=1.25,
            note=(
                "baseline: nx.MultiGraph add_nodes_from + add_edges_from + one "
                "pass setting relation_type; memory reported without a target"
            ),
        )
    ]


def _metrics(data: Data, repeat: int) -> list[Result]:
    graph = build_library(data)
    baseline_graph = build_baseline(data)
    lib, base = compare(
        lambda: library_metrics(graph),
        lambda: classify_pass(baseline_graph),
        repeat=repeat,
    )
    hand = _time(lambda: hand_written_metrics(baseline_graph), repeat)
    return [
        Result(
            name="2. ecology metrics",
            size=data.size,
            library=lib,
            baseline=base,
            target_ratio=1.5,
            note=(
                "counts, shares, per-actor counts, E-I, silos vs one "
                "classification pass over the networkx graph"
            ),
        ),
        Result(
            name="2. (same metrics written by hand on networkx)",
            size=data.size,
            library=lib,
            baseline=hand,
            target_ratio=None,
            note="informational: the five results computed directly on nx",
        ),
    ]


def _growth(
    name: str,
    *,
    library: Callable[[Data], Callable[[], object]],
    baseline: Callable[[Data], Callable[[], object]],
    small: Data,
    large: Data,
    repeat: int,
) -> Result:
    """Growth factors (time at 10x / time at 1x), library and baseline alternately."""
    lib, base = Timing(), Timing()
    runs = {
        key: fn(data)
        for key, fn, data in (
            ("lib small", library, small),
            ("lib large", library, large),
            ("base small", baseline, small),
            ("base large", baseline, large),
        )
    }
    for _ in range(repeat):
        seconds = {key: _time(run, 1).times[0] for key, run in runs.items()}
        lib.times.append(seconds["lib large"] / seconds["lib small"])
        base.times.append(seconds["base large"] / seconds["base small"])
    return Result(
        name=f"6. growth: {name}",
        size=f"{small.size} -> x10",
        library=lib,
        baseline=base,
        target_ratio=1.3,
        note=(
            "columns are growth factors (time at 10x the data / time at the base "
            "size), not seconds; ratio = library growth / baseline growth"
        ),
    )


def run(*, scale: float, repeat: int) -> list[Result]:
    """Run benchmarks 1, 2 and 6 for the ecology graph."""
    n_actors, n_relations = round(100_000 * scale), round(1_000_000 * scale)
    large = Data(n_actors, n_relations)
    small = Data(n_actors // 10, n_relations // 10)
    results = _build(large, repeat) + _metrics(large, repeat)

    def build(data: Data) -> Callable[[], object]:
        return lambda: build_library(data)

    def baseline_build(data: Data) -> Callable[[], object]:
        return lambda: build_baseline(data)

    def metrics(data: Data) -> Callable[[], object]:
        graph = build_library(data)
        return lambda: library_metrics(graph)

    def classification(data: Data) -> Callable[[], object]:
        graph = build_baseline(data)
        return lambda: classify_pass(graph)

    results.append(
        _growth(
            "ecology build vs networkx build",
            library=build,
            baseline=baseline_build,
            small=small,
            large=large,
            repeat=repeat,
        )
    )
    results.append(
        _growth(
            "ecology metrics vs classification pass",
            library=metrics,
            baseline=classification,
            small=small,
            large=large,
            repeat=repeat,
        )
    )
    return results


if __name__ == "__main__":  # pragma: no cover - manual profiling aid
    import cProfile
    import pstats

    sample = Data(100_000, 1_000_000)
    profiler = cProfile.Profile()
    profiler.enable()
    built: Any = build_library(sample)
    library_metrics(built)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
