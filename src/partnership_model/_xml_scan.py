"""Private: the pre-scan of GraphML and GEXF (1.1, 1.2) documents (issues 8 and 14).

networkx's readers skip what they do not know: a ``<node>`` in no namespace,
an attribute they do not read, yEd's graphics inside a value, a key declared
twice (the last wins), a value given twice, a hierarchy of nodes. They also
fail on some inputs with messages such as ``'maybe'`` or "No active exception
to reraise". The document is therefore scanned with expat first, and every
such construct is refused at its ``file:line`` before networkx sees it, so
that nothing is dropped silently and every refusal says what and where:

* a DOCTYPE or an entity declaration (code ``forbidden_xml``), refused as
  soon as it starts: no entity is declared, let alone expanded;
* an element of the format in no namespace, and markup inside a value (a
  GraphML ``<data>``, a GEXF ``<attvalue>``) whatever its namespace (yEd's
  labels, XInclude): code ``xml_structure`` or ``foreign_markup``, always;
* elements and XML attributes of other vocabularies (code
  ``foreign_markup``) and XML attributes the readers do not read (code
  ``unknown_key``), unless ``extra="ignore"`` asks to drop them (Gephi's
  ``viz`` elements are read, then handled as unknown attributes);
* a GraphML key or a GEXF attribute declared twice, a value given twice
  (code ``duplicate_id``), a value for an undeclared key (code
  ``unknown_attribute``), a value that is not of its declared type (code
  ``wrong_type``), an empty GraphML value (code ``invalid``);
* data of the whole GraphML document, GEXF attributes of the graph and
  nested GEXF nodes, which are not read (codes ``unknown_key`` and
  ``unsupported_gexf``);
* nodes without id, duplicate node ids, edges without ends and a second
  graph, which networkx would merge, invent or skip.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Mapping
from typing import Any

import networkx as nx

from partnership_model import _xml_grammar as g
from partnership_model._attributes import ExtraPolicy
from partnership_model.exceptions import Problem, ValidationError


class _RefusedXMLError(Exception):
    """Internal: the document declares a DOCTYPE or an entity."""


class _Open:
    """An element being read: its name, line, and what was seen inside it."""

    __slots__ = ("key", "keys", "line", "local", "refused", "text")

    def __init__(self, local: str, line: int) -> None:
        self.local = local
        self.line = line
        #: The GraphML key of a <data>, the class of GEXF <attributes>.
        self.key = ""
        self.keys: dict[str, int] = {}  # value keys (data key, attvalue for) -> line
        self.text: list[str] = []
        self.refused = False  # markup inside was refused


class Scan:
    """What the scan of one document found, and its problems."""

    def __init__(self, name: str, fmt: str, extra: ExtraPolicy) -> None:
        self.name = name
        self.fmt = fmt
        self.extra = extra
        self.namespace = ""
        self.problems: list[Problem] = []
        self.nodes: dict[str, str] = {}  # node id -> "file:line"
        self.edges = 0
        self.graphs = 0
        self.description: str | None = None  # text of GEXF <meta><description>
        #: GraphML keys: id -> (domain, name, type, line).
        self.keys: dict[str, tuple[str, str, str, int]] = {}
        #: GEXF attributes: class -> id -> (title, type, line).
        self.declared: dict[str, dict[str, tuple[str, str, int]]] = {
            "node": {},
            "edge": {},
        }
        #: Graph-level GraphML data: attribute name -> "file:line".
        self.graph_data: dict[str, str] = {}
        self._stack: list[_Open] = []
        self._skip = 0  # depth below a refused element: its content is not scanned
        self._line = 0

    # -- reporting ------------------------------------------------------------------------

    def where(self, line: int | None = None) -> str:
        return f"{self.name}:{self._line if line is None else line}"

    def add(self, message: str, code: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.where(line), message, code))

    def _extra(self, message: str, code: str) -> None:
        """Report what ``extra="ignore"`` may drop, unless it does."""
        if self.extra == "raise":
            self.add(f'{message}; pass extra="ignore" to drop it', code)

    # -- elements -------------------------------------------------------------------------

    def start(self, tag: str, attributes: dict[str, str], line: int) -> None:
        self._line = line
        namespace, _, local = tag.rpartition(" ")
        if self._skip:
            self._skip += 1
            return
        element = _Open(local, line)
        if not self._stack:
            self.namespace = namespace
            self._root(namespace, local)
        elif not self._element(element, namespace, attributes):
            self._stack[-1].refused = True
            self._skip = 1
            return
        self._stack.append(element)

    def end(self, _tag: str) -> None:
        if self._skip:
            self._skip -= 1
            return
        element = self._stack.pop()
        text = "".join(element.text)
        parent = self._stack[-1] if self._stack else None
        if element.refused:
            return
        if self.fmt == "graphml" and element.local == "data" and parent is not None:
            self._graphml_value(element, parent, text)
        elif element.local == "description" and parent and parent.local == "meta":
            self.description = text

    def text(self, data: str) -> None:
        if self._stack and not self._skip:
            top = self._stack[-1]
            if top.local in g.VALUES[self.fmt]:
                top.text.append(data)
            elif data.strip() and not top.refused:
                top.refused = True
                self.add(
                    f"text inside <{top.local}> is not read: {data.strip()[:40]!r}",
                    "xml_structure",
                )

    def _root(self, namespace: str, local: str) -> None:
        if self.fmt == "graphml" and (
            namespace != g.GRAPHML_NAMESPACE or local != "graphml"
        ):
            self.add(
                f"not a GraphML document: the root is <{local}> in namespace "
                f"{namespace!r}, not <graphml> in {g.GRAPHML_NAMESPACE!r}",
                "graphml",
            )
        if self.fmt == "gexf" and (namespace not in g.GEXF_VERSIONS or local != "gexf"):
            self.add(
                f"not a GEXF 1.1 or 1.2 document (root <{local}> in namespace "
                f"{namespace!r}); read GEXF 1.3 with dynamic_gexf.read_dynamic_gexf",
                "gexf_version",
            )

    def _element(
        self, element: _Open, namespace: str, attributes: dict[str, str]
    ) -> bool:
        """Check one element; ``False`` when its content is not to be scanned."""
        parent = self._stack[-1]
        local = element.local
        shown = local if namespace in (self.namespace, "") else f"{namespace} {local}"
        if parent.local in g.VALUES[self.fmt] and len(self._stack) > 1:
            hint = (
                " (yEd's graphics: save the file as plain GraphML, or copy the labels "
                "into a data key)"
                if namespace == g.YED_NAMESPACE
                else ""
            )
            self.add(
                f"<{shown}> inside <{parent.local}>: a value is text, and markup in it "
                f"would be lost{hint}",
                "xml_structure",
            )
            return False
        if namespace == "" and self.namespace:
            self.add(
                f"<{local}> is in no namespace (the document's is {self.namespace!r}), "
                "so it would not be read; declare it in the document's namespace",
                "foreign_markup",
            )
            return False
        if namespace != self.namespace:
            if self.fmt == "gexf" and namespace == f"{self.namespace}/viz":
                return False  # Gephi's drawing data: read, then handled as extra data
            self._extra(
                f"<{local}> of namespace {namespace!r} is not read", "foreign_markup"
            )
            return False
        known = (
            g.GRAPHML_ATTRIBUTES if self.fmt == "graphml" else g.GEXF_ATTRIBUTES
        ).get(local)
        if known is None:
            self._extra(f"<{local}> is not an element this reader reads", "unknown_key")
            return False
        self._attributes(local, attributes, known)
        if self.fmt == "graphml":
            self._graphml(element, attributes, parent)
            return True
        return self._gexf(element, attributes, parent)

    def _attributes(
        self, local: str, attributes: Mapping[str, str], known: frozenset[str]
    ) -> None:
        for key in attributes:
            if " " in key:
                namespace, _, name = key.partition(" ")
                if namespace != g.XSI_NAMESPACE:
                    self._extra(
                        f"the attribute {name!r} of namespace {namespace!r} on "
                        f"<{local}> is not read",
                        "foreign_markup",
                    )
            elif key not in known:
                self._extra(
                    f"the XML attribute {key!r} of <{local}> is not read", "unknown_key"
                )

    def _node(self, attributes: Mapping[str, str]) -> None:
        node_id = attributes.get("id")
        if node_id is None:
            self.add("a node has no id", "missing")
        elif node_id in self.nodes:
            self.add(
                f"duplicate node id {node_id!r} (first at {self.nodes[node_id]})",
                "duplicate_id",
            )
        else:
            self.nodes[node_id] = self.where()

    def _edge(self, attributes: Mapping[str, str]) -> None:
        self.edges += 1
        for end in ("source", "target"):
            if end not in attributes:
                self.add(f"an edge has no {end}", "missing")

    def _graph(self) -> None:
        if len(self._stack) == 1:
            self.graphs += 1
            if self.graphs == 2:
                self.add(
                    "a second graph: one file holds one ecology", "multiple_graphs"
                )

    # -- GraphML ----------------------------------------------------------------------------

    def _graphml(
        self, element: _Open, attributes: Mapping[str, str], parent: _Open
    ) -> None:
        local = element.local
        if local == "node":
            self._node(attributes)
        elif local == "edge":
            self._edge(attributes)
        elif local == "graph":
            self._graph()
        elif local == "key":
            self._graphml_key(attributes)
        elif local == "data":
            key = element.key = attributes.get("key", "")
            if key not in self.keys:
                self.add(f"a value for the undeclared key {key!r}", "unknown_attribute")
            elif key in parent.keys:
                name = self.keys[key][1]
                self.add(
                    f"two values of {name!r} in one <{parent.local}> (first at line "
                    f"{parent.keys[key]}): one would be lost",
                    "duplicate_id",
                )
            parent.keys.setdefault(key, self._line)
            if parent.local == "graphml":
                self._extra(
                    "data of the whole document (outside <graph>) are not read",
                    "unknown_key",
                )

    def _graphml_key(self, attributes: Mapping[str, str]) -> None:
        identifier = attributes.get("id", "")
        domain = attributes.get("for", "all")
        name = attributes.get("yfiles.type") or attributes.get("attr.name", identifier)
        kind = attributes.get("attr.type", "string")
        if "yfiles.type" not in attributes and kind not in g.GRAPHML_TYPES:
            self.add(
                f"unknown attribute type {kind!r} of key {identifier!r}; GraphML has "
                f"{', '.join(sorted(g.GRAPHML_TYPES))}",
                "wrong_type",
            )
        if domain not in g.GRAPHML_DOMAINS:
            self.add(
                f"key {identifier!r} is for {domain!r}; GraphML keys are for "
                f"{', '.join(g.GRAPHML_DOMAINS)}",
                "invalid",
            )
        if identifier in self.keys:
            self.add(
                f"key id {identifier!r} declared twice (first at line "
                f"{self.keys[identifier][3]}): one declaration would be lost",
                "duplicate_id",
            )
            return
        for other, other_name, _, line in self.keys.values():
            if other_name == name and (other == domain or "all" in (domain, other)):
                self.add(
                    f"attribute {name!r} declared twice for {domain!r} (first at "
                    f"line {line}): one value would be lost",
                    "duplicate_id",
                )
                break
        self.keys[identifier] = (
            domain,
            name,
            g.GRAPHML_TYPES.get(kind, kind),
            self._line,
        )

    def _graphml_value(self, element: _Open, parent: _Open, text: str) -> None:
        if element.key not in self.keys:
            return
        _, name, kind, _ = self.keys[element.key]
        self._typed(name, kind, text, element.line)
        if parent.local == "graph":
            self.graph_data.setdefault(name, self.where(element.line))

    def _typed(self, name: str, kind: str, text: str, line: int) -> None:
        if not text and kind != "string":
            self.add(f"an empty value of {name!r} ({kind})", "wrong_type", line)
        elif not text:
            self.add(f"an empty value of {name!r}", "invalid", line)
        elif kind == "boolean":
            value = text.lower() if self.fmt == "graphml" else text
            if value not in g.BOOLEANS[self.fmt]:
                self.add(
                    f"{name!r} is a boolean: {text[:80]!r} is neither true nor false",
                    "wrong_type",
                    line,
                )
        elif kind == "integer" and not g.INTEGER.fullmatch(text):
            self.add(
                f"{name!r} is an integer: {text[:80]!r} is not one (at most 4,300 "
                "digits)",
                "wrong_type",
                line,
            )
        elif kind == "number":
            try:
                float(text)
            except ValueError:
                self.add(
                    f"{name!r} is a number: {text[:80]!r} is not one",
                    "wrong_type",
                    line,
                )

    # -- GEXF -------------------------------------------------------------------------------

    def _gexf(
        self, element: _Open, attributes: Mapping[str, str], parent: _Open
    ) -> bool:
        """Check a GEXF element; ``False`` when its content is not to be scanned."""
        local = element.local
        if local == "node":
            if any(open_.local == "node" for open_ in self._stack):
                self.add(
                    "a node inside a node (a hierarchy) is not read: write the "
                    "nodes side by side",
                    "unsupported_gexf",
                )
                return False
            self._node(attributes)
        elif local == "edge":
            self._edge(attributes)
            self._gexf_edge(attributes)
        elif local == "graph":
            self._graph()
            timeformat = attributes.get("timeformat")
            if timeformat is not None and timeformat not in g.GEXF_TIMEFORMATS:
                self.add(
                    f"unknown timeformat {timeformat!r}; GEXF has "
                    f"{', '.join(sorted(g.GEXF_TIMEFORMATS))}",
                    "invalid",
                )
        elif local == "attributes":
            kind = element.key = attributes.get("class", "")
            if kind not in self.declared:
                self.add(
                    f"attributes of class {kind!r} are not read: an ecology has node "
                    "and edge attributes (its classification policy goes in "
                    "<meta><description>)",
                    "unsupported_gexf",
                )
        elif local == "attribute" and parent.local == "attributes":
            self._gexf_attribute(attributes)
        elif local == "attvalue":
            self._gexf_value(attributes)
        return True

    def _owner_class(self) -> str | None:
        for element in reversed(self._stack):
            if element.local in ("node", "edge"):
                return element.local
            if element.local == "attributes":
                return None
        return None

    def _gexf_attribute(self, attributes: Mapping[str, str]) -> None:
        kind = self._class_of_declaration()
        if kind is None:
            return
        identifier = attributes.get("id")
        title = attributes.get("title")
        gexf_type = attributes.get("type", "string")
        if identifier is None or title is None:
            self.add("an attribute needs an id and a title", "missing")
            return
        if gexf_type not in g.GEXF_TYPES:
            self.add(
                f"unknown attribute type {gexf_type!r} of {title!r}; GEXF has "
                f"{', '.join(sorted(g.GEXF_TYPES))}",
                "wrong_type",
            )
        declared = self.declared[kind]
        first = next(
            (
                line
                for i, (t, _, line) in declared.items()
                if i == identifier or t == title
            ),
            None,
        )
        if first is not None:
            self.add(
                f"{kind} attribute {title!r} (id {identifier!r}) declared twice, or its "
                f"id reused (first at line {first}): one value would be lost",
                "duplicate_id",
            )
            return
        if title == "label":
            self.add(
                f"an attribute titled 'label' clashes with the {kind}'s own label: "
                "networkx would keep one of the two",
                "duplicate_id",
            )
        declared[identifier] = (
            title,
            g.GEXF_TYPES.get(gexf_type, "string"),
            self._line,
        )

    def _class_of_declaration(self) -> str | None:
        for element in reversed(self._stack):
            if element.local == "attributes":
                # The class was checked when <attributes> opened.
                return element.key if element.key in self.declared else None
        return None

    def _gexf_value(self, attributes: Mapping[str, str]) -> None:
        kind = self._owner_class()
        if kind is None:
            return
        key = attributes.get("for", "")
        declared = self.declared[kind]
        if key not in declared:
            self.add(
                f"a value for an undeclared {kind} attribute {key!r}",
                "unknown_attribute",
            )
            return
        title, gexf_type, _ = declared[key]
        owner = next(e for e in reversed(self._stack) if e.local == kind)
        if key in owner.keys:
            self.add(
                f"two values of {title!r} (first at line {owner.keys[key]}): one would "
                "be lost",
                "duplicate_id",
            )
            return
        owner.keys[key] = self._line
        if "value" not in attributes:
            self.add(f"a value of {title!r} without value", "missing")
            return
        if "start" not in attributes and "end" not in attributes:
            self._typed(title, gexf_type, attributes["value"], self._line)

    def _gexf_edge(self, attributes: Mapping[str, str]) -> None:
        weight = attributes.get("weight")
        if weight is not None:
            try:
                float(weight)
            except ValueError:
                self.add(f"the weight {weight[:80]!r} is not a number", "wrong_type")
        direction = attributes.get("type", "undirected")
        if direction != "undirected":
            self.add(
                f"a {direction} edge: the relations of an ecology are undirected",
                "directed",
            )

    # -- after networkx ----------------------------------------------------------------------

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


def scan(content: bytes, name: str, fmt: str, extra: ExtraPolicy) -> Scan:
    """Scan a GraphML (*fmt* ``"graphml"``) or GEXF document; raise on any problem.

    Raises:
        ValidationError: Every problem found, each at ``name:line``.
    """
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    found = Scan(name, fmt, extra)

    def refuse(*_args: object) -> None:
        msg = "DOCTYPE and ENTITY declarations are not allowed"
        raise _RefusedXMLError(msg)

    def refuse_external(*_args: object) -> int:
        msg = "external entities are not allowed"
        raise _RefusedXMLError(msg)

    def start(tag: str, attributes: dict[str, str]) -> None:
        found.start(tag, attributes, parser.CurrentLineNumber)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = start
    parser.EndElementHandler = found.end
    parser.CharacterDataHandler = found.text
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True  # one call per run of text, not per line
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
    if found.problems:
        raise ValidationError(found.problems)
    return found


def _fail(path: str, message: str, code: str) -> ValidationError:
    return ValidationError([Problem(path, message, code)])
