"""Private JSON reader and writer of the checklist file format.

The reader walks the records' own attrs field declarations: each field's
validator carries a :class:`~partnership_model._validators.Kind` saying what it
accepts, so the checks made on a file and the checks made by the constructors
come from one declaration. Every problem is collected with its JSON path
(``$.items[3].section``) instead of stopping at the first, and the rules that
involve several fields of a checklist are all reported too.
"""

from __future__ import annotations

import difflib
import enum
from typing import Any

import attrs

from partnership_model import _validators as v
from partnership_model._checklist_rules import checklist_errors
from partnership_model._codec import json_type, member_path, problem_from_error
from partnership_model.checklists import CHECKLIST_FORMAT_VERSION, Checklist
from partnership_model.exceptions import (
    PartnershipModelError,
    Problem,
    SchemaVersionError,
    ValidationError,
)

_INVALID: Any = object()

#: Keys of the top-level object that are not fields of :class:`Checklist`.
_ENVELOPE = ("$schema", "schema_version")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _reason(check: Any, field: str, value: object) -> str:
    try:
        check(field, value)
    except PartnershipModelError as error:
        return str(getattr(error, "reason", error))
    return "invalid value"  # pragma: no cover - only called on failing values


class _Reader:
    """Collects problems while turning decoded JSON into records."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str, code: str) -> None:
        self.problems.append(Problem(path, message, code))

    def wrong_type(self, path: str, value: object, expected: str) -> None:
        self.problem(path, f"expected {expected}, got {json_type(value)}", "wrong_type")

    # -- scalar kinds ---------------------------------------------------------------

    def identifier(self, value: object, path: str) -> Any:
        if type(value) is str and v.is_identifier(value):
            return value
        if type(value) is not str:
            self.wrong_type(path, value, "an identifier (a string)")
        else:
            self.problem(path, _reason(v.check_identifier, "", value), "invalid")
        return _INVALID

    def text(self, value: object, path: str) -> Any:
        if type(value) is str and v.is_text(value):
            return value
        if type(value) is not str:
            self.wrong_type(path, value, "text (a string)")
        else:
            self.problem(path, _reason(v.check_text, "", value), "invalid")
        return _INVALID

    def term(self, value: object, path: str, cls: type[enum.Enum]) -> Any:
        accepted = [member.value for member in cls]
        if type(value) is str:
            for member in cls:
                if member.value == value:
                    return member
            close = difflib.get_close_matches(value.lower(), accepted, n=1, cutoff=0.8)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.problem(
                path,
                f"{_clip(value)!r} is not a known {cls.__name__}{hint}; "
                f"accepted values: {', '.join(accepted)}",
                "unknown_term",
            )
        else:
            self.wrong_type(
                path,
                value,
                f"a {cls.__name__} value (a string; accepted: {', '.join(accepted)})",
            )
        return _INVALID

    def integer(self, value: object, path: str, minimum: int) -> Any:
        if type(value) is not int:
            self.wrong_type(path, value, "an integer")
            return _INVALID
        if value < minimum:
            self.problem(path, f"expected an integer of at least {minimum}", "invalid")
            return _INVALID
        return value

    def array(self, value: object, path: str, what: str) -> list[Any] | None:
        if type(value) is not list:
            self.wrong_type(path, value, f"an array of {what}")
            return None
        return value

    # -- one field, by kind -----------------------------------------------------

    def field(self, kind: v.Kind, value: object, path: str) -> Any:
        if value is None and kind.optional:
            return None
        name = kind.name
        if name == "identifier":
            return self.identifier(value, path)
        if name == "text":
            return self.text(value, path)
        if name == "enum":
            assert kind.target is not None  # noqa: S101 - declared with a target
            return self.term(value, path, kind.target)
        if name == "bool":
            if type(value) is bool:
                return value
            self.wrong_type(path, value, "true or false")
            return _INVALID
        if name == "count":
            return self.integer(value, path, 0)
        if name == "year":
            if type(value) is int and 1000 <= value <= 9999:
                return value
            self.wrong_type(path, value, "a four-digit year (an integer) or null")
            return _INVALID
        if name == "record":
            assert kind.target is not None  # noqa: S101 - declared with a target
            return self.record(kind.target, value, path)
        return self.sequence(kind, value, path)

    def sequence(self, kind: v.Kind, value: object, path: str) -> Any:
        name = kind.name
        what = {
            "texts": "strings",
            "identifiers": "identifiers",
            "enum_list": f"{getattr(kind.target, '__name__', '')} values",
            "records": f"{getattr(kind.target, '__name__', '')} objects",
        }[name]
        items = self.array(value, path, what)
        if items is None:
            return _INVALID
        out: list[Any] = []
        ok = True
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if name == "texts":
                read = self.text(item, where)
            elif name == "identifiers":
                read = self.identifier(item, where)
            elif name == "enum_list":
                assert kind.target is not None  # noqa: S101
                read = self.term(item, where, kind.target)
            else:
                assert kind.target is not None  # noqa: S101
                read = self.record(kind.target, item, where)
            if read is _INVALID:
                ok = False
            elif name in {"identifiers", "enum_list"} and read in out:
                shown = read.value if isinstance(read, enum.Enum) else read
                self.problem(
                    where, f"{_clip(str(shown))!r} is listed twice", "duplicate"
                )
                ok = False
            else:
                out.append(read)
        return tuple(out) if ok else _INVALID

    # -- records ----------------------------------------------------------------

    def fields_of(
        self, cls: type[Any], data: object, path: str, extra: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """Read the fields of *cls* from *data*; ``None`` if any was invalid."""
        if type(data) is not dict:
            self.wrong_type(path, data, f"a {cls.__name__} object")
            return None
        fields = attrs.fields(cls)
        known = [f.name for f in fields]
        before = len(self.problems)
        for key in data:
            if key in known or key in extra:
                continue
            shown = key if type(key) is str else repr(key)
            close = difflib.get_close_matches(shown, known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.problem(
                member_path(path, shown),
                f"unknown key {_clip(shown)!r} in {cls.__name__}{hint}; allowed keys: "
                f"{', '.join(sorted(known))}",
                "unknown_key",
            )
        values: dict[str, Any] = {}
        for f in fields:
            where = member_path(path, f.name)
            if f.name not in data:
                if f.default is attrs.NOTHING:
                    self.problem(
                        where,
                        f"missing required key {f.name!r} of {cls.__name__}",
                        "missing",
                    )
                continue
            read = self.field(f.validator.kind, data[f.name], where)
            if read is not _INVALID:
                values[f.name] = read
        return values if len(self.problems) == before else None

    def record(self, cls: type[Any], data: object, path: str) -> Any:
        values = self.fields_of(cls, data, path)
        if values is None:
            return _INVALID
        return self.build(cls, values, path)

    def build(self, cls: type[Any], values: dict[str, Any], path: str) -> Any:
        try:
            return cls(**values)
        except PartnershipModelError as error:
            self.problems.append(problem_from_error(path, error))
            return _INVALID


def read_checklist(data: object) -> Checklist:
    """Build a checklist from decoded JSON, reporting every problem at its path."""
    reader = _Reader()
    if type(data) is not dict:
        reader.wrong_type("$", data, "a checklist object")
        raise ValidationError(reader.problems)
    if "schema_version" not in data:
        reader.problem(
            "$.schema_version",
            f"missing required key 'schema_version' (this release reads "
            f"{CHECKLIST_FORMAT_VERSION})",
            "missing",
        )
    else:
        found = data["schema_version"]
        if type(found) is not str or found.split(".", 1)[0] != "1":
            raise SchemaVersionError(found, CHECKLIST_FORMAT_VERSION)
    if "$schema" in data and type(data["$schema"]) is not str:
        reader.wrong_type("$['$schema']", data["$schema"], "a string")
    values = reader.fields_of(Checklist, data, "$", extra=_ENVELOPE)
    if values is None or reader.problems:
        raise ValidationError(reader.problems)
    errors = list(
        checklist_errors(
            sections=values["sections"],
            items=values["items"],
            verification_sources=values["verification_sources"],
            expected_item_count=values["expected_item_count"],
            items_to_verify=values["items_to_verify"],
            complete=values["complete"],
        )
    )
    if errors:
        raise ValidationError(problem_from_error("$", error) for error in errors)
    checklist = reader.build(Checklist, values, "$")
    if checklist is _INVALID:
        raise ValidationError(reader.problems)
    result: Checklist = checklist
    return result


# -- writing -------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    if attrs.has(type(value)):
        return _object(value)
    return value


def _object(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in attrs.fields(type(record)):
        value = getattr(record, f.name)
        if value is None or (value == () and f.default == ()):
            continue
        out[f.name] = _value(value)
    return out


def write_checklist(checklist: Checklist) -> dict[str, Any]:
    """Turn a checklist into JSON-ready data, optional empty values left out."""
    return {"schema_version": CHECKLIST_FORMAT_VERSION, **_object(checklist)}
