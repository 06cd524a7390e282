"""Measures of an ecology of engagement: where relations bond, bridge, link or are missing.

Every measure is a free function of an
:class:`~partnership_model.ecology.EcologyGraph` and runs in linear or
near-linear time; none builds a dense actor x actor matrix. Relation types
are those of the graph's :class:`~partnership_model.ClassificationPolicy`.

The graph keeps, for every actor, a tally of its relations per
classification (the two facts of model rule 1 of
:mod:`partnership_model.ecology`), updated as relations are added and
removed. Counts, shares, per-actor counts, the E-I index over spheres and
silos are therefore computed from those tallies in time proportional to the
number of actors, not of relations. Measures that need adjacency (brokers,
brokerage roles, reach) read the graph's private :class:`networkx.MultiGraph`
through networkx's public API.

A measure that is undefined for a graph (an E-I index or a share with
nothing to count, 0/0) is ``None``: never NaN, never a misleading 0. JSON
output writes it ``null``; text output writes "n/a" (French "s.o.", *sans
objet*) with the reason.

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
import warnings
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal, TypeAlias, cast

import networkx as nx

from partnership_model import _holes
from partnership_model._enums import Vocabulary
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.vocabulary import Authority, RelationType, Role

if TYPE_CHECKING:
    from partnership_model.ecology import _ActorState
    from partnership_model.policy import _Classification

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
    "unlinked_to_public_authority",
]


def __dir__() -> list[str]:
    return __all__


Partition: TypeAlias = Literal["sphere", "authority", "level"] | Mapping[str, Hashable]
"""How actors are grouped, by sphere, by authority, or by a mapping from actor
id to any hashable group label (``"level"`` is a deprecated alias of
``"authority"``)."""

_BONDING_ONLY = frozenset({RelationType.BONDING})


def _states(graph: EcologyGraph) -> dict[str, _ActorState]:
    """The graph's per-actor states (actor, profile, tally): read only."""
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph._states


def _by_primary(tally: Mapping[_Classification, int]) -> dict[RelationType, int]:
    counts = dict.fromkeys(RelationType, 0)
    for classification, number in tally.items():
        counts[classification.primary] += number
    return counts


def _neighbours(graph: EcologyGraph, actor_id: str) -> Iterator[tuple[str, int]]:
    """Each neighbour of an actor with the number of relations between them."""
    for other, keys in graph._graph.adj[actor_id].items():
        yield other, len(keys)


# -- counts -----------------------------------------------------------------------


def relation_counts(graph: EcologyGraph) -> dict[RelationType, int]:
    """Count the relations of each primary type.

    Every :class:`~partnership_model.RelationType` is a key, zero counts
    included. The typology is that of Boivin et al. (2022, ``Boivin2022``),
    classified under the graph's policy.

    Runs in constant time: the graph keeps the totals up to date.

    Examples:
        >>> from partnership_model.ecology import EcologyGraph
        >>> relation_counts(EcologyGraph())[RelationType.LINKING]
        0
    """
    _states(graph)
    return _by_primary(graph._totals)


def relation_shares(graph: EcologyGraph) -> dict[RelationType, float | None]:
    """The share of relations of each primary type, summing to 1.

    A graph without relations has no shares: every type's is ``None``, the
    library's value for an undefined measure, never NaN and never a
    misleading 0. Source of the typology: ``Boivin2022``.

    Examples:
        >>> from partnership_model.ecology import EcologyGraph
        >>> relation_shares(EcologyGraph())[RelationType.BONDING] is None
        True

    .. versionchanged:: 0.1.0
       A graph without relations gives ``None`` shares, not ``0.0`` (issue 14).
    """
    counts = relation_counts(graph)
    total = sum(counts.values())
    if total == 0:
        return dict.fromkeys(RelationType, None)
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
        actor_id: _by_primary(state.tally) for actor_id, state in _states(graph).items()
    }


# -- E-I index --------------------------------------------------------------------


def _ratio(external: int, internal: int) -> float | None:
    """``(E - I) / (E + I)``, or ``None`` when there is nothing to count (0/0)."""
    total = external + internal
    return (external - internal) / total if total else None


_PARTITION_HINT = "expected 'sphere', 'authority' or a mapping of actor ids to groups"


