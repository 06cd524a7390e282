"""The ecology over time as dynamic GEXF 1.3, the format of Gephi's timeline.

:func:`write_dynamic_gexf` writes a GEXF 1.3 document (``mode="dynamic"``,
``timeformat="date"``) in which every dated relation carries a *spell*, the
days it spans under the window rule of :mod:`partnership_model.timeline`,
and every actor the spells during which it has a dated relation. Gephi's
timeline plays the ecology back from them; networkx reads the file with
``networkx.read_gexf(path, version="1.3")``. The document is valid against
the GEXF 1.3 XML Schema (checked by the test suite against the schema files
of the GEXF specification).

:func:`read_dynamic_gexf` reads such a document back into an
:class:`~partnership_model.ecology.EcologyGraph`: the same actors,
relations, dates and classification policy.

What the file holds:

* **Relations.** Each relation is an ``<edge>`` with the attributes of
  :meth:`EcologyGraph.to_networkx
  <partnership_model.ecology.EcologyGraph.to_networkx>` (its type, the two
  facts, engagement, degree, and its own ``start`` and ``end`` as text),
  its key (``networkx_key``, which networkx's reader uses as the edge key)
  and, when dated, one spell from the earliest day of its start to the latest
  day of its end; a missing date leaves that side of the spell open (GEXF
  reads an open side as unbounded, as the window rule does). An undated
  relation has no spell: Gephi shows it at every time.
* **Actors.** Each actor is a ``<node>`` with the node attributes of
  ``to_networkx`` and a ``labelled`` flag (the GEXF label is the actor's
  label, or its id when it has none). Its spells are the union of the spans
  of its dated relations, merged where they overlap or touch; an actor
  without a dated relation has none (always shown).
* **The policy** is written as a JSON object in ``<meta><description>``:
  GEXF has no graph attributes.

The reader refuses, with the file and line of each problem, what it cannot
keep: a version other than 1.3, a ``timeformat`` other than ``date`` (or none
while times are given), time stamps instead of intervals, attribute values
that change over time, an edge with several spells, spells that contradict
the relation's ``start``/``end``, actor spells that its relations do not
imply, directed edges, hierarchies, elements of other vocabularies and
malformed or hostile XML (a DOCTYPE or an entity). Gephi's ``viz`` elements
(colours, positions, sizes) and attributes this library does not know are
refused too unless ``extra="ignore"``, which drops them, along with actor
spells the relations do not imply.

Examples:
    >>> import datetime as dt, io
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph, Relation
    >>> graph = EcologyGraph(
    ...     actors=[Actor.from_role("p", Role.PATIENT), Actor.from_role("c", Role.CLINICIAN)],
    ...     relations=[Relation(source="p", target="c", start=dt.date(2021, 3, 1))],
    ... )
    >>> buffer = io.BytesIO()
    >>> write_dynamic_gexf(graph, buffer)
    >>> b'<spell start="2021-03-01" />' in buffer.getvalue()
    True
    >>> read_dynamic_gexf(io.BytesIO(buffer.getvalue())) == graph
    True
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Final, TypeAlias

from partnership_model import _files, _gexf_reader, _time
from partnership_model._attributes import ExtraPolicy, MismatchPolicy
from partnership_model._gexf_reader import (
    GEXF_NAMESPACE,
    XSI_NAMESPACE,
    Spell,
    merged,
    spell_of,
)
from partnership_model._version import __version__
from partnership_model._xml_tree import BinarySource
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import Problem, RecordTypeError, ValidationError
from partnership_model.policy import ClassificationPolicy

__all__ = ["GEXF_NAMESPACE", "read_dynamic_gexf", "write_dynamic_gexf"]


def __dir__() -> list[str]:
    return __all__


_SCHEMA_LOCATION: Final = f"{GEXF_NAMESPACE} http://gexf.net/1.3/gexf.xsd"

PathLike: TypeAlias = "str | Path | IO[bytes]"

#: Node attributes written, with their GEXF types (the order of the declarations).
_NODE_ATTRIBUTES: Final = {
    "sphere": "string",
    "authority": "string",
    "kind": "string",
    "role": "string",
    "label": "string",
    "person_id": "string",
    "labelled": "boolean",
}
#: Edge attributes written, with their GEXF types.
_EDGE_ATTRIBUTES: Final = {
    "relation_type": "string",
    "crosses_sphere": "boolean",
    "crosses_authority": "boolean",
    "engagement_id": "string",
    "degree": "string",
    "start": "string",
    "end": "string",
    "networkx_key": "integer",
}
# Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _spells_element(spells: Iterable[Spell]) -> ET.Element:
    element = ET.Element("spells")
    for first, last in spells:
        spell = ET.SubElement(element, "spell")
        if first is not None:
            spell.set("start", first.isoformat())
        if last is not None:
            spell.set("end", last.isoformat())
    return element


def _attvalues(values: Mapping[str, object]) -> ET.Element:
    element = ET.Element("attvalues")
    for key, value in values.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        ET.SubElement(element, "attvalue", {"for": key, "value": text})
    return element


def _declarations(kind: str, attributes: Mapping[str, str]) -> ET.Element:
    element = ET.Element("attributes", {"class": kind, "mode": "static"})
    for title, gexf_type in attributes.items():
        ET.SubElement(
            element, "attribute", {"id": title, "title": title, "type": gexf_type}
        )
    return element


def _check_text(graph: EcologyGraph) -> None:
    problems = [
        Problem(
            f"actors[{actor.id!r}].{field}",
            "XML cannot hold control characters other than tab and line breaks, "
            "nor U+FFFE or U+FFFF",
            "xml_invalid_char",
        )
        for actor in graph.actors()
        for field, value in (
            ("id", actor.id),
            ("label", actor.label),
            ("person_id", actor.person_id),
        )
        if value is not None and _NOT_XML.search(value)
    ]
    problems += [
        Problem(
            f"relations[{item.source!r}, {item.target!r}, {item.key}].engagement_id",
            "XML cannot hold this character",
            "xml_invalid_char",
        )
        for item in graph.relations()
        if item.relation.engagement_id and _NOT_XML.search(item.relation.engagement_id)
    ]
    if problems:
        raise ValidationError(problems)


def _document(graph: EcologyGraph) -> bytes:
    """The dynamic GEXF 1.3 document of *graph*, as UTF-8 bytes (see :func:`write_dynamic_gexf`)."""
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    _check_text(graph)
    exported = graph.to_networkx()
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": _SCHEMA_LOCATION,
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"partnership_model {__version__}"
    ET.SubElement(meta, "description").text = json.dumps(
        graph.policy.to_attributes(), ensure_ascii=False
    )
    body = ET.SubElement(
        root,
        "graph",
        {"mode": "dynamic", "timeformat": "date", "defaultedgetype": "undirected"},
    )
    body.append(_declarations("node", _NODE_ATTRIBUTES))
    body.append(_declarations("edge", _EDGE_ATTRIBUTES))
    spans: dict[str, list[_time.Span]] = {node: [] for node in exported}
    edges = ET.Element("edges")
    for index, (source, target, key, data) in enumerate(
        exported.edges(keys=True, data=True)
    ):
        edge = ET.SubElement(
            edges, "edge", {"id": str(index), "source": source, "target": target}
        )
        edge.append(_attvalues({**data, "networkx_key": key}))
        days = _time.span(
            _time.from_text(data["start"]) if "start" in data else None,
            _time.from_text(data["end"]) if "end" in data else None,
        )
        if days is not None:
            edge.append(_spells_element([spell_of(days)]))
            spans[source].append(days)
            spans[target].append(days)
    nodes = ET.SubElement(body, "nodes")
    for node, data in exported.nodes(data=True):
        element = ET.SubElement(
            nodes, "node", {"id": node, "label": str(data.get("label", node))}
        )
        element.append(_attvalues({**data, "labelled": "label" in data}))
        if spans[node]:
            element.append(_spells_element(merged(spans[node])))
    body.append(edges)
    ET.indent(root)
    content: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return content + b"\n"


def write_dynamic_gexf(graph: EcologyGraph, path: PathLike) -> None:
    """Write the ecology as dynamic GEXF 1.3 (UTF-8), with spells on actors and relations.

    See the module documentation for what the file holds.

    Args:
        graph: The ecology.
        path: A file path or a binary file object.

    Raises:
        RecordTypeError: *graph* is not an ecology.
        ValidationError: An id, label or engagement id holds a character XML
            cannot hold (code ``xml_invalid_char``); nothing is written.

    .. versionadded:: 0.2.0
    """
    content = _document(graph)
    if isinstance(path, str | Path):
        # Atomic: a failed write leaves an existing file as it was (issue 14).
        _files.write_atomically(path, content, overwrite=True)
    else:
        path.write(content)


# -- reading ------------------------------------------------------------------------------


def read_dynamic_gexf(
    source: BinarySource,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Read an ecology, with its dates, from dynamic GEXF 1.3.

    Files written by :func:`write_dynamic_gexf` come back equal, policy
    included. For other files: a relation's dates come from its ``start``
    and ``end`` attribute values when it has them (its spell must then be
    their span), else from its one spell (or its own ``start``/``end``
    XML attributes); a node's GEXF label is its label unless a ``labelled``
    value says otherwise or it equals its id. The module documentation lists
    what is refused.

    Args:
        source: A file path or a binary file object.
        policy: The policy to classify with; ``None`` (default) takes the
            one the file records, or the default policy.
        mismatch: See :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`.
        extra: ``"raise"`` (default) refuses attributes and ``viz`` elements
            this library does not know, and actor spells its relations do
            not imply; ``"ignore"`` drops them.

    Raises:
        ValidationError: Every problem found, each at ``file:line``.
        RecordTypeError: *source* is neither a path nor a binary file, or
            *policy* is not a ClassificationPolicy.

    .. versionadded:: 0.2.0
    """
    return _gexf_reader.read(source, policy=policy, mismatch=mismatch, extra=extra)
