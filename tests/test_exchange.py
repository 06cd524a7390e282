"""Tests of partnership_model.exchange: round trips, hostile input, CSV leniency."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import doctest
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from partnership_model import (
    ActorKind,
    Authority,
    EngagementDegree,
    RelationType,
    Role,
    Sphere,
    exchange,
    strategies as pms,
    to_dict,
)
from partnership_model.dates import PartialDate
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.exceptions import (
    MigrationWarning,
    PartnershipModelError,
    RecordTypeError,
    RelationTypeMismatchWarning,
    SchemaVersionError,
    ValidationError,
)
from partnership_model.exchange import (
    from_node_link,
    read_csv,
    read_gexf,
    read_graphml,
    to_kumu,
    to_node_link,
    write_csv,
    write_gexf,
    write_graphml,
)
from partnership_model.policy import (
    CAPTION_READING_POLICY,
    DEFAULT_POLICY,
    LEGACY_1_0_POLICY,
)

C, P = Sphere.COMMUNITY, Sphere.PROFESSIONAL
MEMBER, MANAGERIAL, PUBLIC = Authority
GRAPHS = pms.ecology_graphs(
    max_actors=7, max_relations=12, policies=pms.classification_policies()
)
FILES = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def sample() -> EcologyGraph:
    """A graph with every attribute set somewhere, and non-ASCII text."""
    return EcologyGraph(
        actors=[
            Actor.from_role(
                "p1", Role.PATIENT_PARTNER, label="Émilie 🌱, « co-chair »"
            ),
            Actor.from_role(
                "n1@community:member", Role.FAMILY_CAREGIVER, person_id="n1"
            ),
            Actor.from_role("c1", Role.CLINICIAN, label='Dr "Quote", MD\nnight shift'),
            Actor.from_role("m1", Role.DECISION_MAKER, label="m1"),
            Actor(id="assoc", sphere=C, kind=ActorKind.ORGANISATION),
        ],
        relations=[
            ("p1", "n1@community:member"),
            ("p1", "c1"),
            Relation(
                source="c1",
                target="m1",
                engagement_id="comité-régional",
                degree=EngagementDegree.PARTNERSHIP,
                start=dt.date(1999, 12, 31),
                end=dt.date(2031, 1, 1),
            ),
            Relation(source="c1", target="m1", start=dt.date(2024, 2, 29)),
            ("assoc", "p1"),
        ],
    )


def test_doctests() -> None:
    """The examples in the module's docstrings run."""
    result = doctest.testmod(exchange)
    assert result.attempted > 5
    assert result.failed == 0


def test_sample_round_trips_through_every_format(tmp_path: Path) -> None:
    """The hand-made sample survives each format, files and streams alike."""
    graph = sample()
    assert graph == from_node_link(json.loads(json.dumps(to_node_link(graph))))
    write_graphml(graph, tmp_path / "g.graphml")
    assert graph == read_graphml(tmp_path / "g.graphml")
    write_gexf(graph, tmp_path / "g.gexf")
    assert graph == read_gexf(str(tmp_path / "g.gexf"))
    write_csv(graph, tmp_path / "actors.csv", tmp_path / "relations.csv")
    assert graph == read_csv(tmp_path / "actors.csv", tmp_path / "relations.csv")
    # networkx's own readers give graphs from_networkx accepts.
    assert graph == EcologyGraph.from_networkx(nx.read_graphml(tmp_path / "g.graphml"))
    assert graph == EcologyGraph.from_networkx(nx.read_gexf(tmp_path / "g.gexf"))


@given(GRAPHS)
def test_node_link_round_trip(graph: EcologyGraph) -> None:
    """Through JSON text, including keys and every attribute."""
    data = to_node_link(graph)
    assert "edges" in data
    assert "links" not in data
    assert graph == from_node_link(json.loads(json.dumps(data, ensure_ascii=False)))


@given(GRAPHS)
def test_graphml_round_trip(graph: EcologyGraph) -> None:
    """GraphML keeps every actor and relation."""
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    assert graph == read_graphml(io.BytesIO(buffer.getvalue()))
    assert graph == EcologyGraph.from_networkx(
        nx.read_graphml(io.BytesIO(buffer.getvalue()))
    )