def _checked_partition(partition: object) -> Partition:
    """Refuse an unknown partition; map the deprecated ``"level"`` to ``"authority"``."""
    if isinstance(partition, str):
        if partition == "level":
            warnings.warn(
                'partition="level" is deprecated since 0.1.0: actors are grouped by '
                'their authority, use partition="authority"',
                DeprecationWarning,
                stacklevel=3,
            )
            return "authority"
        if partition not in ("sphere", "authority"):
            raise InvalidRecordError("partition", partition, _PARTITION_HINT)
        return cast("Partition", partition)
    if not isinstance(partition, Mapping):
        raise RecordTypeError("partition", partition, _PARTITION_HINT)
    return partition


def _group_of(graph: EcologyGraph, partition: Partition) -> dict[str, Hashable]:
    """Each actor's group; every actor must have one."""
    states = graph._states
    if partition == "sphere":
        return {a: state.actor.sphere for a, state in states.items()}
    if partition == "authority":
        authority_of = graph.policy.authority_of
        return {a: authority_of(state.actor) for a, state in states.items()}
    assert isinstance(partition, Mapping)  # noqa: S101 - narrowed by _checked_partition
    groups: dict[str, Hashable] = {}
    for actor_id in states:
        try:
            groups[actor_id] = partition[actor_id]
        except KeyError:
            raise InvalidRecordError(
                "partition", actor_id, "this actor has no group in the partition"
            ) from None
    return groups


def _incidences(
    graph: EcologyGraph, partition: Partition
) -> dict[str, tuple[int, int]]:
    """Each actor's (external, internal) relation counts under *partition*."""
    states = graph._states
    if partition == "sphere":
        result: dict[str, tuple[int, int]] = {}
        for actor_id, state in states.items():
            tally = state.tally
            out = sum(n for c, n in tally.items() if c.crosses_sphere)
            result[actor_id] = (out, tally.total() - out)
        return result
    groups = _group_of(graph, partition)
    result = {}
    for actor_id in states:
        own = groups[actor_id]
        out = inside = 0
        for other, number in _neighbours(graph, actor_id):
            if groups[other] == own:
                inside += number
            else:
                out += number
        result[actor_id] = (out, inside)
    return result


def ei_index(graph: EcologyGraph, *, partition: Partition = "sphere") -> float | None:
    """Krackhardt & Stern's E-I index of the whole graph.

    Notes:
        ``(E - I) / (E + I)``, where *E* counts the relations between actors
        of different groups and *I* those within a group (Krackhardt & Stern
        1988, ``KrackhardtStern1988``). It runs from -1 (every relation
        internal: the groups only bond) to +1 (every relation external). Over
        the ``"sphere"`` partition, *E* is the number of relations that cross
        the community/professional divide; over ``"authority"``, of those
        between actors of different authority (as the graph's policy reads
        each actor's authority; actors without one form a group of their
        own). Parallel relations each count.

        A graph without relations has no E-I index (0/0): the result is
        ``None``, the library's value for an undefined measure, never NaN
        and never a misleading 0.

    Args:
        graph: The ecology.
        partition: ``"sphere"`` (default), ``"authority"``, or a mapping of
            every actor id to a group label. ``"level"`` is a deprecated alias
            of ``"authority"``.

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
        >>> ei_index(graph, partition="authority")
        -1.0

        >>> ei_index(EcologyGraph()) is None
        True

    .. versionchanged:: 0.1.0
       ``partition="authority"`` replaces ``"level"``, which is deprecated.
       An undefined index is ``None``, no longer ``math.nan`` (issue 14).
    """
    _states(graph)
    partition = _checked_partition(partition)
    if partition == "sphere":
        totals = graph._totals
        external = sum(n for c, n in totals.items() if c.crosses_sphere)
        return _ratio(external, totals.total() - external)
    incidences = _incidences(graph, partition)
    external = sum(out for out, _ in incidences.values()) // 2
    internal = sum(inside for _, inside in incidences.values()) // 2
    return _ratio(external, internal)


def group_ei_index(
    graph: EcologyGraph, *, partition: Partition = "sphere"
) -> dict[Hashable, float | None]:
    """The E-I index of each group (Krackhardt & Stern 1988).

    For a group, *E* counts the relations between its members and
    non-members and *I* the relations among its members; the index is
    ``(E - I) / (E + I)``, or ``None`` for a group whose members have no
    relation (never NaN). Keys are the groups that have at least one actor: spheres or
    authorities (vocabulary members, ``None`` for actors without authority),
    or the labels of a mapping partition. Source: ``KrackhardtStern1988``.

    Raises:
        InvalidRecordError: See :func:`ei_index`.

    .. versionchanged:: 0.1.0
       ``None``, no longer ``math.nan``, for a group without relations (issue 14).
    """
    _states(graph)
    partition = _checked_partition(partition)
    groups = _group_of(graph, partition)
    incidences = _incidences(graph, partition)
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
) -> dict[str, float | None]:
    """The E-I index of each actor's own relations (Krackhardt & Stern 1988).

    For an actor, *E* counts its relations with actors of other groups and
    *I* with actors of its own group; isolated actors get ``None`` (never
    NaN). Source: ``KrackhardtStern1988``.

    Raises:
        InvalidRecordError: See :func:`ei_index`.

    .. versionchanged:: 0.1.0
       ``None``, no longer ``math.nan``, for an isolated actor (issue 14).
    """
    _states(graph)
    partition = _checked_partition(partition)
    return {
        actor_id: _ratio(out, inside)
        for actor_id, (out, inside) in _incidences(graph, partition).items()
    }


