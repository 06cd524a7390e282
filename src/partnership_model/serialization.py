"""JSON round trip of every record, at the edge of the model.

Records do no I/O; this module turns them into JSON data and back:

* :func:`to_dict` / :func:`from_dict`: records to JSON-compatible data and back;
* :func:`to_json` / :func:`from_json`: the same, to and from JSON text;
* :func:`read_json` / :func:`write_json`: the same, to and from files;
* :func:`validate`: check data without keeping the records.

Everything goes through one cattrs converter (:data:`converter`), configured
from the records' own field rules: what a constructor accepts is what loading
accepts, field by field.

The format: enum members are their value strings (``"partnership"``), dates
ISO 8601 strings as precise as known (``"2006"``, ``"2020-11"``,
``"2024-05-02"``), tuples arrays in order, sets arrays in the vocabulary's
declaration order; a field whose value is ``None`` or an empty collection is
omitted, and ``null`` is accepted wherever a field is optional. Output is
deterministic: the same record always gives the same text.

Top-level documents (:class:`~partnership_model.Register`, and the ecology
graph as node-link data) carry ``"schema_version"``; see :data:`SCHEMA_VERSION`
and the versioning policy in the documentation. A register may also carry a
JSON-LD ``"@context"`` (see :mod:`partnership_model.jsonld`), which loading
accepts and ignores and writing does not add. Documents of format 1.0 are read
too: their authority ``level`` (participants, organisations, ecology actors)
is migrated to ``authority``, each research stage of an engagement gets the
engagement's degree, and every migrated field is reported in one
:class:`~partnership_model.MigrationWarning`.

Loading never accepts bad data silently: unknown keys are refused (with a "did
you mean" hint), types are checked strictly (``"5"`` is not a number, ``1`` is
not ``true``), vocabulary values must be exact JSON tokens, and every problem of
the document is reported in one :class:`~partnership_model.ValidationError`
whose :attr:`~partnership_model.ValidationError.path` points into the document
(``$.engagements[3].degree``). No other exception escapes for any input.

Reading a register imports neither the ecology nor networkx.

Examples:
    >>> from partnership_model import Register, from_json, to_json
    >>> from partnership_model.examples import load_register
    >>> text = to_json(load_register())
    >>> from_json(text, Register) == load_register()
    True
    >>> from_json('{"schema_version": "1.1", "engagement": []}', Register)
    Traceback (most recent call last):
    ...
    partnership_model.exceptions.ValidationError: 1 problem:
      $.engagement: unknown key 'engagement' in Register (did you mean 'engagements'?); allowed keys: engagements, name, organisations, people
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import cattrs

from partnership_model import _converter, _migration
from partnership_model._messages import problem
from partnership_model._validators import json_type
from partnership_model.exceptions import (
    Problem,
    RecordTypeError,
    SchemaVersionError,
    ValidationError,
)
from partnership_model.records import SCHEMA_VERSION, Register

__all__ = [
    "SCHEMA_VERSION",
    "converter",
    "from_dict",
    "from_json",
    "read_json",
    "to_dict",
    "to_json",
    "validate",
    "write_json",
]


def __dir__() -> list[str]:
    return __all__


T = TypeVar("T")

# At most 9 digits each: int() refuses strings of thousands of digits.
_VERSION: Final = re.compile(r"([0-9]{1,9})\.([0-9]{1,9})")
_MAJOR, _MINOR = (int(part) for part in SCHEMA_VERSION.split("."))

#: Keys of a register document that are not fields of :class:`Register`.
_REGISTER_ENVELOPE: Final = frozenset({"schema_version", "@context"})

converter: cattrs.Converter = _converter.converter
"""The library's cattrs converter (a stock ``cattrs.preconf.json`` one, configured
from the records' field rules), for embedding our records in other attrs classes."""


# ---------------------------------------------------------------------------
# Document types: records whose JSON carries a schema version
# ---------------------------------------------------------------------------
#
# A register is read and written here. Another document type (the ecology
# graph, as node-link data) says how it is read and written through two
# methods, so that this module imports neither it nor networkx:
# ``cls._read_document(body, stacklevel=...)`` and ``instance._document()``.


def is_document_type(cls: type[Any]) -> bool:
    """Whether JSON for *cls* is a top-level document with a schema version."""
    return cls is Register or callable(getattr(cls, "_read_document", None))