@given(GRAPHS)
def test_gexf_round_trip(graph: EcologyGraph) -> None:
    """GEXF keeps every actor and relation, labels equal to ids included."""
    buffer = io.BytesIO()
    write_gexf(graph, buffer)
    assert graph == read_gexf(io.BytesIO(buffer.getvalue()))
    # networkx's reader ignores the <meta> that records the policy: pass it.
    assert graph == EcologyGraph.from_networkx(
        nx.read_gexf(io.BytesIO(buffer.getvalue())), policy=graph.policy
    )


@given(GRAPHS)
def test_csv_round_trip(graph: EcologyGraph) -> None:
    """The two CSV files keep every actor and relation."""
    actors, relations = io.StringIO(), io.StringIO()
    write_csv(graph, actors, relations)
    actors.seek(0)
    relations.seek(0)
    back = read_csv(actors, relations)
    # The policy is recorded on the relation rows: no relations, no policy.
    expected = graph if graph.number_of_relations else graph.with_policy(DEFAULT_POLICY)
    assert expected == back


# -- node-link ------------------------------------------------------------------------------


def test_node_link_refuses_the_legacy_links_key_with_a_hint() -> None:
    """One dialect (issue 13): 'links', which networkx wrote before 3.4, is refused."""
    data = to_node_link(sample())
    data["links"] = data.pop("edges")
    with pytest.raises(ValidationError) as info:
        from_node_link(data)
    found = {(p.path, p.code): p.message for p in info.value.problems}
    assert set(found) == {("$.links", "unknown_key"), ("$.edges", "missing")}
    assert "rename it 'edges'" in found["$.links", "unknown_key"]


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda d: d.update(directed=True), "$.directed", "invalid"),
        (lambda d: d.update(multigraph=False), "$.multigraph", "invalid"),
        (lambda d: d["edges"][0].update(key=None), "$.edges[0].key", "wrong_type"),
        (lambda d: d["edges"][0].update(key=1.0), "$.edges[0].key", "wrong_type"),
        (lambda d: d.pop("edges"), "$.edges", "missing"),
        (
            lambda d: d["edges"][2].update(start=" 1999-12-31 "),
            "$.edges[2].start",
            "invalid",
        ),
    ],
)
def test_node_link_has_one_dialect(
    change: Callable[[dict[str, Any]], object], path: str, code: str
) -> None:
    """What the writer never writes, the reader refuses (and so does the schema)."""
    data = to_node_link(sample())
    assert from_node_link(data) == sample()
    change(data)
    with pytest.raises(ValidationError) as info:
        from_node_link(data)
    assert (path, code) in {(p.path, p.code) for p in info.value.problems}


def test_a_node_link_document_with_its_version_reads_too() -> None:
    document = to_dict(sample())
    assert document["schema_version"] == "1.1"
    assert from_node_link(document) == sample()
    document["schema_version"] = "2.0"
    with pytest.raises(SchemaVersionError):
        from_node_link(document)


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["nodes"][3].update(sphere="Professionnels"), "$.nodes[3].sphere"),
        (lambda d: d["nodes"][3].pop("authority"), "$.nodes[3].authority"),
        (lambda d: d["nodes"][3].update(authority=2), "$.nodes[3].authority"),
        (lambda d: d["nodes"][3].update(level="macro"), "$.nodes[3].level"),
        (lambda d: d["graph"].update(policy="caption_reading"), "$.graph.policy"),
        (lambda d: d["graph"].update(colour="red"), "$.graph.colour"),
        (lambda d: d["graph"].pop("policy_precedence"), "$.graph.policy_precedence"),
        (lambda d: d["nodes"][0].pop("id"), "$.nodes[0].id"),
        (lambda d: d["nodes"].append("x"), "$.nodes[5]"),
        (lambda d: d["nodes"].append({"id": "p1", **d["nodes"][1]}), "$.nodes[5]"),
        (lambda d: d["edges"][0].update(target="ghost"), "$.edges[0].target"),
        (lambda d: d["edges"][0].pop("source"), "$.edges[0].source"),
        (lambda d: d["edges"][0].update(key="0"), "$.edges[0].key"),
        (lambda d: d["edges"][2].update(start="31/12/1999"), "$.edges[2].start"),
        (lambda d: d["edges"][3].update(end="1999-01-01"), "$.edges[3].end"),
        (
            lambda d: d["edges"][1].update(relation_type="bonding"),
            "$.edges[1].relation_type",
        ),
        (lambda d: d["edges"][1].update(weight=1), "$.edges[1].weight"),
        (lambda d: d.update(nodes={}), "$.nodes"),
        (lambda d: d.update(edges=None), "$.edges"),
        (lambda d: d.update(extra=1), "$.extra"),
    ],
)
def test_node_link_problems_have_json_paths(mutate: Any, path: str) -> None:
    """Each malformed document is refused with the offending path."""
    data = to_node_link(sample())
    mutate(data)
    with pytest.raises(ValidationError) as info:
        from_node_link(data)
    assert path in [p.path for p in info.value.problems]


