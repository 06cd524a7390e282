"""Tests of partnership_model.ecology: actors, relations, classification, the graph."""

from __future__ import annotations

import copy
import datetime as dt
import doctest
from collections import Counter
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given, strategies as st

from ecology_oracle import expected_primary, expected_types, recount
from partnership_model import (
    ActorKind,
    Authority,
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    MigrationWarning,
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
from partnership_model.dates import PartialDate
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
from partnership_model.policy import (
    CAPTION_READING_POLICY,
    DEFAULT_POLICY,
    LEGACY_1_0_POLICY,
)

B, BR, L = RelationType.BONDING, RelationType.BRIDGING, RelationType.LINKING
C, P = Sphere.COMMUNITY, Sphere.PROFESSIONAL
MEMBER, MANAGERIAL, PUBLIC = Authority
MICRO, MESO, MACRO = EngagementLevel
POLICIES = pms.classification_policies()


def actor(
    actor_id: str, sphere: Sphere = C, authority: Authority = MEMBER, **kw: Any
) -> Actor:
    return Actor(id=actor_id, sphere=sphere, authority=authority, **kw)


def test_doctests() -> None:
    """The examples in the module's docstrings run."""
    result = doctest.testmod(ecology, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10
    assert result.failed == 0


# -- records -------------------------------------------------------------------------


def test_actor_from_role_takes_sphere_and_authority_from_the_role() -> None:
    """A decision maker is a professional with public authority unless overridden."""
    minister = Actor.from_role("m", Role.DECISION_MAKER, label="Ministre")
    assert (
        minister.sphere,
        minister.authority,
        minister.role,
    ) == (P, PUBLIC, Role.DECISION_MAKER)
    assert minister.kind is ActorKind.PERSON
    assert minister.label == "Ministre"
    override = Actor.from_role(
        "m2", Role.DECISION_MAKER, authority=MANAGERIAL, sphere=C
    )
    assert (override.sphere, override.authority) == (C, MANAGERIAL)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": " p"}, "id"),
        ({"id": 3}, "id"),
        ({"sphere": "community"}, "sphere"),
        ({"authority": 1}, "authority"),
        ({"authority": "member"}, "authority"),
        ({"authority": None}, "authority"),
        ({"kind": "person"}, "kind"),
        ({"role": "patient"}, "role"),
        ({"label": "   "}, "label"),
        ({"person_id": ""}, "person_id"),
    ],
)
def test_actor_refuses_invalid_fields(kwargs: dict[str, Any], field: str) -> None:
    """Each invalid field is named by the error; a person needs an authority."""
    values: dict[str, Any] = {"id": "a", "sphere": C, "authority": MEMBER, **kwargs}
    with pytest.raises(InvalidRecordError) as info:
        Actor(**values)
    assert field == info.value.field


def test_an_organisation_may_state_no_authority() -> None:
    """Only organisations may leave their authority unset."""
    association = Actor(id="a", sphere=C, kind=ActorKind.ORGANISATION)
    assert association.authority is None
    with pytest.raises(InvalidRecordError) as info:
        Actor(id="p", sphere=C)
    assert (info.value.field, info.value.code) == ("authority", "missing_authority")


def test_actor_level_is_a_deprecated_alias_of_authority() -> None:
    """level= maps through the 1.0 table with a warning; both at once is refused."""
    with pytest.warns(DeprecationWarning, match="authority=Authority.MANAGERIAL"):
        old = Actor(id="a", sphere=P, level=MESO)
    assert old == actor("a", P, MANAGERIAL)
    with pytest.warns(DeprecationWarning, match="Actor.authority"):
        assert old.level is MESO
    with pytest.warns(DeprecationWarning, match="Actor.from_role"):
        assert Actor.from_role("d", Role.CLINICIAN, level=MACRO).authority is PUBLIC
    with pytest.raises(InvalidRecordError) as info:
        Actor(id="a", sphere=P, authority=MEMBER, level=MESO)
    assert info.value.code == "ambiguous"
    with pytest.raises(RecordTypeError):
        Actor(id="a", sphere=P, level="meso")  # type: ignore[arg-type]
    organisation = Actor(id="o", sphere=C, kind=ActorKind.ORGANISATION)
    with pytest.warns(DeprecationWarning, match="Actor.level"):
        assert organisation.level is None


