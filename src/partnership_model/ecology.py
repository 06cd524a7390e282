"""The Ecology of Engagement as a graph of bonding, bridging and linking relations.

Boivin et al. (2022, figure 2; key ``Boivin2022``) tell engagement
relationships apart by *who* is engaged and *at what level*: bonding looks
inward (among community members, or among professionals), bridging looks
across the community/professional divide, and linking looks upward, across
levels of power and authority. This module turns that reading into a
deterministic graph model.

Model rules
-----------
These rules are this library's operationalisation of the sources; where a
rule is an interpretation, it says so.

1. **Two facts per relation.** Every relation joins two :class:`Actor` s and
   has two facts computed from its two ends: ``crosses_sphere`` (the actors
   belong to different :class:`~partnership_model.Sphere` s) and
   ``crosses_authority`` (their authority levels, an
   :class:`~partnership_model.EngagementLevel`, differ).
2. **Types and primary type.** The *types* of a relation are
   ``{BRIDGING}`` if it crosses spheres, plus ``{LINKING}`` if it crosses
   authority, or ``{BONDING}`` if it crosses neither
   (:func:`relation_types`). Its *primary* type is the strongest of them,
   ``LINKING > BRIDGING > BONDING`` (:func:`classify_relation`). The
   precedence is this library's rule. Szreter & Woolcock (2004,
   ``SzreterWoolcock2004``) define linking as ties across an explicit,
   formal or institutionalised power or authority gradient, and a response
   to their paper reads linking as a specialised form of bridging
   (``Strathclyde2005``); linking therefore takes precedence. Reading a
   same-sphere relation across authority levels (a bedside nurse and a
   ministry official) as *linking* rather than bonding is our
   interpretation.
3. **Endpoint attributes, not group co-membership.** Bridging is computed
   from the two ends of each relation (dyadic heterogeneity), one of the two
   operationalisations Geys & Murdoch (2008, ``GeysMurdoch2008``) warn can
   diverge. The rule is symmetric and relations are undirected.
4. **Roles decide, per engagement (dual membership).** An actor's sphere and
   authority level come from the role it acts in (:meth:`Actor.from_role`),
   and can be overridden. A person may act in several spheres: a nurse who is
   also a family caregiver. :meth:`EcologyGraph.from_engagements` therefore
   makes one node per *persona* of a person, that is per (person, sphere,
   level) profile acted in the register. A person with a single profile keeps
   the person id as node id; a person acting with several profiles gets one
   node per profile, with id ``"<person_id>@<sphere>:<level>"`` (for example
   ``"p7@community:micro"``) and :attr:`Actor.person_id` set. This is our
   interpretation of the brief's advice to attach spheres to roles, not
   persons.
5. **Engagements make relations.** The participants of one engagement are
   related pairwise, one relation per pair and engagement, carrying the
   engagement id, degree and dates. Organisations an engagement lists
   (associations, clinical teams, a tiers structure) become organisation
   actors related to every participant of that engagement; organisations
   listed together are not related to each other directly (their members
   are). Classification always follows from the two nodes' attributes.
6. **Declared types are checked.** A relation type declared in input data
   (``relation_type``) that disagrees with the computed one is reported,
   never silently kept (see :meth:`EcologyGraph.from_networkx`).

Examples:
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph
    >>> graph = EcologyGraph(
    ...     actors=[
    ...         Actor.from_role("patient", Role.PATIENT_PARTNER),
    ...         Actor.from_role("nurse", Role.CLINICIAN),
    ...         Actor.from_role("minister", Role.DECISION_MAKER),
    ...     ],
    ...     relations=[("patient", "nurse"), ("nurse", "minister")],
    ... )
    >>> [r.primary.value for r in graph.relations()]
    ['bridging', 'linking']
    >>> graph.to_networkx().edges["nurse", "minister", 0]["relation_type"]
    'linking'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, Literal, TypeAlias, cast

import attrs
import networkx as nx

from partnership_model import _gc, _validators as v
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    RecordTypeError,
    UnknownActorError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Organisation, Register
from partnership_model.vocabulary import (
    ActorKind,
    EngagementDegree,
    EngagementLevel,
    RelationType,
    Role,
    Sphere,
)

__all__ = [
    "Actor",
    "ClassifiedRelation",
    "EcologyGraph",
    "Relation",
    "classify_relation",
    "crosses_authority",
    "crosses_sphere",
    "relation_types",
]


def __dir__() -> list[str]:
    return __all__


# -- records ------------------------------------------------------------------


_optional_identifier = v.optional_identifier


@attrs.frozen(kw_only=True)
class Actor:
    """A member of the health ecosystem: a person (persona) or an organisation.

    Attributes:
        id: Identifier of the actor, unique within a graph.
        sphere: Whether the actor acts as a community member or as a
            professional.
        level: The actor's authority level; two actors at different levels
            are separated by an authority gradient.
        kind: Whether the actor is a person or an organisation.
        role: The role the actor acts in, when one is known.
        label: How to name the actor in drawings and exports; never required.
        person_id: For one persona of a person who acts with several profiles,
            the id of that person (see the model rules above).

    Examples:
        >>> from partnership_model import EngagementLevel, Sphere
        >>> Actor(id="a1", sphere=Sphere.COMMUNITY, level=EngagementLevel.MICRO)
        Actor(id='a1', sphere=<Sphere.COMMUNITY: 'community'>, level=<EngagementLevel.MICRO: 'micro'>, kind=<ActorKind.PERSON: 'person'>, role=None, label=None, person_id=None)

    .. versionadded:: 0.1.0
    """

    #: Identifier of the actor, unique within a graph.
    id: str = attrs.field(validator=v.identifier)
    #: Community member or professional.
    sphere: Sphere = attrs.field(validator=v.member_of(Sphere))
    #: Authority level (micro < meso < macro).
    level: EngagementLevel = attrs.field(validator=v.member_of(EngagementLevel))
    #: Person or organisation.
    kind: ActorKind = attrs.field(
        default=ActorKind.PERSON, validator=v.member_of(ActorKind)
    )
    #: The role the actor acts in, if known.
    role: Role | None = attrs.field(default=None, validator=v.optional_member_of(Role))
    #: Display name, if any.
    label: str | None = attrs.field(default=None, validator=v.optional_text)
    #: The person this actor is a persona of, for people with several profiles.
    person_id: str | None = attrs.field(default=None, validator=_optional_identifier)

    @classmethod
    def from_role(
        cls,
        id: str,  # noqa: A002 - mirrors the field name
        role: Role,
        *,
        sphere: Sphere | None = None,
        level: EngagementLevel | None = None,
        kind: ActorKind = ActorKind.PERSON,
        label: str | None = None,
        person_id: str | None = None,
    ) -> Actor:
        """Build an actor whose sphere and level come from *role*.

        Args:
            id: Identifier of the actor.
            role: The role the actor acts in.
            sphere: Overrides :attr:`Role.sphere`.
            level: Overrides :attr:`Role.level`.
            kind: Person (default) or organisation.
            label: Display name.
            person_id: The person this actor is a persona of.

        Raises:
            RecordTypeError: *role* is not a :class:`~partnership_model.Role`.

        Examples:
            >>> from partnership_model import Role
            >>> Actor.from_role("m1", Role.MANAGER).level
            <EngagementLevel.MESO: 'meso'>
        """
        if type(role) is not Role:
            raise RecordTypeError("role", role, "expected a Role member")
        return cls(
            id=id,
            sphere=role.sphere if sphere is None else sphere,
            level=role.level if level is None else level,
            kind=kind,
            role=role,
            label=label,
            person_id=person_id,
        )


@attrs.frozen(kw_only=True)
class Relation:
    """An undirected engagement relation between two actors.

    Attributes:
        source: Id of one actor.
        target: Id of the other actor (relations are undirected: the order
            carries no meaning).
        engagement_id: The engagement the relation comes from, if any.
        degree: The degree of that engagement, if known.
        start: First day of the relation, if known.
        end: Last day of the relation, if known; not before *start*.

    Raises:
        InvalidRecordError: The two ends are the same actor (field
            ``target``) or *end* is before *start* (field ``end``).

    Examples:
        >>> Relation(source="a", target="a")
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.InvalidRecordError: target: a relation joins two different actors (got 'a')

    .. versionadded:: 0.1.0
    """

    #: Id of one actor.
    source: str = attrs.field(validator=v.identifier)
    #: Id of the other actor.
    target: str = attrs.field(validator=v.identifier)
    #: The engagement the relation comes from.
    engagement_id: str | None = attrs.field(
        default=None, validator=_optional_identifier
    )
    #: Degree of that engagement.
    degree: EngagementDegree | None = attrs.field(
        default=None, validator=v.optional_member_of(EngagementDegree)
    )
    #: First day of the relation.
    start: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    #: Last day of the relation.
    end: dt.date | None = attrs.field(default=None, validator=v.optional_date)

    def __attrs_post_init__(self) -> None:
        if self.source == self.target:
            raise InvalidRecordError(
                "target",
                self.target,
                "a relation joins two different actors",
                code="self_loop",
            )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidRecordError(
                "end",
                self.end,
                f"the end date is before the start date {self.start}",
                code="date_order",
            )


@attrs.frozen(kw_only=True)
class ClassifiedRelation:
    """A relation of a graph with its key and its computed classification.

    Attributes:
        relation: The relation itself.
        key: The relation's key in the graph (several relations may join the
            same two actors).
        types: Every type that applies (:func:`relation_types`).
        primary: The strongest type (:func:`classify_relation`).
        crosses_sphere: Whether the two actors are in different spheres.
        crosses_authority: Whether their authority levels differ.

    .. versionadded:: 0.1.0
    """

    relation: Relation
    key: int
    types: frozenset[RelationType]
    primary: RelationType
    crosses_sphere: bool
    crosses_authority: bool

    @property
    def source(self) -> str:
        """Id of one end of the relation."""
        return self.relation.source

    @property
    def target(self) -> str:
        """Id of the other end of the relation."""
        return self.relation.target


# -- classification -------------------------------------------------------------

# Each actor gets a small integer code (sphere << 2 | level); the category of a
# relation packs its two facts: bit 0 = crosses_sphere, bit 1 = crosses_authority.
_SPHERE_INDEX: Final[Mapping[Sphere, int]] = {s: i for i, s in enumerate(Sphere)}
_LEVEL_INDEX: Final[Mapping[EngagementLevel, int]] = {
    level: i for i, level in enumerate(EngagementLevel)
}
_CATEGORY_ROWS: Final[tuple[tuple[int, ...], ...]] = tuple(
    tuple(int((a >> 2) != (b >> 2)) | (int((a & 3) != (b & 3)) << 1) for b in range(8))
    for a in range(8)
)
_PRIMARY: Final[tuple[RelationType, ...]] = (
    RelationType.BONDING,
    RelationType.BRIDGING,
    RelationType.LINKING,
    RelationType.LINKING,
)
_TYPES: Final[tuple[frozenset[RelationType], ...]] = (
    frozenset({RelationType.BONDING}),
    frozenset({RelationType.BRIDGING}),
    frozenset({RelationType.LINKING}),
    frozenset({RelationType.BRIDGING, RelationType.LINKING}),
)
# Internal edge attribute dicts of relations without engagement data are shared
# (flyweights): they are never mutated and never handed out.
_SHARED_DATA: Final[tuple[dict[str, Any], ...]] = tuple(
    {"relation_type": primary.value} for primary in _PRIMARY
)
_OPTIONAL_EDGE_FIELDS: Final = ("engagement_id", "degree", "start", "end")


class _SharedKeys(dict[int, dict[str, Any]]):
    """A key dict ``{0: data}`` shared by every pair joined by one such relation.

    Most pairs of actors are joined by a single relation, and many relations
    carry the same attributes (none, or those of one engagement). Instead of
    one key dict per pair, such pairs point to one shared, never-mutated
    ``{0: data}``; any change to the pair's relations first replaces it with a
    private copy (copy on write). Key dicts are never handed out, so this is
    invisible outside the graph.
    """

    __slots__ = ()


_SHARED_KEYS: Final[tuple[_SharedKeys, ...]] = tuple(
    _SharedKeys({0: data}) for data in _SHARED_DATA
)


def _code(actor: Actor) -> int:
    return _SPHERE_INDEX[actor.sphere] << 2 | _LEVEL_INDEX[actor.level]


def crosses_sphere(a: Actor, b: Actor) -> bool:
    """Whether a relation between *a* and *b* crosses the community/professional divide.

    Examples:
        >>> from partnership_model import Role
        >>> crosses_sphere(
        ...     Actor.from_role("p", Role.PATIENT), Actor.from_role("c", Role.CLINICIAN)
        ... )
        True
    """
    return a.sphere is not b.sphere


def crosses_authority(a: Actor, b: Actor) -> bool:
    """Whether *a* and *b* act at different authority levels.

    Examples:
        >>> from partnership_model import Role
        >>> crosses_authority(
        ...     Actor.from_role("c", Role.CLINICIAN), Actor.from_role("m", Role.MANAGER)
        ... )
        True
    """
    return a.level is not b.level


def relation_types(a: Actor, b: Actor) -> frozenset[RelationType]:
    """Every relation type that applies to a relation between *a* and *b*.

    ``BRIDGING`` if it crosses spheres, ``LINKING`` if it crosses authority
    levels, ``BONDING`` if it crosses neither (model rule 2; ``Boivin2022``,
    ``SzreterWoolcock2004``). Symmetric in *a* and *b*.

    Examples:
        >>> from partnership_model import Role
        >>> patient = Actor.from_role("p", Role.PATIENT_PARTNER)
        >>> minister = Actor.from_role("m", Role.DECISION_MAKER)
        >>> sorted(t.value for t in relation_types(patient, minister))
        ['bridging', 'linking']
    """
    return _TYPES[_CATEGORY_ROWS[_code(a)][_code(b)]]


def classify_relation(a: Actor, b: Actor) -> RelationType:
    """The primary type of a relation between *a* and *b*.

    The strongest of :func:`relation_types`, with ``LINKING > BRIDGING >
    BONDING`` (model rule 2). Symmetric in *a* and *b*.

    Examples:
        >>> from partnership_model import Role
        >>> nurse = Actor.from_role("n", Role.CLINICIAN)
        >>> classify_relation(nurse, Actor.from_role("c", Role.RESEARCHER))
        <RelationType.BONDING: 'bonding'>
        >>> classify_relation(nurse, Actor.from_role("m", Role.DECISION_MAKER))
        <RelationType.LINKING: 'linking'>
    """
    return _PRIMARY[_CATEGORY_ROWS[_code(a)][_code(b)]]


# -- the graph ------------------------------------------------------------------

_EdgeData: TypeAlias = dict[str, Any]
_KeyDict: TypeAlias = dict[int, _EdgeData]
_Neighbours: TypeAlias = dict[str, _KeyDict]
# Per actor: (id, code, category row, adjacency dict, category counts, actor).
_Entry: TypeAlias = tuple[str, int, tuple[int, ...], _Neighbours, list[int], Actor]
_ID: Final = 0
_CODE: Final = 1
_ROW: Final = 2
_NBRS: Final = 3
_COUNTS: Final = 4
_ACTOR: Final = 5

RelationLike: TypeAlias = "tuple[str, str] | list[str] | Relation"
"""What :meth:`EcologyGraph.add_relations` accepts: an id pair or a Relation."""

MismatchPolicy: TypeAlias = Literal["raise", "warn"]
ExtraPolicy: TypeAlias = Literal["raise", "ignore"]


class _BadItemError(Exception):
    """Internal signal: the bulk loop met an item it must diagnose slowly."""


class EcologyGraph:
    """A graph of actors and their bonding, bridging and linking relations.

    The graph wraps a private :class:`networkx.MultiGraph` (several relations
    may join the same two actors: different engagements, times or roles); it
    never exposes it. :meth:`to_networkx` hands out an independent copy
    whose attributes are plain strings and booleans, so any networkx
    algorithm or exporter works on it.

    Relations are classified once, when they are added: the graph stores each
    relation's primary type and keeps a per-actor tally of relation
    categories up to date, so counts, shares, E-I indices and silos
    (:mod:`partnership_model.metrics`) cost time proportional to the number
    of actors rather than of relations. Bulk loads (:meth:`add_actors`,
    :meth:`add_relations`) take one pass, pause the garbage collector, and are
    atomic: on error, nothing they added is kept.

    Args:
        actors: Actors to add (see :meth:`add_actors`).
        relations: Relations to add (see :meth:`add_relations`).

    Examples:
        >>> from partnership_model import Role
        >>> graph = EcologyGraph()
        >>> graph.add_actor(Actor.from_role("p1", Role.PATIENT_PARTNER))
        >>> graph.add_actor(Actor.from_role("c1", Role.CLINICIAN))
        >>> graph.add_relation("p1", "c1")
        0
        >>> graph.add_relation("p1", "c1", engagement_id="committee")
        1
        >>> graph.number_of_actors, graph.number_of_relations
        (2, 2)
        >>> graph.add_relation("p1", "nobody")
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.UnknownActorError: target: unknown actor 'nobody'

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_adj", "_entries", "_graph", "_node", "_totals")

    def __init__(
        self,
        actors: Iterable[Actor] = (),
        relations: Iterable[RelationLike] = (),
    ) -> None:
        self._graph: nx.MultiGraph[str] = nx.MultiGraph()
        raw: Any = self._graph
        self._adj: dict[str, _Neighbours] = raw._adj
        self._node: dict[str, dict[str, Any]] = raw._node
        self._entries: dict[str, _Entry] = {}
        self._totals: list[int] = [0, 0, 0, 0]
        if actors:
            self.add_actors(actors)
        if relations:
            self.add_relations(relations)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        msg = "EcologyGraph is not designed to be subclassed; wrap it instead"
        raise TypeError(msg)

    # -- actors -------------------------------------------------------------------

    def _insert_actor(self, actor: Actor) -> None:
        actor_id = actor.id
        neighbours: _Neighbours = {}
        code = _code(actor)
        self._adj[actor_id] = neighbours
        self._node[actor_id] = {}
        self._entries[actor_id] = (
            actor_id,
            code,
            _CATEGORY_ROWS[code],
            neighbours,
            [0, 0, 0, 0],
            actor,
        )

    def _check_new_actor(self, actor: object, field: str) -> bool:
        """Return whether *actor* must be inserted (False: identical duplicate)."""
        if type(actor) is not Actor:
            raise RecordTypeError(field, actor, "expected an Actor")
        existing = self._entries.get(actor.id)
        if existing is None:
            return True
        if existing[_ACTOR] == actor:
            return False
        raise DuplicateIdError(
            f"{field}.id",
            actor.id,
            "another actor with this id and different attributes is in the graph",
        )

    def add_actor(self, actor: Actor) -> None:
        """Add *actor*; adding an identical actor again does nothing.

        Raises:
            RecordTypeError: *actor* is not an :class:`Actor`.
            DuplicateIdError: An actor with the same id and different
                attributes is already in the graph.
        """
        if self._check_new_actor(actor, "actor"):
            self._insert_actor(actor)
            self._changed()

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """Add every actor of *actors*, atomically.

        Raises:
            RecordTypeError: An item is not an :class:`Actor` (field
                ``actors[i]``).
            DuplicateIdError: An item has the id of an actor already in the
                graph (or earlier in *actors*) but different attributes. The
                graph is left unchanged.
        """
        added: list[str] = []
        try:
            with _gc.paused():
                for index, actor in enumerate(actors):
                    if self._check_new_actor(actor, f"actors[{index}]"):
                        self._insert_actor(actor)
                        added.append(actor.id)
        except BaseException:
            for actor_id in added:
                self._drop_isolated(actor_id)
            raise
        finally:
            self._changed()

    def _drop_isolated(self, actor_id: str) -> None:
        del self._entries[actor_id], self._adj[actor_id], self._node[actor_id]

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with this id.

        Raises:
            UnknownActorError: No actor has this id (also a :class:`KeyError`).
        """
        return self._entry(actor_id, "actor_id")[_ACTOR]

    def _entry(self, actor_id: object, field: str) -> _Entry:
        try:
            return self._entries[actor_id]  # type: ignore[index]
        except (KeyError, TypeError):
            raise UnknownActorError(actor_id, field) from None

    def __contains__(self, actor_id: object) -> bool:
        try:
            return actor_id in self._entries
        except TypeError:
            return False

    def actors(self) -> Iterator[Actor]:
        """Iterate the actors, in insertion order."""
        for entry in self._entries.values():
            yield entry[_ACTOR]

    def __len__(self) -> int:
        """The number of actors."""
        return len(self._entries)

    @property
    def number_of_actors(self) -> int:
        """The number of actors."""
        return len(self._entries)

    @property
    def number_of_relations(self) -> int:
        """The number of relations (parallel relations count separately)."""
        return sum(self._totals)

    def remove_actor(self, actor_id: str) -> None:
        """Remove the actor and every relation it takes part in.

        Raises:
            UnknownActorError: No actor has this id.
        """
        entry = self._entry(actor_id, "actor_id")
        own_id, row = entry[_ID], entry[_ROW]
        totals = self._totals
        entries = self._entries
        for other_id, keydict in entry[_NBRS].items():
            other = entries[other_id]
            category = row[other[_CODE]]
            other[_COUNTS][category] -= len(keydict)
            totals[category] -= len(keydict)
            del other[_NBRS][own_id]
        self._drop_isolated(own_id)
        self._changed()

    # -- relations ----------------------------------------------------------------

    @staticmethod
    def _data_for(
        relation: Relation, category: int, interned: dict[tuple[Any, ...], _EdgeData]
    ) -> _EdgeData:
        engagement_id, degree = relation.engagement_id, relation.degree
        start, end = relation.start, relation.end
        if engagement_id is None and degree is None and start is None and end is None:
            return _SHARED_DATA[category]
        signature = (category, engagement_id, degree, start, end)
        data = interned.get(signature)
        if data is None:
            data = {"relation_type": _PRIMARY[category].value}
            if engagement_id is not None:
                data["engagement_id"] = engagement_id
            if degree is not None:
                data["degree"] = degree
            if start is not None:
                data["start"] = start
            if end is not None:
                data["end"] = end
            interned[signature] = data
        return data

    def _link(
        self,
        first: _Entry,
        second: _Entry,
        data: _EdgeData,
        key: int | None = None,
        singles: dict[int, _SharedKeys] | None = None,
    ) -> int:
        """Insert one relation between two known, distinct actors; return its key.

        *key* is used when free; *singles* caches shared ``{0: data}`` key
        dicts by ``id(data)`` (see :class:`_SharedKeys`).
        """
        category = first[_ROW][second[_CODE]]
        first_id, second_id = first[_ID], second[_ID]
        neighbours = first[_NBRS]
        keydict = neighbours.get(second_id)
        if keydict is None:
            if singles is not None and not key:
                single = singles.get(id(data))
                if single is None:
                    single = singles[id(data)] = _SharedKeys({0: data})
                neighbours[second_id] = second[_NBRS][first_id] = single
                key = 0
            else:
                keydict = neighbours[second_id] = second[_NBRS][first_id] = {}
        elif type(keydict) is _SharedKeys:
            keydict = neighbours[second_id] = second[_NBRS][first_id] = dict(keydict)
        if keydict is not None:
            if key is None or key in keydict:
                key = len(keydict)
                while key in keydict:
                    key += 1
            keydict[key] = data
        first[_COUNTS][category] += 1
        second[_COUNTS][category] += 1
        self._totals[category] += 1
        return cast("int", key)

    def add_relation(
        self,
        source_id: str,
        target_id: str,
        *,
        engagement_id: str | None = None,
        degree: EngagementDegree | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> int:
        """Relate two actors of the graph and return the new relation's key.

        The relation is classified from the two actors (model rules 1-2).

        Raises:
            UnknownActorError: An end is not in the graph (field ``source``
                or ``target``); also a :class:`KeyError`.
            InvalidRecordError: The two ends are the same actor, or *end* is
                before *start*.
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
        first = self._entry(relation.source, "source")
        second = self._entry(relation.target, "target")
        category = first[_ROW][second[_CODE]]
        key = self._link(first, second, self._data_for(relation, category, {}))
        self._changed()
        return key

    def add_relations(self, relations: Iterable[RelationLike]) -> None:
        """Add many relations in one pass, atomically.

        Each item is a ``(source_id, target_id)`` pair or a :class:`Relation`.
        This is the bulk path: it classifies while inserting, shares the
        attribute dicts of identical relations, and pauses the garbage
        collector. A generator is materialised first so that a failure can be
        undone: on error the graph is left unchanged.

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
        entries = self._entries
        totals = self._totals
        shared = _SHARED_DATA
        shared_keys = _SHARED_KEYS
        interned: dict[tuple[Any, ...], _EdgeData] = {}
        singles = {id(d): k for d, k in zip(_SHARED_DATA, _SHARED_KEYS, strict=True)}
        data_for = self._data_for
        done = 0
        try:
            with _gc.paused():
                for done, item in enumerate(items):  # noqa: B007 - used on error
                    kind = type(item)
                    if kind is tuple or kind is list:
                        source, target = item
                        first_id, _, row, neighbours, first_counts, _ = entries[source]
                        second_id, code, _, others, second_counts, _ = entries[target]
                        category = row[code]
                        data = shared[category]
                        single = shared_keys[category]
                    elif kind is Relation:
                        first_id, _, row, neighbours, first_counts, _ = entries[
                            item.source
                        ]
                        second_id, code, _, others, second_counts, _ = entries[
                            item.target
                        ]
                        category = row[code]
                        data = data_for(item, category, interned)
                        found = singles.get(id(data))
                        if found is None:
                            found = singles[id(data)] = _SharedKeys({0: data})
                        single = found
                    else:
                        raise _BadItemError
                    if first_id is second_id:
                        raise _BadItemError
                    keydict = neighbours.get(second_id)
                    if keydict is None:
                        neighbours[second_id] = others[first_id] = single
                    else:
                        if type(keydict) is _SharedKeys:  # copy on write
                            keydict = dict(keydict)
                            neighbours[second_id] = others[first_id] = keydict
                        key = len(keydict)
                        while key in keydict:
                            key += 1
                        keydict[key] = data
                    first_counts[category] += 1
                    second_counts[category] += 1
                    totals[category] += 1
        except (KeyError, TypeError, ValueError, _BadItemError):
            self._undo(items, done)
            self._diagnose(items[done], done)
            raise  # pragma: no cover - _diagnose always raises
        except BaseException:
            self._undo(items, done)
            raise
        finally:
            self._changed()

    def _undo(self, items: list[Any] | tuple[Any, ...], done: int) -> None:
        """Remove the relations the first *done* items added, newest first."""
        entries = self._entries
        for index in range(done - 1, -1, -1):
            item = items[index]
            if type(item) is Relation:
                first, second = entries[item.source], entries[item.target]
            else:
                first, second = entries[item[0]], entries[item[1]]
            keydict = first[_NBRS][second[_ID]]
            if len(keydict) == 1:  # possibly a shared key dict: drop the pair
                del first[_NBRS][second[_ID]], second[_NBRS][first[_ID]]
            else:
                del keydict[next(reversed(keydict))]
            category = first[_ROW][second[_CODE]]
            first[_COUNTS][category] -= 1
            second[_COUNTS][category] -= 1
            self._totals[category] -= 1

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
            self._entry(end, f"{field}.{name}")
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
        first = self._entry(source_id, "source_id")
        second = self._entry(target_id, "target_id")
        keydict = first[_NBRS].get(second[_ID])
        if keydict is None or key not in keydict:
            raise UnknownReferenceError((source_id, target_id, key), "relation")
        if len(keydict) == 1:  # possibly a shared key dict: drop the pair
            del first[_NBRS][second[_ID]], second[_NBRS][first[_ID]]
        else:
            del keydict[key]
        category = first[_ROW][second[_CODE]]
        first[_COUNTS][category] -= 1
        second[_COUNTS][category] -= 1
        self._totals[category] -= 1
        self._changed()

    def _classified(
        self, first: _Entry, second: _Entry, key: int, data: _EdgeData
    ) -> ClassifiedRelation:
        category = first[_ROW][second[_CODE]]
        return ClassifiedRelation(
            relation=Relation(
                source=first[_ID],
                target=second[_ID],
                engagement_id=data.get("engagement_id"),
                degree=data.get("degree"),
                start=data.get("start"),
                end=data.get("end"),
            ),
            key=key,
            types=_TYPES[category],
            primary=_PRIMARY[category],
            crosses_sphere=bool(category & 1),
            crosses_authority=bool(category & 2),
        )

    def _pairs(self) -> Iterator[tuple[_Entry, _Entry, _KeyDict]]:
        """Each pair of related actors once, with the dict of their relations."""
        entries = self._entries
        seen: set[str] = set()
        for actor_id, entry in entries.items():
            seen.add(actor_id)
            for other_id, keydict in entry[_NBRS].items():
                if other_id not in seen:
                    yield entry, entries[other_id], keydict

    def relations(self) -> Iterator[ClassifiedRelation]:
        """Iterate every relation once, with its classification.

        Relations are undirected: which end is reported as ``source`` follows
        the graph's insertion order, not the order they were added in.
        """
        for first, second, keydict in self._pairs():
            for key, data in keydict.items():
                yield self._classified(first, second, key, data)

    def relations_of(self, actor_id: str) -> Iterator[ClassifiedRelation]:
        """Iterate the relations of one actor, which is reported as ``source``.

        Raises:
            UnknownActorError: No actor has this id.
        """
        entry = self._entry(actor_id, "actor_id")
        entries = self._entries
        for other_id, keydict in entry[_NBRS].items():
            other = entries[other_id]
            for key, data in keydict.items():
                yield self._classified(entry, other, key, data)

    # -- whole graph ----------------------------------------------------------------

    def _changed(self) -> None:
        # networkx backends may cache converted copies of the private graph.
        self._graph.__networkx_cache__.clear()

    def copy(self) -> EcologyGraph:
        """Return an independent copy (actors are immutable and shared)."""
        new = EcologyGraph()
        with _gc.paused():
            for entry in self._entries.values():
                new._insert_actor(entry[_ACTOR])
            new_entries = new._entries
            for first, second, keydict in self._pairs():
                copied = keydict if type(keydict) is _SharedKeys else dict(keydict)
                new_entries[first[_ID]][_NBRS][second[_ID]] = copied
                new_entries[second[_ID]][_NBRS][first[_ID]] = copied
            for actor_id, entry in self._entries.items():
                new_entries[actor_id][_COUNTS][:] = entry[_COUNTS]
            new._totals[:] = self._totals
        return new

    def __copy__(self) -> EcologyGraph:
        return self.copy()

    def _relation_multiset(self) -> Counter[tuple[Any, ...]]:
        tally: Counter[tuple[Any, ...]] = Counter()
        for first, second, keydict in self._pairs():
            pair = frozenset((first[_ID], second[_ID]))
            for data in keydict.values():
                tally[
                    pair,
                    data.get("engagement_id"),
                    data.get("degree"),
                    data.get("start"),
                    data.get("end"),
                ] += 1
        return tally

    def __eq__(self, other: object) -> bool:
        """Equal when the actors and the multisets of relations are equal.

        Relations compare as unordered pairs with their attributes; keys and
        insertion order are ignored.
        """
        if not isinstance(other, EcologyGraph):
            return NotImplemented
        if self is other:
            return True
        if self._totals != other._totals or len(self._entries) != len(other._entries):
            return False
        for actor_id, entry in self._entries.items():
            theirs = other._entries.get(actor_id)
            if theirs is None or theirs[_ACTOR] != entry[_ACTOR]:
                return False
        with _gc.paused():
            return self._relation_multiset() == other._relation_multiset()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<EcologyGraph with {self.number_of_actors} actors and "
            f"{self.number_of_relations} relations>"
        )

    # -- networkx interchange ------------------------------------------------------------

    def to_networkx(self) -> nx.MultiGraph[str]:
        """Return an independent :class:`networkx.MultiGraph` of the ecology.

        Node attributes: ``sphere``, ``level`` and ``kind`` (value strings),
        plus ``role``, ``label`` and ``person_id`` when set. Edge attributes:
        ``relation_type`` (the primary type's value string),
        ``crosses_sphere`` and ``crosses_authority`` (booleans), plus
        ``engagement_id``, ``degree`` (value string), ``start`` and ``end``
        (ISO dates) when set. Every value is a plain ``str`` or ``bool``, never
        ``None``, a list or an enum member, so the GraphML and GEXF writers
        accept the graph. Edge keys are the relation keys.

        Mutating the returned graph never affects this one.

        Examples:
            >>> from partnership_model import Role
            >>> graph = EcologyGraph(
            ...     actors=[
            ...         Actor.from_role("p", Role.PATIENT),
            ...         Actor.from_role("c", Role.CLINICIAN),
            ...     ],
            ...     relations=[("p", "c")],
            ... )
            >>> G = graph.to_networkx()
            >>> G.nodes["p"]
            {'sphere': 'community', 'level': 'micro', 'kind': 'person', 'role': 'patient'}
            >>> G.edges["p", "c", 0]
            {'relation_type': 'bridging', 'crosses_sphere': True, 'crosses_authority': False}
        """
        graph: nx.MultiGraph[str] = nx.MultiGraph()
        raw: Any = graph
        adjacency: dict[str, _Neighbours] = raw._adj
        nodes: dict[str, dict[str, Any]] = raw._node
        templates = _EXPORT_TEMPLATES
        with _gc.paused():
            for actor_id, entry in self._entries.items():
                nodes[actor_id] = _node_attributes(entry[_ACTOR])
                adjacency[actor_id] = {}
            for first, second, keydict in self._pairs():
                template = templates[first[_ROW][second[_CODE]]]
                exported: _KeyDict = {}
                for key, data in keydict.items():
                    edge = template.copy()
                    if len(data) > 1:
                        _add_optional_edge_attributes(edge, data)
                    exported[key] = edge
                adjacency[first[_ID]][second[_ID]] = exported
                adjacency[second[_ID]][first[_ID]] = exported
        return graph

    @classmethod
    def from_networkx(
        cls,
        G: nx.Graph[Any],  # noqa: N803 - networkx naming convention
        *,
        mismatch: MismatchPolicy = "raise",
        extra: ExtraPolicy = "raise",
    ) -> EcologyGraph:
        """Build an ecology from a networkx graph such as :meth:`to_networkx` returns.

        Node ids must be strings. Node attributes ``sphere`` and ``level``
        are required, ``kind``, ``role``, ``label`` and ``person_id``
        optional; vocabulary attributes must hold exact value strings. Edge
        attributes ``engagement_id``, ``degree``, ``start`` and ``end`` (ISO
        date strings or :class:`datetime.date`) are read; ``relation_type``,
        ``crosses_sphere`` and ``crosses_authority``, when present, are checked
        against the values computed from the two actors (model rule 6).

        What :func:`networkx.read_graphml` and :func:`networkx.read_gexf`
        return for this library's exports is accepted: the ``id`` attributes
        those readers add to edges are ignored, and so is a node ``id``
        equal to the node; the GEXF ``label`` fallback is dropped when the
        node's ``labelled`` attribute (written by
        :func:`partnership_model.exchange.write_gexf`) is false. Directed
        graphs are read as undirected: each directed edge becomes one
        relation. Integer edge keys are kept.

        Args:
            G: Any networkx graph.
            mismatch: What to do when a declared ``relation_type`` (or
                ``crosses_*``) disagrees with the computed one: ``"raise"``
                reports it in the :class:`ValidationError`; ``"warn"`` emits
                one :class:`RelationTypeMismatchWarning` listing the
                disagreeing edges and keeps the computed type.
            extra: ``"raise"`` (default) reports unknown attributes;
                ``"ignore"`` skips them.

        Raises:
            ValidationError: Lists every problem found, with paths such as
                ``nodes['p1'].sphere`` and ``edges['p1', 'c1', 0].relation_type``.
            RecordTypeError: *G* is not a networkx graph.
        """
        from partnership_model._ecology_load import (  # noqa: PLC0415 - import cycle
            from_networkx,
        )

        return from_networkx(G, mismatch=mismatch, extra=extra, stacklevel=3)

    @classmethod
    def from_engagements(
        cls,
        engagements: Iterable[Engagement] | Register,
        *,
        include_organisations: bool = True,
        organisations: Iterable[Organisation] = (),
    ) -> EcologyGraph:
        """Build the ecology of a register (or of engagements).

        One actor per persona (model rule 4), participants of one engagement
        related pairwise, organisations related to every participant of the
        engagements that list them (model rule 5). A persona's label is the
        display name recorded for the person, its role the role it acts in
        when it always acts in the same one.

        Args:
            engagements: A :class:`~partnership_model.Register`, or
                engagements.
            include_organisations: Whether organisations become actors.
            organisations: The organisation records, when *engagements* is
                not a register (a register brings its own).

        Raises:
            RecordTypeError: An item is not an
                :class:`~partnership_model.Engagement`.
            UnknownReferenceError: An engagement lists an organisation with no
                record (pass a register or *organisations*, or set
                *include_organisations* to false).
            DuplicateIdError: An organisation and a person share an id.

        Examples:
            >>> from partnership_model import (
            ...     Engagement, EngagementDegree, EngagementDomain,
            ...     EngagementLevel, Leadership, Participant, Role,
            ... )
            >>> def engagement(id, *participants):
            ...     return Engagement(
            ...         id=id, title=id, domain=EngagementDomain.CARE_AND_SERVICES,
            ...         level=EngagementLevel.MICRO,
            ...         degree=EngagementDegree.PARTNERSHIP,
            ...         leadership=Leadership.CO_LED, participants=participants,
            ...     )
            >>> graph = EcologyGraph.from_engagements([
            ...     engagement("ward", Participant(person_id="ann", role=Role.CLINICIAN),
            ...                Participant(person_id="bob", role=Role.PATIENT)),
            ...     engagement("home", Participant(person_id="ann", role=Role.FAMILY_CAREGIVER),
            ...                Participant(person_id="bob", role=Role.PATIENT)),
            ... ])
            >>> sorted(actor.id for actor in graph.actors())
            ['ann@community:micro', 'ann@professional:micro', 'bob']
            >>> sorted(r.primary.value for r in graph.relations())
            ['bonding', 'bridging']
        """
        return _from_engagements(
            engagements,
            include_organisations=include_organisations,
            organisations=organisations,
        )

    # -- internal views for the metrics and exchange modules ---------------------------------------

    def _category_counts(self) -> Iterator[tuple[str, list[int]]]:
        """Each actor id with its relation counts per category (read only)."""
        for actor_id, entry in self._entries.items():
            yield actor_id, entry[_COUNTS]


# -- export helpers -------------------------------------------------------------------

_EXPORT_TEMPLATES: Final[tuple[dict[str, Any], ...]] = tuple(
    {
        "relation_type": _PRIMARY[category].value,
        "crosses_sphere": bool(category & 1),
        "crosses_authority": bool(category & 2),
    }
    for category in range(4)
)


def _node_attributes(actor: Actor) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "sphere": actor.sphere.value,
        "level": actor.level.value,
        "kind": actor.kind.value,
    }
    if actor.role is not None:
        attributes["role"] = actor.role.value
    if actor.label is not None:
        attributes["label"] = actor.label
    if actor.person_id is not None:
        attributes["person_id"] = actor.person_id
    return attributes


def _add_optional_edge_attributes(edge: dict[str, Any], data: _EdgeData) -> None:
    engagement_id = data.get("engagement_id")
    if engagement_id is not None:
        edge["engagement_id"] = engagement_id
    degree = data.get("degree")
    if degree is not None:
        edge["degree"] = degree.value
    start = data.get("start")
    if start is not None:
        edge["start"] = start.isoformat()
    end = data.get("end")
    if end is not None:
        edge["end"] = end.isoformat()


# -- building from records ------------------------------------------------------------


def _from_engagements(
    engagements: Iterable[Engagement] | Register,
    *,
    include_organisations: bool,
    organisations: Iterable[Organisation],
) -> EcologyGraph:
    names: dict[str, str] = {}
    if isinstance(engagements, Register):
        records: tuple[Engagement, ...] = engagements.engagements
        organisation_index = {o.id: o for o in engagements.organisations}
        names = {p.id: p.display_name for p in engagements.people if p.display_name}
    else:
        records = tuple(engagements)
        organisation_index = {}
        for index, organisation in enumerate(organisations):
            if type(organisation) is not Organisation:
                raise RecordTypeError(
                    f"organisations[{index}]", organisation, "expected an Organisation"
                )
            organisation_index[organisation.id] = organisation

    # Pass 1: every profile (sphere, level) each person acts with, and its roles.
    profiles: dict[str, dict[tuple[Sphere, EngagementLevel], set[Role]]] = {}
    for index, engagement in enumerate(records):
        if type(engagement) is not Engagement:
            raise RecordTypeError(
                f"engagements[{index}]", engagement, "expected an Engagement"
            )
        for participant in engagement.participants:
            person_profiles = profiles.setdefault(participant.person_id, {})
            person_profiles.setdefault(
                (participant.sphere, participant.level), set()
            ).add(participant.role)
            if participant.display_name and participant.person_id not in names:
                names[participant.person_id] = participant.display_name

    actors: list[Actor] = []
    persona: dict[tuple[str, Sphere, EngagementLevel], str] = {}
    for person_id, person_profiles in profiles.items():
        several = len(person_profiles) > 1
        for (sphere, level), roles in person_profiles.items():
            node_id = (
                f"{person_id}@{sphere.value}:{level.value}" if several else person_id
            )
            persona[person_id, sphere, level] = node_id
            actors.append(
                Actor(
                    id=node_id,
                    sphere=sphere,
                    level=level,
                    role=next(iter(roles)) if len(roles) == 1 else None,
                    label=names.get(person_id),
                    person_id=person_id if several else None,
                )
            )
    person_node_ids = set(persona.values())

    organisation_actors: dict[str, Actor] = {}
    relations: list[Relation] = []
    for index, engagement in enumerate(records):
        members = [
            persona[p.person_id, p.sphere, p.level] for p in engagement.participants
        ]
        common: dict[str, Any] = {
            "engagement_id": engagement.id,
            "degree": engagement.degree,
            "start": engagement.start,
            "end": engagement.end,
        }
        for i, first in enumerate(members):
            relations.extend(
                Relation(source=first, target=second, **common)
                for second in members[i + 1 :]
            )
        if not include_organisations:
            continue
        for o_index, organisation_id in enumerate(engagement.organisations):
            record = organisation_index.get(organisation_id)
            if record is None:
                raise UnknownReferenceError(
                    organisation_id,
                    "organisation",
                    f"engagements[{index}].organisations[{o_index}]",
                )
            if organisation_id in person_node_ids:
                raise DuplicateIdError(
                    f"engagements[{index}].organisations[{o_index}]",
                    organisation_id,
                    "an organisation and a person share this id",
                )
            if organisation_id not in organisation_actors:
                organisation_actors[organisation_id] = Actor(
                    id=organisation_id,
                    sphere=record.sphere,
                    level=record.level,
                    kind=ActorKind.ORGANISATION,
                    role=record.role,
                    label=record.name,
                )
            relations.extend(
                Relation(source=organisation_id, target=member, **common)
                for member in members
            )
    graph = EcologyGraph()
    graph.add_actors([*actors, *organisation_actors.values()])
    graph.add_relations(relations)
    return graph
