"""Tests of partnership_model.dynamic_gexf: GEXF 1.3 with spells, schema and round trip."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from lxml import etree

from partnership_model import strategies as pms
from partnership_model.dates import PartialDate
from partnership_model.dynamic_gexf import (
    GEXF_NAMESPACE,
    read_dynamic_gexf,
    write_dynamic_gexf,
)
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.exceptions import (
    RecordTypeError,
    RelationTypeMismatchWarning,
    ValidationError,
)
from partnership_model.policy import CAPTION_READING_POLICY
from partnership_model.vocabulary import ActorKind, EngagementDegree, Role

day = dt.date
SCHEMA_FILE = Path(__file__).parent / "fixtures" / "gexf-1.3" / "gexf.xsd"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def _ecology() -> EcologyGraph:
    return EcologyGraph(
        actors=[
            Actor.from_role("p1", Role.PATIENT, label="Émilie « É » & co"),
            Actor.from_role("c1", Role.CLINICIAN),
            Actor.from_role("d1", Role.DECISION_MAKER, person_id="dora"),
            Actor.from_role(
                "t1", Role.THIRD_PARTY, kind=ActorKind.ORGANISATION, label="t1"
            ),
            Actor.from_role("alone", Role.PATIENT),
        ],
        relations=[
            Relation(
                source="p1",
                target="c1",
                engagement_id="committee",
                degree=EngagementDegree.PARTNERSHIP,
                start=day(2020, 1, 1),
                end=day(2020, 12, 31),
            ),
            Relation(source="p1", target="c1", start=day(2021, 1, 1)),
            Relation(source="c1", target="d1", end=day(2019, 6, 30)),
            ("t1", "p1"),
        ],
    )


def _bytes(graph: EcologyGraph) -> bytes:
    buffer = io.BytesIO()
    write_dynamic_gexf(graph, buffer)
    return buffer.getvalue()


def _read(text: str | bytes, **options: object) -> EcologyGraph:
    content = text.encode() if isinstance(text, str) else text
    return read_dynamic_gexf(io.BytesIO(content), **options)  # type: ignore[arg-type]


# -- the export -------------------------------------------------------------------------


def test_the_export_is_valid_gexf_1_3(schema: etree.XMLSchema) -> None:
    document = etree.fromstring(_bytes(_ecology()))
    assert schema.validate(document), schema.error_log
    assert document.get("version") == "1.3"
    graph = document.find(f"{{{GEXF_NAMESPACE}}}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")


def test_a_document_the_schema_refuses_is_refused(schema: etree.XMLSchema) -> None:
    """The schema check can fail: a spell outside <spells> is invalid GEXF."""
    text = _bytes(_ecology()).replace(b"<spells>", b"<spell><spells>", 1)
    text = text.replace(b"</spells>", b"</spells></spell>", 1)
    assert not schema.validate(etree.fromstring(text))


@settings(max_examples=40, deadline=None)
@given(pms.ecology_graphs(max_actors=6, max_relations=10))
def test_every_export_is_valid(graph: EcologyGraph) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))
    assert schema.validate(etree.fromstring(_bytes(graph))), schema.error_log


def test_spells_follow_the_window_rule() -> None:
    root = etree.fromstring(_bytes(_ecology()))
    ns = {"g": GEXF_NAMESPACE}

    def spells(xpath: str) -> list[tuple[str | None, str | None]]:
        return [
            (s.get("start"), s.get("end"))
            for s in root.findall(f"{xpath}/g:spells/g:spell", ns)
        ]

    edges = root.findall(".//g:edge", ns)
    assert [
        (e.get("source"), e.get("target"), spells(f".//g:edge[@id='{e.get('id')}']"))
        for e in edges
    ] == [
        ("p1", "c1", [("2020-01-01", "2020-12-31")]),
        ("p1", "c1", [("2021-01-01", None)]),
        ("p1", "t1", []),  # undated: no spell
        ("c1", "d1", [(None, "2019-06-30")]),
    ]
    # An actor's spells: the merged spans of its dated relations (2020 and
    # 2021- touch, so they merge).
    assert spells(".//g:node[@id='p1']") == [("2020-01-01", None)]
    assert spells(".//g:node[@id='c1']") == [(None, "2019-06-30"), ("2020-01-01", None)]
    assert spells(".//g:node[@id='t1']") == []
    assert spells(".//g:node[@id='alone']") == []


def test_networkx_reads_the_export() -> None:
    graph = _ecology()
    G = nx.read_gexf(io.BytesIO(_bytes(graph)), version="1.3")  # noqa: N806
    assert isinstance(G, nx.MultiGraph)
    assert G.graph["mode"] == "dynamic"
    assert sorted(G.nodes) == sorted(a.id for a in graph.actors())
    assert G.number_of_edges() == graph.number_of_relations
    committee = G.edges["p1", "c1", 0]
    assert committee["relation_type"] == "bridging"
    assert committee["start"] == "2020-01-01"
    assert committee["spells"] == [("2020-01-01", "2020-12-31")]
    # networkx reads an open side of a spell as the text "None".
    assert G.edges["p1", "c1", 1]["spells"] == [("2021-01-01", "None")]
    assert G.nodes["p1"]["label"] == "Émilie « É » & co"
    assert G.nodes["d1"]["person_id"] == "dora"


def test_the_export_is_reproducible(tmp_path: Path) -> None:
    write_dynamic_gexf(_ecology(), tmp_path / "a.gexf")
    write_dynamic_gexf(_ecology(), str(tmp_path / "b.gexf"))
    assert (tmp_path / "a.gexf").read_bytes() == (tmp_path / "b.gexf").read_bytes()


def test_the_writer_refuses_what_xml_cannot_hold() -> None:
    graph = EcologyGraph(actors=[Actor.from_role("a", Role.PATIENT, label="bell\x07")])
    with pytest.raises(ValidationError) as caught:
        _bytes(graph)
    assert caught.value.problems[0].code == "xml_invalid_char"
    with pytest.raises(RecordTypeError):
        write_dynamic_gexf("graph", io.BytesIO())  # type: ignore[arg-type]


# -- the round trip ----------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    graph = _ecology().with_policy(CAPTION_READING_POLICY)
    path = tmp_path / "ecology.gexf"
    write_dynamic_gexf(graph, path)
    back = read_dynamic_gexf(path)
    assert back == graph
    assert back.policy == CAPTION_READING_POLICY
    assert back.actor("t1").label == "t1"  # labelled, though equal to the id
    assert back.actor("c1").label is None
    keys = sorted((r.source, r.target, r.key) for r in back.relations())
    assert keys == sorted((r.source, r.target, r.key) for r in graph.relations())


@settings(max_examples=60, deadline=None)
@given(
    pms.ecology_graphs(
        max_actors=7, max_relations=12, policies=pms.classification_policies()
    )
)
def test_round_trip_property(graph: EcologyGraph) -> None:
    assert _read(_bytes(graph)) == graph


# -- what the reader accepts from other tools ----------------------------------------------

_GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2024-01-01"><creator>Gephi 0.10</creator></meta>
  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
    <attributes class="node">
      <attribute id="0" title="sphere" type="string"/>
      <attribute id="1" title="authority" type="string">
        <default>member</default>
      </attribute>
    </attributes>
    <nodes>
      <node id="a" label="Ann">
        <attvalues><attvalue for="0" value="community"/></attvalues>
        <viz:color r="1" g="2" b="3"/>
      </node>
      <node id="b" label="b">
        <attvalues><attvalue for="0" value="professional"/></attvalues>
        <spells><spell start="2020-01-01" end="2020-06-30"/></spells>
      </node>
    </nodes>
    <edges>
      <edge id="e1" source="a" target="b">
        <spells><spell start="2020-01-01" end="2020-06-30"/></spells>
      </edge>
      <edge id="e2" source="a" target="b" start="2023-01-01"/>
    </edges>
  </graph>
</gexf>
"""


