"""Private: the summary measures of many periods, from one pass over the relations.

:func:`partnership_model.timeline.series` and
:func:`~partnership_model.timeline.compare_periods` call :func:`measure`.
The work is split in two phases so that each stays in the processor's caches:

1. **One pass over the relations.** Each dated relation gets a number and
   its two actors' numbers and its classification are stored in flat
   arrays; the relation's number is appended to every period it belongs to
   (the window rule of :mod:`partnership_model._time`). Periods are sorted by
   start and a running maximum of their ends lets a binary search skip those
   that end before the relation starts; the walk stops at the first period
   starting after it ends.
2. **One pass per period over its own relations**, with a per-actor byte
   array (present), the period's adjacency sets and a union-find forest over
   actor numbers, which give the counts, the E-I index, the connected
   components that say who cannot reach a holder of public authority and,
   from the adjacency, the brokers (actors spanning a structural hole, as
   :func:`partnership_model.metrics.brokers` defines them, through
   :func:`partnership_model._holes.spanning`).

Time: one step per relation plus one per (relation, period it belongs to),
plus the actors for each period, plus the brokers' test, at worst that of
listing each period's triangles. Memory: the arrays of phase 1 (about a
dozen bytes per relation and membership) and one period's arrays at a time.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import accumulate, compress
from typing import TYPE_CHECKING, Any, NamedTuple

from partnership_model import _holes, _time
from partnership_model.vocabulary import Authority, RelationType, Role

if TYPE_CHECKING:
    from partnership_model.ecology import EcologyGraph
    from partnership_model.policy import _Classification

_BROKERING = frozenset({RelationType.BRIDGING, RelationType.LINKING})


class Measures(NamedTuple):
    """The raw measures of one period."""

    counts: dict[RelationType, int]
    external: int
    actors: int
    brokers: frozenset[str]
    unlinked: frozenset[str]


def _find(parent: list[int], node: int) -> int:
    """The root of *node* in a union-find forest, halving the path on the way."""
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _components(
    ids: Sequence[str],
    present: list[int],
    pairs: Iterable[tuple[int, int]],
    backend: str,
) -> list[set[str]]:
    """Connected components computed by networkx, through *backend*."""
    import networkx as nx  # noqa: PLC0415 - only this path calls networkx itself

    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(ids[i] for i in present)
    simple.add_edges_from((ids[u], ids[v]) for u, v in pairs)
    # Converted once per call by a backend; no cache to keep (see ego.py).
    simple.__networkx_cache__ = None  # type: ignore[assignment]
    options: dict[str, Any] = {"backend": backend}
    return [set(found) for found in nx.connected_components(simple, **options)]


def measure(
    graph: EcologyGraph,
    windows: Sequence[tuple[dt.date, dt.date]],
    labels: Mapping[str, Hashable],
    backend: str | None,
) -> tuple[list[Measures], int]:
    """The measures of every window, and the number of undated relations.

    Args:
        graph: The ecology.
        windows: ``(first day, last day)`` of each period.
        labels: The E-I group of every actor.
        backend: A networkx backend for the connected components, or None.
    """
    states = graph._states
    ids = list(states)
    number = {actor_id: i for i, actor_id in enumerate(ids)}
    table = graph._table
    kinds: list[_Classification] = []
    code: dict[_Classification, int] = {}
    for row in table:
        for classification in row:
            if classification not in code:
                code[classification] = len(kinds)
                kinds.append(classification)
    kind_of = [[code[c] for c in row] for row in table]
    profile = [state.profile for state in states.values()]
    group_number: dict[Hashable, int] = {}
    group = [group_number.setdefault(labels[a], len(group_number)) for a in ids]

    # Phase 1: one pass over the relations.
    order = sorted(range(len(windows)), key=lambda i: windows[i])
    starts = [windows[i][0] for i in order]
    ends = [windows[i][1] for i in order]
    reach = list(accumulate(ends, max))
    count = len(order)
    members = [array("l") for _ in windows]
    appenders = [members[i].append for i in order]
    sources = array("l")
    targets = array("l")
    kind = bytearray()
    span = _time.span
    undated = 0
    relation = 0
    for source, target, data in graph._graph.edges(data=True):
        days = span(data.get("start"), data.get("end"))
        if days is None:
            undated += 1
            continue
        first, last = days
        position = bisect_left(reach, first)
        while position < count and starts[position] <= last:
            if ends[position] >= first:
                appenders[position](relation)
            position += 1
        u, v = number[source], number[target]
        sources.append(u)
        targets.append(v)
        kind.append(kind_of[profile[u]][profile[v]])
        relation += 1

    # Phase 2: each period over its own relations.
    authority_of = graph.policy.authority_of
    holders = [
        i
        for i, state in enumerate(states.values())
        if authority_of(state.actor) is Authority.PUBLIC_AUTHORITY
    ]
    tiers = [
        i
        for i, state in enumerate(states.values())
        if state.actor.role is Role.THIRD_PARTY
    ]
    brokering = [bool(c.types & _BROKERING) for c in kinds]
    # Whether a relation between two profiles is of a type that can broker.
    wanted = [[bool(c.types & _BROKERING) for c in row] for row in table]
    size = len(ids)
    everyone = range(size)
    results: list[Measures] = []
    for chosen in members:
        tally = [0] * len(kinds)
        external = 0
        present = bytearray(size)
        candidate = bytearray(size)
        adjacency: defaultdict[int, set[int]] = defaultdict(set)
        parent = list(everyone)
        for r in chosen:
            u = sources[r]
            v = targets[r]
            c = kind[r]
            tally[c] += 1
            if group[u] != group[v]:
                external += 1
            present[u] = present[v] = 1
            adjacency[u].add(v)
            adjacency[v].add(u)
            if brokering[c]:
                candidate[u] = candidate[v] = 1
            # Union by the roots, halving paths (inlined: the hot loop).
            while parent[u] != u:
                parent[u] = u = parent[parent[u]]
            while parent[v] != v:
                parent[v] = v = parent[parent[v]]
            if u != v:
                parent[u] = v
        # An actor with one neighbour sits in no hole: skip it before the test.
        through = (
            (b, (j for j in neighbours if wanted[profile[b]][profile[j]]))
            for b in compress(everyone, candidate)
            if len(neighbours := adjacency[b]) > 1
        )
        brokers = set(_holes.spanning(adjacency, through))
        brokers.update(i for i in tiers if present[i])
        active = list(compress(everyone, present))
        if backend is None:
            linked = {_find(parent, h) for h in holders if present[h]}
            unlinked = frozenset(
                ids[a] for a in active if _find(parent, a) not in linked
            )
        else:
            pairs = ((sources[r], targets[r]) for r in chosen)
            names = {ids[h] for h in holders if present[h]}
            unlinked = frozenset(
                a
                for found in _components(ids, active, pairs, backend)
                if found.isdisjoint(names)
                for a in found
            )
        counts = dict.fromkeys(RelationType, 0)
        for index, number_of in enumerate(tally):
            counts[kinds[index].primary] += number_of
        results.append(
            Measures(
                counts=counts,
                external=external,
                actors=len(active),
                brokers=frozenset(ids[i] for i in brokers),
                unlinked=unlinked,
            )
        )
    return results, undated