def test_node_link_refuses_non_objects() -> None:
    """Anything but a mapping is refused with the root path."""
    documents: list[object] = [None, [], "nodes", 3]
    for document in documents:
        with pytest.raises(ValidationError) as info:
            from_node_link(document)
        assert info.value.path == "$"


def _mutations(data: Any) -> st.SearchStrategy[Any]:
    """Drop, duplicate, retype or rename keys anywhere in a document."""
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=5),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )

    @st.composite
    def mutate(draw: st.DrawFn) -> Any:
        document = copy.deepcopy(data)
        for _ in range(draw(st.integers(1, 3))):
            containers: list[Any] = [document]
            stack: list[Any] = [document]
            while stack:
                item = stack.pop()
                children = item.values() if isinstance(item, dict) else item
                for child in children:
                    if isinstance(child, dict | list):
                        containers.append(child)
                        stack.append(child)
            target = draw(st.sampled_from(containers))
            if isinstance(target, dict) and target:
                key = draw(st.sampled_from(sorted(target)))
                action = draw(st.sampled_from(["drop", "retype", "rename"]))
                if action == "drop":
                    del target[key]
                elif action == "retype":
                    target[key] = draw(junk)
                else:
                    target[key + draw(st.sampled_from(["_", "x", "S"]))] = target.pop(
                        key
                    )
            elif isinstance(target, list) and target:
                index = draw(st.integers(0, len(target) - 1))
                action = draw(st.sampled_from(["drop", "duplicate", "retype"]))
                if action == "drop":
                    del target[index]
                elif action == "duplicate":
                    target.append(copy.deepcopy(target[index]))
                else:
                    target[index] = draw(junk)
        return document

    return mutate()


@given(st.data())
def test_node_link_fuzz_only_raises_validation_errors(data: st.DataObject) -> None:
    """Mutated documents load or raise ValidationError, nothing else."""
    document = data.draw(_mutations(to_node_link(sample())))
    try:
        graph = from_node_link(document)
    except ValidationError as error:
        assert error.problems
        assert all(p.path.startswith("$") for p in error.problems)
    else:
        assert isinstance(graph, EcologyGraph)