def test_evolve_keeps_working() -> None:
    """attrs.evolve goes through the constructor and its checks."""
    nurse = Actor.from_role("n", Role.CLINICIAN)
    assert attrs.evolve(nurse, authority=MANAGERIAL).authority is MANAGERIAL
    with pytest.raises(InvalidRecordError):
        attrs.evolve(nurse, authority=None)


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


@given(pms.actors(), pms.actors(), POLICIES)
def test_classification_is_symmetric(a: Actor, b: Actor, policy: Any) -> None:
    """Swapping the two ends changes nothing, under any policy."""
    assert relation_types(a, b, policy=policy) == relation_types(b, a, policy=policy)
    assert classify_relation(a, b, policy=policy) is classify_relation(
        b, a, policy=policy
    )
    assert crosses_sphere(a, b) == crosses_sphere(b, a)
    assert crosses_authority(a, b, policy=policy) == crosses_authority(
        b, a, policy=policy
    )


@given(pms.actors(), pms.actors(), POLICIES)
def test_types_follow_the_documented_rules(a: Actor, b: Actor, policy: Any) -> None:
    """Types and primary type match an independent statement of the rules."""
    types = relation_types(a, b, policy=policy)
    assert expected_types(a, b, policy) == set(types)
    assert expected_primary(a, b, policy) is classify_relation(a, b, policy=policy)
    assert (BR in types) == crosses_sphere(a, b)
    assert policy.relation_types(a, b) == types
    assert policy.classify(a, b) is classify_relation(a, b, policy=policy)


@given(pms.actors(), pms.actors())
def test_default_primary_is_the_max_of_the_types(a: Actor, b: Actor) -> None:
    """Under the default precedence, the primary type is max(types)."""
    assert max(relation_types(a, b)) is classify_relation(a, b)
    same = a.sphere == b.sphere and not crosses_authority(a, b)
    assert same == (classify_relation(a, b) is B)


def test_classification_table() -> None:
    """Every combination of the two facts, checked by hand."""
    patient = actor("p", C, MEMBER)
    assert {B} == relation_types(patient, actor("q", C, MEMBER))
    assert {BR} == relation_types(patient, actor("n", P, MEMBER))
    assert {L} == relation_types(patient, actor("r", C, PUBLIC))
    assert {BR, L} == relation_types(patient, actor("m", P, PUBLIC))
    assert L is classify_relation(patient, actor("m", P, PUBLIC))
    # Same sphere, different authority: linking (our reading, brief b.3 Q2) ...
    nurse, ceo = actor("nurse", P, MEMBER), actor("ceo", P, MANAGERIAL)
    assert L is classify_relation(nurse, ceo)
    # ... and bonding under the caption reading.
    assert B is classify_relation(nurse, ceo, policy=CAPTION_READING_POLICY)
    assert crosses_authority(nurse, ceo, policy=CAPTION_READING_POLICY)


def test_classification_functions_refuse_a_wrong_policy() -> None:
    """A policy of the wrong type is a TypeError naming the expected type."""
    a, b = actor("a"), actor("b")
    for function in (classify_relation, relation_types, crosses_authority):
        with pytest.raises(TypeError, match="ClassificationPolicy"):
            function(a, b, policy="default")  # type: ignore[arg-type]


# -- the graph: actors ------------------------------------------------------------------------