def check_version(data: dict[str, Any]) -> int:
    """Return the minor version *data* declares; raise unless this release reads it."""
    if "schema_version" not in data:
        raise ValidationError(
            [
                Problem(
                    "$.schema_version",
                    f"missing required key 'schema_version' (this release writes "
                    f"{SCHEMA_VERSION!r})",
                    "missing",
                )
            ]
        )
    found = data["schema_version"]
    match = _VERSION.fullmatch(found) if type(found) is str else None
    if match is None:
        raise ValidationError(
            [
                Problem(
                    "$.schema_version",
                    f"expected a 'MAJOR.MINOR' version string, got {json_type(found)} "
                    f"{found!r}"[:200],
                    "invalid",
                )
            ]
        )
    major, minor = int(match[1]), int(match[2])
    if major != _MAJOR or minor > _MINOR:
        raise SchemaVersionError(found, SCHEMA_VERSION)
    return minor


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def _unsupported(value: object, role: str) -> RecordTypeError:
    return RecordTypeError(
        role,
        value,
        "not a partnership_model record or document type "
        "(Register, Engagement, Participant, Person, Organisation, Actor, Relation, "
        "EcologyGraph, Finding, EngagementMatrix, ResearchEngagementMatrix)",
    )


def to_dict(obj: object) -> dict[str, Any]:
    """Turn a record (or a register or ecology graph) into JSON-compatible data.

    Top-level documents get ``"schema_version"`` as their first key.

    Raises:
        RecordTypeError: *obj* is not a record of this library.
    """
    cls = type(obj)
    if cls is Register:
        return {"schema_version": SCHEMA_VERSION, **_converter.unstructure(obj)}
    document = getattr(obj, "_document", None)
    if callable(document) and is_document_type(cls):
        return {"schema_version": SCHEMA_VERSION, **document()}
    if not _converter.is_record_class(cls):
        raise _unsupported(obj, "obj")
    return _converter.unstructure(obj)


def from_dict(data: object, cls: type[T]) -> T:
    """Build a *cls* record from JSON data, checking everything.

    A register of format 1.0 is migrated to 1.1 (its participants' and
    organisations' authority ``level`` becomes ``authority``, and each
    research stage gets the engagement's degree), and the migrated fields
    are reported in one :class:`~partnership_model.MigrationWarning`.

    Args:
        data: Decoded JSON (dicts, lists, strings, numbers, booleans, None).
        cls: The record or document type to build.

    Raises:
        ValidationError: The data does not describe a valid *cls*; the error
            lists every problem with its JSON path.
        SchemaVersionError: A document declares a version this release cannot
            read.
        RecordTypeError: *cls* is not a record type of this library.
    """
    return _from_dict(data, cls, stacklevel=2)


def _from_dict(data: object, cls: type[T], *, stacklevel: int) -> T:
    """Implement :func:`from_dict`; warnings point *stacklevel* frames up (1: caller)."""
    if not is_document_type(cls):
        if not _converter.is_record_class(cls):
            raise _unsupported(cls, "cls")
        return _converter.structure(data, cls)  # type: ignore[no-any-return]
    if type(data) is not dict:
        raise ValidationError(
            [
                Problem(
                    "$",
                    f"expected an object (a {cls.__name__} document), got "
                    f"{json_type(data)}",
                    "wrong_type",
                )
            ]
        )
    minor = check_version(data)
    if cls is not Register:
        body = {key: value for key, value in data.items() if key != "schema_version"}
        reader = getattr(cls, "_read_document")  # noqa: B009 - the document protocol
        return reader(body, stacklevel=stacklevel + 1)  # type: ignore[no-any-return]
    body = {key: value for key, value in data.items() if key not in _REGISTER_ENVELOPE}
    migrated: list[Problem] = []
    problems: list[Problem] = []
    context = data.get("@context")
    if context is not None and type(context) not in (dict, list, str):
        problems.append(
            Problem(
                "$['@context']",
                f"expected a JSON-LD context (an object, an array, a string or null), "
                f"got {json_type(context)}",
                "wrong_type",
            )
        )
    if minor == 0:
        body, migrated, refused = _migration.migrate_register(body)
        problems += refused
    try:
        register = _converter.structure(body, Register)
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    if problems:
        raise ValidationError(problems)
    _migration.warn(migrated, data["schema_version"], stacklevel=stacklevel + 1)
    return register  # type: ignore[no-any-return]


