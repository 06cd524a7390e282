"""Exchange formats of the ecology: node-link JSON, GraphML, GEXF, Kumu and CSV.

Every writer goes through :meth:`EcologyGraph.to_networkx
<partnership_model.ecology.EcologyGraph.to_networkx>` (plain string and
boolean attributes) or the graph's own iterators; every reader reports all
the problems it finds in one
:class:`~partnership_model.exceptions.ValidationError`, each with a path
(``$.nodes[3].sphere`` in JSON, ``nodes['p1'].sphere`` in GraphML and GEXF,
``actors.csv:4`` in CSV), never a bare :class:`KeyError` or
:class:`TypeError`. Round trips through node-link JSON, GraphML, GEXF and CSV
keep every actor and relation with all its attributes, non-ASCII text and
dates included.

* **Node-link JSON** is networkx's format (:func:`networkx.node_link_data`,
  written with ``edges="edges"``). Reading accepts the older ``links`` key
  too; it does not go through :func:`networkx.node_link_graph`, so that each
  problem gets a JSON path.
* **GraphML** and **GEXF** (Gephi) files are checked before networkx parses
  them: a document with a ``DOCTYPE`` or an entity declaration is refused, so
  entity-expansion ("billion laughs") and external-entity attacks never reach
  the XML parser that builds the graph. Neither format needs a DTD. In GEXF,
  relation dates become the edge's ``start``/``end`` (a dynamic graph in
  Gephi) and each node gets a boolean ``labelled`` attribute, because GEXF
  always shows a label and falls back to the node id.
* **Kumu** blueprints (``{"elements": [...], "connections": [...]}``) are
  written for stakeholder maps in https://kumu.io; there is no reader.
* **CSV**: two files, ``actors`` (``id, sphere, authority, kind, role, label,
  person_id``) and ``relations`` (``source, target, relation_type,
  engagement_id, degree, start, end, policy``), the spreadsheets partnership
  teams keep. Cells are typed by people, so vocabulary cells accept English
  or French labels and aliases (``"Professionnels"``, ``"gestion"``), ids
  are stripped, and ``;`` or tab separators (French spreadsheets) are
  detected.

Every export records the :class:`~partnership_model.ClassificationPolicy`
that classified the relations, and every reader classifies with the recorded
policy unless it is given another (``policy=``): the graph attributes
``policy`` and ``policy_*`` in node-link JSON and GraphML
(:meth:`ClassificationPolicy.to_attributes
<partnership_model.ClassificationPolicy.to_attributes>`), the same attributes
as a JSON object in the GEXF ``<meta><description>``, the ``policy`` column of
the relations CSV (the policy's name, or the JSON object for a policy of your
own), and a ``policy`` field on each Kumu connection. Files without a
recorded policy (written before release 0.1.0, or by other tools) are
classified with the default policy.

Ecology files of format 1.0 carry a ``level`` node attribute (CSV column)
instead of ``authority``: every reader migrates it (micro, meso and macro
become member, managerial and public authority) and reports each migrated
actor in one :class:`~partnership_model.MigrationWarning`.

Examples:
    >>> import io
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph
    >>> from partnership_model import exchange
    >>> graph = EcologyGraph(
    ...     actors=[Actor.from_role("p1", Role.PATIENT, label="Émilie"),
    ...             Actor.from_role("c1", Role.CLINICIAN)],
    ...     relations=[("p1", "c1")],
    ... )
    >>> data = exchange.to_node_link(graph)
    >>> data["edges"][0]["relation_type"]
    'bridging'
    >>> exchange.from_node_link(data) == graph
    True
    >>> actors, relations = io.StringIO(), io.StringIO()
    >>> exchange.write_csv(graph, actors, relations)
    >>> print(actors.getvalue().splitlines()[1])
    p1,community,member,person,patient,Émilie,
    >>> _ = actors.seek(0), relations.seek(0)
    >>> exchange.read_csv(actors, relations) == graph
    True
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
import xml.parsers.expat
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final, TypeAlias, cast
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

import networkx as nx

from partnership_model._attributes import (
    GRAPH_FIELDS,
    ExtraPolicy,
    MismatchPolicy,
    networkx_items,
)
from partnership_model._enums import Lang, check_lang
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import (
    Problem,
    RecordTypeError,
    ValidationError,
)
from partnership_model.policy import NAMED_POLICIES, ClassificationPolicy

__all__ = [
    "ACTOR_COLUMNS",
    "RELATION_COLUMNS",
    "from_node_link",
    "read_csv",
    "read_gexf",
    "read_graphml",
    "to_kumu",
    "to_node_link",
    "write_csv",
    "write_gexf",
    "write_graphml",
]


def __dir__() -> list[str]:
    return __all__


PathLike: TypeAlias = "str | os.PathLike[str]"
BinarySource: TypeAlias = "str | os.PathLike[str] | IO[bytes]"
TextSource: TypeAlias = "str | os.PathLike[str] | IO[str]"

ACTOR_COLUMNS: Final = (
    "id",
    "sphere",
    "authority",
    "kind",
    "role",
    "label",
    "person_id",
)
"""Columns of the actors CSV file, in the order they are written.

