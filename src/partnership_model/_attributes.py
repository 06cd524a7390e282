"""Private: ecology actors and relations to and from plain attribute dicts.

Every exchange format of the ecology (networkx graphs, node-link JSON,
GraphML, GEXF, CSV) holds actors and relations as attribute dicts of plain
strings, numbers and booleans. This module is the one place that turns them
into records and back:

* :func:`read` reads ``(path, node, attributes)`` and ``(path, source,
  target, key, attributes)`` items (and the graph attributes, where the
  policy is recorded) into :class:`~partnership_model.ecology.Actor` and
  :class:`~partnership_model.ecology.Relation` records, through the records'
  own validators; it collects every problem with its path and raises one
  :class:`~partnership_model.exceptions.ValidationError`. It also checks the
  relation types the data declares against the policy, and migrates format
  1.0's ``level`` attribute (reported, see :mod:`partnership_model._migration`).
* :func:`node_attributes`, :func:`edge_attributes` write them.

It builds no graph: :mod:`partnership_model.ecology` does, from what
:func:`read` returns, so that nothing here imports the graph.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs
import networkx as nx

from partnership_model import _migration, _validators as v
from partnership_model._actors import Actor, Relation
from partnership_model.exceptions import (
    InvalidRecordError,
    Problem,
    RecordTypeError,
    RelationTypeMismatchWarning,
    ValidationError,
    VocabularyError,
)
from partnership_model.policy import DEFAULT_POLICY, ClassificationPolicy, _classifier
from partnership_model.vocabulary import (
    Authority,
    EngagementLevel,
    RelationType,
)

if TYPE_CHECKING:
    from partnership_model.policy import _Classification

MismatchPolicy: TypeAlias = Literal["raise", "warn"]
"""What to do when a declared relation type disagrees with the computed one."""
ExtraPolicy: TypeAlias = Literal["raise", "ignore"]
"""What to do with attributes this library does not know."""
PathFunction: TypeAlias = Callable[[str, str], str]
"""Builds the path of one attribute (the field) of an item (the path)."""

NODE_FIELDS: Final = frozenset(
    {"sphere", "authority", "kind", "role", "label", "person_id"}
)
EDGE_FIELDS: Final = frozenset(
    {
        "relation_type",
        "crosses_sphere",
        "crosses_authority",
        "engagement_id",
        "degree",
        "start",
        "end",
    }
)
GRAPH_FIELDS: Final = frozenset(ClassificationPolicy.ATTRIBUTE_KEYS)


def json_path(path: str, field: str) -> str:
    """The path of *field* in the JSON item at *path* (``$.nodes[0].sphere``)."""
    return f"{path}.{field}"


# -- writing ------------------------------------------------------------------------------


def node_attributes(actor: Actor) -> dict[str, str]:
    """An actor's node attributes: value strings, unset fields left out."""
    attributes = {"sphere": actor.sphere.value}
    if actor.authority is not None:
        attributes["authority"] = actor.authority.value
    attributes["kind"] = actor.kind.value
    if actor.role is not None:
        attributes["role"] = actor.role.value
    if actor.label is not None:
        attributes["label"] = actor.label
    if actor.person_id is not None:
        attributes["person_id"] = actor.person_id
    return attributes


def edge_attributes(
    data: Mapping[str, Any], classification: _Classification
) -> dict[str, str | bool]:
    """A relation's edge attributes, from its stored data and classification."""
    attributes: dict[str, str | bool] = {
        "relation_type": classification.primary.value,
        "crosses_sphere": classification.crosses_sphere,
        "crosses_authority": classification.crosses_authority,
    }
    engagement_id = data.get("engagement_id")
    if engagement_id is not None:
        attributes["engagement_id"] = engagement_id
    degree = data.get("degree")
    if degree is not None:
        attributes["degree"] = degree.value
    for field in ("start", "end"):
        day = data.get(field)
        if day is not None:
            attributes[field] = day.isoformat()
    return attributes


# -- reading values --------------------------------------------------------------------------


