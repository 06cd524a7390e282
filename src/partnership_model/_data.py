"""Reading the data files shipped in ``partnership_model/data/``.

The vocabularies' terms, the crosswalk tables and the bibliography are JSON
files read with :mod:`importlib.resources` the first time they are needed, never
at import time. Each loader checks its file and reports every problem at once
as a :class:`~partnership_model.exceptions.DataFileError` naming the file and the
JSON path of each problem.

This module holds what the loaders share: reading a file without losing
duplicated keys, collecting located problems, small checks on JSON values, and
a read-only mapping that builds itself on first use.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from partnership_model._checks import json_type
from partnership_model.exceptions import DataFileError, Problem

__all__ = [
    "JsonObject",
    "LazyMapping",
    "Problems",
    "data_files",
    "key_path",
    "parse_data_json",
    "read_data_json",
]

K = TypeVar("K")
V = TypeVar("V")


class JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys the file spelled more than once.

    :func:`json.loads` keeps the last of two equal keys and drops the first
    silently; this object keeps the last too, and lists the repeated keys in
    :attr:`duplicate_keys` so that the checks can refuse the file.
    """

    duplicate_keys: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    result = JsonObject()
    repeated: list[str] = []
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result[key] = value
    if repeated:
        result.duplicate_keys = tuple(repeated)
    return result


def key_path(path: str, key: str) -> str:
    """The JSON path of member *key* of the object at *path*.

    Examples:
        >>> key_path("$.terms", "peer_helper")
        '$.terms.peer_helper'
        >>> key_path("$.label", "fr-CA")
        "$.label['fr-CA']"
    """
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]".replace('"', "'")


class Problems:
    """Problems found in one data file, in the order they were found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(self, path: str, message: str, code: str) -> None:
        """Record one problem at the JSON *path*."""
        self.items.append(Problem(path, message, code))

    def raise_if_any(self) -> None:
        """Raise :class:`DataFileError` if any problem was recorded."""
        if self.items:
            raise DataFileError(self.file, self.items)

    def duplicates(self, value: object, path: str) -> None:
        """Record the keys a JSON object of the file spelled twice."""
        if isinstance(value, JsonObject):
            for key in value.duplicate_keys:
                self.add(
                    key_path(path, key),
                    f"key {key!r} appears more than once; only the last would be kept",
                    "duplicate_key",
                )

    def mapping(self, value: object, path: str) -> dict[str, Any] | None:
        """Return *value* if it is a JSON object, else record a problem."""
        if isinstance(value, dict):
            self.duplicates(value, path)
            return value
        self.add(path, f"expected an object, got {json_type(value)}", "wrong_type")
        return None

    def keys(
        self,
        obj: Mapping[str, Any],
        path: str,
        *,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ) -> None:
        """Record missing *required* keys and keys neither required nor optional."""
        for key in required:
            if key not in obj:
                self.add(key_path(path, key), f"missing key {key!r}", "missing_key")
        allowed = set(required) | set(optional)
        for key in obj:
            if key not in allowed:
                self.add(
                    key_path(path, key),
                    f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
                    "unknown_key",
                )

    def text(self, value: object, path: str, *, code: str = "wrong_type") -> str | None:
        """Return *value* if it is a non-blank string, else record a problem."""
        if isinstance(value, str) and value.strip():
            return value
        what = "a blank string" if isinstance(value, str) else json_type(value)
        self.add(path, f"expected non-blank text, got {what}", code)
        return None

    def array(self, value: object, path: str) -> list[Any] | None:
        """Return *value* if it is a JSON array, else record a problem."""
        if isinstance(value, list):
            return value
        self.add(path, f"expected an array, got {json_type(value)}", "wrong_type")
        return None

    def boolean(self, value: object, path: str) -> bool | None:
        """Return *value* if it is ``true`` or ``false``, else record a problem."""
        if isinstance(value, bool):
            return value
        self.add(path, f"expected true or false, got {json_type(value)}", "wrong_type")
        return None


def read_data_json(relative: str, problems: Problems) -> Any:
    """Read the package data file ``data/<relative>``; ``None`` if unreadable.

    A file that is missing or is not JSON is recorded as a problem at ``$``.
    """
    from importlib import resources  # noqa: PLC0415 - only when a file is read

    resource = resources.files("partnership_model").joinpath(
        "data", *relative.split("/")
    )
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.add("$", f"cannot read the file: {error}", "unreadable")
        return None
    return parse_data_json(text, problems)


def parse_data_json(text: str, problems: Problems) -> Any:
    """Parse the JSON *text* of a data file; ``None`` (and a problem) if invalid.

    Duplicated keys are kept track of (see :class:`JsonObject`).

    Examples:
        >>> problems = Problems("example.json")
        >>> parse_data_json('{"a": 1, "a": 2}', problems).duplicate_keys
        ('a',)
    """
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        problems.add(
            "$",
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            "invalid_json",
        )
        return None


def data_files(directory: str) -> list[str]:
    """The names of the ``*.json`` files of ``data/<directory>``, sorted."""
    from importlib import resources  # noqa: PLC0415 - only when files are listed

    folder = resources.files("partnership_model").joinpath("data", directory)
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(".json")
    )


class LazyMapping(Mapping[K, V], Generic[K, V]):
    """A read-only mapping built by *loader* the first time it is read.

    Module-level tables that come from data files use it, so that importing a
    module reads no file. The loader runs once, even from several threads.
    """

    def __init__(self, loader: Callable[[], Mapping[K, V]]) -> None:
        self._loader = loader
        self._data: Mapping[K, V] | None = None
        self._lock = threading.Lock()

    def _mapping(self) -> Mapping[K, V]:
        data = self._data
        if data is None:
            with self._lock:
                data = self._data
                if data is None:
                    data = self._data = self._loader()
        return data

    def __getitem__(self, key: K) -> V:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())

    def __contains__(self, key: object) -> bool:
        return key in self._mapping()

    def __repr__(self) -> str:
        return repr(dict(self._mapping()))
