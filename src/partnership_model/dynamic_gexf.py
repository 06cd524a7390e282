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

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final, TypeAlias

from partnership_model import _attributes, _time, _xml_tree
from partnership_model._attributes import ExtraPolicy, MismatchPolicy
from partnership_model._version import __version__
from partnership_model._xml_tree import BinarySource, Element, fail
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import Problem, RecordTypeError, ValidationError
from partnership_model.policy import ClassificationPolicy

__all__ = ["GEXF_NAMESPACE", "read_dynamic_gexf", "write_dynamic_gexf"]


def __dir__() -> list[str]:
    return __all__


#: The XML namespace of GEXF 1.3.
GEXF_NAMESPACE: Final = "http://gexf.net/1.3"
_VIZ_NAMESPACE: Final = "http://gexf.net/1.3/viz"
_XSI_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema-instance"
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

Spell: TypeAlias = tuple[dt.date | None, dt.date | None]
"""A spell's first and last day; ``None`` for an open side."""


# -- writing ------------------------------------------------------------------------------


def _spell_of(days: _time.Span) -> Spell:
    first, last = days
    return (
        None if first == _time.EARLIEST else first,
        None if last == _time.LATEST else last,
    )


def _merged(spans: Iterable[_time.Span]) -> list[Spell]:
    """The union of day spans, merged where they overlap or touch, in order."""
    merged: list[list[dt.date]] = []
    for first, last in sorted(spans):
        if merged and (
            merged[-1][1] == _time.LATEST
            or first <= merged[-1][1] + dt.timedelta(days=1)
        ):
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [_spell_of((first, last)) for first, last in merged]


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
            "xmlns:xsi": _XSI_NAMESPACE,
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
            edge.append(_spells_element([_spell_of(days)]))
            spans[source].append(days)
            spans[target].append(days)
    nodes = ET.SubElement(body, "nodes")
    for node, data in exported.nodes(data=True):
        element = ET.SubElement(
            nodes, "node", {"id": node, "label": str(data.get("label", node))}
        )
        element.append(_attvalues({**data, "labelled": "label" in data}))
        if spans[node]:
            element.append(_spells_element(_merged(spans[node])))
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
        Path(path).write_bytes(content)
    else:
        path.write(content)


# -- reading ------------------------------------------------------------------------------


class _Reader:
    """Reads the elements of one document, collecting every problem with its line."""

    def __init__(self, name: str, extra: ExtraPolicy) -> None:
        self.name = name
        self.extra = extra
        self.problems: list[Problem] = []
        self.timed = False  # whether any node or edge carries time

    def where(self, element: Element) -> str:
        return f"{self.name}:{element.line}"

    def add(self, element: Element, message: str, code: str) -> None:
        self.problems.append(Problem(self.where(element), message, code))

    def children(self, element: Element, allowed: Iterable[str]) -> Iterator[Element]:
        """The GEXF children of *element* named in *allowed*; report the others."""
        names = set(allowed)
        if element.text.strip():
            self.add(element, f"text inside <{element.local}>", "xml_structure")
        for child in element.children:
            if child.namespace == GEXF_NAMESPACE and child.local in names:
                yield child
            elif child.namespace == _VIZ_NAMESPACE:
                if self.extra == "raise":
                    self.add(
                        child,
                        f"<viz:{child.local}> (Gephi's drawing data) is not kept; "
                        'pass extra="ignore" to drop it',
                        "unknown_key",
                    )
            elif child.namespace == GEXF_NAMESPACE:
                self.add(
                    child,
                    f"<{child.local}> is not read inside <{element.local}>: "
                    "this library reads flat, undirected ecologies with interval times",
                    "unsupported_gexf",
                )
            else:
                self.add(
                    child,
                    f"foreign element <{child.local}> of namespace {child.namespace!r}",
                    "foreign_markup",
                )

    def attributes(
        self, element: Element, known: Iterable[str], refused: Mapping[str, str]
    ) -> dict[str, str]:
        """The XML attributes of *element*; report refused, foreign and unknown ones."""
        names = set(known)
        found: dict[str, str] = {}
        for key, value in element.attributes.items():
            if key in names:
                found[key] = value
            elif key in refused:
                self.add(element, f"{key}=: {refused[key]}", "unsupported_gexf")
            elif " " in key:
                namespace, _, local = key.partition(" ")
                if namespace != _XSI_NAMESPACE:
                    self.add(
                        element,
                        f"foreign attribute {local!r} of namespace {namespace!r}",
                        "foreign_markup",
                    )
            elif self.extra == "raise":
                self.add(
                    element,
                    f"unknown attribute {key!r} on <{element.local}>; "
                    'pass extra="ignore" to drop it',
                    "unknown_key",
                )
        return found

    def day(self, element: Element, text: str | None) -> dt.date | None:
        if text is None:
            return None
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.add(element, f"{text!r} is not a day (YYYY-MM-DD)", "invalid_date")
        return None