def validate(data: object, cls: type[Any]) -> None:
    """Check that *data* describes a valid *cls*, without keeping the records.

    The checks are exactly those of :func:`from_dict`: the JSON Schema's rules
    (types, required and unknown keys, vocabulary values, formats) plus the
    model's cross-field rules (end date not before start date, one
    participation per person, unique ids, resolved references...). For the
    reference JSON Schema validator, see
    :func:`partnership_model.schema.check_against_schema`.

    Raises:
        ValidationError: With every problem and its path.
    """
    _from_dict(data, cls, stacklevel=2)


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Serialise a record or document to JSON text (UTF-8 characters kept as is).

    Args:
        obj: The record or document.
        indent: Indentation for human-readable output; ``None`` (the default)
            writes compact text.
    """
    cls = type(obj)
    if cls is Register:
        envelope = {"schema_version": SCHEMA_VERSION}
        return _converter.json_text(obj, envelope=envelope, indent=indent)
    if _converter.is_record_class(cls) and not is_document_type(cls):
        return _converter.json_text(obj, indent=indent)
    data = to_dict(obj)
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


def from_json(text: str | bytes | bytearray, cls: type[T]) -> T:
    """Parse JSON text (or UTF-8 bytes) into a *cls* record, checking everything.

    Raises:
        ValidationError: The text is not JSON (the path gives line and column),
            is not UTF-8, or does not describe a valid *cls*.
    """
    return _from_dict(parse_json(text), cls, stacklevel=2)


def read_json(path: str | os.PathLike[str], cls: type[T]) -> T:
    """Read a JSON file into a *cls* record.

    Raises:
        ValidationError: The file cannot be read or holds invalid data; the
            paths start with the file name.
    """
    file = Path(path)
    data = read_file_data(file)
    try:
        return _from_dict(data, cls, stacklevel=2)
    except ValidationError as error:
        raise in_file(file, error) from None


def read_file_data(file: Path) -> Any:
    """Read and strictly parse a JSON file; errors name the file."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise ValidationError(
            [problem(str(file), "io", reason=str(error.strerror or error))]
        ) from None
    try:
        return parse_json(raw)
    except ValidationError as error:
        raise in_file(file, error) from None


def write_json(
    obj: object, path: str | os.PathLike[str], *, indent: int | None = 2
) -> None:
    """Write a record or document to a JSON file (UTF-8, ends with a newline)."""
    Path(path).write_text(to_json(obj, indent=indent) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                msg = f"duplicate key {key!r} in one object (a value would be lost)"
                raise _DuplicateKeyError(msg)
            seen.add(key)
    return result


class _DuplicateKeyError(ValueError):
    pass


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_pairs)


def parse_json(text: str | bytes | bytearray) -> Any:
    """Decode JSON text strictly, turning every failure into a ValidationError.

    Rejects invalid UTF-8, ``NaN``/``Infinity``, duplicate keys in one object,
    nesting deeper than Python can follow and numbers with too many digits.
    """
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                [problem("$", "encoding", position=str(error.start))]
            ) from None
    elif not isinstance(text, str):
        raise ValidationError(
            [
                Problem(
                    "$", f"expected JSON text, got {type(text).__name__}", "wrong_type"
                )
            ]
        )
    elif text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValidationError([problem("$", "empty")])
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            [
                problem(
                    "$",
                    "syntax",
                    line=str(error.lineno),
                    column=str(error.colno),
                    reason=error.msg,
                )
            ]
        ) from None
    except RecursionError:
        raise ValidationError(
            [
                Problem(
                    "$", "the document nests arrays or objects too deeply", "too_deep"
                )
            ]
        ) from None
    except ValueError as error:  # NaN/Infinity, duplicate keys, huge integers
        raise ValidationError([Problem("$", str(error), "syntax")]) from None


def in_file(file: Path, error: ValidationError) -> ValidationError:
    """Prefix the paths of *error* with the file name (``file.json:$.a``)."""
    renamed = [
        attrs.evolve(p, path=f"{file}:{p.path}") if p.path.startswith("$") else p
        for p in error.problems
    ]
    if isinstance(error, SchemaVersionError):
        return SchemaVersionError(error.found, error.supported, path=renamed[0].path)
    return ValidationError(renamed)
