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

from collections.abc import Mapping
from typing import Any

from partnership_model import _node_link
from partnership_model._attributes import ExtraPolicy, MismatchPolicy
from partnership_model._enums import Lang, check_lang
from partnership_model._exchange_csv import (
    ACTOR_COLUMNS,
    RELATION_COLUMNS,
    read_csv,
    write_csv,
)
from partnership_model._exchange_xml import (
    read_gexf,
    read_graphml,
    write_gexf,
    write_graphml,
)
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import Problem, RecordTypeError, ValidationError
from partnership_model.policy import ClassificationPolicy

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


def _check_graph(graph: object) -> EcologyGraph:
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph


# -- node-link JSON ----------------------------------------------------------------------


def to_node_link(graph: EcologyGraph) -> dict[str, Any]:
    """Return the ecology as networkx node-link data (JSON-ready).

    The result is ``nx.node_link_data(graph.to_networkx(), edges="edges")``:
    ``{"directed": false, "multigraph": true, "graph": {...}, "nodes": [...],
    "edges": [...]}``, where ``graph`` records the classification policy,
    each node holds ``id`` and the node attributes and each edge ``source``,
    ``target``, ``key`` and the edge attributes.
    :func:`~partnership_model.to_dict` gives the same document with
    ``schema_version`` first.
    """
    return _node_link.write(_check_graph(graph).to_networkx())


def from_node_link(
    data: object,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Build an ecology from node-link data such as :func:`to_node_link` returns.

    There is one node-link dialect: what :func:`to_node_link` (or
    :func:`~partnership_model.to_dict`) writes, which the ecology schema
    describes. ``nodes`` and ``edges`` are required, ``directed`` must be
    false and ``multigraph`` true when given, an edge ``key`` is a
    non-negative integer, and every attribute is read with the records' field
    rules (exact vocabulary tokens, ISO dates without surrounding spaces). A
    ``schema_version``, when present, must be one this release reads. The
    ``links`` key networkx wrote before 3.4 is refused with a hint: rename it
    ``edges``.

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
        raise ValidationError(
            [Problem("$", "expected a JSON object with nodes and edges", "wrong_type")]
        )
    if "schema_version" in data:
        from partnership_model.serialization import check_version  # noqa: PLC0415

        check_version(dict(data))
    problems, graph_attributes, nodes, edges = _node_link.items(data, extra=extra)
    return EcologyGraph._load(
        nodes,
        edges,
        graph_attributes=("$.graph", graph_attributes),
        policy=policy,
        mismatch=mismatch if not problems else "raise",
        extra=extra,
        problems=problems,
        stacklevel=2,
    )


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
