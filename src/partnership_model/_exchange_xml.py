"""Private: the GraphML and GEXF readers and writers of :mod:`partnership_model.exchange`.

Public under :mod:`partnership_model.exchange`, which re-exports them.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
import xml.parsers.expat
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final, TypeAlias
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

import networkx as nx

from partnership_model._attributes import ExtraPolicy, MismatchPolicy, networkx_items
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import Problem, RecordTypeError, ValidationError
from partnership_model.policy import ClassificationPolicy

__all__ = ["read_gexf", "read_graphml", "write_gexf", "write_graphml"]

PathLike: TypeAlias = "str | os.PathLike[str]"
BinarySource: TypeAlias = "str | os.PathLike[str] | IO[bytes]"


def _check_graph(graph: object) -> EcologyGraph:
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph


def _fail(path: str, message: str, code: str) -> ValidationError:
    return ValidationError([Problem(path, message, code)])


class _RefusedXMLError(Exception):
    """Internal: the XML pre-scan met a construct it refuses."""


class _XMLScan:
    """What the pre-scan learnt about a GraphML or GEXF document.

    networkx merges nodes (and parallel edges) that share an id, skips a
    second graph and nested graphs, names a node without id ``"None"`` and
    drops a GraphML value holding markup: the scan finds these so that
    nothing is lost silently.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.namespace = ""
        self.depth = 0
        self.graphs = 0
        self.nodes: dict[str, str] = {}  # node id -> "file:line"
        self.edges = 0
        self.data_depth = 0  # depth of the GraphML <data> element we are in
        self.problems: list[Problem] = []
        self.meta = False  # inside the GEXF <meta> element
        self.description: str | None = None  # text of <meta><description>
        self.in_description = False

    def element(
        self, namespace: str, local: str, attributes: Mapping[str, str], where: str
    ) -> None:
        if self.data_depth == self.depth - 1 and namespace in (self.namespace, ""):
            message = f"<{local}> inside a value: write the value as text"
            self.problems.append(Problem(where, message, "xml_structure"))
        if namespace != self.namespace:
            return
        if local == "meta" and self.depth == 2:
            self.meta = True
        elif local == "description" and self.meta and self.depth == 3:
            self.in_description = True
            self.description = ""
        if local == "data" and not self.data_depth:
            self.data_depth = self.depth
        elif local == "graph" and self.depth == 2:
            self.graphs += 1
            if self.graphs == 2:
                self.problems.append(
                    Problem(
                        where,
                        "a second graph: one file holds one ecology",
                        "multiple_graphs",
                    )
                )
        elif local == "node":
            node_id = attributes.get("id")
            if node_id is None:
                self.problems.append(Problem(where, "a node has no id", "missing"))
            elif node_id in self.nodes:
                self.problems.append(
                    Problem(
                        where,
                        f"duplicate node id {node_id!r} (first at {self.nodes[node_id]})",
                        "duplicate_id",
                    )
                )
            else:
                self.nodes[node_id] = where
        elif local == "edge":
            self.edges += 1
            self.problems.extend(
                Problem(where, f"an edge has no {end}", "missing")
                for end in ("source", "target")
                if end not in attributes
            )

    def complete(self, G: nx.Graph[Any]) -> None:  # noqa: N803
        """Check that networkx kept every node and edge; apply attribute defaults."""
        problems = [
            Problem(
                where,
                f"node {node!r} sits in a nested graph, which is not read",
                "nested_graph",
            )
            for node, where in self.nodes.items()
            if node not in G
        ]
        if G.number_of_edges() < self.edges:
            problems.append(
                Problem(
                    self.name,
                    f"only {G.number_of_edges()} of the {self.edges} edges can be read: "
                    "parallel edges need distinct ids (and nested graphs are not read)",
                    "duplicate_id",
                )
            )
        if problems:
            raise ValidationError(problems)
        for kind, items in (("node_default", G.nodes), ("edge_default", G.edges)):
            defaults = G.graph.get(kind)
            if defaults:
                for attributes in items.values():
                    for key, value in defaults.items():
                        attributes.setdefault(key, value)


