"""Tests of partnership_model.metrics against brute-force oracles and hand checks."""

from __future__ import annotations

import doctest
import math
from collections.abc import Hashable, Mapping

import networkx as nx
import pytest
from hypothesis import given, strategies as st

from ecology_oracle import compared_authority, expected_primary, expected_types
from partnership_model import (
    ActorKind,
    Authority,
    RelationType,
    Role,
    Sphere,
    metrics,
    strategies as pms,
)
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.metrics import (
    BrokerageRole,
    actor_ei_index,
    actor_relation_counts,
    broker_centrality,
    brokerage_roles,
    brokers,
    ei_index,
    group_ei_index,
    isolated_actors,
    relation_counts,
    relation_shares,
    silos,
    unlinked_to_macro,
    unlinked_to_public_authority,
)
from partnership_model.policy import CAPTION_READING_POLICY

B, BR, L = RelationType.BONDING, RelationType.BRIDGING, RelationType.LINKING
C, P = Sphere.COMMUNITY, Sphere.PROFESSIONAL
MEMBER, MANAGERIAL, PUBLIC = Authority
GRAPHS = pms.ecology_graphs(
    max_actors=9, max_relations=18, policies=pms.classification_policies()
)


def actor(
    actor_id: str, sphere: Sphere = C, authority: Authority = MEMBER, **kw: object
) -> Actor:
    return Actor(id=actor_id, sphere=sphere, authority=authority, **kw)  # type: ignore[arg-type]


# -- oracles: written from the definitions, on the exported networkx graph ------------


def primary(graph: EcologyGraph, u: str, v: str) -> RelationType:
    return expected_primary(graph.actor(u), graph.actor(v), graph.policy)


def oracle_counts(graph: EcologyGraph) -> dict[RelationType, int]:
    nxg = graph.to_networkx()
    counts = dict.fromkeys(RelationType, 0)
    for u, v in nxg.edges():
        counts[primary(graph, u, v)] += 1
    return counts


def oracle_groups(
    graph: EcologyGraph, partition: str | Mapping[str, Hashable]
) -> dict[str, Hashable]:
    if partition == "sphere":
        return {a.id: a.sphere.value for a in graph.actors()}
    if partition == "authority":
        return {
            a.id: getattr(compared_authority(a, graph.policy), "value", None)
            for a in graph.actors()
        }
    assert isinstance(partition, Mapping)
    return dict(partition)


def oracle_ei(graph: EcologyGraph, groups: Mapping[str, Hashable]) -> float | None:
    nxg = graph.to_networkx()
    external = sum(1 for u, v in nxg.edges() if groups[u] != groups[v])
    internal = nxg.number_of_edges() - external
    if external + internal == 0:
        return None
    return (external - internal) / (external + internal)


def oracle_brokerage(
    adjacency: Mapping[str, set[str]], groups: Mapping[str, Hashable]
) -> dict[str, dict[str, int]]:
    """Enumerate every ordered pair of non-adjacent neighbours of every actor."""
    result = {}
    for v, neighbours in adjacency.items():
        counts = dict.fromkeys(
            ["coordinator", "itinerant", "gatekeeper", "representative", "liaison"], 0
        )
        for a in neighbours:
            for c in neighbours:
                if a == c or c in adjacency[a]:
                    continue
                ga, gv, gc = groups[a], groups[v], groups[c]
                if ga == gv == gc:
                    counts["coordinator"] += 1
                elif ga == gc:
                    counts["itinerant"] += 1
                elif gv == gc:
                    counts["gatekeeper"] += 1
                elif ga == gv:
                    counts["representative"] += 1
                else:
                    counts["liaison"] += 1
        result[v] = counts
    return result


def adjacency_of(graph: EcologyGraph) -> dict[str, set[str]]:
    nxg = graph.to_networkx()
    return {n: set(nxg[n]) - {n} for n in nxg}


def as_values(
    roles: Mapping[str, Mapping[BrokerageRole, int]],
) -> dict[str, dict[str, int]]:
    return {a: {r.value: n for r, n in counts.items()} for a, counts in roles.items()}


def same_float(expected: float | None, actual: float | None) -> bool:
    """Both undefined (None, never NaN), or both defined and close."""
    if expected is None or actual is None:
        return expected is None and actual is None
    return not math.isnan(actual) and math.isclose(expected, actual)


