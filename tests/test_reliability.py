"""Reliability: hostile and malformed input, fuzzing, and regression tests (issue 8).

* every document of the corpus in ``tests/malformed/`` is refused with a
  library error that names where the problem is, quickly;
* hypothesis mutates valid registers and node-link documents and feeds
  arbitrary JSON and bytes to every reader: they load to the value the
  constructors build, or raise a ``ValidationError``, never anything else;
* regression tests for the bugs this work found.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from partnership_model import Role, exchange
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.exceptions import ValidationError

# -- regression tests -----------------------------------------------------------------

GRAPHML_HEAD = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="sphere" for="node" attr.name="sphere" attr.type="string"/>
  <key id="level" for="node" attr.name="level" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="engagement" for="edge" attr.name="engagement_id" attr.type="string"/>
"""


def graphml(body: str, *, head: str = GRAPHML_HEAD) -> bytes:
    """A GraphML document whose graph holds *body*."""
    return (
        f'{head}  <graph edgedefault="undirected">\n{body}  </graph>\n</graphml>\n'
    ).encode()


def gml_node(node_id: str, label: str = "", sphere: str = "community") -> str:
    text = f'    <node id="{node_id}"><data key="sphere">{sphere}</data>'
    text += '<data key="level">micro</data>'
    if label:
        text += f'<data key="label">{label}</data>'
    return text + "</node>\n"


GEXF_HEAD = """<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="sphere" type="string"/>
      <attribute id="1" title="level" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="2" title="engagement_id" type="string"/>
    </attributes>
"""


def gexf(nodes: str, edges: str = "", *, head: str = GEXF_HEAD) -> bytes:
    """A GEXF 1.2 document with these nodes and edges."""
    return (
        f"{head}    <nodes>\n{nodes}    </nodes>\n    <edges>\n{edges}    </edges>\n"
        "  </graph>\n</gexf>\n"
    ).encode()


def gexf_node(node_id: str, label: str) -> str:
    return (
        f'      <node id="{node_id}" label="{label}"><attvalues>'
        '<attvalue for="0" value="community"/><attvalue for="1" value="micro"/>'
        "</attvalues></node>\n"
    )