# -- XML ----------------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="undirected">
<node id="a"><data key="d0">&lol9;</data></node>
</graph></graphml>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gexf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
<graph defaultedgetype="undirected"><nodes><node id="a" label="&xxe;"/></nodes></graph>
</gexf>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE graphml SYSTEM "http://example.invalid/graphml.dtd">
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]>
<gexf xmlns="http://www.gexf.net/1.2draft"/>
"""


@pytest.mark.parametrize(
    "document", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY]
)
@pytest.mark.parametrize("reader", [read_graphml, read_gexf])
def test_hostile_xml_is_refused_before_parsing(document: bytes, reader: Any) -> None:
    """DOCTYPE and entity declarations never reach networkx."""
    with pytest.raises(ValidationError) as info:
        reader(io.BytesIO(document))
    assert info.value.problems[0].code == "forbidden_xml"
    assert info.value.path.startswith("<stream>:")


def test_hostile_xml_from_a_file_names_the_file(tmp_path: Path) -> None:
    """Paths are 'file:line'."""
    target = tmp_path / "bomb.graphml"
    target.write_bytes(BILLION_LAUGHS)
    with pytest.raises(ValidationError) as info:
        read_graphml(target)
    assert info.value.path == "bomb.graphml:2"


@pytest.mark.parametrize(
    ("document", "code"),
    [
        (b"", "xml_syntax"),
        (b"<graphml><graph>", "xml_syntax"),
        (b"\xff\xfe<graphml/>", "xml_syntax"),
        (
            b"<graphml><graph><node id='a'><data key='d9'>x</data></node></graph></graphml>",
            "graphml",
        ),
        (
            (
                b"<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>"
                b"<graph edgedefault='undirected'><node id='a'/></graph></graphml>"
            ),
            "missing",
        ),
    ],
)
def test_malformed_graphml(document: bytes, code: str) -> None:
    """Malformed, unreadable or invalid GraphML is a ValidationError."""
    with pytest.raises(ValidationError) as info:
        read_graphml(io.BytesIO(document))
    assert code in {p.code for p in info.value.problems}


def test_gexf_versions_and_foreign_files() -> None:
    """GEXF 1.3 is refused; a foreign 1.2 file without 'labelled' is read."""
    with pytest.raises(ValidationError) as info:
        read_gexf(io.BytesIO(b'<gexf xmlns="http://gexf.net/1.3" version="1.3"/>'))
    assert info.value.problems[0].code == "gexf_version"
    foreign = b"""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
 <graph defaultedgetype="undirected">
  <attributes class="node">
   <attribute id="s" title="sphere" type="string"/>
   <attribute id="l" title="authority" type="string"/>
  </attributes>
  <nodes>
   <node id="a" label="a"><attvalues><attvalue for="s" value="community"/>
    <attvalue for="l" value="member"/></attvalues></node>
   <node id="b" label="Bob"><attvalues><attvalue for="s" value="professional"/>
    <attvalue for="l" value="member"/></attvalues></node>
  </nodes>
  <edges><edge id="e0" source="a" target="b"/></edges>
 </graph>