def test_a_gephi_file_takes_its_dates_from_the_spells() -> None:
    graph = _read(_GEPHI, extra="ignore")
    assert graph.actor("a").label == "Ann"
    assert graph.actor("b").label is None  # the label equals the id
    dates = sorted(
        (str(r.relation.start), str(r.relation.end)) for r in graph.relations()
    )
    assert dates == [("2020-01-01", "2020-06-30"), ("2023-01-01", "None")]


def test_viz_is_refused_unless_ignored() -> None:
    with pytest.raises(ValidationError) as caught:
        _read(_GEPHI)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("<stream>:14", "unknown_key"),  # <viz:color>
        ("<stream>:16", "spell_mismatch"),  # b's spell misses the edge of 2023
    ]


# -- hostile and careless input: refused, with the line ---------------------------------------


def _document(
    *,
    graph_attributes: str = 'mode="dynamic" timeformat="date"',
    node_extra: str = "",
    edge: str = '<edge id="0" source="a" target="b"/>',
    root: str = 'xmlns="http://gexf.net/1.3" version="1.3"',
) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gexf {root}>
  <graph {graph_attributes}>
    <attributes class="node">
      <attribute id="sphere" title="sphere" type="string"/>
      <attribute id="authority" title="authority" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="start" title="start" type="string"/>
      <attribute id="end" title="end" type="string"/>
      <attribute id="crosses_sphere" title="crosses_sphere" type="boolean"/>
    </attributes>
    <nodes>
      <node id="a"><attvalues><attvalue for="sphere" value="community"/><attvalue for="authority" value="member"/></attvalues>{node_extra}</node>
      <node id="b"><attvalues><attvalue for="sphere" value="professional"/><attvalue for="authority" value="member"/></attvalues></node>
    </nodes>
    <edges>
      {edge}
    </edges>
  </graph>