_TIME_REFUSED: Final = {
    "timestamp": "time stamps are not read; write intervals (spells)",
    "timestamps": "time stamps are not read; write intervals (spells)",
    "intervals": "write each interval as a <spell>",
    "pid": "hierarchies (parent nodes) are not read",
}


def _spells(
    reader: _Reader, owner: Element, groups: list[Element]
) -> list[Spell] | None:
    """The intervals of a node or an edge: its spells and its own start/end.

    ``None`` when one of them is malformed (the problem is reported).
    """
    carriers = [owner] if {"start", "end"} & owner.attributes.keys() else []
    for group in groups:
        reader.attributes(group, (), {})
        for spell in reader.children(group, ("spell",)):
            reader.attributes(spell, ("start", "end"), _TIME_REFUSED)
            carriers.append(spell)
    intervals: list[Spell] = []
    bad = False
    for carrier in carriers:
        start_text = carrier.attributes.get("start")
        end_text = carrier.attributes.get("end")
        first = reader.day(carrier, start_text)
        last = reader.day(carrier, end_text)
        if (start_text is not None and first is None) or (
            end_text is not None and last is None
        ):
            bad = True
        elif first is not None and last is not None and last < first:
            reader.add(
                carrier, f"the spell ends before it starts ({first})", "date_order"
            )
            bad = True
        else:
            intervals.append((first, last))
    if carriers:
        reader.timed = True
    return None if bad else intervals


_Declarations: TypeAlias = dict[str, tuple[str, str, str | None]]
"""Declared attributes of one class: id -> (title, type, default)."""


def _declared(
    reader: _Reader, graph: Element
) -> tuple[dict[str, _Declarations], list[Element], list[Element]]:
    """Attribute declarations by class, and the node and edge elements."""
    declared: dict[str, _Declarations] = {"node": {}, "edge": {}}
    titles: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    nodes: list[Element] = []
    edges: list[Element] = []
    for child in reader.children(graph, ("attributes", "nodes", "edges")):
        if child.local == "nodes":
            reader.attributes(child, ("count",), {})
            nodes.extend(reader.children(child, ("node",)))
        elif child.local == "edges":
            reader.attributes(child, ("count",), {})
            edges.extend(reader.children(child, ("edge",)))
        else:
            found = reader.attributes(
                child, ("class", "mode"), {"start": "", "end": ""}
            )
            kind = found.get("class")
            if kind not in declared:
                reader.add(child, f"attributes of class {kind!r}", "unsupported_gexf")
                continue
            for attribute in reader.children(child, ("attribute",)):
                values = reader.attributes(attribute, ("id", "title", "type"), {})
                identifier = values.get("id")
                title = values.get("title")
                if identifier is None or title is None:
                    reader.add(
                        attribute, "an attribute needs an id and a title", "missing"
                    )
                    continue
                if identifier in declared[kind] or title in titles[kind].values():
                    reader.add(
                        attribute, f"attribute {title!r} declared twice", "duplicate_id"
                    )
                    continue
                default = None
                for extra in reader.children(attribute, ("default", "options")):
                    if extra.local == "default":
                        default = extra.text
                declared[kind][identifier] = (
                    title,
                    values.get("type", "string"),
                    default,
                )
                titles[kind][identifier] = title
    return declared, nodes, edges


_FAILED: Final = object()


def _typed(reader: _Reader, element: Element, gexf_type: str, text: str) -> object:
    """The value of *text* as its declared GEXF type (``_FAILED``, reported, if not)."""
    if gexf_type == "boolean":
        value = {"true": True, "false": False, "1": True, "0": False}.get(text.strip())
        if value is None:
            reader.add(element, f"{text!r} is not a boolean", "wrong_type")
            return _FAILED
        return value
    if gexf_type in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            reader.add(element, f"{text!r} is not an integer", "wrong_type")
            return _FAILED
    return text


