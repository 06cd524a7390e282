"""Tests of partnership_model.ecology: actors, relations, classification, the graph."""

from __future__ import annotations

import copy
import datetime as dt
import doctest
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, strategies as st

from partnership_model import (
    ActorKind,
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    Organisation,
    Participant,
    Person,
    Register,
    RelationType,
    Role,
    Sphere,
    ecology,
    strategies as pms,
)
from partnership_model.ecology import (
    Actor,
    EcologyGraph,
    Relation,
    classify_relation,
    crosses_authority,
    crosses_sphere,
    relation_types,
)
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
    RelationTypeMismatchWarning,
    UnknownActorError,
    UnknownReferenceError,
    ValidationError,
)

B, BR, L = RelationType.BONDING, RelationType.BRIDGING, RelationType.LINKING
C, P = Sphere.COMMUNITY, Sphere.PROFESSIONAL
MICRO, MESO, MACRO = EngagementLevel


def actor(
    actor_id: str, sphere: Sphere = C, level: EngagementLevel = MICRO, **kw: Any
) -> Actor:
    return Actor(id=actor_id, sphere=sphere, level=level, **kw)


def expected_types(a: Actor, b: Actor) -> set[RelationType]:
    """Independent statement of the rule, written from the issue's text."""
    found = set()
    if a.sphere != b.sphere:
        found.add(BR)
    if a.level != b.level:
        found.add(L)
    return found or {B}


def recount(graph: EcologyGraph) -> dict[RelationType, int]:
    """Brute-force recount of primary types from the actors' attributes."""
    counts = dict.fromkeys(RelationType, 0)
    for item in graph.relations():
        a = graph.actor(item.source)
        b = graph.actor(item.target)
        if a.level != b.level:
            counts[L] += 1
        elif a.sphere != b.sphere:
            counts[BR] += 1
        else:
            counts[B] += 1
    return counts


def test_doctests() -> None:
    """The examples in the module's docstrings run."""
    result = doctest.testmod(ecology, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10
    assert result.failed == 0


# -- records -------------------------------------------------------------------------


def test_actor_from_role_takes_sphere_and_level_from_the_role() -> None:
    """A decision maker is a macro professional unless overridden."""
    minister = Actor.from_role("m", Role.DECISION_MAKER, label="Ministre")
    assert (
        minister.sphere,
        minister.level,
        minister.role,
    ) == (P, MACRO, Role.DECISION_MAKER)
    assert minister.kind is ActorKind.PERSON
    assert minister.label == "Ministre"
    override = Actor.from_role("m2", Role.DECISION_MAKER, level=MESO, sphere=C)
    assert (override.sphere, override.level) == (C, MESO)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": " p"}, "id"),
        ({"id": 3}, "id"),
        ({"sphere": "community"}, "sphere"),
        ({"level": 1}, "level"),
        ({"kind": "person"}, "kind"),
        ({"role": "patient"}, "role"),
        ({"label": "   "}, "label"),
        ({"person_id": ""}, "person_id"),
    ],
)
def test_actor_refuses_invalid_fields(kwargs: dict[str, Any], field: str) -> None:
    """Each invalid field is named by the error."""
    values: dict[str, Any] = {"id": "a", "sphere": C, "level": MICRO, **kwargs}
    with pytest.raises(InvalidRecordError) as info:
        Actor(**values)
    assert field == info.value.field


def test_from_role_refuses_a_string_role() -> None:
    """The role must be a Role member."""
    with pytest.raises(RecordTypeError):
        Actor.from_role("a", "patient")  # type: ignore[arg-type]


def test_relation_refuses_self_loops_and_reversed_dates() -> None:
    """A relation joins two actors, and ends after it starts."""
    with pytest.raises(InvalidRecordError) as info:
        Relation(source="a", target="a")
    assert info.value.field == "target"
    with pytest.raises(InvalidRecordError) as info:
        Relation(
            source="a", target="b", start=dt.date(2024, 2, 1), end=dt.date(2024, 1, 1)
        )
    assert info.value.field == "end"
    same_day = Relation(
        source="a", target="b", start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 1)
    )
    assert same_day.end == same_day.start