def small_graph() -> EcologyGraph:
    return EcologyGraph(
        actors=[
            actor("p1"),
            actor("p2"),
            actor("c1", P),
            actor("d1", P, PUBLIC),
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
    graph = EcologyGraph(actors=[actor("a"), actor("b", P, MANAGERIAL)])
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
    """Whatever succeeded before the bad item is undone, tallies included."""
    ids = [a.id for a in graph.actors()]
    if len(ids) < 2:
        return
    before = graph.copy()
    tallies_before = {a: Counter(s.tally) for a, s in graph._states.items()}
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
    assert tallies_before == {a: Counter(s.tally) for a, s in graph._states.items()}


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
    for actor_id, state in graph._states.items():
        assert state.tally.total() == graph._graph.degree(actor_id)
    by_primary = dict.fromkeys(RelationType, 0)
    for classification, number in graph._totals.items():
        by_primary[classification.primary] += number
    assert recount(graph) == by_primary


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


def test_equality_includes_the_policy() -> None:
    """The same relations classified under two policies are two graphs."""
    graph = small_graph()
    assert graph != graph.with_policy(CAPTION_READING_POLICY)
    assert graph == graph.with_policy(DEFAULT_POLICY)


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


@given(pms.ecology_graphs(policies=POLICIES))
def test_to_networkx_attributes_are_plain(graph: EcologyGraph) -> None:
    """Node and edge values are str and bool; the graph records the policy."""
    nxg = graph.to_networkx()
    assert isinstance(nxg, nx.MultiGraph)
    assert not nxg.is_directed()
    assert graph.number_of_actors == nxg.number_of_nodes()
    assert graph.number_of_relations == nxg.number_of_edges()
    assert graph.policy.to_attributes() == nxg.graph
    for node, data in nxg.nodes(data=True):
        assert {"sphere", "kind"} <= set(data)
        assert all(_plain(v) for v in data.values())
        a = graph.actor(node)
        assert (a.authority is not None) == ("authority" in data)
        assert (a.label is not None) == ("label" in data)
        assert (a.role is not None) == ("role" in data)
    for u, v, data in nxg.edges(data=True):
        assert all(_plain(value) for value in data.values())
        a, b = graph.actor(u), graph.actor(v)
        types = expected_types(a, b, graph.policy)
        assert expected_primary(a, b, graph.policy).value == data["relation_type"]
        assert (BR in types) is data["crosses_sphere"]


@given(pms.ecology_graphs(policies=POLICIES))
def test_networkx_round_trip(graph: EcologyGraph) -> None:
    """from_networkx(to_networkx(g)) == g, keys and policy included."""
    back = EcologyGraph.from_networkx(graph.to_networkx())
    assert graph == back
    assert graph.policy == back.policy
    assert sorted((r.source, r.target, r.key) for r in graph.relations()) == sorted(
        (r.source, r.target, r.key) for r in back.relations()
    )


def test_the_private_graph_is_plain_networkx() -> None:
    """Nodes carry their actor, each edge its own data dict with the computed type."""
    graph = small_graph()
    private = graph._graph
    assert type(private) is nx.MultiGraph
    assert {n: d["actor"] for n, d in private.nodes(data=True)} == {
        a.id: a for a in graph.actors()
    }
    data = [d for _, _, d in private.edges(data=True)]
    assert len({id(d) for d in data}) == len(data) == graph.number_of_relations
    assert {d["relation_type"] for d in data} == {B, BR, L}


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
    nxg.graph["policy"] = "caption_reading"
    if nxg.number_of_nodes() >= 2:
        nodes = list(nxg)
        u, v = data.draw(st.permutations(nodes))[:2]
        nxg.add_edge(u, v, relation_type="linking")
        nxg.remove_node(nodes[0])
    nxg.add_node("intruder", sphere="community", authority="member")
    assert before == graph
    assert "intruder" not in graph


def test_from_networkx_reports_every_problem_with_a_path() -> None:
    """Bad values, missing attributes and unknown ends are all listed."""
    nxg: nx.MultiGraph[Any] = nx.MultiGraph()
    nxg.add_node("p1", sphere="communauté", authority="member")
    nxg.add_node("p2", authority="member", colour="red")
    nxg.add_node(3, sphere="community", authority="member")
    nxg.add_node("p4", sphere="community", authority="member", kind="person")
    nxg.add_node("p5", sphere="community", authority="boss")
    nxg.add_node("p6", sphere="community")
    nxg.add_edge("p4", "ghost")
    nxg.add_edge("p4", "p1")
    nxg.add_edge("p4", "p4")
    nxg.add_edge("p4", "p4", start="2024-31-01")
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    problems = {p.path: p for p in info.value.problems}
    paths = {path: p.code for path, p in problems.items()}
    assert paths["nodes['p1'].sphere"] == "unknown_term"
    assert paths["nodes['p2'].sphere"] == "missing"
    assert paths["nodes['p2'].colour"] == "unknown_key"
    assert paths["nodes[3]"] == "wrong_type"
    # An unknown authority names the accepted values (a VocabularyError's message).
    assert paths["nodes['p5'].authority"] == "unknown_term"
    assert (
        "member, managerial, public_authority"
        in problems["nodes['p5'].authority"].message
    )
    assert paths["nodes['p6'].authority"] == "missing_authority"
    # networkx creates the nodes of its edges: 'ghost' is an actor without
    # attributes, reported once, and its relation is not reported again.
    assert paths["nodes['ghost'].sphere"] == "missing"
    assert not any(path.startswith("edges['p4', 'ghost'") for path in paths)
    assert paths["edges['p4', 'p4', 0].target"] == "self_loop"
    assert paths["edges['p4', 'p4', 1].start"] == "invalid"
    # p1 was refused: its relation is not reported a second time as unknown.
    assert not any(path.startswith("edges['p4', 'p1'") for path in paths)
    assert isinstance(info.value, PartnershipModelError)


def test_from_networkx_is_strict_about_values() -> None:
    """Labels are not values: networkx attributes hold exact tokens."""
    nxg: nx.Graph[str] = nx.Graph()
    nxg.add_node("p", sphere="Community members", authority="member")
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    assert info.value.path == "nodes['p'].sphere"


def test_from_networkx_extra_attributes_can_be_ignored() -> None:
    """extra='ignore' skips unknown node and edge attributes."""
    nxg: nx.Graph[str] = nx.Graph()
    nxg.add_node("a", sphere="community", authority="member", pos=(0, 1))
    nxg.add_node("b", sphere="community", authority="member")
    nxg.add_edge("a", "b", weight=3)
    nxg.graph["name"] = "not a policy attribute: ignored"
    with pytest.raises(ValidationError):
        EcologyGraph.from_networkx(nxg)
    graph = EcologyGraph.from_networkx(nxg, extra="ignore")
    assert graph.number_of_relations == 1
    assert graph.policy is DEFAULT_POLICY


def _declared_graph() -> nx.MultiGraph[str]:
    nxg: nx.MultiGraph[str] = nx.MultiGraph()
    nxg.add_node("p", sphere="community", authority="member")
    nxg.add_node("c", sphere="professional", authority="member")
    nxg.add_node("m", sphere="professional", authority="public_authority")
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
    assert "'default' classification policy" in info.value.problems[0].message


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
    nxg.add_node("a", sphere="community", authority="member", label="a", labelled=False)
    nxg.add_node("b", sphere="community", authority="member", label="Bea", id="b")
    nxg.add_edge("a", "b", id="0", start=dt.date(2020, 1, 1))
    nxg.add_edge("b", "a")
    graph = EcologyGraph.from_networkx(nxg)
    assert graph.actor("a").label is None
    assert graph.actor("b").label == "Bea"
    assert graph.number_of_relations == 2
    with pytest.raises(RecordTypeError):
        EcologyGraph.from_networkx({"a": {}})  # type: ignore[arg-type]


def _nurse_and_director() -> nx.MultiGraph[str]:
    nxg: nx.MultiGraph[str] = nx.MultiGraph()
    nxg.add_node("n", sphere="professional", authority="member")
    nxg.add_node("d", sphere="professional", authority="managerial")
    nxg.add_edge("n", "d", relation_type="bonding")
    return nxg


def test_a_graph_exported_under_another_policy_loads_under_it() -> None:
    """The recorded policy rebuilds the graph: neither reclassified nor refused."""
    exported = EcologyGraph(
        actors=[actor("n", P), actor("d", P, MANAGERIAL)],
        relations=[("n", "d")],
        policy=CAPTION_READING_POLICY,
    ).to_networkx()
    back = EcologyGraph.from_networkx(exported)
    assert back.policy == CAPTION_READING_POLICY
    assert [r.primary for r in back.relations()] == [B]


def test_an_explicit_policy_is_checked_against_the_declared_types() -> None:
    """Without a recorded policy, the declared bonding is a mismatch by default."""
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(_nurse_and_director())
    assert info.value.problems[0].code == "relation_type_mismatch"
    graph = EcologyGraph.from_networkx(
        _nurse_and_director(), policy=CAPTION_READING_POLICY
    )
    assert graph.policy is CAPTION_READING_POLICY
    with pytest.raises(TypeError, match="ClassificationPolicy"):
        EcologyGraph.from_networkx(_nurse_and_director(), policy="caption_reading")  # type: ignore[arg-type]


def test_a_recorded_policy_that_cannot_be_read_is_a_problem() -> None:
    """Bad policy attributes are located; unknown values name the accepted ones."""
    nxg = _nurse_and_director()
    nxg.graph.update(DEFAULT_POLICY.to_attributes())
    nxg.graph["policy_organisation_authority"] = "boss"
    nxg.graph["policy"] = "mine"
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    problem = info.value.problems[0]
    assert problem.path == "graph.policy_organisation_authority"
    assert "public_authority" in problem.message
    nxg.graph.clear()
    nxg.graph["policy"] = "no_such_policy"
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    assert info.value.problems[0].path == "graph.policy"
    assert "caption_reading" in info.value.problems[0].message


def test_a_format_1_0_level_attribute_is_migrated_and_reported() -> None:
    """level becomes authority through the documented table, with a warning."""
    nxg: nx.MultiGraph[str] = nx.MultiGraph()
    nxg.add_node("p", sphere="community", level="micro")
    nxg.add_node("o", sphere="community", level="meso", kind="organisation")
    nxg.add_edge("p", "o", relation_type="linking")
    with pytest.warns(MigrationWarning, match="2 field.* authority levels") as record:
        graph = EcologyGraph.from_networkx(nxg)
    assert graph.actor("p").authority is MEMBER
    assert graph.actor("o").authority is MANAGERIAL
    (warning,) = [w.message for w in record if isinstance(w.message, MigrationWarning)]
    assert [c.path for c in warning.changes] == ["nodes['p'].level", "nodes['o'].level"]
    assert {c.code for c in warning.changes} == {"migrated_level"}
    nxg.nodes["p"]["authority"] = "member"
    nxg.nodes["o"]["level"] = "mezzo"
    with pytest.raises(ValidationError) as info:
        EcologyGraph.from_networkx(nxg)
    paths = {p.path: p.code for p in info.value.problems}
    assert paths == {
        "nodes['p'].level": "ambiguous",
        "nodes['o'].level": "unknown_term",
    }


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
                organisations=["assoc", "ministry"],
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
                role=Role.ASSOCIATION_VOLUNTEER,
            ),
            Organisation(
                id="ministry",
                name="Ministry of health",
                sphere=P,
                authority=PUBLIC,
                role=Role.DECISION_MAKER,
            ),
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
        "ministry",
        "n1@professional:member",
        "n1@community:member",
    }
    assert expected_ids == {a.id for a in graph.actors()}
    nurse = graph.actor("n1@professional:member")
    caregiver = graph.actor("n1@community:member")
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
        association.authority,
        association.label,
    ) == (ActorKind.ORGANISATION, C, None, "Caregivers' association")
    assert graph.actor("ministry").authority is PUBLIC
    found = {
        (frozenset((r.source, r.target)), r.relation.engagement_id): r.primary
        for r in graph.relations()
    }
    assert {
        (frozenset({"p1", "p2"}), "peer-group"): B,
        (frozenset({"n1@professional:member", "p1"}), "ward"): BR,
        (frozenset({"g1", "m1"}), "policy"): L,
        (frozenset({"n1@community:member", "p2"}), "home"): B,
        # An association that states no authority bonds with its members ...
        (frozenset({"assoc", "n1@community:member"}), "home"): B,
        (frozenset({"assoc", "p2"}), "home"): B,
        # ... a ministry with public authority links to them.
        (frozenset({"ministry", "n1@community:member"}), "home"): L,
        (frozenset({"ministry", "p2"}), "home"): L,
    } == found
    ward = next(r for r in graph.relations() if r.relation.engagement_id == "ward")
    assert (PartialDate(2023, 1, 1), PartialDate(2023, 6, 30)) == (
        ward.relation.start,
        ward.relation.end,
    )
    policy = next(r for r in graph.relations() if r.relation.engagement_id == "policy")
    assert EngagementDegree.CONSULTATION is policy.relation.degree
    assert recount(graph) == {B: 4, BR: 1, L: 3}
    # The legacy policy reads the association's missing authority as managerial.
    legacy = EcologyGraph.from_engagements(_register(), policy=LEGACY_1_0_POLICY)
    assert recount(legacy) == {B: 2, BR: 1, L: 5}
    assert legacy.policy is LEGACY_1_0_POLICY


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
    assert bare.actor("n1@professional:member").label is None  # no register names
    assert {a.id for a in bare.actors()} == {
        a.id for a in EcologyGraph.from_engagements(register).actors()
    }
    with pytest.raises(RecordTypeError):
        EcologyGraph.from_engagements(["not an engagement"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="ClassificationPolicy"):
        EcologyGraph.from_engagements(register, policy=None)  # type: ignore[arg-type]


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
        organisations=[Organisation(id="x", name="X", sphere=C)],
    )
    with pytest.raises(DuplicateIdError):
        EcologyGraph.from_engagements(register)