def _values(
    reader: _Reader,
    owner: Element,
    groups: list[Element],
    declared: _Declarations,
) -> dict[str, object]:
    values: dict[str, object] = {}
    for group in groups:
        reader.attributes(group, (), {})
        for attvalue in reader.children(group, ("attvalue",)):
            found = reader.attributes(
                attvalue,
                ("for", "value"),
                {
                    "start": "attribute values that change over time are not read",
                    "end": "attribute values that change over time are not read",
                    "timestamp": "attribute values that change over time are not read",
                },
            )
            key = found.get("for")
            if key not in declared:
                reader.add(
                    attvalue,
                    f"a value for an undeclared attribute {key!r}",
                    "unknown_attribute",
                )
                continue
            title, gexf_type, _ = declared[key]
            if title in values:
                reader.add(attvalue, f"two values of {title!r}", "duplicate_id")
                continue
            if "value" not in found:
                reader.add(attvalue, "an attribute value needs a value", "missing")
                continue
            values[title] = _typed(reader, attvalue, gexf_type, found["value"])
    for title, gexf_type, default in declared.values():
        if default is not None and title not in values:
            values[title] = _typed(reader, owner, gexf_type, default)
    return {title: value for title, value in values.items() if value is not _FAILED}


def _parts(reader: _Reader, element: Element) -> tuple[list[Element], list[Element]]:
    """The ``<attvalues>`` and ``<spells>`` of a node or an edge; report the rest."""
    groups = list(reader.children(element, ("attvalues", "spells")))
    return (
        [c for c in groups if c.local == "attvalues"],
        [c for c in groups if c.local == "spells"],
    )


def _recorded_policy(meta: Element | None) -> dict[str, Any]:
    if meta is None:
        return {}
    for child in meta.children:
        if child.namespace == GEXF_NAMESPACE and child.local == "description":
            try:
                recorded = json.loads(child.text)
            except ValueError:
                return {}
            if isinstance(recorded, dict) and "policy" in recorded:
                return recorded
    return {}


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
    _attributes.check_options(mismatch, extra)
    _attributes.check_policy(policy)
    content, name = _xml_tree.read_bytes(source)
    root = _xml_tree.parse(content, name)
    if root.namespace != GEXF_NAMESPACE or root.local != "gexf":
        raise fail(
            f"{name}:{root.line}",
            f"not a GEXF 1.3 document (root <{root.local}> in namespace "
            f"{root.namespace!r}); read GEXF 1.1 and 1.2 with exchange.read_gexf",
            "gexf_version",
        )
    reader = _Reader(name, extra)
    version = reader.attributes(root, ("version", "variant"), {}).get("version")
    if version != "1.3":
        raise fail(
            reader.where(root),
            f"GEXF version {version!r}, expected '1.3'",
            "gexf_version",
        )
    metas = list(reader.children(root, ("meta", "graph")))
    meta = next((c for c in metas if c.local == "meta"), None)
    graphs = [c for c in metas if c.local == "graph"]
    if len(graphs) != 1:
        raise fail(reader.where(root), "one <graph> expected", "xml_structure")
    (graph,) = graphs
    settings = reader.attributes(
        graph,
        (
            "mode",
            "timeformat",
            "defaultedgetype",
            "timerepresentation",
            "timezone",
            "idtype",
            "start",
            "end",
        ),
        {},
    )
    if settings.get("timeformat", "date") != "date":
        reader.add(
            graph,
            f"timeformat {settings['timeformat']!r}: the ecology's dates are days, "
            'write timeformat="date"',
            "timeformat",
        )
    if settings.get("timerepresentation", "interval") != "interval":
        reader.add(
            graph,
            "time stamps are not read; write intervals (spells)",
            "unsupported_gexf",
        )
    if settings.get("defaultedgetype", "undirected") != "undirected":
        reader.add(
            graph,
            'relations are undirected: write defaultedgetype="undirected"',
            "directed",
        )
    declared, node_elements, edge_elements = _declared(reader, graph)
    nodes, node_spells = _read_nodes(reader, node_elements, declared["node"])
    edges = _read_edges(reader, edge_elements, declared["edge"])
    if reader.timed:
        if "timeformat" not in settings:
            reader.add(graph, 'times are given without timeformat="date"', "timeformat")
        if settings.get("mode") != "dynamic":
            reader.add(
                graph,
                'times are given in a graph whose mode is not "dynamic"',
                "gexf_mode",
            )
    _check_node_spells(reader, node_spells, edges)
    problems = list(reader.problems)
    graph_attributes = _recorded_policy(meta)
    return EcologyGraph._load(
        ((path, node, data) for path, node, data, _ in nodes),
        ((path, u, v, k, data) for path, u, v, k, data, _ in edges),
        graph_attributes=(f"{name}:{graph.line}", graph_attributes),
        policy=policy,
        mismatch=mismatch if not problems else "raise",
        extra=extra,
        path_of=_same_path,
        tolerate_reader_ids=True,
        problems=problems,
        stacklevel=2,
    )


def _same_path(path: str, _field: str) -> str:
    return path


_NodeItem: TypeAlias = tuple[str, str, dict[str, object], Element]