# -- brokers, silos, isolates, reach ---------------------------------------------------------


def _wanted(types: Iterable[RelationType]) -> frozenset[RelationType]:
    wanted = frozenset(types)
    for kind in wanted:
        if type(kind) is not RelationType:
            raise RecordTypeError("types", kind, "expected RelationType members")
    return wanted


def brokers(
    graph: EcologyGraph,
    *,
    types: Iterable[RelationType] = (RelationType.BRIDGING, RelationType.LINKING),
    include_tiers: bool = True,
) -> frozenset[str]:
    """Actors who broker: they sit in a structural hole, by a relation of *types*.

    Actor *b* is a broker when it is related to two actors *i* and *j* who
    have no relation with each other (the open two-path *i* - *b* - *j*, a
    structural hole in Burt's sense, ``Burt1992``), and at least one of its
    relations to *i* or *j* has one of *types* (any of the relation's types,
    not only its primary type; bridging and linking by default, as
    ``Boivin2022`` tells them apart, under the graph's policy). This pairing
    of Burt's structural holes with Boivin et al.'s relation types is our
    interpretation. An actor whose relations cross the community /
    professional divide but whose contacts all know each other (every
    participant of one engagement, for instance) brokers nothing.

    Actors acting in the :attr:`~partnership_model.Role.THIRD_PARTY` role,
    the *tiers* whose job is to set up the conditions of partnership
    between users and professionals (Berkesse 2024, ``Berkesse2024``), are
    brokers by role and included even when they span no hole, unless
    *include_tiers* is false.

    Runs in the time of listing the graph's triangles at worst (for each
    actor and neighbour reached by a relation of *types*, the smaller of
    the two neighbourhoods is scanned), and an actor stops at its first
    open two-path. Parallel relations count once.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role("p", Role.PATIENT),
        ...             Actor.from_role("c", Role.CLINICIAN),
        ...             Actor.from_role("q", Role.PATIENT),
        ...             Actor.from_role("t", Role.THIRD_PARTY)],
        ...     relations=[("p", "c"), ("c", "q")],
        ... )
        >>> sorted(brokers(graph))
        ['c', 't']
        >>> sorted(brokers(graph, include_tiers=False))
        ['c']
        >>> graph.add_relation("p", "q")
        0
        >>> sorted(brokers(graph, include_tiers=False))
        []

    .. versionchanged:: 0.2.0
       A broker spans a structural hole; an actor with a bridging or
       linking relation among contacts who all know each other is no longer
       one (issue 11).
    """
    states = _states(graph)
    wanted = _wanted(types)
    table = graph._table
    adj = graph._graph.adj
    candidates = [
        (actor_id, state)
        for actor_id, state in states.items()
        if any(n and c.types & wanted for c, n in state.tally.items())
    ]
    adjacency = {actor_id: set(adj[actor_id]) for actor_id in states}

    def through(state: _ActorState) -> Iterator[str]:
        row = table[state.profile]
        for other in adjacency[state.actor.id]:
            if row[states[other].profile].types & wanted:
                yield other

    found = set(
        _holes.spanning(
            adjacency, ((actor_id, through(state)) for actor_id, state in candidates)
        )
    )
    if include_tiers:
        found.update(
            actor_id
            for actor_id, state in states.items()
            if state.actor.role is Role.THIRD_PARTY
        )
    return frozenset(found)


def isolated_actors(graph: EcologyGraph) -> frozenset[str]:
    """Actors without any relation."""
    return frozenset(
        a for a, state in _states(graph).items() if not state.tally.total()
    )


