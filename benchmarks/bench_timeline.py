"""Benchmarks of the ecology over time (issue 17, items 1 and 3).

Sizes at scale 1: 100,000 actors and 1,000,000 dated relations over 20
yearly periods (2005-2024); ``--quick`` uses a tenth. Relations join
uniformly drawn pairs; each starts on a uniformly drawn day of the 20 years
and lasts 0 to 2 years; 5 % have no end (still going on) and 5 % no date at
all (undated, counted apart).

* 17. series: :func:`partnership_model.timeline.series` over the 20 years
  (counts, shares, E-I, brokers, actors unlinked to public authority per
  period, in one pass over the relations) against a networkx baseline: one
  hand-written pass over a ``networkx.MultiGraph``'s edges with their
  ``start``, ``end`` and ``relation_type`` data, counting the relations of
  each type in each period they overlap.
* 17. growth: the growth of both from a tenth of the size to the full size,
  measured alternately; target: the library's growth at most 1.3x the
  baseline's.
* 17. during: ``EcologyGraph.during`` for one year (a copy of about a tenth
  of the relations) against the same copy made on networkx (filtering the
  edges and ``add_edges_from`` into a new ``MultiGraph``); peak memory
  (tracemalloc) of both is reported.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx
from _harness import Result, Timing, compare

from partnership_model import Authority, Sphere
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.timeline import calendar_periods, series

SEED = 20170417
FIRST = dt.date(2005, 1, 1)
LAST = dt.date(2024, 12, 31)
PERIODS = calendar_periods(FIRST, LAST, every="year")


class Data:
    """The synthetic dated ecology, as an EcologyGraph and as a networkx graph."""

    def __init__(self, n_actors: int, n_relations: int, *, seed: int = SEED) -> None:
        rng = random.Random(seed)
        spheres = list(Sphere)
        authorities = list(Authority)
        actors = [
            Actor(
                id=f"a{i:07d}",
                sphere=rng.choice(spheres),
                authority=rng.choice(authorities),
            )
            for i in range(n_actors)
        ]
        days = (LAST - FIRST).days
        relations: list[Relation] = []
        for _ in range(n_relations):
            u = rng.randrange(n_actors)
            v = rng.randrange(n_actors - 1)
            if v >= u:
                v += 1
            draw = rng.random()
            start: dt.date | None = None
            end: dt.date | None = None
            if draw >= 0.05:
                start = FIRST + dt.timedelta(days=rng.randrange(days))
                if draw >= 0.10:
                    end = start + dt.timedelta(days=rng.randrange(730))
            relations.append(
                Relation(source=actors[u].id, target=actors[v].id, start=start, end=end)
            )
        self.graph = EcologyGraph(actors, relations)
        self.baseline = self.graph.to_networkx()
        for _, _, data in self.baseline.edges(data=True):
            for field in ("start", "end"):
                if field in data:
                    data[field] = dt.date.fromisoformat(data[field])
        self.size = f"{n_actors:,} actors / {n_relations:,} rel. / 20 periods"


def baseline_series(graph: nx.MultiGraph[str]) -> list[Counter[str]]:
    """Per-period counts of each relation type, by hand on networkx, in one pass."""
    starts = [p.start for p in PERIODS]
    ends = [p.end for p in PERIODS]
    counts: list[Counter[str]] = [Counter() for _ in PERIODS]
    undated = 0
    for _, _, data in graph.edges(data=True):
        start = data.get("start")
        end = data.get("end")
        if start is None and end is None:
            undated += 1
            continue
        first = start or dt.date.min
        last = end or dt.date.max
        kind = data["relation_type"]
        index = bisect_left(ends, first)
        while index < len(starts) and starts[index] <= last:
            counts[index][kind] += 1
            index += 1
    return counts


def library_series(graph: EcologyGraph) -> object:
    return series(graph, PERIODS)


WINDOW = (dt.date(2014, 1, 1), dt.date(2014, 12, 31))


def baseline_during(graph: nx.MultiGraph[str]) -> nx.MultiGraph[str]:
    first, last = WINDOW
    kept = [
        (u, v, k, data)
        for u, v, k, data in graph.edges(keys=True, data=True)
        if (data.get("start") is not None or data.get("end") is not None)
        and (data.get("start") or dt.date.min) <= last
        and (data.get("end") or dt.date.max) >= first
    ]
    copy: nx.MultiGraph[str] = nx.MultiGraph()
    copy.add_nodes_from({node for u, v, _, _ in kept for node in (u, v)})
    copy.add_edges_from(kept)
    return copy


def _time(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _growth(small: Data, large: Data, repeat: int) -> Result:
    runs: dict[str, Callable[[], object]] = {
        "lib small": lambda: library_series(small.graph),
        "lib large": lambda: library_series(large.graph),
        "base small": lambda: baseline_series(small.baseline),
        "base large": lambda: baseline_series(large.baseline),
    }
    lib, base = Timing(), Timing()
    for _ in range(repeat):
        seconds = {key: _time(run) for key, run in runs.items()}
        lib.times.append(seconds["lib large"] / seconds["lib small"])
        base.times.append(seconds["base large"] / seconds["base small"])
    return Result(
        name="17. growth: series vs networkx bucketing",
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
    """Time the series, its growth and a slice against networkx baselines."""
    n_actors, n_relations = round(100_000 * scale), round(1_000_000 * scale)
    large = Data(n_actors, n_relations)
    small = Data(n_actors // 10, n_relations // 10)
    results: list[Result] = []
    lib, base = compare(
        lambda: library_series(large.graph),
        lambda: baseline_series(large.baseline),
        repeat=repeat,
    )
    results.append(
        Result(
            name="17. series over 20 periods",
            size=large.size,
            library=lib,
            baseline=base,
            target_ratio=None,
            note=(
                "five measures per period vs per-period type counts by hand on "
                "networkx (one pass each)"
            ),
        )
    )
    results.append(_growth(small, large, repeat))
    lib, base = compare(
        lambda: large.graph.during(*WINDOW),
        lambda: baseline_during(large.baseline),
        repeat=repeat,
        memory=True,
    )
    kept = large.graph.during(*WINDOW)
    results.append(
        Result(
            name="17. during (one year, a copy)",
            size=f"{large.size}; {kept.number_of_relations:,} kept",
            library=lib,
            baseline=base,
            target_ratio=None,
            note="EcologyGraph.during vs the same edges copied into a new nx.MultiGraph",
        )
    )
    return results


if __name__ == "__main__":  # pragma: no cover - manual profiling aid
    import cProfile
    import pstats

    sample = Data(100_000, 1_000_000)
    profiler = cProfile.Profile()
    profiler.enable()
    built: Any = library_series(sample.graph)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