def refused(reader: Any, document: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        reader(io.BytesIO(document))
    return caught.value


def test_gexf_attributes_of_an_unknown_class_are_refused() -> None:
    """networkx re-raises nothing (RuntimeError) on ``<attributes class="graph">``."""
    head = GEXF_HEAD.replace(
        '    <attributes class="edge"',
        '    <attributes class="graph"><attribute id="9" title="t" type="string"/>'
        '</attributes>\n    <attributes class="edge"',
    )
    error = refused(exchange.read_gexf, gexf(gexf_node("a", "A"), head=head))
    assert error.problems[0].code == "gexf"


def test_graphml_ports_are_refused_not_warned_about() -> None:
    """networkx only warns that it drops ports: a UserWarning escaped."""
    document = graphml(gml_node("a").replace("</node>", '<port name="p"/></node>'))
    error = refused(exchange.read_graphml, document)
    assert "port" in error.problems[0].message


def test_graphml_keys_without_a_type_are_read_as_strings() -> None:
    """GraphML's default attr.type is string; networkx warned (an escape)."""
    head = GRAPHML_HEAD.replace(
        ' attr.name="label" attr.type="string"', ' attr.name="label"'
    )
    graph = exchange.read_graphml(io.BytesIO(graphml(gml_node("a", "Zoé"), head=head)))
    assert graph.actor("a").label == "Zoé"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_duplicate_node_ids_in_xml_are_refused(fmt: str) -> None:
    """networkx merged two nodes with the same id: one actor was lost."""
    if fmt == "graphml":
        document = graphml(gml_node("a", "One") + gml_node("b") + gml_node("a", "Two"))
        error = refused(exchange.read_graphml, document)
    else:
        nodes = gexf_node("a", "One") + gexf_node("b", "B") + gexf_node("a", "Two")
        document = gexf(nodes)
        error = refused(exchange.read_gexf, document)
    second = document[: document.index(b"Two")].count(b"\n") + 1
    assert (error.path, error.problems[0].code) == (
        f"<stream>:{second}",
        "duplicate_id",
    )
    assert "'a'" in error.problems[0].message


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_parallel_edges_sharing_an_id_are_refused(fmt: str) -> None:
    """networkx merged two edges with one id between the same nodes: a relation was lost."""
    if fmt == "graphml":
        edges = "".join(
            f'    <edge source="a" target="b" id="e0"><data key="engagement">{e}</data></edge>\n'
            for e in ("e1", "e2")
        )
        error = refused(
            exchange.read_graphml, graphml(gml_node("a") + gml_node("b") + edges)
        )
    else:
        edges = "".join(
            f'      <edge source="a" target="b" id="0"><attvalues><attvalue for="2" value="{e}"/></attvalues></edge>\n'
            for e in ("e1", "e2")
        )
        error = refused(
            exchange.read_gexf, gexf(gexf_node("a", "A") + gexf_node("b", "B"), edges)
        )
    assert error.problems[0].code == "duplicate_id"
    assert error.path == "<stream>"


def test_a_second_graphml_graph_is_refused() -> None:
    """networkx returned the first graph only: the second was silently dropped."""
    document = graphml(gml_node("a")).replace(
        b"</graphml>",
        b'<graph edgedefault="undirected"><node id="z"/></graph></graphml>',
    )
    error = refused(exchange.read_graphml, document)
    assert error.problems[0].code == "multiple_graphs"


def test_nodes_of_nested_graphml_graphs_are_not_lost() -> None:
    """networkx skips a nested graph unless yEd marks its node as a group."""
    document = graphml(
        gml_node("a").replace(
            "</node>",
            '<graph id="inner" edgedefault="undirected">'
            '<node id="hidden"><data key="sphere">community</data><data key="level">micro</data></node>'
            "</graph></node>",
        )
    )
    error = refused(exchange.read_graphml, document)
    assert "'hidden'" in error.problems[0].message


@pytest.mark.parametrize("element", ["node", "edge"])
def test_graphml_nodes_and_edges_need_their_ids(element: str) -> None:
    """networkx named a node without id (or an edge's missing end) 'None'."""
    if element == "node":
        body = gml_node("x").replace(' id="x"', "")
    else:
        body = gml_node("a") + '    <edge target="a"/>\n'
    error = refused(exchange.read_graphml, graphml(body))
    assert error.problems[0].code == "missing"
    assert error.path.startswith("<stream>:")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_attribute_defaults_apply_to_elements_without_a_value(fmt: str) -> None:
    """networkx kept ``<default>`` values aside: actors lost their label."""
    if fmt == "graphml":
        head = GRAPHML_HEAD.replace(
            'attr.name="label" attr.type="string"/>',
            'attr.name="label" attr.type="string"><default>Anonyme</default></key>',
        )
        document = graphml(gml_node("a") + gml_node("b", "Bea"), head=head)
        graph = exchange.read_graphml(io.BytesIO(document))
    else:
        head = GEXF_HEAD.replace(
            '<attribute id="2" title="engagement_id" type="string"/>',
            '<attribute id="2" title="engagement_id" type="string"><default>comité</default></attribute>',
        )
        edges = '      <edge source="a" target="b" id="0"/>\n'
        document = gexf(gexf_node("a", "A") + gexf_node("b", "B"), edges, head=head)
        graph = exchange.read_gexf(io.BytesIO(document))
    if fmt == "graphml":
        assert graph.actor("a").label == "Anonyme"
        assert graph.actor("b").label == "Bea"
    else:
        (relation,) = graph.relations()
        assert relation.relation.engagement_id == "comité"


def test_graphml_keeps_carriage_returns_in_labels() -> None:
    """XML parsers turn a raw CR into LF: the writer must escape it."""
    graph = EcologyGraph(
        actors=[
            Actor.from_role("a", Role.PATIENT, label="line 1\r\nline 2\rend"),
            Actor.from_role("b", Role.CLINICIAN, label="\ttabbed\n"),
        ],
        relations=[("a", "b")],
    )
    for write, read in (
        (exchange.write_graphml, exchange.read_graphml),
        (exchange.write_gexf, exchange.read_gexf),
    ):
        buffer = io.BytesIO()
        write(graph, buffer)
        assert read(io.BytesIO(buffer.getvalue())) == graph


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1f", "\ufffe", "\uffff"])
def test_xml_writers_refuse_text_xml_cannot_hold(character: str) -> None:
    """XML 1.0 cannot hold these characters: the writers made unreadable files."""
    graph = EcologyGraph(
        actors=[
            Actor.from_role("a", Role.PATIENT, label=f"bad{character}label"),
            Actor.from_role("b", Role.CLINICIAN),
        ],
        relations=[("a", "b")],
    )
    for write in (exchange.write_graphml, exchange.write_gexf):
        buffer = io.BytesIO()
        with pytest.raises(ValidationError) as caught:
            write(graph, buffer)
        assert caught.value.path == "nodes['a'].label"
        assert buffer.getvalue() == b""


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("directed", "yes", "$.directed"),
        ("multigraph", 1, "$.multigraph"),
        ("graph", 5, "$.graph"),
        ("graph", {"name": "secret"}, "$.graph.name"),
    ],
)
def test_node_link_header_keys_are_checked(key: str, value: object, path: str) -> None:
    """Wrong types in 'directed', 'multigraph' and 'graph' were silently accepted."""
    data = exchange.to_node_link(EcologyGraph())
    data[key] = value
    with pytest.raises(ValidationError) as caught:
        exchange.from_node_link(data)
    assert caught.value.path == path


def test_graphml_values_holding_markup_are_refused() -> None:
    """networkx took markup in a ``<data>`` for a yEd extension and dropped the value."""
    document = graphml(gml_node("a", "<b>Zoé</b>"))
    error = refused(exchange.read_graphml, document)
    assert (error.path, error.problems[0].code) == ("<stream>:8", "xml_structure")


def test_csv_syntax_errors_name_the_line_where_the_record_starts() -> None:
    """An unclosed quote was reported at the end of the file, not where it opens."""
    actors = (
        'id,sphere,level,label\np1,community,micro,"Émilie\nc1,professional,micro,\n'
    )
    relations = "source,target\n"
    with pytest.raises(ValidationError) as caught:
        exchange.read_csv(io.StringIO(actors), io.StringIO(relations))
    assert (caught.value.path, caught.value.problems[0].code) == (
        "actors.csv:2",
        "csv_syntax",
    )