def _rules(cls: type[Any]) -> dict[str, v.Rule]:
    return {
        field.name: field.validator
        for field in attrs.fields(cls)
        if isinstance(field.validator, v.Rule)
    }


_ACTOR_RULES: Final = _rules(Actor)
_RELATION_RULES: Final = _rules(Relation)
_DECLARED_RULES: Final[Mapping[str, v.Rule]] = {
    "relation_type": v.Member(RelationType),
    "crosses_sphere": v.boolean,
    "crosses_authority": v.boolean,
}
_LEVEL: Final = v.Member(EngagementLevel)


def _value(rule: v.Rule, value: object, *, lenient: bool) -> Any:
    """Read an attribute value with the field rule of the records.

    A value read from a file is text, a number or a boolean; one from a
    networkx graph may already be the Python value (a vocabulary member, a
    date). ``None`` is refused: an attribute that is not set is left out.
    With *lenient*, a vocabulary value may be a label or an alias (spreadsheet
    cells).

    Raises:
        InvalidRecordError: With the reason and code; its field is empty.
    """
    if isinstance(rule, v.Member):
        if isinstance(value, rule.vocabulary):
            return value
        return rule.parse(value) if lenient else rule.structure_value(value)
    if isinstance(rule, v.Date):
        return rule.read(value)
    return rule.structure_value(value)


class _Collector:
    """Collects problems, mismatches and migrations while reading a document."""

    def __init__(self, path_of: PathFunction, extra: ExtraPolicy) -> None:
        self.path_of = path_of
        self.extra = extra
        self.problems: list[Problem] = []
        self.mismatches: list[Problem] = []
        self.migrations: list[Problem] = []

    def where(self, path: str, field: str) -> str:
        return self.path_of(path, field) if field else path

    def add(self, path: str, field: str, message: str, code: str) -> None:
        """Record a problem of *field* (``""``: the whole item) at *path*."""
        where = self.where(path, field)
        if field and where == path:
            message = f"{field}: {message}"
        self.problems.append(Problem(where, message, code))

    def unknown(self, path: str, field: str, known: Iterable[str]) -> None:
        if self.extra == "raise":
            self.add(
                path,
                field,
                f"unknown attribute {field!r}; known: {', '.join(sorted(known))}",
                "unknown_key",
            )


def _migrated_authority(
    path: str,
    attributes: Mapping[Any, object],
    collector: _Collector,
    *,
    lenient: bool,
) -> Authority | None:
    """Read format 1.0's ``level`` attribute as an authority (reported)."""
    if "authority" in attributes:
        collector.add(
            path,
            "level",
            "both 'level' (format 1.0) and 'authority' (format 1.1) are given; "
            "keep authority",
            "ambiguous",
        )
        return None
    try:
        level = _value(_LEVEL, attributes["level"], lenient=lenient)
    except InvalidRecordError as problem:
        collector.add(
            path,
            "level",
            f"cannot migrate to an authority: {problem.reason}",
            problem.code,
        )
        return None
    authority = _migration.AUTHORITY_FOR_LEVEL[level]
    collector.migrations.append(
        _migration.describe(collector.where(path, "level"), level, authority)
    )
    return authority