</gexf>
"""


def test_the_minimal_document_reads() -> None:
    graph = _read(_document())
    assert graph.number_of_relations == 1


_SPELL = '<spells><spell start="2020-01-01" end="2020-02-01"/></spells>'
_VALUES = '<attvalues><attvalue for="start" value="2020-01-01"/><attvalue for="end" value="2020-02-01"/></attvalues>'


@pytest.mark.parametrize(
    ("document", "code", "line"),
    [
        (
            _document(graph_attributes='mode="dynamic" timeformat="double"'),
            "timeformat",
            3,
        ),
        (
            _document(
                graph_attributes='mode="dynamic"',
                edge=f'<edge id="0" source="a" target="b">{_SPELL}</edge>',
            ),
            "timeformat",
            3,
        ),
        (
            _document(
                graph_attributes='mode="static" timeformat="date"',
                edge=f'<edge id="0" source="a" target="b">{_SPELL}</edge>',
            ),
            "gexf_mode",
            3,
        ),
        (
            _document(
                graph_attributes='mode="dynamic" timeformat="date" timerepresentation="timestamp"'
            ),
            "unsupported_gexf",
            3,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b" timestamp="2020-01-01"/>'
            ),
            "unsupported_gexf",
            18,
        ),
        (
            _document(
                edge=(
                    '<edge id="0" source="a" target="b"><attvalues>'
                    '<attvalue for="start" value="2020-01-01" start="2020-01-01"/>'
                    "</attvalues></edge>"
                )
            ),
            "unsupported_gexf",
            18,
        ),
        (
            _document(
                edge=(
                    '<edge id="0" source="a" target="b">'
                    '<attvalues><attvalue for="start" value="2019-01-01"/></attvalues>'
                    f"{_SPELL}</edge>"
                )
            ),
            "spell_mismatch",
            18,
        ),
        (
            _document(
                edge=f'<edge id="0" source="a" target="b">{_VALUES}'
                '<spells><spell start="2020-01-01"/></spells></edge>'
            ),
            "spell_mismatch",
            18,
        ),
        (
            _document(
                edge=(
                    '<edge id="0" source="a" target="b"><spells>'
                    '<spell start="2020-01-01" end="2020-02-01"/>'
                    '<spell start="2021-01-01" end="2021-02-01"/>'
                    "</spells></edge>"
                )
            ),
            "several_spells",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b" start="2021-01-01">'
                f"{_SPELL}</edge>"
            ),
            "several_spells",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"><spells>'
                '<spell start="2020-02-01" end="2020-01-01"/></spells></edge>'
            ),
            "date_order",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"><spells>'
                '<spell start="2020-13-01"/></spells></edge>'
            ),
            "invalid_date",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"><spells><spell/></spells></edge>'
            ),
            "missing",
            18,
        ),
        (_document(node_extra=_SPELL), "spell_mismatch", 14),
        (
            _document(node_extra='<foo xmlns="urn:other"/>'),
            "foreign_markup",
            14,
        ),
        (
            _document(node_extra='<parents><parent for="b"/></parents>'),
            "unsupported_gexf",
            14,
        ),
        (
            _document(node_extra='<nodes><node id="c"/></nodes>'),
            "unsupported_gexf",
            14,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b" xmlns:o="urn:o" o:x="1"/>'
            ),
            "foreign_markup",
            18,
        ),
        (
            _document(edge='<edge id="0" source="a" target="b" weight="2"/>'),
            "unknown_key",
            18,
        ),
        (
            _document(edge='<edge id="0" source="a" target="b" type="directed"/>'),
            "directed",
            18,
        ),
        (
            _document(
                graph_attributes='mode="dynamic" timeformat="date" defaultedgetype="directed"'
            ),
            "directed",
            3,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"><attvalues>'
                '<attvalue for="weight" value="2"/></attvalues></edge>'
            ),
            "unknown_attribute",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"><attvalues>'
                '<attvalue for="crosses_sphere" value="maybe"/></attvalues></edge>'
            ),
            "wrong_type",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"/><edge id="0" source="b" target="a"/>'
            ),
            "duplicate_id",
            18,
        ),
        (
            _document(
                edge='<edge id="0" source="a" target="b"><attvalues>'
                '<attvalue for="start" value="2020-1-1"/></attvalues></edge>'
            ),
            "invalid",
            18,
        ),
        (
            _document(root='xmlns="http://gexf.net/1.3" version="1.2"'),
            "gexf_version",
            2,
        ),
        (
            _document(root='xmlns="http://www.gexf.net/1.2draft" version="1.2"'),
            "gexf_version",
            2,
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE gexf [<!ENTITY x "y">]>\n<gexf/>',
            "forbidden_xml",
            2,
        ),
        ('<?xml version="1.0"?>\n<gexf>\n<graph>\n</gexf>', "xml_syntax", 4),
    ],
)
def test_hostile_input_is_refused_at_its_line(
    document: str, code: str, line: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(document)
    codes = {p.code for p in caught.value.problems}
    assert code in codes, caught.value.problems
    found = next(p for p in caught.value.problems if p.code == code)
    assert found.path == f"<stream>:{line}", found


def test_crossing_a_declared_type_is_checked() -> None:
    document = _document(
        edge='<edge id="0" source="a" target="b"><attvalues>'
        '<attvalue for="crosses_sphere" value="false"/></attvalues></edge>'
    )
    with pytest.raises(ValidationError) as caught:
        _read(document)
    assert caught.value.problems[0].code == "relation_type_mismatch"
    with pytest.warns(RelationTypeMismatchWarning):
        _read(document, mismatch="warn")


def test_node_spells_the_relations_do_not_imply_can_be_dropped() -> None:
    graph = _read(_document(node_extra=_SPELL), extra="ignore")
    assert graph.number_of_relations == 1


def test_node_spells_the_relations_imply_are_accepted() -> None:
    document = _document(
        node_extra=_SPELL, edge=f'<edge id="0" source="a" target="b">{_SPELL}</edge>'
    )
    (relation,) = _read(document).relations()
    assert (relation.relation.start, relation.relation.end) == (
        PartialDate.from_date(day(2020, 1, 1)),
        PartialDate.from_date(day(2020, 2, 1)),
    )


def test_every_problem_is_reported() -> None:
    document = _document(
        graph_attributes='mode="dynamic" timeformat="double"',
        edge='<edge id="0" source="a" target="b" weight="1"/>',
    )
    with pytest.raises(ValidationError) as caught:
        _read(document)
    assert {p.code for p in caught.value.problems} >= {"timeformat", "unknown_key"}


def test_text_where_none_belongs_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        _read(_document(node_extra="stray text"))
    assert caught.value.problems[0].code == "xml_structure"


def test_sources_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        read_dynamic_gexf(tmp_path / "missing.gexf")
    assert caught.value.problems[0].code == "io"
    with pytest.raises(RecordTypeError):
        read_dynamic_gexf(42)  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        read_dynamic_gexf(io.StringIO("<gexf/>"))  # type: ignore[arg-type]


def test_error_messages_name_the_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        _read(_document(graph_attributes='mode="dynamic" timeformat="dateTime"'))
    assert re.search(r"timeformat 'dateTime'", str(caught.value))
