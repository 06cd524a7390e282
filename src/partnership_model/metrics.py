"""Measures of an ecology of engagement: where relations bond, bridge, link or are missing.

Every measure is a free function of an
:class:`~partnership_model.ecology.EcologyGraph` and runs in linear or
near-linear time; none builds a dense actor x actor matrix.

The graph keeps, for every actor, a tally of its relations per category
(model rules 1-2 of :mod:`partnership_model.ecology`), updated as relations
are added and removed. Counts, shares, per-actor counts, the E-I indices over
spheres or levels, brokers and silos are therefore computed from those
tallies in time proportional to the number of actors, not of relations.

Relations are counted with their multiplicity: two engagements between the
same two actors are two relations. Measures that are about *who is adjacent
to whom* (brokerage roles, reachability, betweenness) use the simple graph
of related pairs instead.

Examples:
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph
    >>> from partnership_model.metrics import ei_index, relation_counts, silos
    >>> graph = EcologyGraph(
    ...     actors=[
    ...         Actor.from_role("p1", Role.PATIENT),
    ...         Actor.from_role("p2", Role.PATIENT),
    ...         Actor.from_role("c1", Role.CLINICIAN),
    ...         Actor.from_role("c2", Role.CLINICIAN),
    ...     ],
    ...     relations=[("p1", "p2"), ("c1", "c2")],
    ... )
    >>> {t.value: n for t, n in relation_counts(graph).items()}
    {'bonding': 2, 'bridging': 0, 'linking': 0}
    >>> ei_index(graph)
    -1.0
    >>> sorted(sorted(group) for group in silos(graph))
    [['c1', 'c2'], ['p1', 'p2']]
"""

from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Final, Literal, TypeAlias, cast

import networkx as nx

from partnership_model._enums import Vocabulary
from partnership_model.ecology import (
    _ACTOR,
    _CODE,
    _COUNTS,
    _NBRS,
    _ROW,
    _TYPES,
    EcologyGraph,
    _Entry,
)
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.vocabulary import EngagementLevel, RelationType, Role

__all__ = [
    "BrokerageRole",
    "Partition",
    "actor_ei_index",
    "actor_relation_counts",
    "broker_centrality",
    "brokerage_roles",
    "brokers",
    "ei_index",
    "group_ei_index",
    "isolated_actors",
    "relation_counts",
    "relation_shares",
    "silos",
    "unlinked_to_macro",
]


def __dir__() -> list[str]:
    return __all__


Partition: TypeAlias = Literal["sphere", "level"] | Mapping[str, Hashable]
"""How actors are grouped, by sphere, by authority level, or by a mapping
from actor id to any hashable group label."""

_BONDING, _BRIDGING, _LINKING = RelationType


def _entries(graph: EcologyGraph) -> dict[str, _Entry]:
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph._entries


def _as_types(counts: list[int]) -> dict[RelationType, int]:
    return {
        _BONDING: counts[0],
        _BRIDGING: counts[1],
        _LINKING: counts[2] + counts[3],
    }


# -- counts -----------------------------------------------------------------------


def relation_counts(graph: EcologyGraph) -> dict[RelationType, int]:
    """Count the relations of each primary type.

    Every :class:`~partnership_model.RelationType` is a key, zero counts
    included. The typology is that of Boivin et al. (2022, ``Boivin2022``),
    classified by the rules of :mod:`partnership_model.ecology`.

    Runs in constant time: the graph keeps the totals up to date.

    Examples:
        >>> from partnership_model.ecology import EcologyGraph
        >>> relation_counts(EcologyGraph())[RelationType.LINKING]
        0
    """
    _entries(graph)
    return _as_types(graph._totals)


def relation_shares(graph: EcologyGraph) -> dict[RelationType, float]:
    """The share of relations of each primary type, summing to 1.

    A graph without relations has a share of ``0.0`` for every type (so the
    shares then sum to 0), which keeps dashboards simple; test
    ``graph.number_of_relations`` to tell "none" from "none of this type".
    Source of the typology: ``Boivin2022``.
    """
    counts = relation_counts(graph)
    total = sum(counts.values())
    if total == 0:
        return dict.fromkeys(RelationType, 0.0)
    return {kind: count / total for kind, count in counts.items()}


