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

The rules of single values (:class:`Rule` itself, identifiers, texts,
vocabulary members, dates, booleans, integers) live in
:mod:`partnership_model._scalar_rules` and are re-exported here; this module
holds the rules of arrays, nested records and count grids, built on them, and
the rules under their usual names (``v.identifier``, ``v.member_of(...)``).

Rules that involve several fields of a record (an end date not before its
start...) live on the record (``_cross_field_errors``); a record raises the
first one broken, with every one it breaks listed in a :class:`Violations`
note, so that the loader reports them all.
"""

from __future__ import annotations

import enum
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
from partnership_model._scalar_rules import (  # the rules of single values, re-exported
    Boolean as Boolean,
    Date as Date,
    Identifier as Identifier,
    Integer as Integer,
    Member as Member,
    Rule as Rule,
    Text as Text,
)
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
)

# -- the rules of arrays, records and grids ----------------------------------------------


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
