"""Private: build an :class:`~partnership_model.ecology.EcologyGraph` from attribute dicts.

Shared by :meth:`EcologyGraph.from_networkx` and the readers of
:mod:`partnership_model.exchange` (node-link JSON, GraphML, GEXF, CSV). Every
reader turns its input into ``(path, node, attributes)`` and ``(path, source,
target, key, attributes)`` items; :func:`load` reads them, collects every
problem with its path, and raises one
:class:`~partnership_model.exceptions.ValidationError`.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast

import networkx as nx

from partnership_model.ecology import (
    _CODE,
    _PRIMARY,
    _ROW,
    Actor,
    EcologyGraph,
    ExtraPolicy,
    MismatchPolicy,
    Relation,
    _EdgeData,
)
from partnership_model.exceptions import (
    InvalidRecordError,
    Problem,
    RecordTypeError,
    RelationTypeMismatchWarning,
    ValidationError,
    VocabularyError,
)
from partnership_model.vocabulary import (
    ActorKind,
    EngagementDegree,
    EngagementLevel,
    RelationType,
    Role,
    Sphere,
)

if TYPE_CHECKING:
    from partnership_model._enums import Vocabulary


_NODE_FIELDS: Final = frozenset(
    {"sphere", "level", "kind", "role", "label", "person_id"}
)
_EDGE_FIELDS: Final = frozenset(
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
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


class _FieldProblemError(Exception):
    """Internal: one attribute could not be read."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _vocabulary_value(cls: type[Vocabulary], value: object, *, lenient: bool) -> Any:
    if isinstance(value, cls):
        return value
    if type(value) is not str:
        msg = f"expected a {cls.__name__} value as text, got {type(value).__name__}"
        raise _FieldProblemError(msg, "wrong_type")
    try:
        return cls.parse(value) if lenient else cls.from_value(value)
    except VocabularyError as error:
        raise _FieldProblemError(str(error), "unknown_term") from None


def _date_value(value: object) -> dt.date:
    if type(value) is dt.date:
        return value
    if type(value) is not str:
        msg = f"expected an ISO date (YYYY-MM-DD), got {type(value).__name__}"
        raise _FieldProblemError(msg, "wrong_type")
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    msg = f"{value!r} is not an ISO date (YYYY-MM-DD)"
    raise _FieldProblemError(msg, "invalid_date")


def _bool_value(value: object) -> bool:
    if type(value) is not bool:
        msg = f"expected true or false, got {type(value).__name__}"
        raise _FieldProblemError(msg, "wrong_type")
    return value


def _text_value(value: object) -> str:
    if type(value) is not str:
        msg = f"expected text, got {type(value).__name__}"
        raise _FieldProblemError(msg, "wrong_type")
    return value


PathFunction: TypeAlias = Callable[[str, str], str]


def _json_path(path: str, field: str) -> str:
    return f"{path}.{field}"


class _Collector:
    """Collects problems and mismatches while loading a document."""

    def __init__(self, path_of: PathFunction, extra: ExtraPolicy) -> None:
        self.path_of = path_of
        self.extra = extra
        self.problems: list[Problem] = []
        self.mismatches: list[Problem] = []

    def add(self, path: str, field: str, message: str, code: str) -> None:
        """Record a problem of *field* (``""``: the whole item) at *path*."""
        where = self.path_of(path, field) if field else path
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


_NODE_VOCABULARIES: Final[Mapping[str, type[Vocabulary]]] = {
    "sphere": Sphere,
    "level": EngagementLevel,
    "kind": ActorKind,
    "role": Role,
}


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
            if field in _NODE_VOCABULARIES:
                values[field] = _vocabulary_value(
                    _NODE_VOCABULARIES[field], value, lenient=lenient
                )
            elif field in ("label", "person_id"):
                values[field] = _text_value(value)
            elif tolerate_reader_ids and field == "id" and value == node:
                continue
            elif tolerate_reader_ids and field == "labelled":
                labelled = _bool_value(value)
            else:
                collector.unknown(path, str(field), _NODE_FIELDS)
        except _FieldProblemError as problem:
            failed.add(str(field))
            collector.add(path, str(field), problem.message, problem.code)
    if labelled is False:
        values.pop("label", None)
    for required in ("sphere", "level"):
        if required not in values and required not in failed:
            collector.add(path, required, "missing required attribute", "missing")
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
            if field == "relation_type":
                declared[field] = _vocabulary_value(
                    RelationType, value, lenient=lenient
                )
            elif field in ("crosses_sphere", "crosses_authority"):
                declared[field] = _bool_value(value)
            elif field == "engagement_id":
                values[field] = _text_value(value)
            elif field == "degree":
                values[field] = _vocabulary_value(
                    EngagementDegree, value, lenient=lenient
                )
            elif field in ("start", "end"):
                values[field] = _date_value(value)
            elif tolerate_reader_ids and field == "id":
                continue
            else:
                collector.unknown(path, str(field), _EDGE_FIELDS)
        except _FieldProblemError as problem:
            collector.add(path, str(field), problem.message, problem.code)
    if len(collector.problems) > before:
        return None
    try:
        return Relation(**values), declared
    except InvalidRecordError as error:
        collector.add(path, error.field, error.reason, error.code)
        return None