def test_doctests() -> None:
    """The examples in the module's docstrings run."""
    result = doctest.testmod(metrics)
    assert result.attempted > 10
    assert result.failed == 0


# -- counts ------------------------------------------------------------------------------


@given(GRAPHS)
def test_relation_counts_equal_a_brute_force_recount(graph: EcologyGraph) -> None:
    """Every type is a key and the counts match a recount."""
    counts = relation_counts(graph)
    assert set(RelationType) == set(counts)
    assert oracle_counts(graph) == counts
    assert graph.number_of_relations == sum(counts.values())


@given(GRAPHS)
def test_shares_and_per_actor_counts(graph: EcologyGraph) -> None:
    """Shares divide the counts; per-actor counts match a recount."""
    shares = relation_shares(graph)
    counts = oracle_counts(graph)
    total = sum(counts.values())
    for kind in RelationType:
        assert same_float(counts[kind] / total if total else None, shares[kind])
    nxg = graph.to_networkx()
    expected = {n: dict.fromkeys(RelationType, 0) for n in nxg}
    for u, v in nxg.edges():
        kind = primary(graph, u, v)
        expected[u][kind] += 1
        expected[v][kind] += 1
    assert expected == actor_relation_counts(graph)


def test_counts_of_an_empty_graph() -> None:
    """Zeros everywhere; shares are undefined (None), never NaN or a misleading 0."""
    empty = EcologyGraph(actors=[actor("a")])
    assert relation_counts(empty) == {B: 0, BR: 0, L: 0}
    assert relation_shares(empty) == {B: None, BR: None, L: None}
    assert actor_relation_counts(empty) == {"a": {B: 0, BR: 0, L: 0}}
    with pytest.raises(RecordTypeError):
        relation_counts(nx.Graph())  # type: ignore[arg-type]


# -- E-I ----------------------------------------------------------------------------------


@given(GRAPHS, st.sampled_from(["sphere", "authority"]))
def test_ei_index_matches_the_definition(graph: EcologyGraph, partition: str) -> None:
    """Whole, group and actor E-I agree with brute force."""
    groups = oracle_groups(graph, partition)
    assert same_float(oracle_ei(graph, groups), ei_index(graph, partition=partition))  # type: ignore[arg-type]
    nxg = graph.to_networkx()
    by_actor = actor_ei_index(graph, partition=partition)  # type: ignore[arg-type]
    for node in nxg:
        ext = sum(1 for _, v in nxg.edges(node) if groups[v] != groups[node])
        internal = nxg.degree(node) - ext
        expected = (ext - internal) / (ext + internal) if ext + internal else None
        assert same_float(expected, by_actor[node])
    by_group = group_ei_index(graph, partition=partition)  # type: ignore[arg-type]
    labels = {getattr(g, "value", None) for g in by_group}
    assert set(groups.values()) == labels
    for label in labels:
        members = {n for n in nxg if groups[n] == label}
        ext = sum(1 for u, v in nxg.edges() if (u in members) != (v in members))
        internal = sum(1 for u, v in nxg.edges() if u in members and v in members)
        expected = (ext - internal) / (ext + internal) if ext + internal else None
        found = next(
            value for g, value in by_group.items() if getattr(g, "value", None) == label
        )
        assert same_float(expected, found)


def karate() -> tuple[EcologyGraph, dict[str, str], nx.Graph[str]]:
    """Zachary's karate club, the two factions as the two spheres."""
    club = nx.relabel_nodes(nx.karate_club_graph(), str)
    factions = {n: club.nodes[n]["club"] for n in club}
    sphere = {"Mr. Hi": C, "Officer": P}
    graph = EcologyGraph(
        actors=[actor(n, sphere[factions[n]]) for n in club],
        relations=list(club.edges()),
    )
    return graph, factions, club


def test_ei_index_on_the_karate_club() -> None:
    """E-I of the two factions, by sphere and by an explicit mapping."""
    graph, factions, club = karate()
    external = sum(1 for u, v in club.edges() if factions[u] != factions[v])
    internal = club.number_of_edges() - external
    expected = (external - internal) / (external + internal)
    assert club.number_of_edges() == 78
    assert same_float(expected, ei_index(graph))
    assert same_float(expected, ei_index(graph, partition=factions))
    assert same_float(-1.0, ei_index(graph, partition="authority"))
    by_group = group_ei_index(graph, partition=factions)
    assert {"Mr. Hi", "Officer"} == set(by_group)
    hi = {n for n in club if factions[n] == "Mr. Hi"}
    ext = sum(1 for u, v in club.edges() if (u in hi) != (v in hi))
    internal_hi = sum(1 for u, v in club.edges() if u in hi and v in hi)
    assert same_float((ext - internal_hi) / (ext + internal_hi), by_group["Mr. Hi"])
    assert same_float(by_group["Mr. Hi"], group_ei_index(graph)[C])