@given(pms.registers(max_engagements=5, max_people=6), POLICIES)
def test_from_engagements_relates_every_pair_of_participants(
    register: Register, policy: Any
) -> None:
    """One relation per pair of participants and engagement, classified by role."""
    profiles: dict[str, set[tuple[Sphere, Authority]]] = {}
    for engagement in register.engagements:
        for p in engagement.participants:
            profiles.setdefault(p.person_id, set()).add((p.sphere, p.authority))
    single_profile_people = {pid for pid, found in profiles.items() if len(found) == 1}
    listed = {o for e in register.engagements for o in e.organisations}
    if listed & single_profile_people:
        # An organisation and a person would share a node id.
        with pytest.raises(DuplicateIdError):
            EcologyGraph.from_engagements(register)
        return
    graph = EcologyGraph.from_engagements(register, policy=policy)
    expected = 0
    for engagement in register.engagements:
        n = len(engagement.participants)
        expected += n * (n - 1) // 2 + n * len(engagement.organisations)
    assert expected == graph.number_of_relations
    for item in graph.relations():
        a, b = graph.actor(item.source), graph.actor(item.target)
        assert expected_types(a, b, policy) == set(item.types)
    people = [a for a in graph.actors() if a.kind is ActorKind.PERSON]
    assert sum(len(v) for v in profiles.values()) == len(
        [a for a in people if (a.person_id or a.id) in profiles]
    )
    for person_id, person_profiles in profiles.items():
        if len(person_profiles) == 1:
            assert person_id in graph
        for sphere, authority in person_profiles:
            if len(person_profiles) > 1:
                persona = graph.actor(f"{person_id}@{sphere.value}:{authority.value}")
                assert (sphere, authority, person_id) == (
                    persona.sphere,
                    persona.authority,
                    persona.person_id,
                )