def _read_bytes(source: BinarySource) -> tuple[bytes, str]:
    """Return the content of *source* and a name for messages."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), path.name
        except OSError as error:
            raise _fail(path.name, f"cannot read the file: {error}", "io") from None
    if not hasattr(source, "read"):
        raise RecordTypeError("source", source, "expected a path or a binary file")
    content = source.read()
    if not isinstance(content, bytes):
        raise RecordTypeError("source", source, "expected a file opened in binary mode")
    return content, str(getattr(source, "name", "<stream>"))


def _guard_xml(content: bytes, name: str) -> _XMLScan:
    """Refuse DOCTYPE/ENTITY declarations; return what the scan found.

    The whole document is scanned with expat before networkx sees it. A
    handler raises as soon as a document type declaration starts, so no
    entity is ever declared, let alone expanded. Nodes without id, duplicate
    node ids, edges without ends and a second graph are refused too.
    """
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root: list[str] = []
    scan = _XMLScan(name)

    def refuse(*_args: object) -> None:
        msg = "DOCTYPE and ENTITY declarations are not allowed"
        raise _RefusedXMLError(msg)

    def refuse_external(*_args: object) -> int:
        msg = "external entities are not allowed"
        raise _RefusedXMLError(msg)

    def start(tag: str, attributes: dict[str, str]) -> None:
        scan.depth += 1
        namespace, _, local = tag.rpartition(" ")
        if not root:
            root.append(tag)
            scan.namespace = namespace
        else:
            where = f"{name}:{parser.CurrentLineNumber}"
            scan.element(namespace, local, attributes, where)

    def end(_tag: str) -> None:
        if scan.depth == scan.data_depth:
            scan.data_depth = 0
        if scan.depth == 2:
            scan.meta = False
        scan.in_description = False
        scan.depth -= 1

    def text(data: str) -> None:
        if scan.in_description:
            scan.description = (scan.description or "") + data

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(content, True)  # noqa: FBT003 - positional-only flag
    except _RefusedXMLError as error:
        line = parser.CurrentLineNumber
        raise _fail(f"{name}:{line}", str(error), "forbidden_xml") from None
    except xml.parsers.expat.ExpatError as error:
        raise _fail(
            f"{name}:{error.lineno}", f"not well-formed XML: {error}", "xml_syntax"
        ) from None
    except (LookupError, ValueError) as error:  # the declared encoding
        raise _fail(
            f"{name}:1", f"unsupported XML encoding: {error}", "encoding"
        ) from None
    if not root:
        raise _fail(name, "the document has no root element", "xml_syntax")
    if scan.problems:
        raise ValidationError(scan.problems)
    return scan


# Errors networkx's XML readers raise on malformed but well-formed documents.
_READER_ERRORS: Final = (
    nx.NetworkXError,
    ParseError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RuntimeError,  # includes RecursionError; networkx's GEXF reader has a bare raise
    UserWarning,  # made an error while reading GraphML: networkx drops ports
)

# Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_ready(graph: EcologyGraph) -> nx.MultiGraph[str]:
    """Export *graph* to networkx, refusing text that XML cannot hold."""
    G = _check_graph(graph).to_networkx()  # noqa: N806
    items: list[tuple[str, dict[str, Any]]] = [
        (f"nodes[{node!r}]", {"id": node, **attributes})
        for node, attributes in G.nodes(data=True)
    ]
    items.extend(
        (f"edges[{u!r}, {v!r}, {k!r}]", attributes)
        for u, v, k, attributes in G.edges(keys=True, data=True)
    )
    problems = [
        Problem(
            f"{path}.{field}",
            "XML cannot hold control characters other than tab and line breaks, "
            "nor U+FFFE or U+FFFF; use node-link JSON or CSV",
            "xml_invalid_char",
        )
        for path, attributes in items
        for field, value in attributes.items()
        if isinstance(value, str) and _NOT_XML.search(value)
    ]
    if problems:
        raise ValidationError(problems)
    return G


@nx.utils.open_file(1, mode="wb")
def _write_xml(content: bytes, path: Any) -> None:
    path.write(content)


def write_graphml(graph: EcologyGraph, path: PathLike | IO[bytes]) -> None:
    """Write the ecology as GraphML (UTF-8), with typed attribute keys.

    Args:
        graph: The ecology.
        path: A file path or a binary file object.

    Raises:
        ValidationError: A label or id holds a character XML cannot hold
            (a control character other than tab and line breaks); nothing is
            written.
    """
    buffer = io.BytesIO()
    nx.write_graphml(_xml_ready(graph), buffer, encoding="utf-8")
    # A raw CR in element text would be read back as LF: write it as a reference.
    _write_xml(buffer.getvalue().replace(b"\r", b"&#13;"), path)


def read_graphml(
    source: BinarySource,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Read an ecology from GraphML, refusing hostile XML first.

    Args:
        source: A file path or a binary file object.
        policy: The policy to classify with; ``None`` (default) takes the one
            the file records, or the default policy.
        mismatch: See :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`.
        extra: ``"raise"`` reports unknown attributes; ``"ignore"`` skips them.

    Raises:
        ValidationError: The file cannot be read, is not well-formed, declares
            a DOCTYPE or an entity, is not GraphML networkx can read, or
            describes invalid actors or relations.
    """
    content, name = _read_bytes(source)
    scan = _guard_xml(content, name)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", category=UserWarning)
            # GraphML's default attr.type is string, which networkx assumes.
            warnings.filterwarnings("ignore", "No key type for id", UserWarning)
            G = nx.read_graphml(  # noqa: N806
                io.BytesIO(content), node_type=str, force_multigraph=True
            )
    except _READER_ERRORS as error:
        raise _fail(name, f"not a readable GraphML graph: {error}", "graphml") from None
    scan.complete(G)
    return _from_networkx(G, policy=policy, mismatch=mismatch, extra=extra)


