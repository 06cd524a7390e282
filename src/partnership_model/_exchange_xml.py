"""Private: the GraphML and GEXF readers and writers of :mod:`partnership_model.exchange`.

Public under :mod:`partnership_model.exchange`, which re-exports them.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
from typing import IO, Any, Final, TypeAlias
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

import networkx as nx

from partnership_model import _attributes, _files, _xml_grammar, _xml_scan, _xml_tree
from partnership_model._attributes import (
    GRAPH_FIELDS,
    ExtraPolicy,
    MismatchPolicy,
    networkx_items,
)
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


def _write_xml(content: bytes, path: PathLike | IO[bytes]) -> None:
    """Write *content* to a binary stream, or atomically to a file path."""
    if isinstance(path, str | os.PathLike):
        # Atomic: a write that fails half-way leaves the old file (issue 14).
        _files.write_atomically(path, content, overwrite=True)
    else:
        path.write(content)


def write_graphml(graph: EcologyGraph, path: PathLike | IO[bytes]) -> None:
    """Write the ecology as GraphML (UTF-8), with typed attribute keys.

    A file path is written atomically (a temporary file in the same folder,
    renamed over *path* once complete): a write that fails half-way leaves
    the old file as it was, and *path* may be the file the graph was read
    from. An existing file is replaced.

    Args:
        graph: The ecology.
        path: A file path or a binary file object.

    Raises:
        ValidationError: A label or id holds a character XML cannot hold
            (a control character other than tab and line breaks); nothing is
            written.
        OSError: The file cannot be written; *path* is left as it was.
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
    _attributes.check_options(mismatch, extra)
    content, name = _xml_tree.read_bytes(source)
    scan = _xml_scan.scan(content, name, "graphml", extra)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", category=UserWarning)
            # GraphML's default attr.type is string, which networkx assumes.
            warnings.filterwarnings("ignore", "No key type for id", UserWarning)
            G = nx.read_graphml(  # noqa: N806
                io.BytesIO(content), node_type=str, force_multigraph=True
            )
    except _READER_ERRORS as error:
        raise _fail(
            name, f"not a readable GraphML graph: {_reason(error)}", "graphml"
        ) from None
    scan.complete(G)
    _graph_data(G, scan, extra)
    return _from_networkx(G, policy=policy, mismatch=mismatch, extra=extra)


def _reason(error: BaseException) -> str:
    """What a networkx reader's *error* says, or what it is when it says nothing."""
    text = str(error)
    if isinstance(error, KeyError) and error.args:
        return f"{error.args[0]!r} is not known here"
    if not text or text == "None" or "No active exception" in text:
        return f"networkx's reader failed ({type(error).__name__}) on this structure"
    return text


def _graph_data(G: nx.Graph[Any], scan: _xml_scan.Scan, extra: ExtraPolicy) -> None:  # noqa: N803
    """Refuse (or, with ``extra="ignore"``, drop) graph data that is not a policy."""
    unknown = [
        key
        for key in G.graph
        if key not in GRAPH_FIELDS and key not in ("node_default", "edge_default")
    ]
    if extra == "ignore":
        for key in unknown:
            del G.graph[key]
        return
    if unknown:
        raise ValidationError(
            Problem(
                scan.graph_data.get(key, scan.name),
                f"unknown graph attribute {key!r} is not read (known: "
                f'{", ".join(sorted(GRAPH_FIELDS))}); pass extra="ignore" to drop it',
                "unknown_key",
            )
            for key in unknown
        )


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
    _attributes.check_options(mismatch, extra)
    content, name = _xml_tree.read_bytes(source)
    scan = _xml_scan.scan(content, name, "gexf", extra)
    version = _xml_grammar.GEXF_VERSIONS[scan.namespace]
    try:
        G = nx.read_gexf(io.BytesIO(content), node_type=None, version=version)  # noqa: N806
    except _READER_ERRORS as error:
        raise _fail(
            name, f"not a readable GEXF graph: {_reason(error)}", "gexf"
        ) from None
    scan.complete(G)
    for node, attributes in G.nodes(data=True):
        # GEXF shows a label, the id when there is none: a label equal to the id
        # is "no label" unless the file says the actor is labelled; a label that
        # differs from the id is kept, even where ``labelled`` is false (a label
        # edited in Gephi, which does not update ``labelled``).
        labelled = attributes.get("labelled")
        if attributes.get("label") == node and labelled is not True:
            del attributes["label"]
        elif labelled is False and "label" in attributes:
            del attributes["labelled"]
    G.graph = {
        key: value
        for key, value in G.graph.items()
        if key in ("node_default", "edge_default")
    }
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
