"""Private: the reader of dynamic GEXF 1.3 (see :mod:`partnership_model.dynamic_gexf`).

It walks the tree of :mod:`partnership_model._xml_tree`, reports every
problem at its ``file:line`` and hands the actors and relations it found to
the record reader of :mod:`partnership_model._attributes`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeAlias

from partnership_model import _attributes, _time, _xml_tree
from partnership_model._attributes import ExtraPolicy, MismatchPolicy
from partnership_model._xml_tree import BinarySource, Element, fail
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import Problem
from partnership_model.policy import ClassificationPolicy

#: The XML namespace of GEXF 1.3.
GEXF_NAMESPACE: Final = "http://gexf.net/1.3"
VIZ_NAMESPACE: Final = "http://gexf.net/1.3/viz"
XSI_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema-instance"

Spell: TypeAlias = tuple[dt.date | None, dt.date | None]
"""A spell's first and last day; ``None`` for an open side."""


# -- writing ------------------------------------------------------------------------------


def spell_of(days: _time.Span) -> Spell:
    first, last = days
    return (
        None if first == _time.EARLIEST else first,
        None if last == _time.LATEST else last,
    )


def merged(spans: Iterable[_time.Span]) -> list[Spell]:
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
    return [spell_of((first, last)) for first, last in merged]


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
            elif child.namespace == VIZ_NAMESPACE:
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
                if namespace != XSI_NAMESPACE:
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
        expected = merged(implied.get(node, []))
        if (
            merged((a or _time.EARLIEST, b or _time.LATEST) for a, b in found)
            != expected
        ):
            shown = ", ".join(_show(a, b) for a, b in expected) or "none"
            reader.add(
                element,
                f"the actor's spells are not those its dated relations imply ({shown}); "
                'pass extra="ignore" to drop them',
                "spell_mismatch",
            )


def read(
    source: BinarySource,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """See :func:`partnership_model.dynamic_gexf.read_dynamic_gexf`."""
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
