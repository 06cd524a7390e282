"""The Ecology of Engagement as a graph of bonding, bridging and linking relations.

Boivin et al. (2022, figure 2; key ``Boivin2022``) tell engagement
relationships apart by *who* is engaged and *at what level*: bonding looks
inward (among community members, or among professionals), bridging looks
across the community/professional divide, and linking looks upward, across
levels of power and authority. This module turns that reading into a
deterministic graph model; the explanation page states each rule with its
source and says which rules are this library's interpretation.

1. **Two facts per relation.** Every relation joins two :class:`Actor` s and
   has two facts computed from its two ends: whether they are in different
   :class:`~partnership_model.Sphere` s, and whether their formal
   :class:`~partnership_model.Authority` differs. Authority is not the
   Montreal level: the level says where an engagement acts, authority what
   formal power a person holds in its setting.
2. **Types under an explicit policy.** The types of a relation, and its
   primary type, follow from the two facts under the graph's
   :class:`~partnership_model.ClassificationPolicy` (the default, rule by
   rule: :mod:`partnership_model.policy`). The policy belongs to the graph:
   every way to build or read a graph takes one, every export records it.
3. **Endpoint attributes, not group co-membership.** Bridging is computed
   from the two ends of each relation (dyadic heterogeneity), one of the two
   operationalisations Geys & Murdoch (2008, ``GeysMurdoch2008``) warn can
   diverge; relations are undirected.
4. **Roles decide, per engagement.** An actor's sphere and authority come
   from the role it acts in (:meth:`Actor.from_role`) unless set; the
   engagement's Montreal level never sets them.
   :meth:`EcologyGraph.from_engagements` makes one node per *persona*, per
   (person, sphere, authority) profile acted in the register: a person with
   several profiles gets one node per profile, with id
   ``"<person_id>@<sphere>:<authority>"`` (``"p7@community:member"``) and
   :attr:`Actor.person_id` set (our interpretation).
5. **Engagements make relations.** The participants of one engagement are
   related pairwise, one relation per pair and engagement, carrying the
   engagement id, degree and dates; the organisations it lists are related
   to each of its participants. An organisation holds a formal authority only
   when its record states one.
6. **Declared types are checked.** A relation type declared in input data
   that disagrees with the computed one is reported, never silently kept
   (see :meth:`EcologyGraph.from_networkx`).

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
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from partnership_model import (
    _attributes,
    _node_link,
    _personas,
    _time,
)
from partnership_model._actors import Actor, ClassifiedRelation, Relation
from partnership_model._attributes import ExtraPolicy, MismatchPolicy
from partnership_model._ecology_store import (
    # Explicit re-exports (mypy --strict): both were defined here before the
    # store moved out, and partnership_model.metrics reads _ActorState.
    RelationLike as RelationLike,  # noqa: PLC0414
    _ActorState as _ActorState,  # noqa: PLC0414
    _relation_data,
    _RelationStore,
    _stored_relation_data,
)
from partnership_model.dates import PartialDate
from partnership_model.policy import (
    DEFAULT_POLICY,
    ClassificationPolicy,
    _check_policy,
    classify_relation,
    crosses_authority,
    crosses_sphere,
    relation_types,
)
from partnership_model.records import Engagement, Organisation, Register

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


# -- the graph ------------------------------------------------------------------------


class EcologyGraph(_RelationStore):
    """A graph of actors and their bonding, bridging and linking relations.

    The graph wraps a private :class:`networkx.MultiGraph` (several relations
    may join the same two actors: different engagements, times or roles),
    filled through networkx's public API: each node carries its ``actor``,
    each edge the relation's attributes and its computed ``relation_type``.
    It never exposes that graph: :meth:`to_networkx` hands out an independent
    copy whose attributes are plain strings and booleans, so any networkx
    algorithm or exporter works on it.

    Relations are classified once, when they are added, under the graph's
    :attr:`policy`. The graph also keeps, for each actor, a tally of its
    relations per classification, so that counts, shares, E-I indices and
    silos (:mod:`partnership_model.metrics`) cost time proportional to the
    number of actors rather than of relations. Bulk loads
    (:meth:`add_actors`, :meth:`add_relations`) check every item before
    changing anything: on error, the graph is left as it was.

    Args:
        actors: Actors to add (see :meth:`add_actors`).
        relations: Relations to add (see :meth:`add_relations`).
        policy: How relations are classified (default:
            :data:`~partnership_model.policy.DEFAULT_POLICY`).

    Raises:
        RecordTypeError: *policy* is not a
            :class:`~partnership_model.ClassificationPolicy` (also a
            :class:`TypeError`).

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
        >>> graph.policy.name
        'default'
        >>> graph.add_relation("p1", "nobody")
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.UnknownActorError: target: unknown actor 'nobody'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       The graph classifies under a :class:`~partnership_model.ClassificationPolicy`
       (argument ``policy``) and compares actors' authority, not their
       Montreal level.
    """

    __slots__ = ()

    def __init__(
        self,
        actors: Iterable[Actor] = (),
        relations: Iterable[RelationLike] = (),
        *,
        policy: ClassificationPolicy = DEFAULT_POLICY,
    ) -> None:
        super().__init__(policy)
        if actors:
            self.add_actors(actors)
        if relations:
            self.add_relations(relations)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        msg = "EcologyGraph is not designed to be subclassed; wrap it instead"
        raise TypeError(msg)

    @property
    def policy(self) -> ClassificationPolicy:
        """The policy that classifies the graph's relations."""
        return self._policy

    # -- whole graph --------------------------------------------------------------------

    def copy(self) -> EcologyGraph:
        """Return an independent copy (actors are immutable and shared)."""
        new = EcologyGraph(policy=self._policy)
        new._graph = self._graph.copy()
        new._states = {
            actor_id: _ActorState(state.actor, state.profile, Counter(state.tally))
            for actor_id, state in self._states.items()
        }
        new._totals = Counter(self._totals)
        return new

    def __copy__(self) -> EcologyGraph:
        return self.copy()

    def with_policy(self, policy: ClassificationPolicy) -> EcologyGraph:
        """Return a copy whose relations are classified under *policy*.

        The actors, the relations and their keys are the same; only the
        classification changes. This is the one way to reclassify a graph:
        nothing else does it implicitly.

        Raises:
            RecordTypeError: *policy* is not a ClassificationPolicy.

        Examples:
            >>> from partnership_model import Role
            >>> from partnership_model.policy import CAPTION_READING_POLICY
            >>> graph = EcologyGraph(
            ...     actors=[Actor.from_role("n", Role.CLINICIAN),
            ...             Actor.from_role("m", Role.MANAGER)],
            ...     relations=[("n", "m")],
            ... )
            >>> [r.primary.value for r in graph.relations()]
            ['linking']
            >>> [r.primary.value for r in graph.with_policy(CAPTION_READING_POLICY).relations()]
            ['bonding']
        """
        new = EcologyGraph(self.actors(), policy=policy)
        new._insert_edges(
            (source, target, key, _stored_relation_data(data))
            for source, target, key, data in self._graph.edges(keys=True, data=True)
        )
        return new

    def at(
        self, day: PartialDate | dt.date, *, actors: _time.ActorSelection = "active"
    ) -> EcologyGraph:
        """The ecology as it stood on *day*: ``self.during(day, day)``.

        See :meth:`during` for the rule, what is kept and what it costs.
        """
        return _time.during(self, day, day, actors=actors)

    def during(
        self,
        start: PartialDate | dt.date | None,
        end: PartialDate | dt.date | None,
        *,
        actors: _time.ActorSelection = "active",
    ) -> EcologyGraph:
        """The ecology over a window of time, from *start* to *end* (both included).

        A relation belongs to the window when its own dates overlap it;
        undated relations belong to no window. ``None`` leaves a side of the
        window open. The rule, and why, is
        :func:`partnership_model.timeline.in_window`.

        The result is a **copy**, a new graph with the same policy: it
        shares the immutable actors, nothing else, and stays valid when this
        graph changes. It keeps the actors with a relation in the window
        (``actors="active"``, the default) or every actor (``"all"``).
        Building it scans every relation once and inserts those kept: time
        linear in the number of relations, memory linear in the slice
        (the figures measured are on the explanation page about time).

        Raises:
            RecordTypeError: A side is neither a date nor ``None``.
            InvalidRecordError: *end* is before *start* (code
                ``window_order``), or *actors* is unknown.

        Examples:
            >>> import datetime as dt
            >>> from partnership_model import Role
            >>> graph = EcologyGraph(
            ...     actors=[Actor.from_role(i, Role.PATIENT) for i in "abc"],
            ...     relations=[
            ...         Relation(source="a", target="b", start=dt.date(2020, 1, 1),
            ...                  end=dt.date(2020, 12, 31)),
            ...         Relation(source="b", target="c", start=dt.date(2022, 3, 1)),
            ...         ("a", "c"),  # undated: in no window
            ...     ],
            ... )
            >>> graph.at(dt.date(2020, 6, 1))
            <EcologyGraph with 2 actors and 1 relations>
            >>> graph.during(dt.date(2021, 1, 1), None, actors="all")
            <EcologyGraph with 3 actors and 1 relations>

        .. versionadded:: 0.2.0
        """
        return _time.during(self, start, end, actors=actors)

    def __eq__(self, other: object) -> bool:
        """Equal when the policies, the actors and the multisets of relations are equal.

        Relations compare as unordered pairs with their attributes; keys and
        insertion order are ignored.
        """
        if not isinstance(other, EcologyGraph):
            return NotImplemented
        if self is other:
            return True
        if (
            self._policy != other._policy
            or self._totals.total() != other._totals.total()
            or len(self._states) != len(other._states)
        ):
            return False
        for actor_id, state in self._states.items():
            theirs = other._states.get(actor_id)
            if theirs is None or theirs.actor != state.actor:
                return False
        return self._relation_multiset() == other._relation_multiset()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<EcologyGraph with {self.number_of_actors} actors and "
            f"{self.number_of_relations} relations>"
        )

    # -- networkx interchange -------------------------------------------------------------

    def to_networkx(self) -> nx.MultiGraph[str]:
        """Return an independent :class:`networkx.MultiGraph` of the ecology.

        Node attributes: ``sphere``, ``authority`` (when set) and ``kind``
        (value strings), plus ``role``, ``label`` and ``person_id`` when set.
        Edge attributes: ``relation_type`` (the primary type's value string),
        ``crosses_sphere`` and ``crosses_authority`` (booleans), plus
        ``engagement_id``, ``degree`` (value string), ``start`` and ``end``
        (ISO dates, as precise as known: ``"2020"``, ``"2020-11"`` or
        ``"2020-11-05"``) when set. Graph attributes: the policy
        (:meth:`ClassificationPolicy.to_attributes
        <partnership_model.ClassificationPolicy.to_attributes>`). Every value is
        a plain ``str``, ``int`` or ``bool``, never ``None``, a list or an enum
        member, so the GraphML writer accepts the graph. Edge keys are the
        relation keys.

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
            {'sphere': 'community', 'authority': 'member', 'kind': 'person', 'role': 'patient'}
            >>> G.edges["p", "c", 0]
            {'relation_type': 'bridging', 'crosses_sphere': True, 'crosses_authority': False}
            >>> G.graph["policy"]
            'default'
        """
        states = self._states
        table = self._table
        graph: nx.MultiGraph[str] = nx.MultiGraph()
        graph.graph.update(self._policy.to_attributes())
        graph.add_nodes_from(
            (actor_id, _attributes.node_attributes(state.actor))
            for actor_id, state in states.items()
        )
        for source, target, key, data in self._graph.edges(keys=True, data=True):
            classification = table[states[source].profile][states[target].profile]
            graph.add_edge(
                source, target, key, **_attributes.edge_attributes(data, classification)
            )
        return graph

    @classmethod
    def from_networkx(
        cls,
        G: nx.Graph[Any],  # noqa: N803 - networkx naming convention
        *,
        policy: ClassificationPolicy | None = None,
        mismatch: MismatchPolicy = "raise",
        extra: ExtraPolicy = "raise",
    ) -> EcologyGraph:
        """Build an ecology from a networkx graph such as :meth:`to_networkx` returns.

        Node ids must be strings. Node attribute ``sphere`` is required,
        ``authority`` too for persons; ``kind``, ``role``, ``label`` and
        ``person_id`` are optional; vocabulary attributes must hold exact
        value strings. A format-1.0 ``level`` attribute (and no
        ``authority``) is migrated to an authority, micro, meso and macro
        becoming member, managerial and public authority, and reported in one
        :class:`~partnership_model.MigrationWarning`. Edge attributes
        ``engagement_id``, ``degree``, ``start`` and ``end`` (ISO date strings
        such as ``"2020"``, ``"2020-11"`` or ``"2020-11-05"``, with no
        surrounding space, or :class:`~partnership_model.PartialDate` and
        :class:`datetime.date` values) are read with the same field rules as
        the records; ``relation_type``,
        ``crosses_sphere`` and ``crosses_authority``, when present, are
        checked against the values computed under the policy (model rule 6).
        The policy recorded in the graph attributes (``policy`` and
        ``policy_*``, see :meth:`to_networkx`) is used unless *policy* is
        given; other graph attributes are ignored.

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
            policy: The policy to classify with; ``None`` (default) takes the
                one the graph records, or the default policy if it records
                none. Declared types are checked against this policy.
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
            RecordTypeError: *G* is not a networkx graph, or *policy* not a
                ClassificationPolicy.
        """
        nodes, edges = _attributes.networkx_items(G)
        return cls._load(
            nodes,
            edges,
            graph_attributes=("graph", G.graph),
            policy=policy,
            mismatch=mismatch,
            extra=extra,
            tolerate_reader_ids=True,
            stacklevel=2,
        )

    @classmethod
    def from_engagements(
        cls,
        engagements: Iterable[Engagement] | Register,
        *,
        include_organisations: bool = True,
        organisations: Iterable[Organisation] = (),
        policy: ClassificationPolicy = DEFAULT_POLICY,
    ) -> EcologyGraph:
        """Build the ecology of a register (or of engagements).

        One actor per persona (model rule 4), participants of one engagement
        related pairwise, organisations related to every participant of the
        engagements that list them (model rule 5). A persona's label is the
        display name recorded for the person, its role the role it acts in
        when it always acts in the same one. A participant's authority is
        its own (:attr:`Participant.authority
        <partnership_model.Participant.authority>`), never the engagement's
        Montreal level.

        Args:
            engagements: A :class:`~partnership_model.Register`, or
                engagements.
            include_organisations: Whether organisations become actors.
            organisations: The organisation records, when *engagements* is
                not a register (a register brings its own).
            policy: How relations are classified.

        Raises:
            RecordTypeError: An item is not an
                :class:`~partnership_model.Engagement`, or *policy* is not a
                ClassificationPolicy.
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
            ['ann@community:member', 'ann@professional:member', 'bob']
            >>> sorted(r.primary.value for r in graph.relations())
            ['bonding', 'bridging']
        """
        _check_policy(policy)
        actors, relations = _personas.actors_and_relations(
            engagements,
            include_organisations=include_organisations,
            organisations=organisations,
        )
        return cls(actors, relations, policy=policy)

    # -- the document protocol of partnership_model.serialization -----------------------

    def _document(self) -> dict[str, Any]:
        """The graph as a node-link document body (``to_dict`` adds the version)."""
        return _node_link.write(self.to_networkx())

    @classmethod
    def _read_document(
        cls, body: Mapping[str, Any], *, stacklevel: int
    ) -> EcologyGraph:
        """Read a node-link document body (``from_dict`` has checked the version).

        Raises:
            ValidationError: Every problem, at its JSON path.
        """
        problems, graph_attributes, nodes, edges = _node_link.items(body, extra="raise")
        return cls._load(
            nodes,
            edges,
            graph_attributes=("$.graph", graph_attributes),
            policy=None,
            mismatch="raise",
            extra="raise",
            problems=problems,
            stacklevel=stacklevel + 1,
        )

    # -- internal interface for the exchange readers ------------------------------------

    @classmethod
    def _load(
        cls,
        nodes: Iterable[tuple[str, object, object]],
        edges: Iterable[tuple[str, object, object, object, object]],
        *,
        stacklevel: int,
        **options: Any,
    ) -> EcologyGraph:
        """Build a graph from attribute dicts (see :func:`_attributes.read`).

        Every problem is collected and raised as one ValidationError; the
        mismatch and migration warnings are emitted once the graph is built,
        *stacklevel* counted from the caller of this method.
        """
        found = _attributes.read(nodes, edges, **options)
        graph = cls(found.actors, policy=found.policy)
        graph._insert_edges(
            (relation.source, relation.target, key, _relation_data(relation))
            for relation, key in found.relations
        )
        found.warn(stacklevel=stacklevel + 1)
        return graph