def test_ei_index_hand_checked() -> None:
    """A triangle of two patients and a clinician, plus an isolated actor."""
    graph = EcologyGraph(
        actors=[actor("p1"), actor("p2"), actor("c", P), actor("alone", P, PUBLIC)],
        relations=[("p1", "p2"), ("p1", "c"), ("p2", "c"), ("p1", "c")],
    )
    # E = 3 bridging relations (one pair twice), I = 1.
    assert same_float(0.5, ei_index(graph))
    assert same_float(-1.0, ei_index(graph, partition="authority"))
    by_actor = actor_ei_index(graph)
    assert same_float(1.0, by_actor["c"])
    assert same_float((2 - 1) / 3, by_actor["p1"])
    assert by_actor["alone"] is None
    by_group = group_ei_index(graph)
    assert same_float((3 - 1) / 4, by_group[C])
    assert same_float(1.0, by_group[P])
    assert ei_index(EcologyGraph()) is None
    assert ei_index(EcologyGraph(), partition="authority") is None
    assert group_ei_index(EcologyGraph()) == {}


def test_partition_level_is_a_deprecated_alias_of_authority() -> None:
    """partition="level" warns and groups by authority."""
    graph = EcologyGraph(
        actors=[actor("a"), actor("m", P, MANAGERIAL), actor("d", P, PUBLIC)],
        relations=[("a", "m"), ("m", "d"), ("a", "d")],
    )
    for function in (ei_index, group_ei_index, actor_ei_index, brokerage_roles):
        with pytest.warns(DeprecationWarning, match='partition="authority"'):
            old = function(graph, partition="level")
        assert old == function(graph, partition="authority")


def test_authority_partition_puts_unstated_organisations_in_a_group() -> None:
    """Organisations that state no authority form a group (key None)."""
    graph = EcologyGraph(
        actors=[actor("a"), Actor(id="o", sphere=C, kind=ActorKind.ORGANISATION)],
        relations=[("a", "o")],
    )
    assert set(group_ei_index(graph, partition="authority")) == {MEMBER, None}
    assert same_float(1.0, ei_index(graph, partition="authority"))


def test_partition_errors() -> None:
    """Unknown partition names and incomplete mappings are refused."""
    graph = EcologyGraph(actors=[actor("a"), actor("b")], relations=[("a", "b")])
    with pytest.raises(InvalidRecordError):
        ei_index(graph, partition="kind")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError) as info:
        group_ei_index(graph, partition={"a": 1})
    assert info.value.value == "b"
    with pytest.raises(RecordTypeError):
        actor_ei_index(graph, partition=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError):
        brokerage_roles(graph, partition={"b": 1})


# -- brokers, silos, isolates, reach ----------------------------------------------------------


def test_brokers_isolates_and_tiers() -> None:
    """Brokers sit between unrelated actors; tiers are brokers by role."""
    # The path p1 - p2 - c - m - tiers: bonding, bridging, linking, bonding.
    graph = EcologyGraph(
        actors=[
            actor("p1"),
            actor("p2"),
            actor("c", P),
            actor("m", P, MANAGERIAL),
            Actor.from_role("tiers", Role.THIRD_PARTY, kind=ActorKind.ORGANISATION),
            actor("alone"),
        ],
        relations=[("p1", "p2"), ("p2", "c"), ("c", "m"), ("m", "tiers")],
    )
    assert {"p2", "c", "m", "tiers"} == brokers(graph)
    assert {"p2", "c", "m"} == brokers(graph, include_tiers=False)
    assert {"p2", "c", "tiers"} == brokers(graph, types=[BR])
    assert {"p2", "c"} == brokers(graph, types=[BR], include_tiers=False)
    assert {"c", "m", "tiers"} == brokers(graph, types=[L])
    # p1 bonds but is an end of the path: it sits between nobody.
    assert {"p2", "m", "tiers"} == brokers(graph, types=[B])
    assert {"alone"} == isolated_actors(graph)
    with pytest.raises(RecordTypeError):
        brokers(graph, types=["bridging"])  # type: ignore[list-item]