@given(
    pms.ecology_graphs(max_actors=5, max_relations=12, policies=POLICIES),
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), st.booleans())),
)
def test_additions_and_removals_keep_copies_apart(
    graph: EcologyGraph, operations: list[tuple[int, int, bool]]
) -> None:
    """Parallel additions and removals on a graph never show in its copy."""
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
    assert before == snapshot(other)
    assert sum(1 for _ in graph.relations()) == graph.number_of_relations
    assert recount(graph) == recount(graph.copy())


@given(pms.ecology_graphs(max_actors=6, max_relations=12), POLICIES)
def test_with_policy_reclassifies_and_keeps_everything_else(
    graph: EcologyGraph, policy: Any
) -> None:
    """Same actors, relations and keys; the new policy's types."""
    other = graph.with_policy(policy)
    assert other.policy == policy
    assert list(other.actors()) == list(graph.actors())
    assert sorted(
        (r.source, r.target, r.key, r.relation) for r in other.relations()
    ) == sorted((r.source, r.target, r.key, r.relation) for r in graph.relations())
    for item in other.relations():
        a, b = other.actor(item.source), other.actor(item.target)
        assert expected_primary(a, b, policy) is item.primary
    with pytest.raises(TypeError, match="ClassificationPolicy"):
        graph.with_policy("default")  # type: ignore[arg-type]
