"""Private: the library's cattrs converter, configured from the records' field rules.

One stock :func:`cattrs.preconf.json.make_converter` converter (extra keys
forbidden, detailed validation on) reads and writes every record class, that
is every attrs class whose fields all declare a rule of
:mod:`partnership_model._validators` as their validator:

* **structuring** uses cattrs' generated function of each class
  (:func:`cattrs.gen.make_dict_structure_fn`), with each field's hook taken
  from its rule (:meth:`~partnership_model._validators.Rule.structure`: the
  JSON type, then the rule itself), and builds each record through its
  constructor, which checks the rules again and the cross-field rules;
* **unstructuring** uses :func:`cattrs.gen.make_dict_unstructure_fn`: a field
  whose value is ``None`` or an empty collection (its default) is left out,
  enum members become their value tokens, partial dates their ISO text, sets
  arrays in the vocabulary's declaration order;
* **errors**: cattrs reports every failure of a document in one exception
  group, each member carrying a note that says which attribute or which item
  it belongs to (:class:`~cattrs.errors.ClassValidationError`,
  :class:`~cattrs.errors.IterableValidationError`). :func:`problems` walks that
  tree, as :func:`cattrs.transform_error` does, into
  :class:`~partnership_model.exceptions.Problem` s with their JSON paths
  (``$.engagements[3].degree``), stable codes and "did you mean" hints.
"""

from __future__ import annotations

import enum
import functools
import json
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter, make_converter

from partnership_model import _validators as v
from partnership_model._messages import Message, problem
from partnership_model.dates import PartialDate
from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    Problem,
    UnknownReferenceError,
    ValidationError,
)

_IDENT: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

R = TypeVar("R")


def per_class(function: Callable[[type[Any]], R]) -> Callable[[type[Any]], R]:
    """Cache *function*'s result per class (:func:`functools.cache`, typed for classes)."""
    cache: dict[type[Any], R] = {}

    @functools.wraps(function)
    def cached(cls: type[Any]) -> R:
        try:
            return cache[cls]
        except KeyError:
            value = cache[cls] = function(cls)
            return value

    return cached


# -- which classes are records -----------------------------------------------------------


@per_class
def rules(cls: type[Any]) -> dict[str, v.Rule] | None:
    """The rule of each field of *cls*, or ``None`` if *cls* is not a record class."""
    if not attrs.has(cls):
        return None
    found: dict[str, v.Rule] = {}
    for field in attrs.fields(cls):
        if not isinstance(field.validator, v.Rule):
            return None
        found[field.name] = field.validator
    return found


def is_record_class(cls: object) -> bool:
    """Whether *cls* is an attrs class whose every field declares a rule."""
    return isinstance(cls, type) and rules(cls) is not None


def _defaults(cls: type[Any]) -> dict[str, Any]:
    return {field.name: field.default for field in attrs.fields(cls)}


# -- the converter ---------------------------------------------------------------------


def _structure_hook(conv: JsonConverter, rule: v.Rule) -> Callable[[Any, Any], Any]:
    """The hook that structures one field declared with *rule*."""
    if isinstance(rule, v.Records):
        items_type: Any = tuple.__class_getitem__((rule.record, Ellipsis))
        structure_items = conv.get_structure_hook(items_type)

        def records(value: Any, _: Any = None) -> Any:
            return structure_items(rule.items(value), items_type)

        return records
    if isinstance(rule, v.Record):
        structure_record = conv.get_structure_hook(rule.record)

        def record(value: Any, _: Any = None) -> Any:
            if value is None and rule.optional:
                return None
            return structure_record(value, rule.record)

        return record
    # A field that must be given needs no test of None before its rule's own.
    return rule.structure if rule.optional else rule.structure_value


#: A vocabulary member's JSON token (the member's value, read without the enum
#: property machinery: writing large registers reads hundreds of thousands).
_token: Final = operator.attrgetter("_value_")


def _declaration_order(
    vocabulary: type[enum.Enum],
) -> Callable[[frozenset[Any]], list[Any]]:
    rank = {member: index for index, member in enumerate(vocabulary)}.__getitem__

    def tokens(members: frozenset[Any]) -> list[Any]:
        if len(members) == 1:
            return list(map(_token, members))
        return list(map(_token, sorted(members, key=rank)))

    return tokens


def _unstructure_override(conv: JsonConverter, rule: v.Rule, default: Any) -> Any:
    omit = default is None or (default is not attrs.NOTHING and default == ())
    omit = omit or (isinstance(default, frozenset) and not default)
    hook: Callable[[Any], Any] | None = None
    if isinstance(rule, v.Members):
        hook = _declaration_order(rule.vocabulary)
    elif isinstance(rule, v.Member):
        hook = _token
    elif isinstance(rule, v.Date):
        hook = PartialDate.isoformat
    elif isinstance(rule, v.Records):
        record = conv.get_unstructure_hook(rule.record)

        def records(items: tuple[Any, ...]) -> list[Any]:
            return list(map(record, items))

        hook = records
    elif isinstance(rule, v.Identifiers | v.Texts):
        hook = list
    if hook is None:
        return override(omit_if_default=omit)
    return override(omit_if_default=omit, unstruct_hook=hook)