def test_a_triangle_has_no_broker() -> None:
    """Three actors who all know each other: no structural hole (Burt1992)."""
    graph = EcologyGraph(
        actors=[actor("p"), actor("c", P), actor("d", P, PUBLIC)],
        relations=[("p", "c"), ("c", "d"), ("d", "p")],
    )
    assert relation_counts(graph)[B] == 0  # every relation bridges or links
    assert brokers(graph) == frozenset()


def test_a_path_across_spheres_makes_its_middle_a_broker() -> None:
    """p - c - q with p and q unrelated: c brokers by bridging, p and q do not."""
    graph = EcologyGraph(
        actors=[actor("p"), actor("c", P), actor("q")],
        relations=[("p", "c"), ("c", "q"), ("p", "c")],
    )
    assert brokers(graph) == {"c"}
    graph.add_relation("p", "q")
    assert brokers(graph) == frozenset()


def test_a_star_whose_leaves_know_each_other_has_no_broker() -> None:
    """An organisation tied to people who are all tied to each other brokers nothing."""
    people = [actor(f"p{i}") for i in range(3)] + [actor("c", P), actor("m", P, PUBLIC)]
    hub = Actor(id="hub", sphere=P, authority=MANAGERIAL, kind=ActorKind.ORGANISATION)
    ids = [a.id for a in people]
    graph = EcologyGraph(
        actors=[hub, *people],
        relations=[("hub", i) for i in ids]
        + [(i, j) for n, i in enumerate(ids) for j in ids[n + 1 :]],
    )
    assert brokers(graph) == frozenset()
    graph.remove_relation("p0", "p1", 0)
    # p2 now sits between p0 and p1, but by bonding relations only.
    assert brokers(graph) == {"hub", "c", "m"}
    assert "p2" in brokers(graph, types=[B])


def oracle_brokers(
    graph: EcologyGraph, wanted: set[RelationType], *, include_tiers: bool = True
) -> set[str]:
    """Every open two-path i - b - j, by brute force on the exported graph."""
    nxg = nx.Graph(graph.to_networkx())
    found = {
        a.id for a in graph.actors() if include_tiers and a.role is Role.THIRD_PARTY
    }
    for b in nxg:
        for i in nxg[b]:
            for j in nxg[b]:
                if i == j or nxg.has_edge(i, j):
                    continue
                ends = (graph.actor(i), graph.actor(j))
                if any(
                    expected_types(graph.actor(b), end, graph.policy) & wanted
                    for end in ends
                ):
                    found.add(b)
    return found


@given(GRAPHS, st.sets(st.sampled_from(list(RelationType))), st.booleans())
def test_brokers_match_the_definition(
    graph: EcologyGraph, wanted: set[RelationType], include_tiers: bool
) -> None:
    """Brokers span an open two-path by a wanted relation (or are tiers)."""
    assert oracle_brokers(graph, {BR, L}) == brokers(graph)
    assert oracle_brokers(graph, wanted, include_tiers=include_tiers) == brokers(
        graph, types=wanted, include_tiers=include_tiers
    )


@pytest.mark.parametrize("include_organisations", [True, False])
def test_the_example_register_has_fewer_brokers_than_actors(
    include_organisations: bool,
) -> None:
    """Engagements are cliques: most actors broker nothing (issue 11)."""
    from partnership_model import examples

    graph = EcologyGraph.from_engagements(
        examples.load_register(), include_organisations=include_organisations
    )
    everyone = {a.id for a in graph.actors()}
    found = brokers(graph)
    assert found < everyone
    assert found  # some actors do sit between engagements
    assert found == oracle_brokers(graph, {BR, L})
    bridging_or_linking = {
        a.id
        for a in graph.actors()
        if any(r.types & {BR, L} for r in graph.relations_of(a.id))
    }
    assert found - brokers(graph, include_tiers=False) <= {
        a.id for a in graph.actors() if a.role is Role.THIRD_PARTY
    }
    assert brokers(graph, include_tiers=False) < bridging_or_linking


