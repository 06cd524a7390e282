"""Ego networks: each actor, the actors it is related to, and how they hang together.

An actor's *ego network* is the actor (the ego), the actors it is related to
(its alters) and the relations among them. :func:`ego_networks` describes
every ego network of an ecology by four figures:

* its **size**, the number of alters;
* the **E-I index** of the ego's ties to its alters (Krackhardt & Stern 1988,
  ``KrackhardtStern1988``): do the ego's contacts lie outside its own group
  (sphere, authority, or any grouping) or inside it;
* Burt's **effective size** and **constraint** (Burt 1992, *Structural
  Holes*, ``Burt1992``), as networkx defines them (``networkx.effective_size``,
  ``networkx.constraint``): how many non-redundant contacts the ego has,
  and how much its contacts are tied to one another. High constraint, few
  structural holes: the ego's contacts all know each other.

Everything is computed on the **simple graph of related pairs**: parallel
relations between two actors (several engagements, several periods) are
collapsed into one unweighted tie, so an alter counts once whatever the
number of relations. The E-I index of an ego network therefore counts alters,
where :func:`~partnership_model.metrics.actor_ei_index` counts relations.

Examples:
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph
    >>> graph = EcologyGraph(
    ...     actors=[Actor.from_role(i, r) for i, r in [
    ...         ("nurse", Role.CLINICIAN), ("doctor", Role.CLINICIAN),
    ...         ("p1", Role.PATIENT), ("p2", Role.PATIENT)]],
    ...     relations=[("nurse", "doctor"), ("nurse", "p1"), ("nurse", "p2"),
    ...                ("p1", "p2"), ("nurse", "p1")],
    ... )
    >>> ego = ego_networks(graph)["nurse"]
    >>> ego.size, round(ego.ei_index, 3)  # one colleague, two patients
    (3, 0.333)
    >>> round(ego.effective_size, 3), round(ego.constraint, 3)  # p1 and p2 know each other
    (2.333, 0.611)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import attrs
import networkx as nx

from partnership_model._partition import GroupPartition, check_graph, group_labels
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    UnknownActorError,
)

__all__ = ["EgoNetwork", "ego_networks"]


def __dir__() -> list[str]:
    return __all__


def _optional_finite(
    _instance: object, attribute: attrs.Attribute[float | None], value: object
) -> None:
    if value is not None and (type(value) is not float or not math.isfinite(value)):
        raise InvalidRecordError(
            attribute.name, value, "expected a finite float or None"
        )


def _size(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise InvalidRecordError(attribute.name, value, "expected a non-negative int")


@attrs.frozen(kw_only=True)
class EgoNetwork:
    """The ego network of one actor, on the simple graph of related pairs.

    Attributes:
        ego: The actor's id.
        size: Number of alters: distinct actors the ego is related to.
        ei_index: ``(E - I) / (E + I)`` where *E* counts the alters in
            another group than the ego and *I* those in the ego's group
            (Krackhardt & Stern 1988); ``None`` for an actor without alters.
        effective_size: Burt's effective size (``Burt1992``), the number of
            alters minus their redundancy (networkx); ``None`` without alters.
        constraint: Burt's constraint (``Burt1992``, networkx), from about ``1 / size``
            for alters unrelated to one another up to above 1 for a dense
            clique; ``None`` without alters.

    Raises:
        InvalidRecordError: A figure is negative or not finite, *ego* is not
            a string, or an actor without alters has figures.

    .. versionadded:: 0.2.0
    """

    #: Id of the ego.
    ego: str = attrs.field()
    #: Number of alters.
    size: int = attrs.field(validator=_size)
    #: E-I index of the ego's ties to its alters.
    ei_index: float | None = attrs.field(validator=_optional_finite)
    #: Burt's effective size.
    effective_size: float | None = attrs.field(validator=_optional_finite)
    #: Burt's constraint.
    constraint: float | None = attrs.field(validator=_optional_finite)

    @ego.validator
    def _check_ego(self, attribute: attrs.Attribute[str], value: object) -> None:
        if type(value) is not str:
            raise RecordTypeError(attribute.name, value, "expected an actor id")

    def __attrs_post_init__(self) -> None:
        figures = (self.ei_index, self.effective_size, self.constraint)
        if (self.size == 0) != all(f is None for f in figures):
            raise InvalidRecordError(
                "size",
                self.size,
                "the figures are None exactly when the ego has no alter",
                code="figures_without_alters",
            )


def _finite_or_none(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _simple_graph(neighbours: Mapping[str, set[str]]) -> nx.Graph[str]:
    """The related pairs as an unweighted networkx graph without attributes."""
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(neighbours)
    simple.add_edges_from(
        (actor, alter) for actor, alters in neighbours.items() for alter in alters
    )
    # A backend converts this graph once per call rather than caching the
    # conversion on it, which networkx would report with a UserWarning on the
    # second call (setting the cache to None is networkx's documented switch).
    simple.__networkx_cache__ = None  # type: ignore[assignment]
    return simple


def _structural_holes(
    neighbours: Mapping[str, set[str]], egos: Iterable[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Effective size and constraint of each ego, unweighted, as networkx computes them.

    On an undirected, unweighted simple graph, networkx's normalised mutual
    weight of a tie (i, j) is ``1 / deg(i)``. Effective size is Borgatti's
    simplification ``n - 2t / n`` for *n* alters with *t* ties among them;
    constraint is ``sum_j (1/deg(i) + sum_q 1/deg(i) * 1/deg(q))^2`` over
    the alters *j* and the alters *q* tied to *j*. One pass per ego over
    the intersections of its neighbourhood with each alter's: time
    proportional to the sum over egos of degree x (smaller) degree.
    Egos without alters are left out.
    """
    effective: dict[str, float] = {}
    constraint: dict[str, float] = {}
    for ego in egos:
        alters = neighbours[ego]
        n = len(alters)
        if not n:
            continue
        share = 1 / n
        ties = 0
        total = 0.0
        for alter in alters:
            theirs = neighbours[alter]
            small, large = (theirs, alters) if len(theirs) < n else (alters, theirs)
            common = [q for q in small if q in large]
            ties += len(common)
            indirect = sum(share / len(neighbours[q]) for q in common)
            total += (share + indirect) ** 2
        # ties = 2t: each tie among alters was seen from both of its ends.
        effective[ego] = n - ties / n
        constraint[ego] = total
    return effective, constraint