def _read_nodes(
    reader: _Reader, elements: list[Element], declared: _Declarations
) -> tuple[list[_NodeItem], dict[str, tuple[Element, list[Spell]]]]:
    items: list[_NodeItem] = []
    spells: dict[str, tuple[Element, list[Spell]]] = {}
    for element in elements:
        found = reader.attributes(
            element, ("id", "label", "start", "end"), _TIME_REFUSED
        )
        node = found.get("id")
        if node is None:
            reader.add(element, "a node has no id", "missing")
            continue
        attvalues, spell_groups = _parts(reader, element)
        data = _values(reader, element, attvalues, declared)
        label = found.get("label")
        labelled = data.pop("labelled", None)
        if (
            "label" not in data
            and label is not None
            and (labelled is True or (labelled is None and label != node))
        ):
            data["label"] = label
        intervals = _spells(reader, element, spell_groups)
        if intervals:
            spells[node] = (element, intervals)
        items.append((reader.where(element), node, data, element))
    return items, spells


_EdgeItem: TypeAlias = tuple[
    str, str | None, str | None, int | None, dict[str, object], _time.Span | None
]


def _read_edges(
    reader: _Reader, elements: list[Element], declared: _Declarations
) -> list[_EdgeItem]:
    items: list[_EdgeItem] = []
    ids: dict[str, int] = {}
    for element in elements:
        found = reader.attributes(
            element, ("id", "source", "target", "type", "start", "end"), _TIME_REFUSED
        )
        where = reader.where(element)
        identifier = found.get("id")
        if identifier is not None:
            if identifier in ids:
                reader.add(
                    element,
                    f"duplicate edge id {identifier!r} (first at line {ids[identifier]})",
                    "duplicate_id",
                )
            ids.setdefault(identifier, element.line)
        if found.get("type", "undirected") != "undirected":
            reader.add(element, "relations are undirected", "directed")
        attvalues, spell_groups = _parts(reader, element)
        data = _values(reader, element, attvalues, declared)
        key = data.pop("networkx_key", None)
        intervals = _spells(reader, element, spell_groups)
        days = _edge_days(reader, element, data, intervals)
        items.append(
            (
                where,
                found.get("source"),
                found.get("target"),
                key if type(key) is int and key >= 0 else None,
                data,
                days,
            )
        )
    return items


def _edge_days(
    reader: _Reader,
    element: Element,
    data: dict[str, object],
    intervals: list[Spell] | None,
) -> _time.Span | None:
    """The span of one relation; fill its start/end from its spell when it has none."""
    if intervals is None:
        return None
    if len(intervals) > 1:
        reader.add(
            element,
            f"{len(intervals)} spells (or a spell and start/end): a relation has one "
            "period; write one edge per period",
            "several_spells",
        )
        return None
    stated = {f: data[f] for f in ("start", "end") if f in data}
    values = {
        f: _time.from_text(v) if isinstance(v, str) else None for f, v in stated.items()
    }
    if any(v is None for v in values.values()):
        return None  # reported by the record reader
    declared = _time.span(values.get("start"), values.get("end"))
    if not intervals:
        return declared
    ((first, last),) = intervals
    if not stated:
        if first is None and last is None:
            reader.add(element, "a spell without start or end", "missing")
            return None
        if first is not None:
            data["start"] = first.isoformat()
        if last is not None:
            data["end"] = last.isoformat()
        return _time.span(first, last)
    spell = (first or _time.EARLIEST, last or _time.LATEST)
    if declared != spell:
        reader.add(
            element,
            f"the spell {_show(first, last)} contradicts the relation's dates "
            f"({stated.get('start', 'no start')} to {stated.get('end', 'no end')})",
            "spell_mismatch",
        )
        return None
    return declared


def _show(first: dt.date | None, last: dt.date | None) -> str:
    return f"[{first or '...'}, {last or '...'}]"


def _check_node_spells(
    reader: _Reader,
    spells: Mapping[str, tuple[Element, list[Spell]]],
    edges: list[_EdgeItem],
) -> None:
    """An actor's spells must be those its dated relations imply."""
    if reader.extra == "ignore" or not spells:
        return
    implied: dict[object, list[_time.Span]] = {}
    for _, source, target, _, _, days in edges:
        if days is not None:
            implied.setdefault(source, []).append(days)
            implied.setdefault(target, []).append(days)
    for node, (element, found) in spells.items():
        expected = _merged(implied.get(node, []))
        if (
            _merged((a or _time.EARLIEST, b or _time.LATEST) for a, b in found)
            != expected
        ):
            shown = ", ".join(_show(a, b) for a, b in expected) or "none"
            reader.add(
                element,
                f"the actor's spells are not those its dated relations imply ({shown}); "
                'pass extra="ignore" to drop them',
                "spell_mismatch",
            )