def test_silos_hand_checked() -> None:
    """Two closed bonding groups are silos; a group touching a bridge is not."""
    graph = EcologyGraph(
        actors=[
            actor("p1"),
            actor("p2"),
            actor("p3"),
            actor("c1", P),
            actor("c2", P),
            actor("q1"),
            actor("q2"),
            actor("n", P),
            actor("alone"),
        ],
        relations=[
            ("p1", "p2"),
            ("p2", "p3"),
            ("p1", "p2"),
            ("c1", "c2"),
            ("q1", "q2"),
            ("q2", "n"),
        ],
    )
    assert [frozenset({"p1", "p2", "p3"}), frozenset({"c1", "c2"})] == silos(graph)
    assert silos(EcologyGraph()) == []


@given(GRAPHS)
def test_silos_are_the_all_bonding_components(graph: EcologyGraph) -> None:
    """Silos equal the components (size >= 2) whose relations all bond."""
    nxg = graph.to_networkx()
    expected = []
    for component in nx.connected_components(nxg):
        if len(component) < 2:
            continue
        edges = nxg.subgraph(component).edges(data=True)
        if all(d["relation_type"] == "bonding" for _, _, d in edges):
            expected.append(frozenset(component))
    assert sorted(expected, key=sorted) == sorted(silos(graph), key=sorted)


@given(GRAPHS, st.sets(st.sampled_from(list(RelationType))) | st.none())
def test_unlinked_to_public_authority_matches_reachability(
    graph: EcologyGraph, via: set[RelationType] | None
) -> None:
    """Unlinked actors have no walkable path to a holder of public authority."""
    nxg = graph.to_networkx()
    walk: nx.Graph[str] = nx.Graph()
    walk.add_nodes_from(nxg)
    for u, v in nxg.edges():
        types = expected_types(graph.actor(u), graph.actor(v), graph.policy)
        if via is None or types & via:
            walk.add_edge(u, v)
    holders = [
        a.id
        for a in graph.actors()
        if compared_authority(a, graph.policy) is Authority.PUBLIC_AUTHORITY
    ]
    expected = {n for n in nxg if not any(nx.has_path(walk, n, m) for m in holders)}
    assert expected == unlinked_to_public_authority(graph, via=via)


def test_unlinked_to_public_authority_without_any_holder() -> None:
    """Without a holder of public authority, everyone is unlinked."""
    graph = EcologyGraph(actors=[actor("a"), actor("b", P)], relations=[("a", "b")])
    assert {"a", "b"} == unlinked_to_public_authority(graph)


def test_unlinked_to_macro_is_a_deprecated_alias() -> None:
    """The old name warns and reads authority, not the Montreal level."""
    graph = EcologyGraph(
        actors=[actor("p"), actor("d", P, PUBLIC), actor("q")],
        relations=[("p", "d")],
    )
    with pytest.warns(DeprecationWarning, match="unlinked_to_public_authority"):
        assert unlinked_to_macro(graph) == {"q"}


def test_brokers_follow_the_policy() -> None:
    """Everyone tied to one association: no brokers by default (issue 11)."""
    association = Actor(id="assoc", sphere=C, kind=ActorKind.ORGANISATION)
    members = [actor(f"v{i}") for i in range(4)]
    graph = EcologyGraph(
        actors=[association, *members],
        relations=[("assoc", m.id) for m in members],
    )
    assert brokers(graph) == frozenset()
    assert silos(graph) == [frozenset({"assoc", *(m.id for m in members)})]
    # Two nurses who do not know each other, each related to one director.
    nurses, director = [actor("n1", P), actor("n2", P)], actor("dir", P, MANAGERIAL)
    ward = EcologyGraph(
        actors=[*nurses, director], relations=[("n1", "dir"), ("dir", "n2")]
    )
    assert brokers(ward) == {"dir"}
    caption = ward.with_policy(CAPTION_READING_POLICY)
    assert brokers(caption) == frozenset()
    assert brokers(caption, types=[B]) == {"dir"}
    assert silos(caption) == [frozenset({"n1", "n2", "dir"})]


# -- brokerage roles --------------------------------------------------------------------------