# -- classification ----------------------------------------------------------------------


@given(pms.actors(), pms.actors())
def test_classification_is_symmetric(a: Actor, b: Actor) -> None:
    """Swapping the two ends changes nothing."""
    assert relation_types(a, b) == relation_types(b, a)
    assert classify_relation(a, b) is classify_relation(b, a)
    assert crosses_sphere(a, b) == crosses_sphere(b, a)
    assert crosses_authority(a, b) == crosses_authority(b, a)


@given(pms.actors(), pms.actors())
def test_bonding_iff_same_sphere_and_same_authority(a: Actor, b: Actor) -> None:
    """Bonding is exactly the relation that crosses nothing."""
    same = a.sphere == b.sphere and a.level == b.level
    assert same == (B in relation_types(a, b))
    assert same == (classify_relation(a, b) is B)


@given(pms.actors(), pms.actors())
def test_types_follow_the_rule_and_primary_is_the_max(a: Actor, b: Actor) -> None:
    """Types match an independent statement of the rule; primary is their max."""
    types = relation_types(a, b)
    assert expected_types(a, b) == set(types)
    assert max(types) is classify_relation(a, b)
    assert (BR in types) == crosses_sphere(a, b)
    assert (L in types) == crosses_authority(a, b)


def test_classification_table() -> None:
    """Every combination of the two facts, checked by hand."""
    patient = actor("p", C, MICRO)
    assert {B} == relation_types(patient, actor("q", C, MICRO))
    assert {BR} == relation_types(patient, actor("n", P, MICRO))
    assert {L} == relation_types(patient, actor("r", C, MACRO))
    assert {BR, L} == relation_types(patient, actor("m", P, MACRO))
    assert L is classify_relation(patient, actor("m", P, MACRO))
    # Same sphere, different authority: linking (our reading, brief b.3 Q2).
    assert L is classify_relation(actor("nurse", P, MICRO), actor("ceo", P, MESO))


# -- the graph: actors ------------------------------------------------------------------------


def small_graph() -> EcologyGraph:
    return EcologyGraph(
        actors=[
            actor("p1"),
            actor("p2"),
            actor("c1", P),
            actor("d1", P, MACRO),
        ],
        relations=[("p1", "p2"), ("p1", "c1"), ("c1", "d1"), ("p1", "c1")],
    )


def test_add_actor_is_idempotent_for_identical_actors() -> None:
    """Adding the same actor twice is a no-op; a different one is refused."""
    graph = EcologyGraph()
    graph.add_actor(actor("a"))
    graph.add_actor(actor("a"))
    assert len(graph) == 1
    with pytest.raises(DuplicateIdError) as info:
        graph.add_actor(actor("a", P))
    assert info.value.value == "a"
    assert C is graph.actor("a").sphere


def test_add_actors_is_atomic() -> None:
    """A duplicate in a bulk load leaves the graph as it was."""
    graph = EcologyGraph(actors=[actor("a")])
    with pytest.raises(DuplicateIdError) as info:
        graph.add_actors([actor("b"), actor("c"), actor("b", P)])
    assert info.value.field == "actors[2].id"
    assert [a.id for a in graph.actors()] == ["a"]
    with pytest.raises(RecordTypeError) as type_info:
        graph.add_actors([actor("b"), "c"])  # type: ignore[list-item]
    assert type_info.value.field == "actors[1]"
    assert graph.number_of_actors == 1


def test_lookups() -> None:
    """actor(), in, len and the counters agree."""
    graph = small_graph()
    assert "p1" in graph
    assert "zz" not in graph
    assert ["x"] not in graph  # unhashable: simply not there
    assert 4 == len(graph) == graph.number_of_actors
    assert graph.number_of_relations == 4
    with pytest.raises(UnknownActorError) as info:
        graph.actor("zz")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, PartnershipModelError)


def test_remove_actor_drops_its_relations() -> None:
    """Removing an actor removes every relation it takes part in."""
    graph = small_graph()
    graph.remove_actor("c1")
    assert "c1" not in graph
    assert graph.number_of_relations == 1
    assert recount(graph) == {B: 1, BR: 0, L: 0}
    assert list(graph.relations_of("d1")) == []
    with pytest.raises(UnknownActorError):
        graph.remove_actor("c1")