def silos(graph: EcologyGraph) -> list[frozenset[str]]:
    """Groups of actors who bond and nothing else.

    A silo is a connected group of two or more actors in which every
    relation is bonding: nobody in it has a relation of another type, so
    the group reaches neither the other sphere nor another authority,
    even indirectly. This is the "community that only bonds" of
    ``Boivin2022``, read on whole connected components (our
    interpretation: a group connected through one member to a bridge is not
    a silo).

    Returns:
        The silos, largest first (ties broken by their smallest actor id).

    Runs in time linear in the size of the silos found, after a linear scan
    of the actors.
    """
    states = _states(graph)
    pure = {
        actor_id
        for actor_id, state in states.items()
        if state.tally.total()
        and all(c.types == _BONDING_ONLY for c, n in state.tally.items() if n)
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
            for other in graph._graph.adj[stack.pop()]:
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


def unlinked_to_public_authority(
    graph: EcologyGraph, *, via: Iterable[RelationType] | None = None
) -> frozenset[str]:
    """Actors from which no holder of public authority can be reached.

    Walks relations from every actor whose authority (as the graph's policy
    reads it) is :attr:`~partnership_model.Authority.PUBLIC_AUTHORITY`:
    ministries, health agencies and the people who decide for them.
    Relations are undirected, so reachability is symmetric; the actors never
    reached have no path, direct or indirect, to those who hold formal
    authority over the health system: the missing *linking* of
    ``Boivin2022`` and ``SzreterWoolcock2004``. Holders of public authority
    reach themselves and are never reported. Without any, every actor is
    reported. This reads authority, not the Montreal level: a patient
    partner who sits on a ministry committee is linked through that
    committee's relations, not by the committee's level.

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
        >>> sorted(unlinked_to_public_authority(graph))
        []
        >>> sorted(unlinked_to_public_authority(graph, via=[RelationType.LINKING]))
        ['p']

    .. versionadded:: 0.1.0
    """
    states = _states(graph)
    wanted = None if via is None else _wanted(via)
    table = graph._table
    authority_of = graph.policy.authority_of
    holders = [
        actor_id
        for actor_id, state in states.items()
        if authority_of(state.actor) is Authority.PUBLIC_AUTHORITY
    ]
    reached = set(holders)
    stack = holders
    adjacency = graph._graph.adj
    while stack:
        state = states[stack.pop()]
        row = table[state.profile]
        for other in adjacency[state.actor.id]:
            if other in reached:
                continue
            if wanted is None or row[states[other].profile].types & wanted:
                reached.add(other)
                stack.append(other)
    return frozenset(states.keys() - reached)


def unlinked_to_macro(
    graph: EcologyGraph, *, via: Iterable[RelationType] | None = None
) -> frozenset[str]:
    """Deprecated alias of :func:`unlinked_to_public_authority`.

    Release 1.0 walked from actors at the Montreal *macro* level, which it
    read as authority; the walk now starts from holders of public authority.

    .. deprecated:: 0.1.0
       Use :func:`unlinked_to_public_authority`.
    """
    warnings.warn(
        "unlinked_to_macro is deprecated since 0.1.0: use "
        "unlinked_to_public_authority (actors are reached from holders of public "
        "authority, not from a Montreal level)",
        DeprecationWarning,
        stacklevel=2,
    )
    return unlinked_to_public_authority(graph, via=via)


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
        needs at least three groups (use ``partition="authority"`` or a
        mapping). Only adjacency matters: parallel relations count once.
        Raw counts are returned, without the expected values or z-scores of
        the original method.

        The cost is that of listing the triangles of the graph: for each
        broker and neighbour, the smaller of the two neighbourhoods is
        scanned, so sparse graphs run in near-linear time.

    Args:
        graph: The ecology.
        partition: ``"sphere"`` (default), ``"authority"`` or a mapping of
            every actor id to a group (``"level"``: deprecated alias of
            ``"authority"``).

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
    _states(graph)
    partition = _checked_partition(partition)
    labels = _group_of(graph, partition)
    index: dict[Hashable, int] = {}
    group = {a: index.setdefault(g, len(index)) for a, g in labels.items()}
    adjacency = {actor: set(graph._graph.adj[actor]) for actor in labels}
    result: dict[str, dict[BrokerageRole, int]] = {}
    for broker, neighbours in adjacency.items():
        counts = dict.fromkeys(BrokerageRole, 0)
        result[broker] = counts
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
            theirs = adjacency[first]
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
    _states(graph)
    private = graph._graph
    if backend is None:
        return nx.betweenness_centrality(private, k=k, normalized=normalized, seed=seed)
    result = nx.betweenness_centrality(
        private, k=k, normalized=normalized, seed=seed, backend=backend
    )
    return cast("dict[str, float]", result)
