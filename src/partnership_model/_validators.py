"""Private attrs validators and converters shared by the record modules.

Every validator raises an :class:`~partnership_model.exceptions.InvalidRecordError`
subclass naming the field, never a bare ``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from partnership_model.exceptions import InvalidRecordError, RecordTypeError

MAX_ID_LENGTH = 200
MAX_TEXT_LENGTH = 100_000

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def identifier(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check an identifier: a non-empty string without control characters.

    Leading or trailing whitespace is refused too: ``"p1 "`` and ``"p1"`` would
    otherwise name two different people.
    """
    check_identifier(attribute.name, value)


def check_identifier(field: str, value: object) -> None:
    """Raise unless *value* is a valid identifier (see :func:`identifier`)."""
    if type(value) is not str:
        raise RecordTypeError(field, value, "an identifier must be a string")
    if not value:
        raise InvalidRecordError(field, value, "an identifier must not be empty")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidRecordError(
            field, value, f"an identifier has at most {MAX_ID_LENGTH} characters"
        )
    if value != value.strip() or _CONTROL.search(value):
        raise InvalidRecordError(
            field,
            value,
            "an identifier must not start or end with spaces nor contain "
            "control characters",
        )


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check required free text: a string with at least one visible character."""
    check_text(attribute.name, value)


def check_text(field: str, value: object) -> None:
    """Raise unless *value* is non-blank text of reasonable length."""
    if type(value) is not str:
        raise RecordTypeError(field, value, "expected text (a string)")
    if not value.strip():
        raise InvalidRecordError(field, value, "must not be empty or blank")
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidRecordError(
            field, value, f"text is limited to {MAX_TEXT_LENGTH} characters"
        )


def optional_text(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check optional free text: ``None`` or non-blank text."""
    if value is not None:
        check_text(attribute.name, value)


def member_of(cls: type[enum.Enum]) -> Validator:
    """Return a validator accepting only members of the vocabulary *cls*."""
    hint = f"use {cls.__name__}.parse(text) to read a label or a value"

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if type(value) is not cls:
            raise RecordTypeError(
                attribute.name, value, f"expected a {cls.__name__} member ({hint})"
            )

    return validate


def optional_member_of(cls: type[enum.Enum]) -> Validator:
    """Like :func:`member_of` but also accepts ``None``."""
    check = member_of(cls)

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value is not None:
            check(instance, attribute, value)

    return validate


def members_of(cls: type[enum.Enum]) -> Validator:
    """Return a validator for a frozenset whose items are members of *cls*."""
    hint = f"{cls.__name__} members"

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if type(value) is not frozenset:
            raise RecordTypeError(attribute.name, value, f"expected a set of {hint}")
        for item in value:
            if type(item) is not cls:
                raise RecordTypeError(attribute.name, item, f"expected {hint} only")

    return validate


def instances_of(cls: type[Any]) -> Validator:
    """Return a validator for a tuple whose items are instances of *cls*."""

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if type(value) is not tuple:
            raise RecordTypeError(
                attribute.name, value, f"expected a sequence of {cls.__name__}"
            )
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise RecordTypeError(
                    f"{attribute.name}[{index}]", item, f"expected a {cls.__name__}"
                )

    return validate


def identifiers(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check a tuple of distinct identifiers."""
    if type(value) is not tuple:
        raise RecordTypeError(
            attribute.name, value, "expected a sequence of identifiers"
        )
    seen: set[str] = set()
    for index, item in enumerate(value):
        field = f"{attribute.name}[{index}]"
        check_identifier(field, item)
        if item in seen:
            raise InvalidRecordError(field, item, "listed twice")
        seen.add(item)


def texts(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check a tuple of non-blank strings."""
    if type(value) is not tuple:
        raise RecordTypeError(attribute.name, value, "expected a sequence of text")
    for index, item in enumerate(value):
        check_text(f"{attribute.name}[{index}]", item)


def optional_date(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check ``None`` or a :class:`datetime.date` (a datetime is refused)."""
    if value is not None and type(value) is not dt.date:
        raise RecordTypeError(
            attribute.name, value, "expected a datetime.date (not a datetime or text)"
        )


def boolean(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check a real bool (``0`` and ``"yes"`` are refused)."""
    if type(value) is not bool:
        raise RecordTypeError(attribute.name, value, "expected True or False")


def optional_boolean(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check ``None`` (unknown) or a real bool."""
    if value is not None and type(value) is not bool:
        raise RecordTypeError(attribute.name, value, "expected True, False or None")


def _is_collection(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(
        value, str | bytes | bytearray | Mapping
    )


def to_tuple(value: Any) -> Any:
    """Turn any non-text iterable into a tuple; leave anything else for validation."""
    if type(value) is tuple or not _is_collection(value):
        return value
    return tuple(value)


def to_frozenset(value: Any) -> Any:
    """Turn any non-text iterable into a frozenset; leave anything else for validation."""
    if type(value) is frozenset or not _is_collection(value):
        return value
    try:
        return frozenset(value)
    except TypeError:  # unhashable items: let the validator name them
        return tuple(value)
