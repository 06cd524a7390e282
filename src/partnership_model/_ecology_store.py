"""Private: the store beneath the ecology graph, its actors and classified relations.

:class:`partnership_model.ecology.EcologyGraph` is this store plus what makes
it the public graph: its policy as a property, whole-graph operations (copy,
reclassification, slices in time, equality) and its conversions to and from
networkx, registers and documents. The store keeps, next to a private
:class:`networkx.MultiGraph`, each actor's profile in the policy's
classification table and a tally of its relations per classification, and it
adds and removes actors and relations, in bulk atomically. Its public methods
are documented as :class:`~partnership_model.ecology.EcologyGraph`'s.

The store imports nothing from :mod:`partnership_model.ecology`: imports flow
from the graph down to the store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeAlias, cast

import networkx as nx

from partnership_model import _validators as v
from partnership_model._actors import Actor, ClassifiedRelation, Relation
from partnership_model.dates import PartialDate
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    RecordTypeError,
    UnknownActorError,
    UnknownReferenceError,
)
from partnership_model.policy import (
    ClassificationPolicy,
    _check_policy,
    _Classification,
    _classifier,
)
from partnership_model.vocabulary import EngagementDegree

RelationLike: TypeAlias = "tuple[str, str] | list[str] | Relation"
"""What :meth:`EcologyGraph.add_relations` accepts: an id pair or a Relation."""

_EdgeData: TypeAlias = dict[str, Any]
_RELATION_FIELDS: Final = ("engagement_id", "degree", "start", "end")


class _ActorState:
    """What the graph keeps for each actor, next to its networkx node.

    Attributes:
        actor: The actor record.
        profile: The actor's profile number in the policy's classification
            table (its sphere and the authority the policy compares).
        tally: How many relations of the actor have each classification
            (counts per combination of the two facts).
    """

    __slots__ = ("actor", "profile", "tally")

    def __init__(
        self,
        actor: Actor,
        profile: int,
        tally: Counter[_Classification] | None = None,
    ) -> None:
        self.actor = actor
        self.profile = profile
        self.tally: Counter[_Classification] = tally if tally is not None else Counter()


class _BadItemError(Exception):
    """Internal signal: the bulk loop met an item it must diagnose slowly."""


class _RelationStore:
    """Actors and their classified relations, with per-actor tallies.

    The private base of :class:`~partnership_model.ecology.EcologyGraph`,
    which documents the public methods defined here.

    Args:
        policy: How relations are classified.

    Raises:
        RecordTypeError: *policy* is not a ClassificationPolicy.
    """

    __slots__ = ("_classifier", "_graph", "_policy", "_states", "_table", "_totals")

    def __init__(self, policy: ClassificationPolicy) -> None:
        self._policy = _check_policy(policy)
        self._classifier = _classifier(policy)
        self._table = self._classifier.table
        self._graph: nx.MultiGraph[str] = nx.MultiGraph()
        self._states: dict[str, _ActorState] = {}
        self._totals: Counter[_Classification] = Counter()

    # -- actors -------------------------------------------------------------------------

    def _is_new(self, actor: object, field: str, pending: Mapping[str, Actor]) -> bool:
        """Whether *actor* must be inserted (False: an identical duplicate)."""
        if type(actor) is not Actor:
            raise RecordTypeError(field, actor, "expected an Actor")
        existing = self._states.get(actor.id)
        known = existing.actor if existing is not None else pending.get(actor.id)
        if known is None:
            return True
        if known == actor:
            return False
        raise DuplicateIdError(
            f"{field}.id",
            actor.id,
            "another actor with this id and different attributes is in the graph",
        )

    def _insert_actors(self, actors: list[Actor]) -> None:
        profile = self._classifier.profile
        for actor in actors:
            self._states[actor.id] = _ActorState(actor, profile(actor))
        self._graph.add_nodes_from((actor.id, {"actor": actor}) for actor in actors)

    def add_actor(self, actor: Actor) -> None:
        """Add *actor*; adding an identical actor again does nothing.

        Raises:
            RecordTypeError: *actor* is not an :class:`Actor`.
            DuplicateIdError: An actor with the same id and different
                attributes is already in the graph.
        """
        if self._is_new(actor, "actor", {}):
            self._insert_actors([actor])

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """Add every actor of *actors*, atomically.

        Raises:
            RecordTypeError: An item is not an :class:`Actor` (field
                ``actors[i]``).
            DuplicateIdError: An item has the id of an actor already in the
                graph (or earlier in *actors*) but different attributes. The
                graph is left unchanged.
        """
        pending: dict[str, Actor] = {}
        for index, actor in enumerate(actors):
            if self._is_new(actor, f"actors[{index}]", pending):
                pending[actor.id] = actor
        self._insert_actors(list(pending.values()))

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with this id.

        Raises:
            UnknownActorError: No actor has this id (also a :class:`KeyError`).
        """
        return self._state(actor_id, "actor_id").actor

    def _state(self, actor_id: object, field: str) -> _ActorState:
        try:
            return self._states[v.nfc(actor_id)]  # type: ignore[arg-type]
        except (KeyError, TypeError):
            raise UnknownActorError(actor_id, field) from None

    def __contains__(self, actor_id: object) -> bool:
        try:
            return v.nfc(actor_id) in self._states  # type: ignore[arg-type]
        except TypeError:
            return False

    def actors(self) -> Iterator[Actor]:
        """Iterate the actors, in insertion order."""
        for state in self._states.values():
            yield state.actor

    def __len__(self) -> int:
        """The number of actors."""
        return len(self._states)

    @property
    def number_of_actors(self) -> int:
        """The number of actors."""
        return len(self._states)

    @property
    def number_of_relations(self) -> int:
        """The number of relations (parallel relations count separately)."""
        return self._totals.total()

    def remove_actor(self, actor_id: str) -> None:
        """Remove the actor and every relation it takes part in.

        Raises:
            UnknownActorError: No actor has this id.
        """
        state = self._state(actor_id, "actor_id")
        own_id = state.actor.id
        for _, other_id in self._graph.edges(own_id):
            other = self._states[other_id]
            classification = self._table[state.profile][other.profile]
            other.tally[classification] -= 1
            self._totals[classification] -= 1
        self._graph.remove_node(own_id)
        del self._states[own_id]

    # -- relations --------------------------------------------------------------------

    def _count(
        self, first: _ActorState, second: _ActorState, step: int
    ) -> _Classification:
        """Add *step* to the tallies of one relation; return its classification."""
        classification = self._table[first.profile][second.profile]
        first.tally[classification] += step
        second.tally[classification] += step
        self._totals[classification] += step
        return classification

    def add_relation(
        self,
        source_id: str,
        target_id: str,
        *,
        engagement_id: str | None = None,
        degree: EngagementDegree | None = None,
        start: PartialDate | dt.date | None = None,
        end: PartialDate | dt.date | None = None,
    ) -> int:
        """Relate two actors of the graph and return the new relation's key.

        The relation is classified from the two actors under the graph's
        policy (model rules 1-2).

        Raises:
            UnknownActorError: An end is not in the graph (field ``source``
                or ``target``); also a :class:`KeyError`.
            InvalidRecordError: The two ends are the same actor, or *end* is
                entirely before *start*.
            RecordTypeError: An argument has the wrong type.
        """
        relation = Relation(
            source=source_id,
            target=target_id,
            engagement_id=engagement_id,
            degree=degree,
            start=start,
            end=end,
        )
        first = self._state(relation.source, "source")
        second = self._state(relation.target, "target")
        return self._insert(first, second, _relation_data(relation), None)

    def _insert(
        self,
        first: _ActorState,
        second: _ActorState,
        data: _EdgeData,
        key: int | None,
    ) -> int:
        """Insert one relation between two known actors; keep *key* if it is free."""
        source, target = first.actor.id, second.actor.id
        if key is not None and self._graph.has_edge(source, target, key):
            key = None
        data["relation_type"] = self._count(first, second, 1).primary
        return self._graph.add_edge(source, target, key, **data)

    def add_relations(self, relations: Iterable[RelationLike]) -> None:
        """Add many relations in one pass, atomically.

        Each item is a ``(source_id, target_id)`` pair or a :class:`Relation`.
        The items are checked, classified and counted as they stream into one
        ``add_edges_from`` call of the private :class:`networkx.MultiGraph`. If
        an item is refused, the relations added before it are removed again,
        newest first (networkx's ``remove_edge`` removes the last relation
        added between two actors): on error the graph is left unchanged.

        Raises:
            RecordTypeError: An item is neither a pair of ids nor a Relation
                (field ``relations[i]``).
            UnknownActorError: An item names an actor that is not in the
                graph (field ``relations[i].source`` or ``.target``).
            InvalidRecordError: A pair relates an actor to itself.
        """
        items: list[Any] | tuple[Any, ...] = (
            relations if isinstance(relations, list | tuple) else list(relations)
        )
        states = self._states
        table = self._table
        totals = self._totals
        # The data of a bare pair is only its type; networkx copies it into a
        # dict of its own for each edge.
        bare = {c: {"relation_type": c.primary} for row in table for c in row}
        added = 0  # items checked, counted and handed to networkx

        def checked_edges() -> Iterator[tuple[str, str, _EdgeData]]:
            nonlocal added
            for item in items:
                kind = type(item)
                if kind is tuple or kind is list:
                    source, target = item
                    # Ids are kept in NFC; a pair may name them in another form.
                    first = states.get(source) or states[v.nfc(source)]
                    second = states.get(target) or states[v.nfc(target)]
                    if first is second:
                        raise _BadItemError
                    classification = table[first.profile][second.profile]
                    data = bare[classification]
                elif kind is Relation:
                    first, second = states[item.source], states[item.target]
                    classification = table[first.profile][second.profile]
                    data = _relation_data(item)
                    data["relation_type"] = classification.primary
                else:
                    raise _BadItemError
                first.tally[classification] += 1
                second.tally[classification] += 1
                totals[classification] += 1
                added += 1
                yield first.actor.id, second.actor.id, data

        try:
            self._graph.add_edges_from(checked_edges())
        except (KeyError, TypeError, ValueError, _BadItemError):
            self._remove_added(items, added)
            self._diagnose(items[added], added)
            raise  # pragma: no cover - _diagnose always raises
        except BaseException:
            self._remove_added(items, added)
            raise

    def _remove_added(self, items: list[Any] | tuple[Any, ...], added: int) -> None:
        """Remove the relations of the first *added* items, newest first."""
        states = self._states
        for item in reversed(items[:added]):
            if type(item) is Relation:
                first, second = states[item.source], states[item.target]
            else:
                first, second = states[item[0]], states[item[1]]
            self._count(first, second, -1)
            self._graph.remove_edge(first.actor.id, second.actor.id)

    def _diagnose(self, item: object, index: int) -> None:
        """Raise the precise error for an item the bulk loop refused."""
        field = f"relations[{index}]"
        if type(item) is Relation:
            ends: tuple[object, object] = (item.source, item.target)
        elif (type(item) is tuple or type(item) is list) and len(item) == 2:
            pair = cast("tuple[object, object]", item)
            ends = (pair[0], pair[1])
        else:
            raise RecordTypeError(
                field, item, "expected a (source_id, target_id) tuple or a Relation"
            )
        for name, end in zip(("source", "target"), ends, strict=True):
            v.check_identifier(f"{field}.{name}", end)
            self._state(end, f"{field}.{name}")
        raise InvalidRecordError(
            f"{field}.target", ends[1], "a relation joins two different actors"
        )

    def remove_relation(self, source_id: str, target_id: str, key: int) -> None:
        """Remove the relation with this *key* between the two actors.

        Raises:
            UnknownActorError: An end is not in the graph.
            UnknownReferenceError: The actors have no relation with this key
                (also a :class:`KeyError`).
        """
        first = self._state(source_id, "source_id")
        second = self._state(target_id, "target_id")
        source, target = first.actor.id, second.actor.id
        try:
            found = self._graph.has_edge(source, target, key)
        except TypeError:  # an unhashable key
            found = False
        if not found:
            raise UnknownReferenceError((source_id, target_id, key), "relation")
        self._count(first, second, -1)
        self._graph.remove_edge(source, target, key)

    def _classified(
        self, source: str, target: str, key: int, data: Mapping[str, Any]
    ) -> ClassifiedRelation:
        classification = self._table[self._states[source].profile][
            self._states[target].profile
        ]
        return ClassifiedRelation(
            relation=Relation(
                source=source,
                target=target,
                engagement_id=data.get("engagement_id"),
                degree=data.get("degree"),
                start=data.get("start"),
                end=data.get("end"),
            ),
            key=key,
            types=classification.types,
            primary=classification.primary,
            crosses_sphere=classification.crosses_sphere,
            crosses_authority=classification.crosses_authority,
        )

    def relations(self) -> Iterator[ClassifiedRelation]:
        """Iterate every relation once, with its classification.

        Relations are undirected: which end is reported as ``source`` follows
        the graph's insertion order, not the order they were added in.
        """
        for source, target, key, data in self._graph.edges(keys=True, data=True):
            yield self._classified(source, target, key, data)

    def relations_of(self, actor_id: str) -> Iterator[ClassifiedRelation]:
        """Iterate the relations of one actor, which is reported as ``source``.

        Raises:
            UnknownActorError: No actor has this id.
        """
        own_id = self._state(actor_id, "actor_id").actor.id
        for _, target, key, data in self._graph.edges(own_id, keys=True, data=True):
            yield self._classified(own_id, target, key, data)

    def _insert_edges(
        self, edges: Iterable[tuple[str, str, int | None, _EdgeData]]
    ) -> None:
        """Insert relations between known actors, keeping each free key."""
        states = self._states
        for source, target, key, data in edges:
            self._insert(states[source], states[target], data, key)

    def _relation_multiset(self) -> Counter[tuple[Any, ...]]:
        tally: Counter[tuple[Any, ...]] = Counter()
        for source, target, data in self._graph.edges(data=True):
            tally[
                frozenset((source, target)),
                *(data.get(field) for field in _RELATION_FIELDS),
            ] += 1
        return tally


# -- helpers -----------------------------------------------------------------------------


def _relation_data(relation: Relation) -> _EdgeData:
    """The edge data of a relation: its attributes that are set."""
    data: _EdgeData = {}
    if relation.engagement_id is not None:
        data["engagement_id"] = relation.engagement_id
    if relation.degree is not None:
        data["degree"] = relation.degree
    if relation.start is not None:
        data["start"] = relation.start
    if relation.end is not None:
        data["end"] = relation.end
    return data


def _stored_relation_data(data: Mapping[str, Any]) -> _EdgeData:
    """A relation's stored attributes, without its computed type."""
    return {field: data[field] for field in _RELATION_FIELDS if field in data}
