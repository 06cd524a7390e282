"""Private rules of the checklist records: field rules and cross-field rules.

The field rules are the library's (:mod:`partnership_model._validators`), so
the file reader (:mod:`partnership_model._checklist_codec`), which goes
through the library's converter, checks a file with the records' own field
declarations.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from partnership_model import _validators as v
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    UnknownReferenceError,
)

if TYPE_CHECKING:
    from partnership_model.checklists import (
        ChecklistItem,
        ChecklistSection,
        VerificationSource,
    )

#: ``None`` or a four-digit year.
year = v.Integer(minimum=1000, maximum=9999, optional=True)

#: A positive integer (a bool is refused).
positive = v.Integer(minimum=1)


def record(cls: type[Any]) -> v.Record:
    """The rule of one nested record of class *cls*."""
    return v.Record(record=cls)


def enum_list(cls: type[enum.Enum]) -> v.MemberList:
    """The rule of a non-empty tuple of distinct members of *cls*."""
    return v.MemberList(vocabulary=cls, min_items=1)


def non_empty(rule: v.Array) -> v.Array:
    """*rule*, an array rule, refusing an empty array too."""
    return attrs.evolve(rule, min_items=1)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Turn any non-text iterable into a tuple (see :func:`_validators.to_tuple`)."""
    return v.to_tuple(value)  # type: ignore[no-any-return]


def both_or_neither(instance: Any, first: str, second: str) -> None:
    """Refuse a text given without its counterpart (a French text without English...)."""
    if (getattr(instance, first) is None) != (getattr(instance, second) is None):
        given, absent = (
            (first, second) if getattr(instance, second) is None else (second, first)
        )
        raise InvalidRecordError(
            absent,
            None,
            f"{absent} is required when {given} is given (both or neither)",
            code="missing_translation",
        )


def checklist_errors(
    *,
    sections: tuple[ChecklistSection, ...],
    items: tuple[ChecklistItem, ...],
    verification_sources: tuple[VerificationSource, ...],
    expected_item_count: int,
    items_to_verify: int,
    complete: bool,
) -> Iterator[InvalidRecordError | UnknownReferenceError]:
    """Yield every rule of a checklist that involves several fields.

    Used by :class:`Checklist` (which raises the first) and by the file reader
    (which reports them all).
    """
    section_ids: set[str] = set()
    for index, section in enumerate(sections):
        if section.id in section_ids:
            yield DuplicateIdError(
                f"sections[{index}].id", section.id, "two sections share this id"
            )
        section_ids.add(section.id)
    source_ids: set[str] = set()
    for index, source in enumerate(verification_sources):
        if source.id in source_ids:
            yield DuplicateIdError(
                f"verification_sources[{index}].id",
                source.id,
                "two verification sources share this id",
            )
        source_ids.add(source.id)
    item_ids: set[str] = set()
    for index, item in enumerate(items):
        if item.id in item_ids:
            yield DuplicateIdError(
                f"items[{index}].id", item.id, "two items share this id"
            )
        item_ids.add(item.id)
        if item.section not in section_ids:
            yield UnknownReferenceError(
                item.section, "checklist section", f"items[{index}].section"
            )
        for s_index, source_id in enumerate(item.verified_in):
            if source_id not in source_ids:
                yield UnknownReferenceError(
                    source_id,
                    "verification source",
                    f"items[{index}].verified_in[{s_index}]",
                )
    if len(items) + items_to_verify != expected_item_count:
        yield InvalidRecordError(
            "items_to_verify",
            items_to_verify,
            f"{len(items)} items plus {items_to_verify} still to verify do not "
            f"make the {expected_item_count} expected",
            code="count_mismatch",
        )
    if complete != (items_to_verify == 0):
        yield InvalidRecordError(
            "complete",
            complete,
            "a checklist is complete exactly when no item is left to verify",
            code="count_mismatch",
        )
