"""Private helper: read a grouping of actors for the significance and ego measures.

A partition is either the name of an :class:`~partnership_model.ecology.Actor`
attribute (``"sphere"``, or ``"authority"``: the authority the graph's
classification policy compares for each actor, ``None`` for an organisation
that states none) or a mapping of actor id to group label. Only the public API of
:class:`~partnership_model.ecology.EcologyGraph` is used (``actors()``).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Final, Literal, TypeAlias

from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import InvalidRecordError, RecordTypeError

GroupPartition: TypeAlias = Literal["sphere", "authority"] | Mapping[str, Hashable]

#: Partitions named by an actor attribute, in the order the error message lists them.
NAMED: Final = ("sphere", "authority")

_EXPECTED: Final = "expected 'sphere', 'authority' or a mapping of actor ids to groups"
_MISSING: Final = object()


def check_graph(graph: object) -> EcologyGraph:
    """Return *graph*, or raise :class:`RecordTypeError` if it is not an ecology."""
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph


def group_labels(graph: EcologyGraph, partition: object) -> dict[str, Hashable]:
    """The group label of every actor of *graph*, in the graph's actor order.

    Raises:
        RecordTypeError: *partition* is neither a name nor a mapping, or a
            mapping holds an unhashable label.
        InvalidRecordError: *partition* is an unknown name, names an attribute
            the actors do not carry, or a mapping misses an actor.
    """
    check_graph(graph)
    if isinstance(partition, str):
        if partition not in NAMED:
            raise InvalidRecordError("partition", partition, _EXPECTED)
        labels: dict[str, Hashable] = {}
        for actor in graph.actors():
            # Authority as the graph's policy compares it (as the metrics read it).
            value = (
                graph.policy.authority_of(actor)
                if partition == "authority"
                else getattr(actor, partition, _MISSING)
            )
            if value is _MISSING:
                raise InvalidRecordError(
                    "partition",
                    partition,
                    f"the actors of this graph carry no {partition!r} attribute; "
                    "pass a mapping of actor ids to groups",
                    code="unavailable_partition",
                )
            labels[actor.id] = value
        return labels
    if not isinstance(partition, Mapping):
        raise RecordTypeError("partition", partition, _EXPECTED)
    labels = {}
    for actor in graph.actors():
        try:
            label = partition[actor.id]
        except KeyError:
            raise InvalidRecordError(
                "partition",
                actor.id,
                "this actor has no group in the partition",
                code="missing_group",
            ) from None
        try:
            hash(label)
        except TypeError:
            raise RecordTypeError(
                f"partition[{actor.id!r}]", label, "expected a hashable group label"
            ) from None
        labels[actor.id] = label
    return labels


def group_codes(labels: Mapping[str, Hashable]) -> tuple[dict[str, int], list[int]]:
    """Number the groups 0, 1, ... in order of first appearance.

    Returns:
        Each actor's group number, and the size of each group by number.
    """
    index: dict[Hashable, int] = {}
    sizes: list[int] = []
    codes: dict[str, int] = {}
    for actor_id, label in labels.items():
        code = index.setdefault(label, len(index))
        if code == len(sizes):
            sizes.append(0)
        sizes[code] += 1
        codes[actor_id] = code
    return codes, sizes
