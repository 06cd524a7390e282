"""Private attrs validators and converters shared by the record modules.

Every validator raises an :class:`~partnership_model.exceptions.InvalidRecordError`
subclass naming the field, never a bare ``TypeError`` or ``ValueError``.

Every validator also carries a :class:`Kind` (``validator.kind``) that states,
as data, what it accepts. The JSON codec (:mod:`partnership_model._codec`) and
the JSON Schema generator (:mod:`partnership_model.schema`) derive their checks
from these kinds, so a record's field declaration is the single source of its
rules.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from partnership_model.exceptions import InvalidRecordError, RecordTypeError


@attrs.frozen
class Kind:
    """What a field validator accepts, as data.

    Attributes:
        name: One of ``identifier``, ``text``, ``enum``, ``enum_set``,
            ``records``, ``identifiers``, ``texts``, ``date``, ``bool``,
            ``count``.
        optional: Whether ``None`` is accepted too.
        target: The enum class (``enum``, ``enum_set``) or record class
            (``records``) involved, if any.
        shape: For ``grid``: the number of rows and of columns.
    """

    name: str
    optional: bool = False
    target: type[Any] | None = None
    shape: tuple[int, int] | None = None


F = TypeVar("F", bound=Callable[..., Any])


def _tag(function: F, kind: Kind) -> F:
    function.kind = kind  # type: ignore[attr-defined]
    return function


MAX_ID_LENGTH = 200
MAX_TEXT_LENGTH = 100_000

#: Every character for which ``str.isspace()`` is true (the test suite checks it).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Control characters and lone surrogates (which cannot be encoded as UTF-8).
_CONTROL_CLASS = "\\x00-\\x1f\\x7f\\ud800-\\udfff"
_SURROGATE_CLASS = "\\ud800-\\udfff"
_EDGE_FORBIDDEN = frozenset(WHITESPACE) | {chr(c) for c in range(0x20)} | {"\x7f"}
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
_SURROGATE = re.compile(f"[{_SURROGATE_CLASS}]")


def is_identifier(value: str) -> bool:
    """Whether the string *value* is a valid identifier (fast path)."""
    return (
        0 < len(value) <= MAX_ID_LENGTH
        and value[0] not in _EDGE_FORBIDDEN
        and value[-1] not in _EDGE_FORBIDDEN
        and (value.isprintable() or _CONTROL.search(value) is None)
    )


def is_text(value: str) -> bool:
    """Whether the string *value* is valid free text (fast path)."""
    return (
        0 < len(value) <= MAX_TEXT_LENGTH
        and not value.isspace()
        and (value.isprintable() or _SURROGATE.search(value) is None)
    )


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def identifier(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check an identifier: a non-empty string without control characters.

    Leading or trailing whitespace is refused too: ``"p1 "`` and ``"p1"`` would
    otherwise name two different people.
    """
    check_identifier(attribute.name, value)


_tag(identifier, Kind("identifier"))


def optional_identifier(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check ``None`` or an identifier."""
    if value is not None:
        check_identifier(attribute.name, value)


_tag(optional_identifier, Kind("identifier", optional=True))


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
    if not is_identifier(value):
        raise InvalidRecordError(
            field,
            value,
            "an identifier must not start or end with whitespace nor contain "
            "control characters or lone surrogates",
        )


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check required free text: a string with at least one visible character."""
    check_text(attribute.name, value)


_tag(text, Kind("text"))


def check_text(field: str, value: object) -> None:
    """Raise unless *value* is non-blank text of reasonable length."""
    if type(value) is not str:
        raise RecordTypeError(field, value, "expected text (a string)")
    if not value or value.isspace():
        raise InvalidRecordError(field, value, "must not be empty or blank")
    if _SURROGATE.search(value):
        raise InvalidRecordError(
            field, value, "text must not contain lone surrogates (invalid Unicode)"
        )
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


_tag(optional_text, Kind("text", optional=True))


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

    return _tag(validate, Kind("enum", target=cls))


def optional_member_of(cls: type[enum.Enum]) -> Validator:
    """Like :func:`member_of` but also accepts ``None``."""
    check = member_of(cls)

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value is not None:
            check(instance, attribute, value)

    return _tag(validate, Kind("enum", optional=True, target=cls))


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

    return _tag(validate, Kind("enum_set", target=cls))


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

    return _tag(validate, Kind("records", target=cls))


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


_tag(identifiers, Kind("identifiers"))


def texts(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check a tuple of non-blank strings."""
    if type(value) is not tuple:
        raise RecordTypeError(attribute.name, value, "expected a sequence of text")
    for index, item in enumerate(value):
        check_text(f"{attribute.name}[{index}]", item)


_tag(texts, Kind("texts"))


def optional_date(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check ``None`` or a :class:`datetime.date` (a datetime is refused)."""
    if value is not None and type(value) is not dt.date:
        raise RecordTypeError(
            attribute.name, value, "expected a datetime.date (not a datetime or text)"
        )


_tag(optional_date, Kind("date", optional=True))


def boolean(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check a real bool (``0`` and ``"yes"`` are refused)."""
    if type(value) is not bool:
        raise RecordTypeError(attribute.name, value, "expected True or False")


_tag(boolean, Kind("bool"))


def optional_boolean(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Check ``None`` (unknown) or a real bool."""
    if value is not None and type(value) is not bool:
        raise RecordTypeError(attribute.name, value, "expected True, False or None")


_tag(optional_boolean, Kind("bool", optional=True))


def count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check a non-negative integer (a bool is refused)."""
    if type(value) is not int or value < 0:
        raise InvalidRecordError(
            attribute.name, value, "expected a non-negative integer"
        )


_tag(count, Kind("count"))


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