def _check_declared(
    path: str, declared: Mapping[str, Any], category: int, collector: _Collector
) -> None:
    computed: dict[str, Any] = {
        "relation_type": _PRIMARY[category],
        "crosses_sphere": bool(category & 1),
        "crosses_authority": bool(category & 2),
    }
    for field, value in declared.items():
        expected = computed[field]
        if value != expected:
            shown = value.value if isinstance(value, RelationType) else value
            wanted = expected.value if isinstance(expected, RelationType) else expected
            where = collector.path_of(path, field)
            prefix = f"{field}: " if where == path else ""
            collector.mismatches.append(
                Problem(
                    where,
                    f"{prefix}declared {shown!r} but the spheres and levels of the "
                    f"two actors make it {wanted!r}",
                    "relation_type_mismatch",
                )
            )


def load(
    nodes: Iterable[tuple[str, object, object]],
    edges: Iterable[tuple[str, object, object, object, object]],
    *,
    mismatch: MismatchPolicy,
    extra: ExtraPolicy,
    lenient: bool = False,
    path_of: PathFunction = _json_path,
    tolerate_reader_ids: bool = False,
    stacklevel: int = 2,
) -> EcologyGraph:
    """Build a graph from attribute dicts, collecting every problem.

    Args:
        nodes: ``(path, node_id, attributes)`` items.
        edges: ``(path, source, target, key, attributes)`` items; an integer
            key is kept when it is free.
        mismatch: ``"raise"`` or ``"warn"`` (see
            :meth:`EcologyGraph.from_networkx`).
        extra: ``"raise"`` or ``"ignore"`` unknown attributes.
        lenient: Read vocabulary values leniently (labels, aliases).
        path_of: Builds the path of one attribute of an item.
        tolerate_reader_ids: Ignore the ``id`` (and ``labelled``) attributes
            networkx's GraphML and GEXF readers produce.
        stacklevel: Passed to :func:`warnings.warn`, counted from here.

    Raises:
        ValidationError: Every problem found.
    """
    if mismatch not in ("raise", "warn"):
        raise InvalidRecordError("mismatch", mismatch, "expected 'raise' or 'warn'")
    if extra not in ("raise", "ignore"):
        raise InvalidRecordError("extra", extra, "expected 'raise' or 'ignore'")
    collector = _Collector(path_of, extra)
    graph = EcologyGraph()
    entries = graph._entries
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
        if actor.id in entries:
            collector.add(path, "", f"duplicate actor id {actor.id!r}", "duplicate_id")
            continue
        graph._insert_actor(actor)
    interned: dict[tuple[Any, ...], _EdgeData] = {}
    singles: dict[int, Any] = {}  # shared {0: data} key dicts
    for path, source, target, key, attributes in edges:
        read = _read_relation(
            path,
            source,
            target,
            attributes,
            collector,
            lenient=lenient,
            tolerate_reader_ids=tolerate_reader_ids,
        )
        if read is None:
            continue
        relation, declared = read
        first = entries.get(relation.source)
        second = entries.get(relation.target)
        if first is None or second is None:
            for field, end, entry in (
                ("source", relation.source, first),
                ("target", relation.target, second),
            ):
                if entry is None and end not in refused:
                    message = f"unknown actor {end!r}"
                    collector.add(path, field, message, "unknown_actor")
            continue
        category = first[_ROW][second[_CODE]]
        _check_declared(path, declared, category, collector)
        if collector.problems or (collector.mismatches and mismatch == "raise"):
            continue  # the graph will be discarded: skip the insertion work
        wanted_key = key if type(key) is int and key >= 0 else None
        data = graph._data_for(relation, category, interned)
        graph._link(first, second, data, wanted_key, singles)
    if mismatch == "raise":
        collector.problems.extend(collector.mismatches)
    if collector.problems:
        raise ValidationError(collector.problems)
    if collector.mismatches:
        count = len(collector.mismatches)
        shown = "; ".join(str(problem) for problem in collector.mismatches[:5])
        more = f" (and {count - 5} more)" if count > 5 else ""
        warnings.warn(
            RelationTypeMismatchWarning(
                f"{count} declared relation type(s) disagree with the computed "
                f"ones, which were kept: {shown}{more}"
            ),
            stacklevel=stacklevel,
        )
    graph._changed()
    return graph


def from_networkx(
    G: nx.Graph[Any],  # noqa: N803 - networkx naming convention
    *,
    mismatch: MismatchPolicy,
    extra: ExtraPolicy,
    stacklevel: int,
) -> EcologyGraph:
    """Implement :meth:`EcologyGraph.from_networkx` (see there)."""
    if not isinstance(G, nx.Graph):
        raise RecordTypeError("G", G, "expected a networkx graph")
    node_items = ((f"nodes[{node!r}]", node, data) for node, data in G.nodes(data=True))
    if G.is_multigraph():
        edge_items: Iterable[tuple[str, object, object, object, object]] = (
            (f"edges[{u!r}, {w!r}, {k!r}]", u, w, k, data)
            for u, w, k, data in cast("Any", G).edges(keys=True, data=True)
        )
    else:
        edge_items = (
            (f"edges[{u!r}, {w!r}]", u, w, None, data)
            for u, w, data in G.edges(data=True)
        )
    return load(
        node_items,
        edge_items,
        mismatch=mismatch,
        extra=extra,
        tolerate_reader_ids=True,
        stacklevel=stacklevel + 1,
    )