def _selected(graph: EcologyGraph, actors: Iterable[str] | None) -> list[str] | None:
    if actors is None:
        return None
    if isinstance(actors, str):
        raise RecordTypeError("actors", actors, "expected an iterable of actor ids")
    chosen: list[str] = []
    seen: set[str] = set()
    for actor_id in actors:
        if actor_id not in graph:
            raise UnknownActorError(actor_id, "actors")
        if actor_id not in seen:
            seen.add(actor_id)
            chosen.append(actor_id)
    return chosen


def _ei(
    ego: str, alters: Iterable[str], labels: Mapping[str, Hashable]
) -> float | None:
    own = labels[ego]
    external = internal = 0
    for alter in alters:
        if labels[alter] == own:
            internal += 1
        else:
            external += 1
    total = external + internal
    return (external - internal) / total if total else None


def ego_networks(
    graph: EcologyGraph,
    *,
    partition: GroupPartition = "sphere",
    actors: Iterable[str] | None = None,
    backend: str | None = None,
) -> dict[str, EgoNetwork]:
    """Describe the ego network of every actor (or of the given actors).

    Notes:
        The measures read the simple graph of related pairs: parallel
        relations are collapsed into one unweighted tie (see the module
        docstring). Effective size and constraint are those of networkx
        (``networkx.effective_size``, ``networkx.constraint``), after Burt
        1992 (``Burt1992``), unweighted, effective size with Borgatti's
        simplification for unweighted graphs as networkx has it. For an
        actor without alters every figure is ``None``, never NaN.

        **Who computes them.** With *backend* ``None`` this module computes
        both figures with networkx's formulas in one pass over each ego's
        neighbourhood, in time proportional to the sum over egos of their
        degree times their alters' (smaller) degrees; the test suite checks
        that the results equal networkx's to 1e-12, on random graphs and on
        the example register. It does so because every way of having
        networkx 3.6 compute them, measured on 1,000 actors and 5,000
        relations, was about 100 to 800 times slower (9.7 s to 83 s,
        against 0.1 s): its effective size copies the whole graph once per ego
        (``ego_graph(..., undirected=True)`` calls ``to_undirected()``),
        its constraint makes thousands of dispatched ``mutual_weight``
        calls per ego, and constraint cannot be computed on the ego's
        own subgraph (it reads the alters' ties outside it). With SciPy
        installed networkx computes constraint on sparse matrices, but its
        effective size builds a dense actors x actors matrix (1.5 GiB for
        10,000 actors). See :doc:`/reference/performance`.

        With a *backend* (``"networkx"`` included), the simple graph is
        handed to ``networkx.effective_size`` and ``networkx.constraint``
        with ``backend=``, so networkx's dispatcher, and a parallel or GPU
        backend if named, does the work; networkx converts the graph for
        each of the two calls (the conversion is not cached on the graph).

    Args:
        graph: The ecology.
        partition: Grouping for the E-I index: ``"sphere"`` (default),
            ``"authority"`` (actors must carry an ``authority``
            attribute) or a mapping of every actor id to a group label.
        actors: Ids of the egos to describe; ``None`` describes every
            actor. Duplicates are described once.
        backend: Name of a networkx backend that should compute the
            effective size and the constraint (``"networkx"`` for
            networkx's own implementation, or for example ``"parallel"``
            or ``"cugraph"`` when installed and when they implement these
            functions), forwarded to networkx as ``backend=``; ``None``
            computes them here (see above).

    Returns:
        One :class:`EgoNetwork` per ego, keyed by actor id, in the graph's
        actor order (or the order of *actors*).

    Raises:
        RecordTypeError: *graph* is not an ecology, or *actors* is a
            string, or see :func:`~partnership_model.significance.brokerage_significance`
            for *partition*.
        InvalidRecordError: See
            :func:`~partnership_model.significance.brokerage_significance`.
        UnknownActorError: An id of *actors* is not in the graph.
        ImportError: The backend is not installed (raised by networkx).

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role(i, Role.PATIENT) for i in "abcd"],
        ...     relations=[("a", "b"), ("a", "c"), ("a", "d")],
        ... )
        >>> star = ego_networks(graph, actors=["a", "b"])
        >>> star["a"].size, star["a"].effective_size, round(star["a"].constraint, 4)
        (3, 3.0, 0.3333)
        >>> star["b"].ei_index
        -1.0
    """
    check_graph(graph)
    labels = group_labels(graph, partition)
    egos = _selected(graph, actors)
    # The ecology's own adjacency, read only: an attributed copy
    # (``to_networkx``) cost more than the measures themselves.
    adjacency = graph._graph.adj
    neighbours = {actor: set(adjacency[actor]) for actor in labels}
    chosen = list(labels) if egos is None else egos
    effective: Mapping[str, Any]
    constraint: Mapping[str, Any]
    if backend is None:
        effective, constraint = _structural_holes(neighbours, chosen)
    else:
        simple = _simple_graph(neighbours)
        options: dict[str, Any] = {"backend": backend}
        if egos is not None:
            options["nodes"] = egos
        effective = nx.effective_size(simple, **options)
        constraint = nx.constraint(simple, **options)
    result: dict[str, EgoNetwork] = {}
    for ego in chosen:
        alters = neighbours[ego]
        size = len(alters)
        result[ego] = EgoNetwork(
            ego=ego,
            size=size,
            ei_index=_ei(ego, alters, labels),
            effective_size=_finite_or_none(effective[ego]) if size else None,
            constraint=_finite_or_none(constraint[ego]) if size else None,
        )
    return result