# -- the graph: relations ----------------------------------------------------------------


def test_add_relation_returns_keys_and_classifies() -> None:
    """Parallel relations get increasing keys; each is classified."""
    graph = EcologyGraph(actors=[actor("a"), actor("b", P, MESO)])
    assert graph.add_relation("a", "b") == 0
    assert graph.add_relation("b", "a", engagement_id="e1") == 1
    (first, second) = sorted(graph.relations(), key=lambda r: r.key)
    assert {BR, L} == first.types
    assert L is second.primary
    assert first.crosses_sphere
    assert first.crosses_authority
    assert second.relation.engagement_id == "e1"


def test_add_relation_to_an_unknown_actor_raises_a_key_error() -> None:
    """The error names the missing end and is a KeyError."""
    graph = EcologyGraph(actors=[actor("a")])
    with pytest.raises(KeyError) as info:
        graph.add_relation("a", "ghost")
    assert isinstance(info.value, UnknownActorError)
    assert info.value.field == "target"
    assert info.value.reference == "ghost"
    with pytest.raises(InvalidRecordError):
        graph.add_relation("a", "a")
    assert graph.number_of_relations == 0


def test_relation_attributes_are_kept() -> None:
    """Engagement id, degree and dates survive insertion."""
    graph = EcologyGraph(actors=[actor("a"), actor("b")])
    graph.add_relation(
        "a",
        "b",
        engagement_id="e",
        degree=EngagementDegree.COLLABORATION,
        start=dt.date(2020, 1, 1),
        end=dt.date(2021, 1, 1),
    )
    (item,) = graph.relations()
    assert (
        Relation(
            source="a",
            target="b",
            engagement_id="e",
            degree=EngagementDegree.COLLABORATION,
            start=dt.date(2020, 1, 1),
            end=dt.date(2021, 1, 1),
        )
        == item.relation
    )


def test_add_relations_accepts_pairs_relations_and_generators() -> None:
    """Pairs (tuples or lists), Relation records and generators all work."""
    graph = EcologyGraph(actors=[actor("a"), actor("b"), actor("c", P)])
    graph.add_relations(
        [("a", "b"), ["a", "c"], Relation(source="b", target="c", engagement_id="e")]
    )
    graph.add_relations(pair for pair in [("a", "b")])
    assert graph.number_of_relations == 4
    assert recount(graph) == {B: 2, BR: 2, L: 0}


@pytest.mark.parametrize(
    ("item", "error", "field"),
    [
        (("a", "zz"), UnknownActorError, "relations[1].target"),
        (("zz", "a"), UnknownActorError, "relations[1].source"),
        (("a", "a"), InvalidRecordError, "relations[1].target"),
        (("a", "b", "c"), RecordTypeError, "relations[1]"),
        ("ab", RecordTypeError, "relations[1]"),
        ({"source": "a"}, RecordTypeError, "relations[1]"),
        ((1, "a"), RecordTypeError, "relations[1].source"),
        ((["a"], "b"), RecordTypeError, "relations[1].source"),
        (Relation(source="a", target="zz"), UnknownActorError, "relations[1].target"),
    ],
)
def test_add_relations_names_the_bad_item_and_changes_nothing(
    item: object, error: type[Exception], field: str
) -> None:
    """The first bad item is diagnosed precisely; the batch is undone."""
    graph = EcologyGraph(actors=[actor("a"), actor("b"), actor("c", P)])
    graph.add_relation("a", "c")
    before = graph.copy()
    with pytest.raises(error) as info:
        graph.add_relations([("a", "b"), item, ("b", "c")])  # type: ignore[list-item]
    assert field == getattr(info.value, "field", None)
    assert before == graph
    assert graph.number_of_relations == 1
    assert recount(graph) == {B: 0, BR: 1, L: 0}