def _read_actor(
    path: str,
    node: object,
    attributes: object,
    collector: _Collector,
    *,
    lenient: bool,
    tolerate_reader_ids: bool,
) -> Actor | None:
    before = len(collector.problems)
    if node is None:
        collector.add(path, "id", "missing actor id", "missing")
        return None
    if type(node) is not str:
        message = f"actor ids must be strings, got {type(node).__name__}"
        collector.add(path, "", message, "wrong_type")
        return None
    if not isinstance(attributes, Mapping):
        collector.add(path, "", "expected a mapping of attributes", "wrong_type")
        return None
    values: dict[str, Any] = {"id": node}
    failed: set[str] = set()
    labelled: bool | None = None
    for field, value in attributes.items():
        try:
            if field in NODE_FIELDS:
                values[field] = _value(_ACTOR_RULES[field], value, lenient=lenient)
            elif field == "level":
                authority = _migrated_authority(
                    path, attributes, collector, lenient=lenient
                )
                if authority is not None:
                    values["authority"] = authority
            elif tolerate_reader_ids and field == "id" and value == node:
                continue
            elif tolerate_reader_ids and field == "labelled":
                labelled = _value(v.boolean, value, lenient=False)
            else:
                collector.unknown(path, str(field), NODE_FIELDS)
        except InvalidRecordError as problem:
            failed.add(str(field))
            collector.add(path, str(field), problem.reason, problem.code)
    if labelled is False:
        values.pop("label", None)
    if "sphere" not in values and "sphere" not in failed:
        collector.add(path, "sphere", "missing required attribute", "missing")
    if len(collector.problems) > before:
        return None
    try:
        return Actor(**values)
    except InvalidRecordError as error:
        collector.add(path, error.field, error.reason, error.code)
        return None


def _read_relation(
    path: str,
    source: object,
    target: object,
    attributes: object,
    collector: _Collector,
    *,
    lenient: bool,
    tolerate_reader_ids: bool,
) -> tuple[Relation, dict[str, Any]] | None:
    """Read one edge; return the relation and its declared classification."""
    before = len(collector.problems)
    if not isinstance(attributes, Mapping):
        collector.add(path, "", "expected a mapping of attributes", "wrong_type")
        return None
    for field, end in (("source", source), ("target", target)):
        if end is None:
            collector.add(path, field, f"missing {field} actor id", "missing")
    if len(collector.problems) > before:
        return None
    values: dict[str, Any] = {"source": source, "target": target}
    declared: dict[str, Any] = {}
    for field, value in attributes.items():
        try:
            if field in _DECLARED_RULES:
                declared[field] = _value(_DECLARED_RULES[field], value, lenient=lenient)
            elif field in EDGE_FIELDS:
                values[field] = _value(_RELATION_RULES[field], value, lenient=lenient)
            elif tolerate_reader_ids and field == "id":
                continue
            else:
                collector.unknown(path, str(field), EDGE_FIELDS)
        except InvalidRecordError as problem:
            collector.add(path, str(field), problem.reason, problem.code)
    if len(collector.problems) > before:
        return None
    try:
        return Relation(**values), declared
    except InvalidRecordError as error:
        collector.add(path, error.field, error.reason, error.code)
        return None


#: The rule of each policy attribute's value, as the ecology schema states them
#: (ClassificationPolicy.from_attributes checks how they go together).
_POLICY_RULES: Final[Mapping[str, v.Rule]] = {
    "policy": v.identifier,
    "policy_min_authority_gap": v.Integer(minimum=1, maximum=len(Authority) - 1),
    "policy_linking_within_sphere": v.boolean,
    "policy_organisation_authority": v.text,
    "policy_precedence": v.text,
}
_POLICY_CHOICES: Final[Mapping[str, frozenset[str]]] = {
    "policy_organisation_authority": frozenset(
        ["none", *(member.value for member in Authority)]
    ),
    "policy_precedence": frozenset(
        ">".join(kind.value for kind in order)
        for order in itertools.permutations(RelationType)
    ),
}


def read_policy(
    path: str, attributes: Mapping[str, object], collector: _Collector
) -> ClassificationPolicy | None:
    """The policy recorded in graph attributes, if any (problems are collected)."""
    if not any(key in attributes for key in GRAPH_FIELDS):
        return None
    recorded = {key: attributes[key] for key in GRAPH_FIELDS if key in attributes}
    before = len(collector.problems)
    for key, value in recorded.items():
        try:
            _POLICY_RULES[key].structure_value(value)
        except InvalidRecordError as error:
            collector.add(path, key, error.reason, error.code)
            continue
        choices = _POLICY_CHOICES.get(key)
        if choices is not None and value not in choices:
            collector.add(
                path,
                key,
                f"{v.clip(str(value))!r} is not one of {', '.join(sorted(choices))}",
                "unknown_term",
            )
    if len(collector.problems) > before:
        return None
    try:
        return ClassificationPolicy.from_attributes(recorded)
    except InvalidRecordError as error:
        collector.add(
            path, error.field, f"{error.reason} (got {error.value!r})", error.code
        )
    except VocabularyError as error:
        field, code = {
            "Authority": ("policy_organisation_authority", "unknown_term"),
            "RelationType": ("policy_precedence", "unknown_term"),
        }.get(error.vocabulary, ("policy", "unknown_policy"))
        collector.add(path, field, str(error), code)
    return None