def test_brokerage_roles_hand_checked() -> None:
    """Each role on a tiny path or star, checked by hand."""
    # Itinerant: a professional between two patients, twice (both directions).
    graph = EcologyGraph(
        actors=[actor("p1"), actor("p2"), actor("c", P)],
        relations=[("p1", "c"), ("c", "p2")],
    )
    roles = brokerage_roles(graph)
    assert roles["c"][BrokerageRole.ITINERANT] == 2
    assert sum(roles["p1"].values()) == 0
    # Representative and gatekeeper: a patient between a patient and a nurse.
    graph = EcologyGraph(
        actors=[actor("p1"), actor("p2"), actor("c", P)],
        relations=[("p1", "p2"), ("p2", "c")],
    )
    middle = brokerage_roles(graph)["p2"]
    assert middle[BrokerageRole.REPRESENTATIVE] == 1
    assert middle[BrokerageRole.GATEKEEPER] == 1
    assert middle[BrokerageRole.COORDINATOR] + middle[BrokerageRole.LIAISON] == 0
    # Coordinator; closing the triangle removes the brokerage.
    graph = EcologyGraph(
        actors=[actor("a"), actor("b"), actor("c")], relations=[("a", "b"), ("b", "c")]
    )
    assert brokerage_roles(graph)["b"][BrokerageRole.COORDINATOR] == 2
    graph.add_relation("a", "c")
    assert all(n == 0 for r in brokerage_roles(graph).values() for n in r.values())
    # Liaison needs three groups: member, managerial and public authority.
    graph = EcologyGraph(
        actors=[
            actor("member"),
            actor("manager", P, MANAGERIAL),
            actor("d", P, PUBLIC),
        ],
        relations=[("member", "manager"), ("manager", "d")],
    )
    roles = brokerage_roles(graph, partition="authority")
    assert roles["manager"][BrokerageRole.LIAISON] == 2
    assert brokerage_roles(graph)["manager"][BrokerageRole.LIAISON] == 0


def test_brokerage_roles_on_the_karate_club() -> None:
    """Karate club with its factions: brute-force census and symmetry."""
    graph, factions, club = karate()
    adjacency = {n: set(club[n]) for n in club}
    expected = oracle_brokerage(adjacency, factions)
    assert expected == as_values(brokerage_roles(graph))
    assert expected == as_values(brokerage_roles(graph, partition=factions))
    # Mr. Hi (node 0) brokers a lot inside his own faction.
    assert expected["0"]["coordinator"] > 0
    assert sum(r["liaison"] for r in expected.values()) == 0


@given(GRAPHS, st.sampled_from(["sphere", "authority"]))
def test_brokerage_roles_match_brute_force(graph: EcologyGraph, partition: str) -> None:
    """The fast census equals the enumeration, and is symmetric."""
    groups = oracle_groups(graph, partition)
    roles = brokerage_roles(graph, partition=partition)  # type: ignore[arg-type]
    assert oracle_brokerage(adjacency_of(graph), groups) == as_values(roles)
    for counts in roles.values():
        assert set(BrokerageRole) == set(counts)
        assert counts[BrokerageRole.GATEKEEPER] == counts[BrokerageRole.REPRESENTATIVE]
        assert counts[BrokerageRole.COORDINATOR] % 2 == 0


def test_brokerage_role_vocabulary() -> None:
    """Bilingual labels, the source, and sna's codes as aliases."""
    assert [r.value for r in BrokerageRole] == [
        "coordinator",
        "itinerant",
        "gatekeeper",
        "representative",
        "liaison",
    ]
    assert BrokerageRole.ITINERANT is BrokerageRole.parse("w_O")
    assert BrokerageRole.GATEKEEPER is BrokerageRole.parse("b_OI")
    assert BrokerageRole.LIAISON is BrokerageRole.parse("Agent de liaison")
    assert BrokerageRole.REPRESENTATIVE.label("fr") == "Représentant"
    assert BrokerageRole.COORDINATOR.sources == ("GouldFernandez1989",)


# -- betweenness --------------------------------------------------------------------------------


def test_broker_centrality_is_networkx_betweenness_and_forwards_backend() -> None:
    """Betweenness on the simple graph; backend= reaches networkx."""
    graph, _, club = karate()
    graph.add_relation("0", "1")  # a parallel relation changes nothing
    expected = nx.betweenness_centrality(club)
    found = broker_centrality(graph)
    assert set(expected) == set(found)
    assert all(math.isclose(expected[n], found[n]) for n in expected)
    assert found == broker_centrality(graph, backend="networkx")
    sample = broker_centrality(graph, k=10, seed=1)
    assert sample == broker_centrality(graph, k=10, seed=1)
    with pytest.raises(ImportError, match="not-a-backend"):
        broker_centrality(graph, backend="not-a-backend")