Reading also accepts format 1.0's ``level`` column instead of ``authority``
(migrated, see the module documentation).
"""

RELATION_COLUMNS: Final = (
    "source",
    "target",
    "relation_type",
    "engagement_id",
    "degree",
    "start",
    "end",
    "policy",
)
"""Columns of the relations CSV file, in the order they are written."""

_READ_ACTOR_COLUMNS: Final = (*ACTOR_COLUMNS, "level")
_REQUIRED_ACTOR_COLUMNS: Final = ("id", "sphere")
_REQUIRED_RELATION_COLUMNS: Final = ("source", "target")


def _check_graph(graph: object) -> EcologyGraph:
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph


def _fail(path: str, message: str, code: str) -> ValidationError:
    return ValidationError([Problem(path, message, code)])


# -- node-link JSON ----------------------------------------------------------------------


def to_node_link(graph: EcologyGraph) -> dict[str, Any]:
    """Return the ecology as networkx node-link data (JSON-ready).

    The result is ``nx.node_link_data(graph.to_networkx(), edges="edges")``:
    ``{"directed": false, "multigraph": true, "graph": {...}, "nodes": [...],
    "edges": [...]}``, where ``graph`` records the classification policy,
    each node holds ``id`` and the node attributes and each edge ``source``,
    ``target``, ``key`` and the edge attributes.
    """
    data = nx.node_link_data(_check_graph(graph).to_networkx(), edges="edges")
    return cast("dict[str, Any]", data)


_NODE_LINK_KEYS: Final = frozenset(
    {"directed", "multigraph", "graph", "nodes", "edges", "links"}
)


def from_node_link(
    data: object,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Build an ecology from node-link data such as :func:`to_node_link` returns.

    Edges are read from ``edges`` or, for files written by networkx before
    3.4, from ``links``. Vocabulary values must be exact value strings.

    Args:
        data: The decoded JSON document.
        policy: The policy to classify with; ``None`` (default) takes the one
            recorded in ``graph``, or the default policy.
        mismatch: See :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`.
        extra: ``"raise"`` reports unknown keys; ``"ignore"`` skips them.

    Raises:
        ValidationError: Every problem found, with paths such as
            ``$.nodes[3].sphere`` or ``$.edges[0].target``.
    """
    if not isinstance(data, Mapping):
        raise _fail("$", "expected a JSON object with nodes and edges", "wrong_type")
    problems: list[Problem] = []
    if extra == "raise":
        problems.extend(
            Problem(f"$.{key}", f"unknown key {key!r}", "unknown_key")
            for key in data
            if key not in _NODE_LINK_KEYS
        )
    problems.extend(
        Problem(f"$.{key}", "expected true or false", "wrong_type")
        for key in ("directed", "multigraph")
        if key in data and type(data[key]) is not bool
    )
    graph_attributes = data.get("graph", {})
    if not isinstance(graph_attributes, Mapping):
        problems.append(Problem("$.graph", "expected an object", "wrong_type"))
        graph_attributes = {}
    elif extra == "raise":
        problems.extend(
            Problem(
                f"$.graph.{key}",
                f"unknown graph attribute {key!r}; known: "
                f"{', '.join(ClassificationPolicy.ATTRIBUTE_KEYS)}",
                "unknown_key",
            )
            for key in graph_attributes
            if key not in GRAPH_FIELDS
        )
    if "edges" in data and "links" in data:
        problems.append(
            Problem("$", "both 'edges' and 'links' are present; keep one", "ambiguous")
        )
    edges_key = "edges" if "edges" in data else "links"
    nodes = data.get("nodes")
    edges = data.get(edges_key, [])
    if not isinstance(nodes, list):
        problems.append(Problem("$.nodes", "expected a list of nodes", "missing"))
        nodes = []
    if not isinstance(edges, list):
        problems.append(Problem(f"$.{edges_key}", "expected a list", "wrong_type"))
        edges = []

    def node_items() -> Iterator[tuple[str, object, object]]:
        for index, node in enumerate(nodes):
            path = f"$.nodes[{index}]"
            if not isinstance(node, Mapping):
                problems.append(Problem(path, "expected an object", "wrong_type"))
                continue
            if "id" not in node:
                problems.append(Problem(f"{path}.id", "missing node id", "missing"))
                continue
            attributes = {k: val for k, val in node.items() if k != "id"}
            yield path, node["id"], attributes

    def edge_items() -> Iterator[tuple[str, object, object, object, object]]:
        for index, edge in enumerate(edges):
            path = f"$.{edges_key}[{index}]"
            if not isinstance(edge, Mapping):
                problems.append(Problem(path, "expected an object", "wrong_type"))
                continue
            missing = [end for end in ("source", "target") if end not in edge]
            problems.extend(
                Problem(f"{path}.{end}", f"missing {end}", "missing") for end in missing
            )
            key = edge.get("key")
            if key is not None and (type(key) is not int or key < 0):
                problems.append(
                    Problem(
                        f"{path}.key", "expected a non-negative integer", "wrong_type"
                    )
                )
                continue
            if missing:
                continue
            attributes = {
                k: val
                for k, val in edge.items()
                if k not in ("source", "target", "key")
            }
            yield path, edge["source"], edge["target"], key, attributes

    try:
        graph = EcologyGraph._load(
            node_items(),
            edge_items(),
            graph_attributes=("$.graph", graph_attributes),
            policy=policy,
            mismatch=mismatch if not problems else "raise",
            extra=extra,
            stacklevel=2,
        )
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    if problems:
        raise ValidationError(problems)
    return graph