def actor_relation_counts(graph: EcologyGraph) -> dict[str, dict[RelationType, int]]:
    """For every actor, the number of its relations of each primary type.

    Every actor is a key, isolated ones included, and every relation type a
    key of each inner dict. Typology: ``Boivin2022``. Linear in the number of
    actors.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role("p", Role.PATIENT),
        ...             Actor.from_role("d", Role.DECISION_MAKER)],
        ...     relations=[("p", "d")],
        ... )
        >>> actor_relation_counts(graph)["p"][RelationType.LINKING]
        1
    """
    return {
        actor_id: {
            _BONDING: (counts := entry[_COUNTS])[0],
            _BRIDGING: counts[1],
            _LINKING: counts[2] + counts[3],
        }
        for actor_id, entry in _entries(graph).items()
    }


# -- E-I index --------------------------------------------------------------------

# Categories (bit 0: crosses sphere, bit 1: crosses authority) that are
# external for each built-in partition.
_EXTERNAL: Final[Mapping[str, tuple[bool, bool, bool, bool]]] = {
    "sphere": (False, True, False, True),
    "level": (False, False, True, True),
}


def _ratio(external: int, internal: int) -> float:
    total = external + internal
    return (external - internal) / total if total else math.nan


def _check_partition(partition: object) -> None:
    if isinstance(partition, str):
        if partition not in _EXTERNAL:
            raise InvalidRecordError(
                "partition",
                partition,
                "expected 'sphere', 'level' or a mapping of actor ids to groups",
            )
    elif not isinstance(partition, Mapping):
        raise RecordTypeError(
            "partition",
            partition,
            "expected 'sphere', 'level' or a mapping of actor ids to groups",
        )


def _group_of(
    entries: Mapping[str, _Entry], partition: Partition
) -> dict[str, Hashable]:
    """Each actor's group; every actor must have one."""
    if isinstance(partition, str):
        if partition == "sphere":
            return {a: e[_ACTOR].sphere for a, e in entries.items()}
        return {a: e[_ACTOR].level for a, e in entries.items()}
    groups: dict[str, Hashable] = {}
    for actor_id in entries:
        try:
            groups[actor_id] = partition[actor_id]
        except KeyError:
            raise InvalidRecordError(
                "partition", actor_id, "this actor has no group in the partition"
            ) from None
    return groups


def _incidences(
    entries: Mapping[str, _Entry], partition: Partition
) -> dict[str, tuple[int, int]]:
    """Each actor's (external, internal) relation counts under *partition*."""
    if isinstance(partition, str):
        external = _EXTERNAL[partition]
        result: dict[str, tuple[int, int]] = {}
        for actor_id, entry in entries.items():
            counts = entry[_COUNTS]
            out = sum(n for n, ext in zip(counts, external, strict=True) if ext)
            result[actor_id] = (out, sum(counts) - out)
        return result
    groups = _group_of(entries, partition)
    result = {}
    for actor_id, entry in entries.items():
        own = groups[actor_id]
        out = inside = 0
        for other_id, keydict in entry[_NBRS].items():
            if groups[other_id] == own:
                inside += len(keydict)
            else:
                out += len(keydict)
        result[actor_id] = (out, inside)
    return result


def ei_index(graph: EcologyGraph, *, partition: Partition = "sphere") -> float:
    """Krackhardt & Stern's E-I index of the whole graph.

    Notes:
        ``(E - I) / (E + I)``, where *E* counts the relations between actors
        of different groups and *I* those within a group (Krackhardt & Stern
        1988, ``KrackhardtStern1988``). It runs from -1 (every relation
        internal: the groups only bond) to +1 (every relation external). Over
        the ``"sphere"`` partition, *E* is the number of relations that cross
        the community/professional divide; over ``"level"``, of those that
        cross authority levels. Parallel relations each count.

        A graph without relations has no E-I index: the result is
        ``math.nan`` (0/0), never a misleading 0.

    Args:
        graph: The ecology.
        partition: ``"sphere"`` (default), ``"level"``, or a mapping of every
            actor id to a group label.

    Raises:
        InvalidRecordError: An actor has no group in a mapping partition, or
            *partition* is an unknown name.

    References:
        Krackhardt D, Stern RN (1988). Informal networks and organizational
        crises: an experimental simulation. Social Psychology Quarterly
        51(2):123-140.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role(i, r) for i, r in [
        ...         ("p1", Role.PATIENT), ("p2", Role.PATIENT), ("c", Role.CLINICIAN)]],
        ...     relations=[("p1", "p2"), ("p1", "c"), ("p2", "c")],
        ... )
        >>> round(ei_index(graph), 3)  # (2 - 1) / 3
        0.333
        >>> ei_index(graph, partition="level")
        -1.0
    """
    entries = _entries(graph)
    _check_partition(partition)
    if isinstance(partition, str):
        totals = graph._totals
        external = sum(
            n for n, ext in zip(totals, _EXTERNAL[partition], strict=True) if ext
        )
        return _ratio(external, sum(totals) - external)
    incidences = _incidences(entries, partition)
    external = sum(out for out, _ in incidences.values()) // 2
    internal = sum(inside for _, inside in incidences.values()) // 2
    return _ratio(external, internal)


