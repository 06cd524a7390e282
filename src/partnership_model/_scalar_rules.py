"""Private: the field rules of single values: identifiers, texts, terms, dates, numbers.

:class:`Rule` is the base of every field rule (see
:mod:`partnership_model._validators` for how records, the loader and the JSON
Schema generator use them); the rules here check one scalar value each. The
rules of arrays, of nested records and of count grids are built on them in
:mod:`partnership_model._validators`, which re-exports these.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from partnership_model._checks import (
    RefusalError,
    check_identifier,
    check_text,
    clip,
    did_you_mean,
    is_identifier,
    is_text,
    json_type,
    nfc,
    refuse,
    wrong_type,
)
from partnership_model.dates import PartialDate
from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
)

__all__ = ["Boolean", "Date", "Identifier", "Integer", "Member", "Rule", "Text"]


@attrs.frozen
class Rule:
    """Base of the field rules.

    Attributes:
        optional: Whether ``None`` is accepted too (a JSON ``null``, or the key
            left out).
    """

    optional: bool = attrs.field(default=False, kw_only=True)

    #: What the rule accepts, for messages about the JSON type.
    accepts: ClassVar[str] = "a value"

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        """Check *value* as attrs does when a record is built."""
        if value is None and self.optional:
            return
        self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        """Raise an InvalidRecordError naming *field* unless *value* is valid."""
        raise NotImplementedError

    def structure(self, value: Any, _: Any = None) -> Any:
        """The Python value of the decoded JSON *value*, checked by this rule.

        Raises:
            InvalidRecordError: With an empty field, the reason and a code
                (``RecordTypeError`` for a value of the wrong JSON type).
        """
        if value is None:
            if self.optional:
                return None
            wrong_type(value, self.expected())
        return self.structure_value(value)

    def expected(self) -> str:
        """What the rule accepts, in a message about a value of the wrong JSON type."""
        return self.accepts

    def structure_value(self, value: Any, _: Any = None) -> Any:
        """:meth:`structure` for a value that is not ``None``."""
        self.check("", value)
        return value


@attrs.frozen
class Identifier(Rule):
    """A stable identifier: 1 to 200 characters, kept in NFC.

    No whitespace at either end (``"p1 "`` and ``"p1"`` would otherwise name
    two people), no control character, no invisible or format character
    (:data:`FORBIDDEN_IN_IDENTIFIERS`), no lone surrogate.
    """

    accepts: ClassVar[str] = "an identifier (a string)"

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is str and is_identifier(value):
            return
        if value is None and self.optional:
            return
        check_identifier(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        check_identifier(field, value)

    def structure_value(self, value: Any, _: Any = None) -> Any:
        if type(value) is str and is_identifier(value):
            return nfc(value)
        if type(value) is not str:
            wrong_type(value, self.expected())
        try:
            check_identifier("", value)
        except InvalidRecordError as error:
            refuse(value, error.reason)
        return nfc(value)  # pragma: no cover - is_identifier and the check agree


@attrs.frozen
class Text(Rule):
    """Free text with at least one visible character, at most 100,000 characters."""

    accepts: ClassVar[str] = "text (a string)"

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is str and is_text(value):
            return
        if value is None and self.optional:
            return
        check_text(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        check_text(field, value)

    def structure_value(self, value: Any, _: Any = None) -> Any:
        if type(value) is str and is_text(value):
            return value
        if type(value) is not str:
            wrong_type(value, self.expected())
        try:
            check_text("", value)
        except InvalidRecordError as error:
            refuse(value, error.reason)
        return value  # pragma: no cover - is_text and the check agree


@attrs.frozen
class Member(Rule):
    """A member of the vocabulary :attr:`vocabulary`; in JSON, its value token.

    Attributes:
        vocabulary: The enum class.
    """

    vocabulary: type[enum.Enum]
    _table: Mapping[str, enum.Enum] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(
            lambda self: {m.value: m for m in self.vocabulary}, takes_self=True
        ),
    )

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is self.vocabulary or (value is None and self.optional):
            return
        self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        if type(value) is not self.vocabulary:
            name = self.vocabulary.__name__
            raise RecordTypeError(
                field,
                value,
                f"expected a {name} member (use {name}.parse(text) to read a label "
                "or a value)",
            )

    def structure_value(self, value: Any, _: Any = None) -> Any:
        try:
            return self._table[value]
        except (KeyError, TypeError):
            pass
        accepted = ", ".join(self._table)
        name = self.vocabulary.__name__
        if type(value) is not str:
            raise RecordTypeError(
                "",
                value,
                f"expected a {name} value (a string), got {json_type(value)}; "
                f"accepted values: {accepted}",
            )
        raise RefusalError(
            value,
            "unknown_term",
            {
                "value": repr(clip(value)),
                "vocabulary": name,
                "hint": did_you_mean(value.lower(), self._table, 0.8),
                "accepted": accepted,
            },
        )

    def parse(self, value: Any) -> Any:
        """Read a label, alias or value leniently (spreadsheet cells), else refuse."""
        if isinstance(value, self.vocabulary):
            return value
        if type(value) is not str:
            wrong_type(value, f"a {self.vocabulary.__name__} value as text")
        try:
            return self.vocabulary.parse(value)  # type: ignore[attr-defined]
        except PartnershipModelError as error:
            refuse(value, str(error), "unknown_term")


@attrs.frozen
class Date(Rule):
    """A :class:`~partnership_model.dates.PartialDate`; in JSON, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    The record's converter turns a :class:`datetime.date` into a partial date
    known to the day.
    """

    accepts: ClassVar[str] = "a date (a YYYY, YYYY-MM or YYYY-MM-DD string)"

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is PartialDate or (value is None and self.optional):
            return
        self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        if type(value) is not PartialDate:
            raise RecordTypeError(
                field,
                value,
                "expected a PartialDate or a datetime.date (not a datetime or text)",
            )

    def structure_value(self, value: Any, _: Any = None) -> Any:
        if type(value) is not str:
            wrong_type(value, self.expected())
        try:
            return PartialDate.fromisoformat(value)
        except InvalidRecordError:
            refuse(
                value,
                f"{clip(value)!r} is not a date of the calendar in the form YYYY, "
                "YYYY-MM or YYYY-MM-DD",
            )

    def read(self, value: Any) -> Any:
        """Read a file value: ISO text as in JSON, or a date object (networkx graphs)."""
        if type(value) in (PartialDate, dt.date):
            return value
        return self.structure_value(value)


@attrs.frozen
class Boolean(Rule):
    """``True`` or ``False`` (``0``, ``1`` and ``"yes"`` are refused)."""

    accepts: ClassVar[str] = "true or false"

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is bool or (value is None and self.optional):
            return
        self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        if type(value) is not bool:
            expected = "True, False or None" if self.optional else "True or False"
            raise RecordTypeError(field, value, f"expected {expected}")

    def structure_value(self, value: Any, _: Any = None) -> Any:
        if type(value) is not bool:
            wrong_type(value, self.expected())
        return value


@attrs.frozen
class Integer(Rule):
    """An integer in a range (a boolean is refused, and so is ``1.0``).

    Attributes:
        minimum: The smallest value accepted.
        maximum: The largest value accepted, if any.
    """

    minimum: int = 0
    maximum: int | None = None

    def expected(self) -> str:
        return "an integer"

    def _reason(self) -> str:
        if self.maximum is not None:
            return f"expected an integer from {self.minimum} to {self.maximum}"
        if self.minimum == 0:
            return "expected a non-negative integer"
        if self.minimum == 1:
            return "expected a positive integer"
        return f"expected an integer of at least {self.minimum}"

    def _in_range(self, value: int) -> bool:
        return self.minimum <= value and (self.maximum is None or value <= self.maximum)

    def check(self, field: str, value: Any) -> None:
        if type(value) is not int or not self._in_range(value):
            raise InvalidRecordError(field, value, self._reason())

    def structure_value(self, value: Any, _: Any = None) -> Any:
        if type(value) is not int:
            wrong_type(value, self.expected())
        if not self._in_range(value):
            refuse(value, self._reason())
        return value