# -- XML: GraphML and GEXF ----------------------------------------------------------------


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


# -- Kumu ---------------------------------------------------------------------------------


def to_kumu(graph: EcologyGraph, *, lang: Lang = "en") -> dict[str, Any]:
    """Return the ecology as a Kumu blueprint (JSON-ready).

    Elements carry ``id``, ``label`` (the actor's label or id), ``type`` (the
    sphere's label in *lang*), ``tags`` (authority, kind and role labels) and
    the value tokens as fields. Connections carry ``id``, ``from``, ``to``,
    ``type`` (the primary type's label), ``direction`` (always
    ``"undirected"``), ``tags`` (every type's label), the relation's
    attributes and the ``policy`` that classified it (its name). Kumu wants
    ids unique across elements and connections; connection ids use a prefix
    no actor id starts with.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role("p", Role.PATIENT),
        ...             Actor.from_role("d", Role.DECISION_MAKER)],
        ...     relations=[("p", "d")],
        ... )
        >>> blueprint = to_kumu(graph, lang="fr")
        >>> blueprint["elements"][1]["type"]
        'Professionnels'
        >>> {k: blueprint["connections"][0][k] for k in ("from", "to", "type")}
        {'from': 'p', 'to': 'd', 'type': 'Liens verticaux (linking)'}
    """
    check_lang(lang)
    graph = _check_graph(graph)
    elements: list[dict[str, Any]] = []
    ids: set[str] = set()
    for actor in graph.actors():
        ids.add(actor.id)
        element: dict[str, Any] = {
            "id": actor.id,
            "label": actor.label if actor.label is not None else actor.id,
            "type": actor.sphere.label(lang),
            "tags": [
                *([actor.authority.label(lang)] if actor.authority is not None else []),
                actor.kind.label(lang),
                *([actor.role.label(lang)] if actor.role is not None else []),
            ],
            "sphere": actor.sphere.value,
            "kind": actor.kind.value,
        }
        if actor.authority is not None:
            element["authority"] = actor.authority.value
        if actor.role is not None:
            element["role"] = actor.role.value
        if actor.person_id is not None:
            element["person id"] = actor.person_id
        elements.append(element)
    prefix = "relation-"
    while any(actor_id.startswith(prefix) for actor_id in ids):
        prefix = "_" + prefix
    connections: list[dict[str, Any]] = []
    for number, item in enumerate(graph.relations(), 1):
        relation = item.relation
        connection: dict[str, Any] = {
            "id": f"{prefix}{number}",
            "from": relation.source,
            "to": relation.target,
            "type": item.primary.label(lang),
            "direction": "undirected",
            "tags": [kind.label(lang) for kind in sorted(item.types)],
            "relation type": item.primary.value,
            "crosses sphere": item.crosses_sphere,
            "crosses authority": item.crosses_authority,
            "policy": graph.policy.name,
        }
        if relation.engagement_id is not None:
            connection["engagement id"] = relation.engagement_id
        if relation.degree is not None:
            connection["degree"] = relation.degree.label(lang)
        if relation.start is not None:
            connection["start"] = relation.start.isoformat()
        if relation.end is not None:
            connection["end"] = relation.end.isoformat()
        connections.append(connection)
    return {"elements": elements, "connections": connections}