def _from_networkx(
    G: nx.Graph[Any],  # noqa: N803
    *,
    policy: ClassificationPolicy | None,
    mismatch: MismatchPolicy,
    extra: ExtraPolicy,
) -> EcologyGraph:
    """EcologyGraph.from_networkx, with warnings pointing at the reader's caller."""
    nodes, edges = networkx_items(G)
    return EcologyGraph._load(
        nodes,
        edges,
        graph_attributes=("graph", G.graph),
        policy=policy,
        mismatch=mismatch,
        extra=extra,
        tolerate_reader_ids=True,
        stacklevel=3,
    )


_GEXF_VERSIONS: Final = {
    "http://www.gexf.net/1.2draft": "1.2draft",
    "http://www.gexf.net/1.1draft": "1.1draft",
}


def write_gexf(graph: EcologyGraph, path: PathLike | IO[bytes]) -> None:
    """Write the ecology as GEXF 1.2 for Gephi.

    Node labels are the actors' labels (the id when there is none, as GEXF
    requires a label); a boolean ``labelled`` node attribute records which
    is which, so that reading the file back loses nothing. Relations with
    dates get GEXF ``start``/``end`` times. GEXF has no graph attributes:
    the classification policy is written, as a JSON object, in the
    document's ``<meta><description>``.

    Args:
        graph: The ecology.
        path: A file path or a binary file object.

    Raises:
        ValidationError: As :func:`write_graphml`.
    """
    G = _xml_ready(graph)  # noqa: N806
    for _node, attributes in G.nodes(data=True):
        attributes["labelled"] = "label" in attributes
    policy = json.dumps(graph.policy.to_attributes(), ensure_ascii=False)
    text = "\n".join(nx.generate_gexf(G, encoding="utf-8", version="1.2draft"))
    text = text.replace(
        "</creator>", f"</creator>\n    <description>{escape(policy)}</description>", 1
    )
    _write_xml(f"<?xml version='1.0' encoding='utf-8'?>\n{text}\n".encode(), path)


def read_gexf(
    source: BinarySource,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Read an ecology from GEXF (1.1 or 1.2), refusing hostile XML first.

    Files written by :func:`write_gexf` round-trip exactly, policy included.
    For files from other tools (no ``labelled`` attribute), a node label
    equal to the node id is taken as "no label"; a ``<meta><description>``
    that is not a JSON object with a ``policy`` key is ignored.

    Args:
        source: A file path or a binary file object.
        policy: The policy to classify with; ``None`` (default) takes the one
            the file records, or the default policy.
        mismatch: See :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`.
        extra: ``"raise"`` reports unknown attributes (Gephi's ``viz``, for
            instance); ``"ignore"`` skips them.

    Raises:
        ValidationError: As :func:`read_graphml`, or the GEXF version is not
            1.1 or 1.2.
    """
    content, name = _read_bytes(source)
    scan = _guard_xml(content, name)
    version = _GEXF_VERSIONS.get(scan.namespace)
    if version is None:
        raise _fail(
            name,
            f"not a GEXF 1.1 or 1.2 document (root namespace {scan.namespace!r})",
            "gexf_version",
        )
    try:
        G = nx.read_gexf(io.BytesIO(content), node_type=None, version=version)  # noqa: N806
    except _READER_ERRORS as error:
        raise _fail(name, f"not a readable GEXF graph: {error}", "gexf") from None
    scan.complete(G)
    for node, attributes in G.nodes(data=True):
        if "labelled" not in attributes and attributes.get("label") == node:
            del attributes["label"]
    G.graph.update(_recorded_policy(scan.description))
    return _from_networkx(G, policy=policy, mismatch=mismatch, extra=extra)


def _recorded_policy(description: str | None) -> dict[str, Any]:
    """The policy attributes a GEXF description holds, if it holds any."""
    if description is None:
        return {}
    try:
        recorded = json.loads(description)
    except ValueError:
        return {}
    if not isinstance(recorded, dict) or "policy" not in recorded:
        return {}
    return recorded