def _check_declared(
    path: str,
    declared: Mapping[str, Any],
    classification: _Classification,
    policy: ClassificationPolicy,
    collector: _Collector,
) -> None:
    computed: dict[str, Any] = {
        "relation_type": classification.primary,
        "crosses_sphere": classification.crosses_sphere,
        "crosses_authority": classification.crosses_authority,
    }
    for field, value in declared.items():
        expected = computed[field]
        if value != expected:
            shown = value.value if isinstance(value, RelationType) else value
            wanted = expected.value if isinstance(expected, RelationType) else expected
            where = collector.where(path, field)
            prefix = f"{field}: " if where == path else ""
            collector.mismatches.append(
                Problem(
                    where,
                    f"{prefix}declared {shown!r} but the two actors make it "
                    f"{wanted!r} under the {policy.name!r} classification policy",
                    "relation_type_mismatch",
                )
            )


@attrs.frozen
class Read:
    """What :func:`read` found: the records to build a graph from, and the notices."""

    policy: ClassificationPolicy
    actors: list[Actor]
    relations: list[tuple[Relation, int | None]]
    mismatches: list[Problem]
    migrations: list[Problem]

    def warn(self, *, stacklevel: int) -> None:
        """Emit the mismatch and migration warnings (counted from the caller)."""
        if self.mismatches:
            count = len(self.mismatches)
            shown = "; ".join(str(problem) for problem in self.mismatches[:5])
            more = f" (and {count - 5} more)" if count > 5 else ""
            warnings.warn(
                RelationTypeMismatchWarning(
                    f"{count} declared relation type(s) disagree with the computed "
                    f"ones, which were kept: {shown}{more}"
                ),
                stacklevel=stacklevel + 1,
            )
        _migration.warn(self.migrations, None, stacklevel=stacklevel + 1)


NodeItem: TypeAlias = tuple[str, object, object]
"""``(path, node_id, attributes)``."""
EdgeItem: TypeAlias = tuple[str, object, object, object, object]
"""``(path, source, target, key, attributes)``."""


def networkx_items(G: object) -> tuple[Iterable[NodeItem], Iterable[EdgeItem]]:  # noqa: N803
    """The node and edge items of a networkx graph, with their paths.

    Raises:
        RecordTypeError: *G* is not a networkx graph.
    """
    if not isinstance(G, nx.Graph):
        raise RecordTypeError("G", G, "expected a networkx graph")
    nodes = ((f"nodes[{node!r}]", node, data) for node, data in G.nodes(data=True))
    if isinstance(G, nx.MultiGraph):
        edges: Iterable[EdgeItem] = (
            (f"edges[{u!r}, {w!r}, {k!r}]", u, w, k, data)
            for u, w, k, data in G.edges(keys=True, data=True)
        )
    else:
        edges = (
            (f"edges[{u!r}, {w!r}]", u, w, None, data)
            for u, w, data in G.edges(data=True)
        )
    return nodes, edges


def check_options(mismatch: object, extra: object) -> None:
    """Refuse unknown values of the *mismatch* and *extra* options."""
    if mismatch not in ("raise", "warn"):
        raise InvalidRecordError("mismatch", mismatch, "expected 'raise' or 'warn'")
    if extra not in ("raise", "ignore"):
        raise InvalidRecordError("extra", extra, "expected 'raise' or 'ignore'")