</gexf>"""
    graph = read_gexf(io.BytesIO(foreign))
    assert graph.actor("a").label is None
    assert graph.actor("b").label == "Bob"
    assert [r.primary for r in graph.relations()] == [RelationType.BRIDGING]


def test_xml_readers_refuse_text_streams() -> None:
    """A text stream is a programming error, not a document problem."""
    with pytest.raises(RecordTypeError):
        read_graphml(io.StringIO("<graphml/>"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        read_gexf(Path("/nonexistent/file.gexf"))


# -- Kumu ------------------------------------------------------------------------------------


def test_kumu_blueprint() -> None:
    """Elements and connections with unique ids, types and undirected links."""
    graph = sample()
    graph.add_actor(Actor(id="relation-1", sphere=C, authority=MEMBER))
    blueprint = to_kumu(graph, lang="fr")
    json.dumps(blueprint)
    assert {"elements", "connections"} == set(blueprint)
    elements, connections = blueprint["elements"], blueprint["connections"]
    assert [a.id for a in graph.actors()] == [e["id"] for e in elements]
    ids = [e["id"] for e in elements] + [c["id"] for c in connections]
    assert len(ids) == len(set(ids))
    assert graph.number_of_relations == len(connections)
    assert {"undirected"} == {c["direction"] for c in connections}
    by_id = {e["id"]: e for e in elements}
    assert by_id["p1"]["label"] == "Émilie 🌱, « co-chair »"
    assert by_id["assoc"]["label"] == "assoc"
    assert by_id["p1"]["type"] == "Membres de la communauté"
    assert by_id["n1@community:member"]["person id"] == "n1"
    linking = [c for c in connections if {c["from"], c["to"]} == {"c1", "m1"}]
    assert len(linking) == 2
    assert {RelationType.LINKING.label("fr")} == {c["type"] for c in linking}
    assert {"2024-02-29", "1999-12-31"} == {c["start"] for c in linking}
    assert {"default"} == {c["policy"] for c in connections}
    assert by_id["m1"]["authority"] == "public_authority"
    assert "Autorité publique" in by_id["m1"]["tags"]
    assert "authority" not in by_id["assoc"]
    for connection in connections:
        assert {"id", "from", "to", "type", "direction", "tags"} <= set(connection)
        assert connection["from"] in by_id
        assert connection["to"] in by_id


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_reads_human_typed_cells() -> None:
    """French labels, aliases, spaces in headers and labels, semicolons and a BOM."""
    actors = io.StringIO(
        "\ufeffId ; Sphere ; Authority ; Kind ; Role ; Label\n"
        "p1; Membres de la communauté ; Membre ; personne ; Patient partenaire ; Émilie \n"
        "m1;PROFESSIONNELS;autorité publique;;décideur;\n"
        "\n"
        "a1;community;;Organization;;\n"
    )
    relations = io.StringIO(
        "source,target,relation_type,degree,start,end\n"
        "p1,m1,Liens de rattachement,Partenariat,2024-01,\n"
        "a1,p1,bonding,,,\n"
    )
    graph = read_csv(actors, relations)
    p1 = graph.actor("p1")
    assert (
        p1.sphere,
        p1.authority,
        p1.role,
        p1.label,
    ) == (C, MEMBER, Role.PATIENT_PARTNER, " Émilie ")
    assert (
        graph.actor("m1").sphere,
        graph.actor("m1").authority,
        graph.actor("m1").role,
    ) == (P, PUBLIC, Role.DECISION_MAKER)
    assert graph.actor("a1").authority is None
    assert ActorKind.ORGANISATION is graph.actor("a1").kind
    relation = next(r for r in graph.relations() if r.relation.degree is not None)
    assert EngagementDegree.PARTNERSHIP is relation.relation.degree
    assert PartialDate(2024, 1) == relation.relation.start


@pytest.mark.parametrize(
    ("actors", "relations", "where"),
    [
        (" p1,community,member\nm1,professional,member\n", "p1,m1\n", "actors.csv:2"),
        (
            "p1,community,member\nm1,professional,member\n",
            "p1,m1,, 2024-01-31 \n",
            "relations.csv:2",
        ),
    ],
)
def test_csv_cells_are_read_with_the_records_rules(
    actors: str, relations: str, where: str
) -> None:
    """Regression (issue 13): ids and dates padded with spaces are refused, as in JSON."""
    with pytest.raises(ValidationError) as info:
        read_csv(
            io.StringIO("id,sphere,authority\n" + actors),
            io.StringIO("source,target,start\n" + relations.replace(",,", ",")),
        )
    assert (where, "invalid") in {(p.path, p.code) for p in info.value.problems}


def test_csv_collects_every_problem_with_file_and_line() -> None:
    """All problems of both files, each at file:line."""
    actors = io.StringIO(
        "id,sphere,authority\n"
        "p1,community,member\n"
        "p2,communité,member\n"
        "p1,professional,member\n"
        ",community,member\n"
        "c1,professional,member,surplus\n"
        "c2,professional,member\n"
        "c3,professional,\n"
    )
    relations = io.StringIO(
        "source,target,relation_type,start,end\n"
        "p1,c2,bonding,,\n"
        "p1,ghost,,,\n"
        "p1,c2,,2024-02-30,\n"
        "p1,c2,,2024-03-01,2024-01-01\n"
        "p1,p1,,,\n"
        ",c2,,,\n"
    )
    with pytest.raises(ValidationError) as info:
        read_csv(actors, relations)
    found = {(p.path, p.code) for p in info.value.problems}
    assert {
        ("actors.csv:6", "extra_cells"),
        ("actors.csv:3", "unknown_term"),
        ("actors.csv:4", "duplicate_id"),
        ("actors.csv:5", "missing"),
        ("actors.csv:8", "missing_authority"),
        ("relations.csv:3", "unknown_actor"),
        ("relations.csv:4", "invalid"),
        ("relations.csv:5", "date_order"),
        ("relations.csv:6", "self_loop"),
        ("relations.csv:7", "missing"),
        ("relations.csv:2", "relation_type_mismatch"),
    } == found
    assert all(p.message for p in info.value.problems)


def test_csv_mismatch_can_warn() -> None:
    """With mismatch='warn' the computed type is kept."""
    actors = io.StringIO(
        "id,sphere,authority\np,community,member\nc,professional,member\n"
    )
    relations = io.StringIO("source,target,relation_type\np,c,bonding\n")
    with pytest.warns(RelationTypeMismatchWarning, match="relations.csv:2"):
        graph = read_csv(actors, relations, mismatch="warn")
    assert [r.primary for r in graph.relations()] == [RelationType.BRIDGING]


@pytest.mark.parametrize(
    ("actors", "path", "code"),
    [
        ("id,authority\np1,member\n", "actors.csv:1", "missing_column"),
        ("id,sphere\np1,community\n", "actors.csv:2", "missing_authority"),
        ("id,sphere,authority,id\n", "actors.csv:1", "duplicate_column"),
        (
            "id,sphere,authority,notes\np1,community,member,x\n",
            "actors.csv:1",
            "unknown_key",
        ),
        (
            'id,sphere,authority\np1,"community"x,member\n',
            "actors.csv:2",
            "csv_syntax",
        ),
        (
            'id,sphere,authority\np1,community,"member\n',
            "actors.csv:2",
            "csv_syntax",
        ),
        ("", "actors.csv:1", "missing"),
    ],
)
def test_csv_structural_problems(actors: str, path: str, code: str) -> None:
    """Missing, duplicate or unknown columns, stray quotes and empty files."""
    with pytest.raises(ValidationError) as info:
        read_csv(io.StringIO(actors), io.StringIO("source,target\n"))
    assert (path, code) in {(p.path, p.code) for p in info.value.problems}


def test_csv_unknown_columns_can_be_ignored() -> None:
    """extra='ignore' reads the known columns only."""
    actors = io.StringIO("id,sphere,authority,notes\np1,community,member,x\n")
    graph = read_csv(actors, io.StringIO("source,target\n"), extra="ignore")
    assert [a.id for a in graph.actors()] == ["p1"]


def test_csv_files_are_named_and_decoded(tmp_path: Path) -> None:
    """Non-UTF-8 bytes are a problem at the right line; paths name the file."""
    actors = tmp_path / "team-actors.csv"
    actors.write_bytes(b"id,sphere,authority\np1,community,member\np2,caf\xe9,member\n")
    relations = tmp_path / "team-relations.csv"
    relations.write_text("source,target\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_csv(actors, relations)
    assert (info.value.path, info.value.problems[0].code) == (
        "team-actors.csv:3",
        "encoding",
    )
    with pytest.raises(ValidationError) as missing:
        read_csv(tmp_path / "nope.csv", relations)
    assert missing.value.path == "nope.csv"
    with pytest.raises(RecordTypeError):
        read_csv(3, relations)  # type: ignore[arg-type]


def test_csv_writes_tokens_and_iso_dates() -> None:
    """Written cells are value tokens, ISO dates, and empty when unset."""
    actors, relations = io.StringIO(), io.StringIO()
    write_csv(sample(), actors, relations)
    actor_lines = actors.getvalue().splitlines()
    assert actor_lines[0] == "id,sphere,authority,kind,role,label,person_id"
    assert (
        "n1@community:member,community,member,person,family_caregiver,,n1"
        in actor_lines
    )
    assert "assoc,community,,organisation,,," in actor_lines
    relation_text = relations.getvalue()
    assert relation_text.startswith(
        "source,target,relation_type,engagement_id,degree,start,end,policy"
    )
    assert (
        "c1,m1,linking,comité-régional,partnership,1999-12-31,2031-01-01,default"
        in relation_text
    )


def test_every_reader_error_is_a_library_error() -> None:
    """The readers' refusals are PartnershipModelError (ValueError) subclasses."""
    with pytest.raises(PartnershipModelError):
        from_node_link({"nodes": [{"id": 1}], "edges": []})
    with pytest.raises(ValueError, match="not a known Sphere"):
        from_node_link({"nodes": [{"id": "a", "sphere": "x", "authority": "member"}]})


