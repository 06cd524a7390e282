"""Benchmarks 1, 2 and 6 of issue 7 for the ecology graph.

Each measure runs the library and its raw baseline alternately in the same
process (see ``_harness.compare``); the synthetic ecology comes from a fixed
seed: actors with random spheres and authority levels, relations between
uniformly drawn pairs of distinct actors (parallel relations occur).

* 1. build: ``EcologyGraph.add_actors`` + ``add_relations`` (which classify
  while inserting) against a hand-written ``networkx.MultiGraph`` with the same
  node attributes (``add_nodes_from``, ``add_edges_from``, then one pass setting
  ``relation_type`` on every edge). Both start from prepared inputs: a list of
  ``Actor`` records for the library, a list of ``(id, attributes)`` for the
  baseline, and the same list of id pairs. The baseline runs as a user would
  write it, with the garbage collector on; a second, informational line gives
  the baseline with the collector paused. Targets: time <= 0.75x, peak memory
  (tracemalloc) <= 1.2x.
* 2. metrics: ``relation_counts``, ``relation_shares``,
  ``actor_relation_counts``, ``ei_index`` and ``silos`` on the built graph,
  against one classification pass over the baseline graph's edges; target
  <= 1.5x. An informational line compares them with the same five results
  computed by hand on the networkx graph.
* 6. scaling: benchmarks 1 and 2 at a 10x smaller size; the library's time
  must grow at most 11x for 10x the data. An informational line gives the
  networkx baseline's growth over the same sizes: building any dict-based
  adjacency from uniformly random pairs gets slower per relation once it no
  longer fits the processor caches (10,000 actors fit in L3, 100,000 do not),
  so neither the library nor the baseline grows linearly between these sizes.
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

from partnership_model import EngagementLevel, Sphere
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
        levels = list(EngagementLevel)
        self.actors = [
            Actor(id=f"a{i:07d}", sphere=rng.choice(spheres), level=rng.choice(levels))
            for i in range(n_actors)
        ]
        self.nodes = [
            (
                a.id,
                {
                    "sphere": a.sphere.value,
                    "level": a.level.value,
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
        if a["level"] != b["level"]:
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


def build_baseline_gc_paused(data: Data) -> nx.MultiGraph[str]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return build_baseline(data)
    finally:
        if was_enabled:
            gc.enable()


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
    paused = _time(lambda: build_baseline_gc_paused(data), repeat)
    return [
        Result(
            name="1. ecology build + classification",
            size=data.size,
            library=lib,
            baseline=base,
            target_ratio=0.75,
            target_memory_ratio=1.2,
            note=(
                "baseline: nx.MultiGraph add_nodes_from + add_edges_from + one "
                "pass setting relation_type (garbage collector on)"
            ),
        ),
        Result(
            name="1. (baseline with the collector paused)",
            size=data.size,
            library=lib,
            baseline=paused,
            target_ratio=None,
            note="informational: the same baseline inside gc.disable()",
        ),
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


def _scaling(
    name: str, measure: Callable[[Data], Timing], small: Data, large: Data
) -> Result:
    small_timing = measure(small)
    large_timing = measure(large)
    return Result(
        name=f"6. scaling: {name}",
        size=f"{small.size} -> x10",
        library=large_timing,
        baseline=small_timing,
        target_ratio=11.0,
        note="ratio = time at 10x the data / time at the base size",
    )


def run(*, scale: float, repeat: int) -> list[Result]:
    """Run benchmarks 1, 2 and 6 for the ecology graph."""
    n_actors, n_relations = round(100_000 * scale), round(1_000_000 * scale)
    large = Data(n_actors, n_relations)
    small = Data(n_actors // 10, n_relations // 10)
    results = _build(large, repeat) + _metrics(large, repeat)

    def build_time(data: Data) -> Timing:
        return _time(lambda: build_library(data), repeat)

    def metrics_time(data: Data) -> Timing:
        graph = build_library(data)
        return _time(lambda: library_metrics(graph), repeat)

    def baseline_build_time(data: Data) -> Timing:
        return _time(lambda: build_baseline(data), repeat)

    results.append(_scaling("ecology build", build_time, small, large))
    baseline_scaling = _scaling(
        "(networkx baseline build)", baseline_build_time, small, large
    )
    baseline_scaling.target_ratio = None
    baseline_scaling.note = (
        "informational: the hand-written networkx build at the same two sizes"
    )
    results.append(baseline_scaling)
    results.append(_scaling("ecology metrics", metrics_time, small, large))
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
