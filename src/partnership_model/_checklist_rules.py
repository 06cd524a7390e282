"""Private validators and cross-field rules of the checklist records.

Each validator carries a :class:`~partnership_model._validators.Kind`, so the
file reader (:mod:`partnership_model._checklist_codec`) derives its checks
from the records' field declarations.
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
    RecordTypeError,
    UnknownReferenceError,
)

if TYPE_CHECKING:
    from partnership_model.checklists import (
        ChecklistItem,
        ChecklistSection,
        VerificationSource,
    )


def year(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check ``None`` or a four-digit year."""
    if value is not None and (type(value) is not int or not 1000 <= value <= 9999):
        raise InvalidRecordError(
            attribute.name, value, "expected a four-digit year or None"
        )


year.kind = v.Kind("year", optional=True)  # type: ignore[attr-defined]


def positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check a positive integer (a bool is refused)."""
    if type(value) is not int or value < 1:
        raise InvalidRecordError(attribute.name, value, "expected a positive integer")


positive.kind = v.Kind("count")  # type: ignore[attr-defined]


def record(cls: type[Any]) -> v.Validator:
    """Return a validator for one nested record of class *cls*."""

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, cls):
            raise RecordTypeError(attribute.name, value, f"expected a {cls.__name__}")

    validate.kind = v.Kind("record", target=cls)  # type: ignore[attr-defined]
    return validate


def enum_list(cls: type[enum.Enum]) -> v.Validator:
    """Return a validator for a non-empty tuple of distinct members of *cls*."""

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if type(value) is not tuple or not value:
            raise RecordTypeError(
                attribute.name,
                value,
                f"expected a non-empty sequence of {cls.__name__}",
            )
        for index, item in enumerate(value):
            if type(item) is not cls:
                raise RecordTypeError(
                    f"{attribute.name}[{index}]",
                    item,
                    f"expected a {cls.__name__} member",
                )
            if item in value[:index]:
                raise InvalidRecordError(
                    f"{attribute.name}[{index}]", item.value, "listed twice"
                )

    validate.kind = v.Kind("enum_list", target=cls)  # type: ignore[attr-defined]
    return validate


def non_empty(validator: v.Validator) -> v.Validator:
    """Wrap a sequence validator so that an empty sequence is refused too."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        validator(instance, attribute, value)
        if not value:
            raise InvalidRecordError(attribute.name, value, "must not be empty")

    validate.kind = validator.kind  # type: ignore[attr-defined]
    return validate


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