# -- CSV ----------------------------------------------------------------------------------


_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (OWASP advice)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def write_csv(
    graph: EcologyGraph,
    actors: TextSource,
    relations: TextSource,
    *,
    spreadsheet_safe: bool = False,
) -> None:
    """Write the ecology as two UTF-8 CSV files (or text streams).

    Columns are :data:`ACTOR_COLUMNS` and :data:`RELATION_COLUMNS`; values
    are vocabulary value tokens, ISO dates and empty cells for what is not
    set. ``relation_type`` holds the primary type, checked when read back;
    ``policy`` the classification policy, on every row: its name for a named
    policy, otherwise its attributes as a JSON object. (A graph without
    relations therefore records no policy.)

    A spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
    formula, so a crafted label could execute when the file is opened (CSV
    injection). With ``spreadsheet_safe=True`` such cells get a leading
    apostrophe, which spreadsheets hide; the file is then meant for people,
    not for :func:`read_csv`, which would keep the apostrophe. The default
    writes every value unchanged, so that reading the files back loses nothing.

    Args:
        graph: The ecology.
        actors: Path or text stream for the actors.
        relations: Path or text stream for the relations.
        spreadsheet_safe: Neutralise cells that a spreadsheet would run as
            formulas.
    """
    graph = _check_graph(graph)
    rows_of: Callable[[Iterator[list[str]]], Iterator[list[str]]] = (
        (lambda rows: ([_spreadsheet_safe(cell) for cell in row] for row in rows))
        if spreadsheet_safe
        else (lambda rows: rows)
    )

    def actor_rows() -> Iterator[list[str]]:
        for actor in graph.actors():
            yield [
                actor.id,
                actor.sphere.value,
                actor.authority.value if actor.authority is not None else "",
                actor.kind.value,
                actor.role.value if actor.role is not None else "",
                actor.label if actor.label is not None else "",
                actor.person_id if actor.person_id is not None else "",
            ]

    policy = _policy_text(graph.policy)

    def relation_rows() -> Iterator[list[str]]:
        for item in graph.relations():
            relation = item.relation
            yield [
                relation.source,
                relation.target,
                item.primary.value,
                relation.engagement_id or "",
                relation.degree.value if relation.degree is not None else "",
                relation.start.isoformat() if relation.start is not None else "",
                relation.end.isoformat() if relation.end is not None else "",
                policy,
            ]

    _write_rows(actors, ACTOR_COLUMNS, rows_of(actor_rows()))
    _write_rows(relations, RELATION_COLUMNS, rows_of(relation_rows()))