@given(pms.ecology_graphs(max_actors=6, max_relations=10), st.data())
def test_failed_bulk_add_leaves_the_graph_unchanged(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    """Whatever succeeded before the bad item is undone, counts included."""
    ids = [a.id for a in graph.actors()]
    if len(ids) < 2:
        return
    before = graph.copy()
    counts_before = [list(e[4]) for e in graph._entries.values()]
    pairs = data.draw(
        st.lists(
            st.permutations(ids).map(lambda order: (order[0], order[1])), max_size=8
        )
    )
    position = data.draw(st.integers(0, len(pairs)))
    pairs.insert(position, (ids[0], "not-an-actor-\N{GHOST}"))
    with pytest.raises(UnknownActorError):
        graph.add_relations(pairs)
    assert before == graph
    assert counts_before == [list(e[4]) for e in graph._entries.values()]


def test_remove_relation() -> None:
    """A relation is removed by its key; unknown keys raise a KeyError."""
    graph = small_graph()
    keys = sorted(r.key for r in graph.relations_of("c1") if r.target == "p1")
    assert keys == [0, 1]
    graph.remove_relation("c1", "p1", 0)
    assert [r.key for r in graph.relations_of("p1") if r.target == "c1"] == [1]
    with pytest.raises(UnknownReferenceError) as info:
        graph.remove_relation("p1", "c1", 0)
    assert isinstance(info.value, KeyError)
    with pytest.raises(UnknownActorError):
        graph.remove_relation("p1", "nobody", 0)
    graph.remove_relation("p1", "c1", 1)
    assert "c1" not in {r.target for r in graph.relations_of("p1")}
    # The freed key is reused, as networkx does.
    assert graph.add_relation("p1", "c1") == 0


def test_relations_of_reports_the_actor_as_source() -> None:
    """relations_of(x) lists x's relations with x first."""
    graph = small_graph()
    mine = list(graph.relations_of("c1"))
    assert len(mine) == 3
    assert {"c1"} == {r.source for r in mine}
    assert sorted(r.target for r in mine) == ["d1", "p1", "p1"]
    with pytest.raises(UnknownActorError):
        list(graph.relations_of("zz"))


@given(
    pms.ecology_graphs(max_actors=6, max_relations=12),
    st.lists(st.integers(0, 10_000), max_size=6),
)
def test_counts_stay_exact_through_removals(
    graph: EcologyGraph, picks: list[int]
) -> None:
    """The graph's running tallies equal a recount after any removals."""
    for pick in picks:
        relations = list(graph.relations())
        if relations and pick % 2:
            item = relations[pick % len(relations)]
            graph.remove_relation(item.source, item.target, item.key)
        elif len(graph):
            ids = [a.id for a in graph.actors()]
            graph.remove_actor(ids[pick % len(ids)])
    for entry in graph._entries.values():
        assert sum(entry[4]) == sum(len(kd) for kd in entry[3].values())
    totals = graph._totals
    assert recount(graph) == {B: totals[0], BR: totals[1], L: totals[2] + totals[3]}


# -- equality and copies ----------------------------------------------------------------------


def test_equality_ignores_keys_order_and_orientation() -> None:
    """Two graphs with the same actors and relation multiset are equal."""
    one = EcologyGraph(
        actors=[actor("a"), actor("b")], relations=[("a", "b"), ("a", "b")]
    )
    two = EcologyGraph(actors=[actor("b"), actor("a")])
    two.add_relation("b", "a")
    assert one != two  # one relation missing
    two.add_relation("a", "b")
    assert one == two
    two.add_relation("a", "b", engagement_id="e")
    one.add_relation("a", "b", engagement_id="f")
    assert one != two
    assert one != "not a graph"
    assert EcologyGraph() == EcologyGraph()


def test_copy_is_independent() -> None:
    """Changing a copy does not change the original."""
    graph = small_graph()
    twin = graph.copy()
    assert twin == graph
    twin.add_relation("p2", "d1")
    twin.remove_actor("p1")
    assert graph.number_of_relations == 4
    assert recount(graph) == {B: 1, BR: 2, L: 1}
    assert copy.copy(graph) == graph


def test_subclassing_is_refused() -> None:
    """EcologyGraph is closed to subclassing (wrap it instead)."""
    with pytest.raises(TypeError):

        class Mine(EcologyGraph):
            pass


def test_repr_gives_sizes() -> None:
    """The repr shows the sizes, not the content (which may be personal)."""
    assert repr(small_graph()) == "<EcologyGraph with 4 actors and 4 relations>"


# -- networkx --------------------------------------------------------------------------------


def _plain(value: object) -> bool:
    return type(value) in (str, bool)


@given(pms.ecology_graphs())
def test_to_networkx_attributes_are_plain(graph: EcologyGraph) -> None:
    """Only str and bool values: never None, lists or enum members."""
    nxg = graph.to_networkx()
    assert isinstance(nxg, nx.MultiGraph)
    assert not nxg.is_directed()
    assert graph.number_of_actors == nxg.number_of_nodes()
    assert graph.number_of_relations == nxg.number_of_edges()
    for node, data in nxg.nodes(data=True):
        assert {"sphere", "level", "kind"} <= set(data)
        assert all(_plain(v) for v in data.values())
        a = graph.actor(node)
        assert (a.label is not None) == ("label" in data)
        assert (a.role is not None) == ("role" in data)
    for u, v, data in nxg.edges(data=True):
        assert all(_plain(value) for value in data.values())
        types = expected_types(graph.actor(u), graph.actor(v))
        assert max(types).value == data["relation_type"]
        assert (BR in types) is data["crosses_sphere"]
        assert (L in types) is data["crosses_authority"]


@given(pms.ecology_graphs())
def test_networkx_round_trip(graph: EcologyGraph) -> None:
    """from_networkx(to_networkx(g)) == g, keys included."""
    back = EcologyGraph.from_networkx(graph.to_networkx())
    assert graph == back
    assert sorted((r.source, r.target, r.key) for r in graph.relations()) == sorted(
        (r.source, r.target, r.key) for r in back.relations()
    )


@given(pms.ecology_graphs(max_actors=6, max_relations=10), st.data())
def test_mutating_to_networkx_output_leaves_the_graph_unchanged(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    """The exported graph is a deep enough copy."""
    before = graph.copy()
    nxg = graph.to_networkx()
    for _, attributes in nxg.nodes(data=True):
        attributes["sphere"] = "professional"
        attributes.clear()
    for _, _, attributes in nxg.edges(data=True):
        attributes["relation_type"] = "bonding"
        attributes["engagement_id"] = "hijacked"
    if nxg.number_of_nodes() >= 2:
        nodes = list(nxg)
        u, v = data.draw(st.permutations(nodes))[:2]
        nxg.add_edge(u, v, relation_type="linking")
        nxg.remove_node(nodes[0])
    nxg.add_node("intruder", sphere="community", level="micro")
    assert before == graph
    assert "intruder" not in graph


def test_from_networkx_reports_every_problem_with_a_path() -> None:
    """Bad values, missing attributes and unknown ends are all listed."""
    nxg: nx.MultiGraph[Any] = nx.MultiGraph()
    nxg.add_node("p1", sphere="communauté", level="micro")
    nxg.add_node("p2", level="micro", colour="red")
    nxg.add_node(3, sphere="community", level="micro")
    nxg.add_node("p4", sphere="community", level="micro", kind="person")
    nxg.add_edge("p4", "ghost")
    nxg.add_edge("p4", "p1")
    nxg.add_edge("p4", "p4")
    nxg.add_edge("p4", "p4", start="2024-31-01")
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    paths = {p.path: p.code for p in info.value.problems}
    assert paths["nodes['p1'].sphere"] == "unknown_term"
    assert paths["nodes['p2'].sphere"] == "missing"
    assert paths["nodes['p2'].colour"] == "unknown_key"
    assert paths["nodes[3]"] == "wrong_type"
    # networkx creates the nodes of its edges: 'ghost' is an actor without
    # attributes, reported once, and its relation is not reported again.
    assert paths["nodes['ghost'].level"] == "missing"
    assert not any(path.startswith("edges['p4', 'ghost'") for path in paths)
    assert paths["edges['p4', 'p4', 0].target"] == "self_loop"
    assert paths["edges['p4', 'p4', 1].start"] == "invalid_date"
    # p1 was refused: its relation is not reported a second time as unknown.
    assert not any(path.startswith("edges['p4', 'p1'") for path in paths)
    assert isinstance(info.value, PartnershipModelError)


def test_from_networkx_is_strict_about_values() -> None:
    """Labels are not values: networkx attributes hold exact tokens."""
    nxg: nx.Graph[str] = nx.Graph()
    nxg.add_node("p", sphere="Community members", level="micro")
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    assert info.value.path == "nodes['p'].sphere"


def test_from_networkx_extra_attributes_can_be_ignored() -> None:
    """extra='ignore' skips unknown node and edge attributes."""
    nxg: nx.Graph[str] = nx.Graph()
    nxg.add_node("a", sphere="community", level="micro", pos=(0, 1))
    nxg.add_node("b", sphere="community", level="micro")
    nxg.add_edge("a", "b", weight=3)
    with pytest.raises(ValidationError):
        EcologyGraph.from_networkx(nxg)
    graph = EcologyGraph.from_networkx(nxg, extra="ignore")
    assert graph.number_of_relations == 1


def _declared_graph() -> nx.MultiGraph[str]:
    nxg: nx.MultiGraph[str] = nx.MultiGraph()
    nxg.add_node("p", sphere="community", level="micro")
    nxg.add_node("c", sphere="professional", level="micro")
    nxg.add_node("m", sphere="professional", level="macro")
    nxg.add_edge("p", "c", relation_type="bonding")  # really bridging
    nxg.add_edge("c", "m", relation_type="linking", crosses_sphere=True)  # no
    nxg.add_edge("p", "m", relation_type="linking", crosses_sphere=True)  # right
    return nxg


def test_declared_type_mismatch_raises_listing_every_edge() -> None:
    """Each disagreeing declaration is a problem with its path."""
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(_declared_graph())
    assert [p.path for p in info.value.problems] == [
        "edges['p', 'c', 0].relation_type",
        "edges['c', 'm', 0].crosses_sphere",
    ]
    assert {"relation_type_mismatch"} == {p.code for p in info.value.problems}


def test_declared_type_mismatch_can_warn_and_keep_the_computed_type() -> None:
    """mismatch='warn' warns once and classifies from the actors."""
    with pytest.warns(RelationTypeMismatchWarning, match="2 declared"):
        graph = EcologyGraph.from_networkx(_declared_graph(), mismatch="warn")
    types = {frozenset((r.source, r.target)): r.primary for r in graph.relations()}
    assert BR is types[frozenset(("p", "c"))]
    assert L is types[frozenset(("c", "m"))]
    with pytest.raises(InvalidRecordError):
        EcologyGraph.from_networkx(_declared_graph(), mismatch="ignore")  # type: ignore[arg-type]


def test_from_networkx_accepts_reader_artefacts_and_directed_graphs() -> None:
    """GEXF/GraphML reader ids and labels are understood; direction is dropped."""
    nxg: nx.DiGraph[str] = nx.DiGraph()
    nxg.add_node("a", sphere="community", level="micro", label="a", labelled=False)
    nxg.add_node("b", sphere="community", level="micro", label="Bea", id="b")
    nxg.add_edge("a", "b", id="0", start=dt.date(2020, 1, 1))
    nxg.add_edge("b", "a")
    graph = EcologyGraph.from_networkx(nxg)
    assert graph.actor("a").label is None
    assert graph.actor("b").label == "Bea"
    assert graph.number_of_relations == 2
    with pytest.raises(RecordTypeError):
        EcologyGraph.from_networkx({"a": {}})  # type: ignore[arg-type]


# -- building from engagements -------------------------------------------------------------


def _engagement(eid: str, *participants: Participant, **kw: Any) -> Engagement:
    values: dict[str, Any] = {
        "id": eid,
        "title": eid.title(),
        "domain": EngagementDomain.CARE_AND_SERVICES,
        "level": MICRO,
        "degree": EngagementDegree.PARTNERSHIP,
        "leadership": Leadership.CO_LED,
        "participants": participants,
        **kw,
    }
    return Engagement(**values)


def _register() -> Register:
    """One relation of each type, and a nurse who is also a caregiver."""
    return Register(
        engagements=[
            _engagement(
                "peer-group",
                Participant(person_id="p1", role=Role.PATIENT),
                Participant(person_id="p2", role=Role.PEER_HELPER),
            ),
            _engagement(
                "ward",
                Participant(person_id="n1", role=Role.CLINICIAN),
                Participant(person_id="p1", role=Role.PATIENT),
                start=dt.date(2023, 1, 1),
                end=dt.date(2023, 6, 30),
            ),
            _engagement(
                "policy",
                Participant(person_id="g1", role=Role.MANAGER),
                Participant(person_id="m1", role=Role.DECISION_MAKER),
                degree=EngagementDegree.CONSULTATION,
                level=MACRO,
            ),
            _engagement(
                "home",
                Participant(person_id="n1", role=Role.FAMILY_CAREGIVER),
                Participant(person_id="p2", role=Role.PATIENT),
                organisations=["assoc"],
            ),
        ],
        people=[
            Person(id="n1", display_name="Nadia"),
            Person(id="p1"),
            Person(id="p2"),
            Person(id="g1"),
            Person(id="m1"),
        ],
        organisations=[
            Organisation(
                id="assoc",
                name="Caregivers' association",
                sphere=C,
                level=MESO,
                role=Role.ASSOCIATION_VOLUNTEER,
            )
        ],
    )


def test_from_engagements_builds_personas_and_all_three_types() -> None:
    """The hand-made register gives the expected actors and relations."""
    graph = EcologyGraph.from_engagements(_register())
    expected_ids = {
        "p1",
        "p2",
        "g1",
        "m1",
        "assoc",
        "n1@professional:micro",
        "n1@community:micro",
    }
    assert expected_ids == {a.id for a in graph.actors()}
    nurse = graph.actor("n1@professional:micro")
    caregiver = graph.actor("n1@community:micro")
    assert (
        nurse.sphere,
        nurse.role,
        nurse.person_id,
        nurse.label,
    ) == (P, Role.CLINICIAN, "n1", "Nadia")
    assert (
        caregiver.sphere,
        caregiver.role,
        caregiver.person_id,
    ) == (C, Role.FAMILY_CAREGIVER, "n1")
    assert graph.actor("p1").person_id is None
    association = graph.actor("assoc")
    assert (
        association.kind,
        association.sphere,
        association.level,
        association.label,
    ) == (ActorKind.ORGANISATION, C, MESO, "Caregivers' association")
    found = {
        (frozenset((r.source, r.target)), r.relation.engagement_id): r.primary
        for r in graph.relations()
    }
    assert {
        (frozenset({"p1", "p2"}), "peer-group"): B,
        (frozenset({"n1@professional:micro", "p1"}), "ward"): BR,
        (frozenset({"g1", "m1"}), "policy"): L,
        (frozenset({"n1@community:micro", "p2"}), "home"): B,
        (frozenset({"assoc", "n1@community:micro"}), "home"): L,
        (frozenset({"assoc", "p2"}), "home"): L,
    } == found
    ward = next(r for r in graph.relations() if r.relation.engagement_id == "ward")
    assert (dt.date(2023, 1, 1), dt.date(2023, 6, 30)) == (
        ward.relation.start,
        ward.relation.end,
    )
    policy = next(r for r in graph.relations() if r.relation.engagement_id == "policy")
    assert EngagementDegree.CONSULTATION is policy.relation.degree
    assert recount(graph) == {B: 2, BR: 1, L: 3}


def test_from_engagements_options() -> None:
    """Organisations can be left out, or supplied for bare engagements."""
    register = _register()
    without = EcologyGraph.from_engagements(register, include_organisations=False)
    assert "assoc" not in without
    assert without.number_of_relations == 4
    with pytest.raises(UnknownReferenceError) as info:
        EcologyGraph.from_engagements(register.engagements)
    assert info.value.field == "engagements[3].organisations[0]"
    bare = EcologyGraph.from_engagements(
        register.engagements, organisations=register.organisations
    )
    assert bare.actor("n1@professional:micro").label is None  # no register names
    assert {a.id for a in bare.actors()} == {
        a.id for a in EcologyGraph.from_engagements(register).actors()
    }
    with pytest.raises(RecordTypeError):
        EcologyGraph.from_engagements(["not an engagement"])  # type: ignore[list-item]


def test_from_engagements_refuses_an_organisation_named_like_a_person() -> None:
    """An organisation id equal to a person node id would merge two actors."""
    register = Register(
        engagements=[
            _engagement(
                "e",
                Participant(person_id="x", role=Role.PATIENT),
                organisations=["x"],
            )
        ],
        people=[Person(id="x")],
        organisations=[Organisation(id="x", name="X", sphere=C, level=MESO)],
    )
    with pytest.raises(DuplicateIdError):
        EcologyGraph.from_engagements(register)


@given(pms.registers(max_engagements=5, max_people=6))
def test_from_engagements_relates_every_pair_of_participants(
    register: Register,
) -> None:
    """One relation per pair of participants and engagement, classified by role."""
    profiles: dict[str, set[tuple[Sphere, EngagementLevel]]] = {}
    for engagement in register.engagements:
        for p in engagement.participants:
            profiles.setdefault(p.person_id, set()).add((p.sphere, p.level))
    single_profile_people = {pid for pid, found in profiles.items() if len(found) == 1}
    listed = {o for e in register.engagements for o in e.organisations}
    if listed & single_profile_people:
        # An organisation and a person would share a node id.
        with pytest.raises(DuplicateIdError):
            EcologyGraph.from_engagements(register)
        return
    graph = EcologyGraph.from_engagements(register)
    expected = 0
    for engagement in register.engagements:
        n = len(engagement.participants)
        expected += n * (n - 1) // 2 + n * len(engagement.organisations)
    assert expected == graph.number_of_relations
    for item in graph.relations():
        a, b = graph.actor(item.source), graph.actor(item.target)
        assert expected_types(a, b) == set(item.types)
    people = [a for a in graph.actors() if a.kind is ActorKind.PERSON]
    assert sum(len(v) for v in profiles.values()) == len(
        [a for a in people if (a.person_id or a.id) in profiles]
    )
    for person_id, person_profiles in profiles.items():
        if len(person_profiles) == 1:
            assert person_id in graph
        for sphere, level in person_profiles:
            if len(person_profiles) > 1:
                persona = graph.actor(f"{person_id}@{sphere.value}:{level.value}")
                assert (sphere, level, person_id) == (
                    persona.sphere,
                    persona.level,
                    persona.person_id,
                )


@given(
    pms.ecology_graphs(max_actors=5, max_relations=12),
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), st.booleans())),
)
def test_shared_internal_dicts_are_never_mutated(
    graph: EcologyGraph, operations: list[tuple[int, int, bool]]
) -> None:
    """Parallel additions and removals never write through the shared key dicts."""
    shared_keys = [dict(keys) for keys in ecology._SHARED_KEYS]
    shared_data = [dict(data) for data in ecology._SHARED_DATA]
    other = graph.copy()

    def snapshot(g: EcologyGraph) -> list[tuple[str, str, int, Relation]]:
        return sorted(
            ((r.source, r.target, r.key, r.relation) for r in g.relations()),
            key=repr,
        )

    before = snapshot(other)
    ids = [a.id for a in graph.actors()]
    for first, second, remove in operations:
        if len(ids) < 2:
            break
        source, target = ids[first % len(ids)], ids[second % len(ids)]
        if source == target:
            continue
        if remove:
            keys = [r.key for r in graph.relations_of(source) if r.target == target]
            if keys:
                graph.remove_relation(source, target, keys[first % len(keys)])
        else:
            graph.add_relations([(source, target)])
    assert shared_keys == [dict(keys) for keys in ecology._SHARED_KEYS]
    assert shared_data == [dict(data) for data in ecology._SHARED_DATA]
    assert before == snapshot(other)
    assert sum(1 for _ in graph.relations()) == graph.number_of_relations