def check_policy(policy: object) -> ClassificationPolicy | None:
    """Return *policy* if it is ``None`` or a policy; raise a TypeError otherwise."""
    if policy is not None and not isinstance(policy, ClassificationPolicy):
        raise RecordTypeError(
            "policy", policy, "expected a ClassificationPolicy (or None)"
        )
    return policy


def read(
    nodes: Iterable[NodeItem],
    edges: Iterable[EdgeItem],
    *,
    graph_attributes: tuple[str, Mapping[str, object]] | None = None,
    policy: ClassificationPolicy | None,
    mismatch: MismatchPolicy,
    extra: ExtraPolicy,
    lenient: bool = False,
    path_of: PathFunction = json_path,
    tolerate_reader_ids: bool = False,
    problems: Iterable[Problem] = (),
) -> Read:
    """Read actors and relations from attribute dicts, collecting every problem.

    Args:
        nodes: ``(path, node_id, attributes)`` items.
        edges: ``(path, source, target, key, attributes)`` items; an integer
            key is kept when it is free.
        graph_attributes: ``(path, attributes)`` of the graph, where the
            classification policy is recorded; other keys are ignored.
        policy: The policy to classify with; ``None`` takes the recorded one,
            or :data:`~partnership_model.policy.DEFAULT_POLICY` when none is.
        mismatch: ``"raise"`` or ``"warn"`` (see
            :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`).
        extra: ``"raise"`` or ``"ignore"`` unknown attributes.
        lenient: Read vocabulary values leniently (labels, aliases).
        path_of: Builds the path of one attribute of an item.
        tolerate_reader_ids: Ignore the ``id`` (and ``labelled``) attributes
            networkx's GraphML and GEXF readers produce.
        problems: Problems the caller already found, reported first.

    Raises:
        ValidationError: Every problem found.
        InvalidRecordError: *mismatch* or *extra* is not a known option.
        RecordTypeError: *policy* is not a ClassificationPolicy.
    """
    check_options(mismatch, extra)
    check_policy(policy)
    collector = _Collector(path_of, extra)
    collector.problems.extend(problems)
    recorded = None
    if graph_attributes is not None:
        recorded = read_policy(*graph_attributes, collector)
    chosen = policy or recorded or DEFAULT_POLICY
    classifier = _classifier(chosen)
    actors: dict[str, Actor] = {}
    refused: set[object] = set()
    for path, node, attributes in nodes:
        actor = _read_actor(
            path,
            node,
            attributes,
            collector,
            lenient=lenient,
            tolerate_reader_ids=tolerate_reader_ids,
        )
        if actor is None:
            if isinstance(node, str):
                refused.add(node)
            continue
        if actor.id in actors:
            collector.add(path, "", f"duplicate actor id {actor.id!r}", "duplicate_id")
            continue
        actors[actor.id] = actor
    relations: list[tuple[Relation, int | None]] = []
    for path, source, target, key, attributes in edges:
        found = _read_relation(
            path,
            source,
            target,
            attributes,
            collector,
            lenient=lenient,
            tolerate_reader_ids=tolerate_reader_ids,
        )
        if found is None:
            continue
        relation, declared = found
        first = actors.get(relation.source)
        second = actors.get(relation.target)
        if first is None or second is None:
            for field, end, actor in (
                ("source", relation.source, first),
                ("target", relation.target, second),
            ):
                if actor is None and end not in refused:
                    collector.add(
                        path, field, f"unknown actor {end!r}", "unknown_actor"
                    )
            continue
        classification = classifier.classify(first, second)
        _check_declared(path, declared, classification, chosen, collector)
        relations.append((relation, key if type(key) is int and key >= 0 else None))
    if mismatch == "raise":
        collector.problems.extend(collector.mismatches)
        collector.mismatches.clear()
    if collector.problems:
        raise ValidationError(collector.problems)
    return Read(
        policy=chosen,
        actors=list(actors.values()),
        relations=relations,
        mismatches=collector.mismatches,
        migrations=collector.migrations,
    )