def _policy_text(policy: ClassificationPolicy) -> str:
    """A policy in one CSV cell: its name if it is a named policy, else JSON."""
    if NAMED_POLICIES.get(policy.name) == policy:
        return policy.name
    return json.dumps(policy.to_attributes(), ensure_ascii=False)


def _policy_attributes(text: str) -> dict[str, Any] | None:
    """Read a CSV policy cell back into policy attributes (a name or JSON)."""
    if not text.startswith("{"):
        return {"policy": text}
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _write_rows(
    target: TextSource, header: Iterable[str], rows: Iterable[list[str]]
) -> None:
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8", newline="") as stream:
            _write_rows(stream, header, rows)
        return
    writer = csv.writer(target)
    writer.writerow(header)
    writer.writerows(rows)


def _read_text(source: TextSource, default_name: str) -> tuple[str, str]:
    """Return the decoded text of *source* and its name for paths."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = path.name
        try:
            content: object = path.read_bytes()
        except OSError as error:
            raise _fail(name, f"cannot read the file: {error}", "io") from None
    elif hasattr(source, "read"):
        name = str(getattr(source, "name", default_name))
        if not name or name.isdigit():  # file descriptors have int names
            name = default_name
        content = source.read()
    else:
        raise RecordTypeError("source", source, "expected a path or a text stream")
    if isinstance(content, bytes):
        raw = content
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise _fail(
                f"{name}:{line}", "the file is not valid UTF-8", "encoding"
            ) from None
    if not isinstance(content, str):
        raise RecordTypeError("source", source, "expected text")
    return content.removeprefix("\ufeff"), name


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


class _CSVTable:
    """One parsed CSV file: its rows as (line, {column: cell}) pairs."""

    def __init__(
        self,
        text: str,
        name: str,
        *,
        known: tuple[str, ...],
        required: tuple[str, ...],
        extra: ExtraPolicy,
        problems: list[Problem],
    ) -> None:
        self.name = name
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.header_ok = True
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True
        )
        columns: list[str | None] | None = None
        line = 1
        try:
            for cells in reader:
                start, line = line, reader.line_num + 1
                if not any(cell.strip() for cell in cells):
                    continue
                if columns is None:
                    columns = self._header(
                        cells,
                        start,
                        known=known,
                        required=required,
                        extra=extra,
                        problems=problems,
                    )
                    continue
                self._row(cells, start, columns, problems)
        except csv.Error as error:
            # ``line`` is where the broken record starts (an unclosed quote
            # makes the reader run on to the end of the file).
            problems.append(
                Problem(f"{name}:{line}", f"malformed CSV: {error}", "csv_syntax")
            )
        if columns is None:
            problems.append(
                Problem(f"{name}:1", "the file has no header row", "missing")
            )
            self.header_ok = False

    def _header(
        self,
        cells: list[str],
        line: int,
        *,
        known: tuple[str, ...],
        required: tuple[str, ...],
        extra: ExtraPolicy,
        problems: list[Problem],
    ) -> list[str | None]:
        names = [cell.strip().lower() for cell in cells]
        columns: list[str | None] = []
        seen: set[str] = set()
        where = f"{self.name}:{line}"
        for name in names:
            if name in seen:
                problems.append(
                    Problem(where, f"column {name!r} appears twice", "duplicate_column")
                )
                self.header_ok = False
            seen.add(name)
            if name in known:
                columns.append(name)
            else:
                if name and extra == "raise":
                    problems.append(
                        Problem(
                            where,
                            f"unknown column {name!r}; expected: {', '.join(known)}",
                            "unknown_key",
                        )
                    )
                columns.append(None)
        for name in required:
            if name not in seen:
                problems.append(
                    Problem(
                        where, f"missing required column {name!r}", "missing_column"
                    )
                )
                self.header_ok = False
        return columns

    def _row(
        self,
        cells: list[str],
        line: int,
        columns: list[str | None],
        problems: list[Problem],
    ) -> None:
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            problems.append(
                Problem(
                    f"{self.name}:{line}",
                    f"{len(cells)} cells for {len(columns)} columns",
                    "extra_cells",
                )
            )
            return
        values: dict[str, str] = {}
        for column, cell in zip(columns, cells, strict=False):
            if column is None or not cell.strip():
                continue
            values[column] = cell if column == "label" else cell.strip()
        self.rows.append((line, values))


def _file_line(path: str, _field: str) -> str:
    return path


def read_csv(
    actors: TextSource,
    relations: TextSource,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Read an ecology from an actors CSV and a relations CSV.

    Headers are matched ignoring case and surrounding spaces; ``id`` and
    ``sphere`` (actors) and ``source`` and ``target`` (relations) are
    required, the other columns of :data:`ACTOR_COLUMNS` and
    :data:`RELATION_COLUMNS` optional; a person's row needs an
    ``authority``. A format-1.0 ``level`` column is migrated to authorities
    (reported in a :class:`~partnership_model.MigrationWarning`). Vocabulary
    cells are read leniently (values, English or French labels, aliases; case
    and accents ignored); dates must be ISO (``2024-03-31``); empty cells mean
    "not set". The ``policy`` cells, when present, must all name the same
    policy. A ``relation_type`` that disagrees with the type computed from the
    two actors is a problem (or a warning with ``mismatch="warn"``).

    Args:
        actors: Path or text stream of the actors file.
        relations: Path or text stream of the relations file.
        policy: The policy to classify with; ``None`` (default) takes the one
            the ``policy`` column records, or the default policy.
        mismatch: ``"raise"`` (default) or ``"warn"``, as in
            :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`.
        extra: ``"raise"`` reports unknown columns; ``"ignore"`` skips them.

    Raises:
        ValidationError: Every problem of both files, each at ``file:line``:
            undecodable text, stray quotes, missing columns, unknown terms,
            bad dates, duplicate ids, unknown actors, disagreeing types.
    """
    problems: list[Problem] = []
    actor_text, actor_name = _read_text(actors, "actors.csv")
    relation_text, relation_name = _read_text(relations, "relations.csv")
    actor_table = _CSVTable(
        actor_text,
        actor_name,
        known=_READ_ACTOR_COLUMNS,
        required=_REQUIRED_ACTOR_COLUMNS,
        extra=extra,
        problems=problems,
    )
    relation_table = _CSVTable(
        relation_text,
        relation_name,
        known=RELATION_COLUMNS,
        required=_REQUIRED_RELATION_COLUMNS,
        extra=extra,
        problems=problems,
    )
    if not (actor_table.header_ok and relation_table.header_ok):
        raise ValidationError(problems)
    recorded: dict[str, tuple[str, str]] = {}  # policy cell -> first place
    for line, values in relation_table.rows:
        cell = values.pop("policy", None)
        if cell is not None and cell not in recorded:
            recorded[cell] = (f"{relation_name}:{line}", cell)
    policy_path, policy_attributes = relation_name, {}
    if len(recorded) > 1:
        places = "; ".join(f"{where}: {cell!r}" for where, cell in recorded.values())
        problems.append(
            Problem(
                relation_name,
                f"the policy column names several policies ({places}); one file "
                "holds relations classified by one policy",
                "ambiguous",
            )
        )
    elif recorded:
        ((policy_path, cell),) = recorded.values()
        found = _policy_attributes(cell)
        if isinstance(found, dict):
            policy_attributes = found
        else:
            problems.append(
                Problem(
                    policy_path,
                    f"policy: not a policy name nor a JSON object: {cell!r}",
                    "invalid",
                )
            )
    nodes = (
        (f"{actor_name}:{line}", values.pop("id", None), values)
        for line, values in actor_table.rows
    )
    edges = (
        (
            f"{relation_name}:{line}",
            values.pop("source", None),
            values.pop("target", None),
            None,
            values,
        )
        for line, values in relation_table.rows
    )
    try:
        graph = EcologyGraph._load(
            nodes,
            edges,
            graph_attributes=(policy_path, policy_attributes),
            policy=policy,
            mismatch=mismatch if not problems else "raise",
            extra=extra,
            lenient=True,
            path_of=_file_line,
            stacklevel=2,
        )
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    if problems:
        raise ValidationError(problems)
    return graph