def _new_converter() -> JsonConverter:
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True)

    def structure_factory(cls: type[Any]) -> Callable[[Any, Any], Any]:
        fields = rules(cls) or {}
        overrides: dict[str, Any] = {
            name: override(struct_hook=_structure_hook(conv, rule))
            for name, rule in fields.items()
        }
        generated = make_dict_structure_fn(cls, conv, **overrides)
        expected = f"an object (a {cls.__name__})"

        def structure(data: Any, _: Any = None) -> Any:
            if type(data) is not dict:
                v.wrong_type(data, expected)
            return generated(data, cls)

        return structure

    def unstructure_factory(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
        fields = rules(cls) or {}
        defaults = _defaults(cls)
        overrides: dict[str, Any] = {
            name: _unstructure_override(conv, rule, defaults[name])
            for name, rule in fields.items()
        }
        generated = make_dict_unstructure_fn(cls, conv, **overrides)
        # cattrs writes the keys it never leaves out first: where a key it may
        # leave out is declared before one of those, restore the declaration
        # order (the order of the format's documentation).
        omitted = [overrides[name].omit_if_default for name in fields]
        if omitted == sorted(omitted):
            return generated
        order = list(fields)

        def in_declaration_order(record: Any) -> dict[str, Any]:
            data = generated(record)
            return {key: data[key] for key in order if key in data}

        return in_declaration_order

    conv.register_structure_hook_factory(is_record_class, structure_factory)
    conv.register_unstructure_hook_factory(is_record_class, unstructure_factory)
    return conv


converter: Final = _new_converter()
"""The converter every record goes through."""


def structure(data: Any, cls: type[Any], path: str = "$") -> Any:
    """Build a *cls* record from decoded JSON, checking everything.

    Raises:
        ValidationError: Every problem, each at its JSON path under *path*.
    """
    try:
        return converter.structure(data, cls)
    except Exception as error:  # noqa: BLE001 - every failure becomes problems
        found = problems(error, path)
        raise ValidationError(found or [Problem(path, "invalid document")]) from None


def unstructure(record: Any) -> dict[str, Any]:
    """The JSON-ready data of a record (see the module documentation)."""
    return converter.unstructure(record)  # type: ignore[no-any-return]


# -- JSON text -----------------------------------------------------------------------------


#: How many records of an array :func:`json_text` turns into data at once.
_CHUNK: Final = 256


class _Items(tuple[Any, ...]):
    """The records of an array field, left for :func:`json_text` to write one by one."""

    __slots__ = ()


@per_class
def _shallow(
    cls: type[Any],
) -> tuple[Callable[[Any], dict[str, Any]], dict[str, Callable[[Any], Any]]]:
    """*cls*'s unstructuring with each array of records left as :class:`_Items`.

    Made by :func:`cattrs.gen.make_dict_unstructure_fn` with the same overrides
    as the converter's own function, so the keys, their order and the fields
    left out are the same; returned with the unstructuring of the items of
    each array left for later, by key.
    """
    fields = rules(cls) or {}
    defaults = _defaults(cls)
    overrides: dict[str, Any] = {}
    items: dict[str, Callable[[Any], Any]] = {}
    for name, rule in fields.items():
        overrides[name] = _unstructure_override(converter, rule, defaults[name])
        if isinstance(rule, v.Records):
            items[name] = converter.get_unstructure_hook(rule.record)
            omit = overrides[name].omit_if_default
            overrides[name] = override(omit_if_default=omit, unstruct_hook=_Items)
    generated = make_dict_unstructure_fn(cls, converter, **overrides)
    order = list(fields)

    def in_declaration_order(record: Any) -> dict[str, Any]:
        data = generated(record)
        return {key: data[key] for key in order if key in data}

    return in_declaration_order, items


def json_text(
    record: Any, *, envelope: dict[str, Any] | None = None, indent: int | None = None
) -> str:
    """The JSON text of a record: ``json.dumps`` of its data, *envelope*'s keys first.

    The text is exactly ``json.dumps({**envelope, **unstructure(record)},
    ensure_ascii=False, indent=indent)`` (compact separators without
    *indent*), but the records of its arrays (a register's people and
    engagements) are turned into data and written one at a time: the data of
    a whole register never exists at once, so writing takes time and memory in
    proportion to the register, without a tree of dicts as large as the
    register to allocate and keep.
    """
    encode = json.JSONEncoder(
        ensure_ascii=False,
        indent=indent,
        separators=(",", ":") if indent is None else (",", ": "),
    ).encode
    unstructure_shallow, hooks = _shallow(type(record))
    data = {**(envelope or {}), **unstructure_shallow(record)}
    if not any(type(value) is _Items for value in data.values()):
        return encode(data)
    if indent is None:
        newline, colon, pad = "", ":", ""
    else:
        newline, colon, pad = "\n", ": ", " " * indent
    members = []
    for key, value in data.items():
        if type(value) is not _Items:
            text = encode(value).replace("\n", "\n" + pad) if newline else encode(value)
        elif not value:
            text = "[]"
        else:
            hook = hooks[key]
            # Written _CHUNK records at a time: the text of a list of their
            # data, indented one more level, less its brackets.
            chunks = []
            for start in range(0, len(value), _CHUNK):
                chunk = encode([hook(item) for item in value[start : start + _CHUNK]])
                if newline:
                    chunk = chunk.replace("\n", "\n" + pad)
                chunks.append(chunk[1 + len(newline) : -1 - len(newline) - len(pad)])
            text = f"[{newline}" + f",{newline}".join(chunks) + f"{newline}{pad}]"
        members.append(f"{pad}{encode(key)}{colon}{text}")
    return "{" + newline + f",{newline}".join(members) + newline + "}"


# -- errors to problems --------------------------------------------------------------------


def member_path(path: str, key: str) -> str:
    """Append an object key to a JSON path (``$.a`` or ``$['a b']``)."""
    if _IDENT.fullmatch(key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"


def join_field_path(path: str, field: str) -> str:
    """Append a record-relative field path (``participants[2].person_id``)."""
    if not field:
        return path
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


#: Reference kinds whose name the message catalogue translates (problems.<kind>).
_REFERENCE_KINDS: Final = frozenset({"person", "organisation"})


def problem_from_error(path: str, error: BaseException) -> Problem:
    """Turn an error a record (or a rule) raised into a :class:`Problem` at *path*."""
    where = join_field_path(path, getattr(error, "field", "") or "")
    if isinstance(error, v.RefusalError):
        return Problem(where, error.reason, error.code, params=error.params)
    if isinstance(error, InvalidRecordError):
        return Problem(where, error.reason, error.code)
    if isinstance(error, UnknownReferenceError):
        if error.kind in _REFERENCE_KINDS:
            return problem(
                where,
                "unknown_reference",
                kind=Message(f"problems.{error.kind}"),
                reference=repr(error.reference),
            )
        return Problem(
            where, f"unknown {error.kind} {error.reference!r}", "unknown_reference"
        )
    return Problem(where, str(error) or type(error).__name__, "invalid")


def _item_path(error: BaseException, path: str) -> str:
    """The path of an item of an array, from its cattrs note."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _attribute_name(error: BaseException) -> str | None:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return note.name
    return None


def problems(error: BaseException, path: str = "$") -> list[Problem]:
    """Every problem an error raised while structuring describes, in order."""
    return list(_walk(error, path, None))


def _walk(error: BaseException, path: str, cls: type[Any] | None) -> Iterator[Problem]:
    if isinstance(error, ClassValidationError):
        for member in error.exceptions:
            name = _attribute_name(member)
            if name is None and not isinstance(member, ForbiddenExtraKeysError):
                # Raised by the constructor: cross-field rules, every one listed.
                for found in v.violations(member):
                    yield problem_from_error(path, found)
                continue
            where = path if name is None else member_path(path, name)
            yield from _walk(member, where, error.cl)
        return
    if isinstance(error, IterableValidationError):
        for member in error.exceptions:
            yield from _walk(member, _item_path(member, path), None)
        return
    if isinstance(error, ForbiddenExtraKeysError):
        yield from _unknown_keys(path, error)
        return
    if isinstance(error, v.ItemsError):
        for index, member in error.errors:
            yield problem_from_error(f"{path}[{index}]", member)
        return
    if isinstance(error, KeyError) and cls is not None and _attribute_name(error):
        yield problem(
            path, "missing", key=repr(_attribute_name(error)), record=cls.__name__
        )
        return
    if isinstance(error, PartnershipModelError):
        yield problem_from_error(path, error)
        return
    yield Problem(path, f"invalid value: {error}"[:300], "invalid")


def _unknown_keys(path: str, error: ForbiddenExtraKeysError) -> Iterator[Problem]:
    cls = error.cl
    allowed = sorted(field.name for field in attrs.fields(cls))
    for key in sorted(error.extra_fields, key=str):
        name = key if type(key) is str else repr(key)
        yield problem(
            member_path(path, name),
            "unknown_key",
            key=repr(v.clip(name)),
            record=cls.__name__,
            hint=v.did_you_mean(name, allowed, 0.6),
            allowed=", ".join(allowed),
        )
