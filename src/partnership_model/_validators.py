"""Private: the field rules of the records, each declared once.

A rule is a small frozen attrs class whose parameters can be read back
(``Member(vocabulary=EngagementDegree)``, ``Integer(minimum=1)``), in the manner
of :func:`attrs.validators.instance_of`. A record declares each field's rule
as the field's validator, and everything derives from that declaration:

* attrs calls the rule when a record is built (:meth:`Rule.__call__`, which
  checks a Python value and raises an
  :class:`~partnership_model.exceptions.InvalidRecordError` naming the field);
* the loader (:mod:`partnership_model._converter`) and the ecology readers
  call :meth:`Rule.structure` on decoded JSON or file values: it checks the
  JSON type, applies the same check and returns the Python value;
* the JSON Schema generator (:mod:`partnership_model.schema`) reads the rule's
  class and parameters.

Rules that involve several fields of a record (an end date not before its
start...) live on the record (``_cross_field_errors``); a record raises the
first one broken, with every one it breaks listed in a :class:`Violations`
note, so that the loader reports them all.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, ClassVar, Final

import attrs

from partnership_model._checks import (  # the checks the rules share, re-exported
    FORBIDDEN_IN_IDENTIFIERS as FORBIDDEN_IN_IDENTIFIERS,
    MAX_ID_LENGTH as MAX_ID_LENGTH,
    MAX_TEXT_LENGTH as MAX_TEXT_LENGTH,
    WHITESPACE as WHITESPACE,
    RefusalError as RefusalError,
    Violations as Violations,
    check_identifier as check_identifier,
    check_text as check_text,
    clip as clip,
    did_you_mean as did_you_mean,
    is_identifier as is_identifier,
    is_text as is_text,
    json_type as json_type,
    nfc as nfc,
    nfc_tuple as nfc_tuple,
    raise_violations as raise_violations,
    refuse as refuse,
    to_frozenset as to_frozenset,
    to_tuple as to_tuple,
    violations as violations,
    wrong_type as wrong_type,
)
from partnership_model.dates import PartialDate
from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
)

# -- the rules --------------------------------------------------------------------------


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


def _listed_twice(item: object) -> InvalidRecordError:
    shown = item.value if isinstance(item, enum.Enum) else item
    return InvalidRecordError(
        "", shown, f"{clip(str(shown))!r} is listed twice", code="duplicate_item"
    )


@attrs.frozen
class Array(Rule):
    """Base of the rules of arrays.

    Attributes:
        min_items: The fewest items accepted (``1``: not empty).
    """

    min_items: int = attrs.field(default=0, kw_only=True)
    #: The Python type the field holds.
    container: ClassVar[type] = tuple
    #: Whether the items must be distinct.
    unique: ClassVar[bool] = False

    def expected(self) -> str:
        return f"an array of {self.item_name()}"

    def item_name(self) -> str:
        raise NotImplementedError

    def check_item(self, field: str, item: Any) -> None:
        raise NotImplementedError

    def check(self, field: str, value: Any) -> None:
        if (
            not isinstance(value, tuple | frozenset)
            or type(value) is not self.container
        ):
            raise RecordTypeError(
                field, value, f"expected a sequence of {self.item_name()}"
            )
        items: tuple[Any, ...] = tuple(value)
        for index, item in enumerate(items):
            self.check_item(f"{field}[{index}]", item)
        if self.unique and type(value) is tuple and len(set(items)) != len(items):
            seen: set[Any] = set()
            for index, item in enumerate(items):
                if item in seen:
                    error = _listed_twice(item)
                    raise InvalidRecordError(
                        f"{field}[{index}]", error.value, error.reason, code=error.code
                    )
                seen.add(item)
        if len(value) < self.min_items:
            raise InvalidRecordError(field, value, "must not be empty")

    def items(self, value: Any) -> list[Any]:
        """Check that the JSON *value* is an array long enough; return it."""
        if type(value) is not list:
            wrong_type(value, self.expected())
        if len(value) < self.min_items:
            refuse(value, "must not be empty")
        return value

    def structure_item(self, item: Any) -> Any:
        raise NotImplementedError

    def structure_value(self, value: Any, _: Any = None) -> Any:
        items = self.items(value)
        errors: list[tuple[int, InvalidRecordError]] = []
        out: list[Any] = []
        for index, item in enumerate(items):
            try:
                out.append(self.structure_item(item))
            except InvalidRecordError as error:
                errors.append((index, error))
        if not errors and self.unique and len(set(out)) != len(out):
            seen: set[Any] = set()
            for index, item in enumerate(out):
                if item in seen:
                    errors.append((index, _listed_twice(item)))
                seen.add(item)
        if errors:
            raise ItemsError(errors)
        return self.container(out)


class ItemsError(ValueError):
    """Internal: every refused item of an array, with its index."""

    def __init__(self, errors: list[tuple[int, InvalidRecordError]]) -> None:
        super().__init__(errors)
        self.errors = errors


@attrs.frozen
class Members(Array):
    """A set of members of :attr:`vocabulary`; in JSON, an array of distinct tokens.

    Attributes:
        vocabulary: The enum class.
    """

    vocabulary: type[enum.Enum]
    _member: Member = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: Member(self.vocabulary), takes_self=True),
    )
    container: ClassVar[type] = frozenset
    unique: ClassVar[bool] = True

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is frozenset:
            vocabulary = self.vocabulary
            for item in value:
                if type(item) is not vocabulary:
                    break
            else:
                return
        self.check(attribute.name, value)

    def item_name(self) -> str:
        return f"{self.vocabulary.__name__} values"

    def check(self, field: str, value: Any) -> None:
        if type(value) is not frozenset:
            raise RecordTypeError(
                field, value, f"expected a set of {self.vocabulary.__name__} members"
            )
        for item in value:
            if type(item) is not self.vocabulary:
                raise RecordTypeError(
                    field, item, f"expected {self.vocabulary.__name__} members only"
                )

    def structure_item(self, item: Any) -> Any:
        return self._member.structure_value(item)

    def structure_value(self, value: Any, _: Any = None) -> Any:
        items = self.items(value)
        table = self._member._table
        try:
            found = frozenset([table[item] for item in items])
        except (KeyError, TypeError):
            return super().structure_value(value)
        if len(found) != len(items):
            return super().structure_value(value)
        return found


@attrs.frozen
class MemberList(Array):
    """An ordered list of distinct members of :attr:`vocabulary`.

    Attributes:
        vocabulary: The enum class.
    """

    vocabulary: type[enum.Enum]
    unique: ClassVar[bool] = True

    def item_name(self) -> str:
        return f"{self.vocabulary.__name__} values"

    def check_item(self, field: str, item: Any) -> None:
        Member(self.vocabulary).check(field, item)

    def structure_item(self, item: Any) -> Any:
        return Member(self.vocabulary).structure_value(item)


@attrs.frozen
class Identifiers(Array):
    """A list of distinct identifiers (see :class:`Identifier`)."""

    unique: ClassVar[bool] = True

    def item_name(self) -> str:
        return "identifiers"

    def check_item(self, field: str, item: Any) -> None:
        check_identifier(field, item)

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if (
            type(value) is tuple
            and len(value) >= self.min_items
            and all(type(item) is str and is_identifier(item) for item in value)
            and len(set(value)) == len(value)
        ):
            return
        self.check(attribute.name, value)

    def structure_item(self, item: Any) -> Any:
        return identifier.structure_value(item)


@attrs.frozen
class Texts(Array):
    """A list of texts (see :class:`Text`)."""

    def item_name(self) -> str:
        return "text"

    def check_item(self, field: str, item: Any) -> None:
        check_text(field, item)

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if (
            type(value) is tuple
            and len(value) >= self.min_items
            and all(type(item) is str and is_text(item) for item in value)
        ):
            return
        self.check(attribute.name, value)

    def structure_item(self, item: Any) -> Any:
        return text.structure_value(item)


@attrs.frozen
class Records(Array):
    """A list of records of class :attr:`record`; in JSON, an array of objects.

    The loader structures the items (see :mod:`partnership_model._converter`).

    Attributes:
        record: The record class.
    """

    record: type[Any]

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        if type(value) is tuple and len(value) >= self.min_items:
            record = self.record
            for item in value:
                if not isinstance(item, record):
                    break
            else:
                return
        self.check(attribute.name, value)

    def item_name(self) -> str:
        return f"{self.record.__name__} objects"

    def check_item(self, field: str, item: Any) -> None:
        if not isinstance(item, self.record):
            raise RecordTypeError(field, item, f"expected a {self.record.__name__}")


@attrs.frozen
class Record(Rule):
    """One record of class :attr:`record`; in JSON, an object.

    Attributes:
        record: The record class.
    """

    record: type[Any]

    def expected(self) -> str:
        return f"an object (a {self.record.__name__})"

    def check(self, field: str, value: Any) -> None:
        if not isinstance(value, self.record):
            raise RecordTypeError(field, value, f"expected a {self.record.__name__}")


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


@attrs.frozen
class Grid(Rule):
    """A matrix of counts: :attr:`rows` rows of :attr:`columns` non-negative integers.

    Attributes:
        rows: The number of rows.
        columns: The number of columns.
    """

    rows: int
    columns: int

    def expected(self) -> str:
        return f"an array of {self.rows} arrays of {self.columns} non-negative integers"

    def check(self, field: str, value: Any) -> None:
        shape_ok = (
            type(value) is tuple
            and len(value) == self.rows
            and all(
                type(row) is tuple
                and len(row) == self.columns
                and all(type(n) is int and n >= 0 for n in row)
                for row in value
            )
        )
        if not shape_ok:
            raise InvalidRecordError(
                field,
                value,
                f"expected {self.rows} rows of {self.columns} non-negative integers",
            )

    def structure_value(self, value: Any, _: Any = None) -> Any:
        if type(value) is not list or any(type(row) is not list for row in value):
            wrong_type(value, self.expected())
        grid = tuple(tuple(row) for row in value)
        try:
            self.check("", grid)
        except InvalidRecordError as error:
            refuse(value, error.reason)
        return grid


# -- the rules under their usual names ---------------------------------------------------

identifier: Final = Identifier()
optional_identifier: Final = Identifier(optional=True)
text: Final = Text()
optional_text: Final = Text(optional=True)
identifiers: Final = Identifiers()
texts: Final = Texts()
optional_date: Final = Date(optional=True)
boolean: Final = Boolean()
optional_boolean: Final = Boolean(optional=True)
count: Final = Integer()


def member_of(cls: type[enum.Enum]) -> Member:
    """The rule accepting only members of the vocabulary *cls*."""
    return Member(cls)


def optional_member_of(cls: type[enum.Enum]) -> Member:
    """Like :func:`member_of`, ``None`` accepted too."""
    return Member(cls, optional=True)


def members_of(cls: type[enum.Enum]) -> Members:
    """The rule of a set of members of *cls*."""
    return Members(vocabulary=cls)


def instances_of(cls: type[Any]) -> Records:
    """The rule of a tuple of *cls* records."""
    return Records(record=cls)


Validator = Rule
"""What the records' fields declare as validators."""