def test_every_format_records_the_policy(tmp_path: Path) -> None:
    """A graph classified under another policy comes back under it."""
    graph = sample().with_policy(CAPTION_READING_POLICY)
    custom = sample().with_policy(
        attrs.evolve(DEFAULT_POLICY, name="two_ranks", min_authority_gap=2)
    )
    for g in (graph, custom):
        assert g == from_node_link(to_node_link(g))
        write_graphml(g, tmp_path / "g.graphml")
        assert g == read_graphml(tmp_path / "g.graphml")
        write_gexf(g, tmp_path / "g.gexf")
        assert g == read_gexf(tmp_path / "g.gexf")
        write_csv(g, tmp_path / "a.csv", tmp_path / "r.csv")
        assert g == read_csv(tmp_path / "a.csv", tmp_path / "r.csv")
        assert {g.policy.name} == {c["policy"] for c in to_kumu(g)["connections"]}
    relations = (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert '""policy"": ""two_ranks""' in relations
    # Reading under another policy is explicit, and checks the declared types.
    with pytest.raises(ValidationError) as info:
        read_graphml(tmp_path / "g.graphml", policy=LEGACY_1_0_POLICY)
    assert {"relation_type_mismatch"} == {p.code for p in info.value.problems}


def test_csv_policy_column_must_be_consistent() -> None:
    """Rows naming two policies, or a cell that is no policy, are refused."""
    actors = "id,sphere,authority\nn,professional,member\nd,professional,managerial\n"
    rows = "source,target,relation_type,policy\nn,d,bonding,caption_reading\n"
    graph = read_csv(io.StringIO(actors), io.StringIO(rows))
    assert graph.policy is CAPTION_READING_POLICY
    assert [r.primary for r in graph.relations()] == [RelationType.BONDING]
    two = rows + "d,n,linking,default\n"
    with pytest.raises(ValidationError) as info:
        read_csv(io.StringIO(actors), io.StringIO(two))
    assert "ambiguous" in {p.code for p in info.value.problems}
    bad = "source,target,policy\nn,d,{not json\n"
    with pytest.raises(ValidationError) as info:
        read_csv(io.StringIO(actors), io.StringIO(bad))
    assert ("relations.csv:2", "invalid") in {
        (p.path, p.code) for p in info.value.problems
    }
    unknown = "source,target,policy\nn,d,nonsense\n"
    with pytest.raises(ValidationError) as info:
        read_csv(io.StringIO(actors), io.StringIO(unknown))
    assert ("relations.csv:2", "unknown_policy") in {
        (p.path, p.code) for p in info.value.problems
    }


def test_format_1_0_files_are_migrated_with_a_warning(tmp_path: Path) -> None:
    """A level column or attribute is read as authority, and reported."""
    actors = io.StringIO("id,sphere,level\np,community,micro\nm,professional,macro\n")
    relations = io.StringIO("source,target,relation_type\np,m,linking\n")
    with pytest.warns(MigrationWarning, match="actors.csv:3") as record:
        graph = read_csv(actors, relations)
    assert graph.actor("m").authority is PUBLIC
    assert len(record) == 1
    data = to_node_link(sample())
    for node in data["nodes"]:
        if "authority" in node:
            node["level"] = {"member": "micro", "managerial": "meso"}.get(
                node.pop("authority"), "macro"
            )
    del data["graph"]
    with pytest.warns(MigrationWarning, match=r"\$\.nodes\[0\]\.level"):
        assert sample() == from_node_link(data)
    both = io.StringIO("id,sphere,level,authority\np,community,micro,member\n")
    with pytest.raises(ValidationError) as info:
        read_csv(both, io.StringIO("source,target\n"))
    assert info.value.problems[0].code == "ambiguous"


def test_csv_can_neutralise_formulas_for_spreadsheets() -> None:
    """CSV injection: cells a spreadsheet would run get an apostrophe on request."""
    graph = EcologyGraph(
        actors=[
            Actor.from_role("a", Role.PATIENT, label='=HYPERLINK("http://x")'),
            Actor.from_role("b", Role.CLINICIAN, label="@SUM(1)"),
            Actor.from_role("c", Role.CLINICIAN, label="plain"),
        ],
        relations=[("a", "b")],
    )
    safe, unsafe = io.StringIO(), io.StringIO()
    write_csv(graph, safe, io.StringIO(), spreadsheet_safe=True)
    write_csv(graph, unsafe, io.StringIO())
    safe_rows = list(csv.reader(io.StringIO(safe.getvalue())))
    unsafe_rows = list(csv.reader(io.StringIO(unsafe.getvalue())))
    labels = {row[0]: row[5] for row in safe_rows[1:]}
    assert labels == {"a": '\'=HYPERLINK("http://x")', "b": "'@SUM(1)", "c": "plain"}
    assert {row[0]: row[5] for row in unsafe_rows[1:]}["a"] == '=HYPERLINK("http://x")'


# -- one set of rules in every format (issue 13) -------------------------------------


def _written(fmt: str, graph: EcologyGraph) -> dict[str, bytes]:
    """The files *fmt* writes for *graph*."""
    if fmt == "csv":
        actors, relations = io.StringIO(), io.StringIO()
        write_csv(graph, actors, relations)
        return {
            "actors": actors.getvalue().encode(),
            "relations": relations.getvalue().encode(),
        }
    if fmt == "node-link":
        return {"data": json.dumps(to_dict(graph), ensure_ascii=False).encode()}
    buffer = io.BytesIO()
    (write_graphml if fmt == "graphml" else write_gexf)(graph, buffer)
    return {"data": buffer.getvalue()}


def _read(fmt: str, files: dict[str, bytes]) -> EcologyGraph:
    if fmt == "csv":
        return read_csv(
            io.StringIO(files["actors"].decode()),
            io.StringIO(files["relations"].decode()),
        )
    if fmt == "node-link":
        return from_node_link(json.loads(files["data"]))
    reader = read_graphml if fmt == "graphml" else read_gexf
    return reader(io.BytesIO(files["data"]))


@pytest.mark.parametrize("fmt", ["node-link", "graphml", "gexf", "csv", "networkx"])
@pytest.mark.parametrize(
    ("value", "written"),
    [(" 2024-02-29 ", None), ("2024-02-29 ", None), ("2024", PartialDate(2024))],
)
def test_every_format_reads_dates_with_the_records_rules(
    fmt: str, value: str, written: PartialDate | None
) -> None:
    """A padded date is refused everywhere, as in a register; a year stays a year."""
    graph = sample()
    if fmt == "networkx":
        G = graph.to_networkx()  # noqa: N806
        for _, _, data in G.edges(data=True):
            if data.get("start") == "2024-02-29":
                data["start"] = value
        read: Callable[[], EcologyGraph] = lambda: EcologyGraph.from_networkx(G)  # noqa: E731
    else:
        files = {
            name: content.replace(b"2024-02-29", value.encode())
            for name, content in _written(fmt, graph).items()
        }
        read = lambda: _read(fmt, files)  # noqa: E731
    if written is None:
        with pytest.raises(ValidationError) as info:
            read()
        assert "invalid" in {p.code for p in info.value.problems}
        return
    starts = {r.relation.start for r in read().relations()}
    assert written in starts
    assert PartialDate(2024, 2, 29) not in starts


@pytest.mark.parametrize("fmt", ["node-link", "graphml", "gexf", "csv"])
def test_every_format_refuses_an_invisible_character_in_an_id(fmt: str) -> None:
    """Issue 14: p1 and p1 + U+200B are not two actors in any format."""
    files = {
        name: content.replace(b"m1", "m\u200b1".encode())
        for name, content in _written(fmt, sample()).items()
    }
    with pytest.raises(ValidationError) as info:
        _read(fmt, files)
    assert "invalid" in {p.code for p in info.value.problems}
