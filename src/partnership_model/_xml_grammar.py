"""Private: what the GraphML and GEXF (1.1, 1.2) readers read (issue 14).

The elements, XML attributes and value types that networkx's readers read
(or refuse with a message of their own), for the pre-scan of
:mod:`partnership_model._xml_scan`: anything else in a document would be
dropped silently, so the scan refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

GRAPHML_NAMESPACE: Final = "http://graphml.graphdrawing.org/xmlns"
GEXF_VERSIONS: Final = {
    "http://www.gexf.net/1.2draft": "1.2draft",
    "http://www.gexf.net/1.1draft": "1.1draft",
}
XSI_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema-instance"
YED_NAMESPACE: Final = "http://www.yworks.com/xml/graphml"

# The XML attributes networkx reads (or refuses with a message of its own).
GRAPHML_ATTRIBUTES: Final[Mapping[str, frozenset[str]]] = {
    "graphml": frozenset(),
    "key": frozenset({"id", "for", "attr.name", "attr.type", "yfiles.type"}),
    "default": frozenset(),
    "graph": frozenset(
        {
            "id",
            "edgedefault",
            "parse.nodeids",
            "parse.edgeids",
            "parse.order",
            "parse.nodes",
            "parse.edges",
            "parse.maxindegree",
            "parse.maxoutdegree",
        }
    ),
    "node": frozenset({"id", "parse.indegree", "parse.outdegree"}),
    "edge": frozenset({"id", "source", "target", "directed"}),
    "data": frozenset({"key", "id"}),
    # Refused by networkx with a message of its own.
    "hyperedge": frozenset({"id"}),
    "endpoint": frozenset({"id", "node", "port", "type"}),
    "port": frozenset({"name"}),
}
GEXF_ATTRIBUTES: Final[Mapping[str, frozenset[str]]] = {
    "gexf": frozenset({"version", "variant"}),
    "meta": frozenset({"lastmodifieddate"}),
    "creator": frozenset(),
    "keywords": frozenset(),
    "description": frozenset(),
    "graph": frozenset(
        {"defaultedgetype", "mode", "timeformat", "start", "end", "idtype", "name"}
    ),
    "attributes": frozenset({"class", "mode", "start", "end"}),
    "attribute": frozenset({"id", "title", "type"}),
    "default": frozenset(),
    "options": frozenset(),
    "nodes": frozenset({"count"}),
    "edges": frozenset({"count"}),
    "node": frozenset({"id", "label", "start", "end", "pid"}),
    "edge": frozenset(
        {"id", "source", "target", "label", "weight", "type", "start", "end"}
    ),
    "attvalues": frozenset(),
    "attvalue": frozenset({"for", "value", "start", "end"}),
    "spells": frozenset(),
    "spell": frozenset({"start", "end"}),
    "slices": frozenset(),
    "slice": frozenset({"start", "end"}),
    "parents": frozenset(),
    "parent": frozenset({"for"}),
}
# Elements whose content is text: markup inside them is not read.
VALUES: Final = {
    "graphml": frozenset({"data", "default", "desc"}),
    "gexf": frozenset(
        {"attvalue", "default", "options", "creator", "keywords", "description"}
    ),
}
GRAPHML_TYPES: Final = {
    "boolean": "boolean",
    "int": "integer",
    "integer": "integer",
    "long": "integer",
    "float": "number",
    "double": "number",
    "string": "string",
}
GEXF_TYPES: Final = {
    "boolean": "boolean",
    "int": "integer",
    "integer": "integer",
    "long": "integer",
    "float": "number",
    "double": "number",
    "string": "string",
    "liststring": "string",
    "anyURI": "string",
}
GEXF_TIMEFORMATS: Final = frozenset(
    {"date", "dateTime", "double", "integer", "float", "long"}
)
GRAPHML_DOMAINS: Final = ("node", "edge", "graph", "graphml", "all")
INTEGER: Final = re.compile(r"\s*[+-]?[0-9]{1,4300}\s*", re.ASCII)
BOOLEANS: Final = {
    "graphml": frozenset({"true", "false", "0", "1"}),  # compared in lower case
    "gexf": frozenset({"true", "false", "True", "False", "0", "1"}),
}