def group_ei_index(
    graph: EcologyGraph, *, partition: Partition = "sphere"
) -> dict[Hashable, float]:
    """The E-I index of each group (Krackhardt & Stern 1988).

    For a group, *E* counts the relations between its members and
    non-members and *I* the relations among its members; the index is
    ``(E - I) / (E + I)``, or ``math.nan`` for a group whose members have no
    relation. Keys are the groups that have at least one actor: spheres or
    levels (vocabulary members), or the labels of a mapping partition.
    Source: ``KrackhardtStern1988``.

    Raises:
        InvalidRecordError: See :func:`ei_index`.
    """
    entries = _entries(graph)
    _check_partition(partition)
    groups = _group_of(entries, partition)
    incidences = _incidences(entries, partition)
    external: dict[Hashable, int] = {}
    internal: dict[Hashable, int] = {}
    for actor_id, (out, inside) in incidences.items():
        group = groups[actor_id]
        external[group] = external.get(group, 0) + out
        internal[group] = internal.get(group, 0) + inside
    # Internal relations were seen from both of their ends.
    return {group: _ratio(external[group], internal[group] // 2) for group in external}


def actor_ei_index(
    graph: EcologyGraph, *, partition: Partition = "sphere"
) -> dict[str, float]:
    """The E-I index of each actor's own relations (Krackhardt & Stern 1988).

    For an actor, *E* counts its relations with actors of other groups and
    *I* with actors of its own group; isolated actors get ``math.nan``.
    Source: ``KrackhardtStern1988``.

    Raises:
        InvalidRecordError: See :func:`ei_index`.
    """
    entries = _entries(graph)
    _check_partition(partition)
    return {
        actor_id: _ratio(out, inside)
        for actor_id, (out, inside) in _incidences(entries, partition).items()
    }


# -- brokers, silos, isolates, reach ---------------------------------------------------------


def _categories_with(types: Iterable[RelationType]) -> tuple[int, ...]:
    wanted = frozenset(types)
    for kind in wanted:
        if type(kind) is not RelationType:
            raise RecordTypeError("types", kind, "expected RelationType members")
    return tuple(c for c in range(4) if _TYPES[c] & wanted)


def brokers(
    graph: EcologyGraph,
    *,
    types: Iterable[RelationType] = (RelationType.BRIDGING, RelationType.LINKING),
    include_tiers: bool = True,
) -> frozenset[str]:
    """Actors who bridge or link: at least one relation of one of *types*.

    A relation counts when any of its types (not only its primary type) is
    in *types*. Actors acting in the :attr:`~partnership_model.Role.THIRD_PARTY`
    role, the *tiers* whose job is to set up the conditions of partnership
    between users and professionals (Berkesse 2024, ``Berkesse2024``), are
    brokers by role and included even when none of their relations bridges
    or links, unless *include_tiers* is false. Bridging and linking follow
    ``Boivin2022``.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role("p", Role.PATIENT),
        ...             Actor.from_role("c", Role.CLINICIAN),
        ...             Actor.from_role("t", Role.THIRD_PARTY)],
        ...     relations=[("p", "c")],
        ... )
        >>> sorted(brokers(graph))
        ['c', 'p', 't']
        >>> sorted(brokers(graph, include_tiers=False))
        ['c', 'p']
    """
    entries = _entries(graph)
    categories = _categories_with(types)
    found: set[str] = set()
    for actor_id, entry in entries.items():
        counts = entry[_COUNTS]
        if any(counts[c] for c in categories) or (
            include_tiers and entry[_ACTOR].role is Role.THIRD_PARTY
        ):
            found.add(actor_id)
    return frozenset(found)


def isolated_actors(graph: EcologyGraph) -> frozenset[str]:
    """Actors without any relation."""
    return frozenset(a for a, e in _entries(graph).items() if not e[_NBRS])


def silos(graph: EcologyGraph) -> list[frozenset[str]]:
    """Groups of actors who bond and nothing else.

    A silo is a connected group of two or more actors in which every
    relation is bonding: nobody in it has a bridging or linking relation, so
    the group reaches neither the other sphere nor another authority level,
    even indirectly. This is the "community that only bonds" of
    ``Boivin2022``, read on whole connected components (our
    interpretation: a group connected through one member to a bridge is not
    a silo).

    Returns:
        The silos, largest first (ties broken by their smallest actor id).

    Runs in time linear in the size of the silos found, after a linear scan
    of the actors.
    """
    entries = _entries(graph)
    pure = {
        actor_id
        for actor_id, entry in entries.items()
        if entry[_COUNTS][0] and not any(entry[_COUNTS][1:])
    }
    seen: set[str] = set()
    found: list[frozenset[str]] = []
    for start in pure:
        if start in seen:
            continue
        seen.add(start)
        component = [start]
        closed = True
        stack = [start]
        while stack:
            for other in entries[stack.pop()][_NBRS]:
                if other in seen:
                    continue
                if other not in pure:
                    closed = False
                    continue
                seen.add(other)
                component.append(other)
                stack.append(other)
        if closed:
            found.append(frozenset(component))
    found.sort(key=lambda group: (-len(group), min(group)))
    return found


def unlinked_to_macro(
    graph: EcologyGraph, *, via: Iterable[RelationType] | None = None
) -> frozenset[str]:
    """Actors from which no macro-level actor can be reached.

    Walks relations from every :attr:`~partnership_model.EngagementLevel.MACRO`
    actor (relations are undirected, so reachability is symmetric); the
    actors never reached have no path, direct or indirect, to the level where
    health policy is decided: the missing *linking* of ``Boivin2022`` and
    ``SzreterWoolcock2004``. Macro actors reach themselves and are never
    reported. Without any macro actor, every actor is reported.

    Args:
        graph: The ecology.
        via: Walk only relations having one of these types (any of their
            types, not only the primary one); ``None`` walks every relation.
            ``via=[RelationType.LINKING]`` asks for a path of linking
            relations only.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role(i, r) for i, r in [
        ...         ("p", Role.PATIENT), ("c", Role.CLINICIAN),
        ...         ("m", Role.MANAGER), ("d", Role.DECISION_MAKER)]],
        ...     relations=[("p", "c"), ("c", "m"), ("m", "d")],
        ... )
        >>> sorted(unlinked_to_macro(graph))
        []
        >>> sorted(unlinked_to_macro(graph, via=[RelationType.LINKING]))
        ['p']
    """
    entries = _entries(graph)
    walkable = (
        (True, True, True, True)
        if via is None
        else tuple(c in _categories_with(via) for c in range(4))
    )
    macro = [
        actor_id
        for actor_id, entry in entries.items()
        if entry[_ACTOR].level is EngagementLevel.MACRO
    ]
    reached = set(macro)
    stack = macro
    while stack:
        entry = entries[stack.pop()]
        row = entry[_ROW]
        for other in entry[_NBRS]:
            if other not in reached and walkable[row[entries[other][_CODE]]]:
                reached.add(other)
                stack.append(other)
    return frozenset(entries.keys() - reached)


# -- brokerage roles (Gould & Fernandez 1989) ------------------------------------------------------


@enum.unique
class BrokerageRole(Vocabulary):
    """The five brokerage roles of Gould & Fernandez (1989), in their order.

    A broker *v* mediates between two actors *a* and *c* when *v* is related
    to both and *a* and *c* are not related to each other. The role depends
    on the groups of *a*, *v* and *c*.
    """

    #: a, v and c are in one group.
    COORDINATOR = "coordinator"
    #: a and c share a group, v is from another.
    ITINERANT = "itinerant"
    #: v and c share a group, a is from outside.
    GATEKEEPER = "gatekeeper"
    #: a and v share a group, c is from outside.
    REPRESENTATIVE = "representative"
    #: a, v and c are in three different groups.
    LIAISON = "liaison"


def _role(first: int, broker: int, second: int) -> BrokerageRole:
    if first == second:
        return BrokerageRole.COORDINATOR if first == broker else BrokerageRole.ITINERANT
    if second == broker:
        return BrokerageRole.GATEKEEPER
    if first == broker:
        return BrokerageRole.REPRESENTATIVE
    return BrokerageRole.LIAISON


def brokerage_roles(
    graph: EcologyGraph, *, partition: Partition = "sphere"
) -> dict[str, dict[BrokerageRole, int]]:
    """Count, for every actor, how often it plays each Gould-Fernandez role.

    Notes:
        Actor *v* brokers the ordered pair (*a*, *c*) when *a* and *c* are
        distinct neighbours of *v* that are not neighbours of each other
        (Gould & Fernandez 1989, ``GouldFernandez1989``). The pair's groups
        give the role: coordinator (A, A, A), itinerant (A, B, A),
        gatekeeper (A, B, B), representative (A, A, B) and liaison
        (A, B, C), writing the groups of *a*, *v*, *c*. As R's
        ``sna::brokerage`` does on symmetric data, each unordered pair counts
        twice, once in each direction; so on this undirected graph an actor's
        gatekeeper and representative counts are always equal, and liaison
        needs at least three groups (use ``partition="level"`` or a
        mapping). Only adjacency matters: parallel relations count once.
        Raw counts are returned, without the expected values or z-scores of
        the original method.

        The cost is that of listing the triangles of the graph: for each
        broker and neighbour, the smaller of the two neighbourhoods is
        scanned, so sparse graphs run in near-linear time.

    Args:
        graph: The ecology.
        partition: ``"sphere"`` (default), ``"level"`` or a mapping of every
            actor id to a group.

    Returns:
        Every actor, each with every role (zeros included).

    References:
        Gould RV, Fernandez RM (1989). Structures of mediation: a formal
        approach to brokerage in transaction networks. Sociological
        Methodology 19:89-126. https://doi.org/10.2307/270949

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role(i, r) for i, r in [
        ...         ("p1", Role.PATIENT), ("p2", Role.PATIENT),
        ...         ("c", Role.CLINICIAN)]],
        ...     relations=[("p1", "c"), ("c", "p2")],
        ... )
        >>> brokerage_roles(graph)["c"][BrokerageRole.ITINERANT]
        2
    """
    entries = _entries(graph)
    _check_partition(partition)
    labels = _group_of(entries, partition)
    index: dict[Hashable, int] = {}
    group = {a: index.setdefault(g, len(index)) for a, g in labels.items()}
    result: dict[str, dict[BrokerageRole, int]] = {}
    for broker, entry in entries.items():
        counts = dict.fromkeys(BrokerageRole, 0)
        result[broker] = counts
        neighbours = entry[_NBRS]
        if len(neighbours) < 2:
            continue
        sizes: dict[int, int] = {}
        for other in neighbours:
            g = group[other]
            sizes[g] = sizes.get(g, 0) + 1
        # Ordered pairs of distinct neighbours, by (group of a, group of c).
        pairs = {
            (ga, gc): na * nc - (na if ga == gc else 0)
            for ga, na in sizes.items()
            for gc, nc in sizes.items()
        }
        # Remove the pairs that are related to each other.
        for first in neighbours:
            theirs = entries[first][_NBRS]
            g_first = group[first]
            if len(theirs) < len(neighbours):
                common: Iterable[str] = (c for c in theirs if c in neighbours)
            else:
                common = (c for c in neighbours if c in theirs)
            for second in common:
                pairs[g_first, group[second]] -= 1
        own = group[broker]
        for (ga, gc), number in pairs.items():
            if number:
                counts[_role(ga, own, gc)] += number
    return result


def broker_centrality(
    graph: EcologyGraph,
    *,
    k: int | None = None,
    seed: int | None = None,
    normalized: bool = True,
    backend: str | None = None,
) -> dict[str, float]:
    """Betweenness centrality of every actor: how much it sits between others.

    Brokerage as structural position (Freeman's betweenness), computed by
    :func:`networkx.betweenness_centrality` on the graph of related pairs
    (parallel relations do not add paths). Exact betweenness costs
    O(actors x relations); pass *k* to estimate it from a sample of *k*
    source actors, or a *backend* to run it on a networkx backend.

    Args:
        graph: The ecology.
        k: Sample size for the estimate; ``None`` for the exact value.
        seed: Random seed of the sample.
        normalized: Normalise by the number of pairs (networkx's default).
        backend: Name of a networkx backend (for example ``"parallel"`` with
            nx-parallel installed), forwarded as ``backend=``; ``None`` lets
            networkx choose (``nx.config.backend_priority``).

    Raises:
        ImportError: The backend is not installed (raised by networkx).
    """
    _entries(graph)
    private = graph._graph
    if backend is None:
        return nx.betweenness_centrality(private, k=k, normalized=normalized, seed=seed)
    result = nx.betweenness_centrality(
        private, k=k, normalized=normalized, seed=seed, backend=backend
    )
    return cast("dict[str, float]", result)
