"""Private: the one node-link dialect of ecology documents.

What :func:`write` gives (``networkx.node_link_data`` of
:meth:`EcologyGraph.to_networkx
<partnership_model.ecology.EcologyGraph.to_networkx>`, edges under
``"edges"``) is exactly what :func:`items` reads, and what the shipped
ecology schema describes:

* an object with ``nodes`` and ``edges`` (arrays, both required), and
  optionally ``directed`` (``false``: relations are undirected),
  ``multigraph`` (``true``: two actors may share several relations),
  ``graph`` (the classification policy's attributes) and ``schema_version``;
* each node an object with its ``id`` and its attributes, each edge an object
  with ``source``, ``target``, optionally ``key`` (a non-negative integer) and
  its attributes, read with the records' field rules
  (:mod:`partnership_model._attributes`).

The older ``links`` key of networkx before 3.4, a ``null`` key, a directed or
simple graph and values padded with whitespace are refused, each at its path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

import networkx as nx

from partnership_model._attributes import GRAPH_FIELDS, EdgeItem, ExtraPolicy, NodeItem
from partnership_model.exceptions import Problem
from partnership_model.policy import ClassificationPolicy

KEYS: Final = ("schema_version", "directed", "multigraph", "graph", "nodes", "edges")
"""The keys of a node-link ecology document."""

_HEADER: Final = {"directed": False, "multigraph": True}


def write(graph: nx.MultiGraph[str]) -> dict[str, Any]:
    """The node-link data of a graph :meth:`EcologyGraph.to_networkx` made."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def items(
    data: Mapping[str, Any], *, extra: ExtraPolicy
) -> tuple[list[Problem], Mapping[str, object], list[NodeItem], list[EdgeItem]]:
    """Check the envelope of a node-link document and list its nodes and edges.

    Returns:
        The problems of the envelope and of the items' structure, the graph
        attributes, the node items and the edge items (for
        :func:`partnership_model._attributes.read`).
    """
    problems: list[Problem] = []
    for key in data:
        if key in KEYS:
            continue
        if key == "links":
            problems.append(
                Problem(
                    "$.links",
                    "unknown key 'links': networkx before 3.4 wrote the edges under "
                    "'links'; rename it 'edges'",
                    "unknown_key",
                )
            )
        elif extra == "raise":
            problems.append(
                Problem(
                    f"$.{key}" if key.isidentifier() else f"$[{key!r}]",
                    f"unknown key {key!r}; allowed keys: {', '.join(sorted(KEYS))}",
                    "unknown_key",
                )
            )
    for key, expected in _HEADER.items():
        if key in data and data[key] is not expected:
            value = data[key]
            if type(value) is bool:
                problems.append(
                    Problem(
                        f"$.{key}",
                        f"an ecology is an undirected multigraph: {key!r} must be "
                        f"{str(expected).lower()}",
                        "invalid",
                    )
                )
            else:
                problems.append(
                    Problem(f"$.{key}", "expected true or false", "wrong_type")
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
    nodes = _array(data, "nodes", problems)
    edges = _array(data, "edges", problems)
    return (
        problems,
        graph_attributes,
        list(_node_items(nodes, problems)),
        list(_edge_items(edges, problems)),
    )


def _array(data: Mapping[str, Any], key: str, problems: list[Problem]) -> list[Any]:
    if key not in data:
        problems.append(Problem(f"$.{key}", f"missing required key {key!r}", "missing"))
        return []
    value = data[key]
    if type(value) is not list:
        problems.append(Problem(f"$.{key}", "expected an array", "wrong_type"))
        return []
    return value


def _node_items(nodes: list[Any], problems: list[Problem]) -> Iterator[NodeItem]:
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


def _edge_items(edges: list[Any], problems: list[Problem]) -> Iterator[EdgeItem]:
    for index, edge in enumerate(edges):
        path = f"$.edges[{index}]"
        if not isinstance(edge, Mapping):
            problems.append(Problem(path, "expected an object", "wrong_type"))
            continue
        missing = [end for end in ("source", "target") if end not in edge]
        problems.extend(
            Problem(f"{path}.{end}", f"missing {end}", "missing") for end in missing
        )
        key = edge.get("key", 0)
        if type(key) is not int or key < 0:
            problems.append(
                Problem(f"{path}.key", "expected a non-negative integer", "wrong_type")
            )
            continue
        if missing:
            continue
        attributes = {
            k: val for k, val in edge.items() if k not in ("source", "target", "key")
        }
        yield path, edge["source"], edge["target"], edge.get("key"), attributes
