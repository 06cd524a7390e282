r"""Private: where a JSON text breaks one of the strict reader's rules (issue 14).

Python's JSON decoder gives the line and column of a syntax error, but not of
what the strict reader refuses in well-formed text through its hooks: a key
given twice in one object, ``NaN`` or ``Infinity``, an integer longer than
Python converts (4,300 digits). When decoding fails for one of these, the
text is walked again here, token by token, to find the first offence, its
JSON path, line and column. The walk is iterative (no recursion) and linear;
it runs only after decoding has failed.

Examples:
    >>> locate('{"a": 1,\n "a": 2}')
    Offence(kind='duplicate_key', path='$.a', line=2, column=2, detail='a')
    >>> locate('[1, NaN]')
    Offence(kind='non_finite', path='$[1]', line=1, column=5, detail='NaN')
"""

from __future__ import annotations

import json
import re
from typing import Final, NamedTuple

from partnership_model._data import key_path

MAX_DIGITS: Final = 4300
"""Python's limit on integer conversion (``sys.get_int_max_str_digits``)."""

_TOKEN: Final = re.compile(
    r"""[ \t\n\r]*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<constant>-?Infinity|NaN)
      | (?P<number>-?(?P<integer>[0-9]+)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
      | (?P<punctuation>[{}\[\]:,])
      | (?P<literal>true|false|null)
    )""",
    re.VERBOSE | re.DOTALL,
)


class Offence(NamedTuple):
    """The first place a JSON text breaks a rule of the strict reader."""

    kind: str  # "duplicate_key", "non_finite" or "number_too_long"
    path: str
    line: int
    column: int
    detail: str  # the key, the constant, or the number of digits


class _Object:
    __slots__ = ("key", "keys")

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.key: str | None = None  # the member being read


class _Array:
    __slots__ = ("index",)

    def __init__(self) -> None:
        self.index = 0


def _path(stack: list[_Object | _Array]) -> str:
    path = "$"
    for frame in stack:
        if isinstance(frame, _Array):
            path = f"{path}[{frame.index}]"
        elif frame.key is not None:
            path = key_path(path, frame.key)
    return path


def locate(text: str) -> Offence | None:
    """The first duplicate key, non-finite constant or over-long integer of *text*.

    ``None`` when there is none (or the text stops being JSON first).
    """
    stack: list[_Object | _Array] = []
    position = 0
    expect_key = False
    while True:
        found = _TOKEN.match(text, position)
        if found is None:
            return None
        start = found.start(found.lastgroup or 0)
        position = found.end()
        kind = found.lastgroup
        top = stack[-1] if stack else None
        if kind == "string" and expect_key and isinstance(top, _Object):
            try:
                key = json.loads(found["string"])
            except ValueError:
                return None
            top.key = key
            if key in top.keys:
                return _offence("duplicate_key", stack, text, start, key)
            top.keys.add(key)
            expect_key = False
        elif kind == "constant":
            return _offence("non_finite", stack, text, start, found["constant"])
        elif (
            kind == "number"
            and len(found["integer"]) > MAX_DIGITS
            and found["number"].lstrip("-") == found["integer"]
        ):
            digits = str(len(found["integer"]))
            return _offence("number_too_long", stack, text, start, digits)
        elif kind == "punctuation":
            mark = found["punctuation"]
            if mark == "{":
                stack.append(_Object())
                expect_key = True
            elif mark == "[":
                stack.append(_Array())
            elif mark in "}]":
                if not stack:
                    return None
                stack.pop()
            elif mark == "," and isinstance(top, _Object):
                expect_key = True
            elif mark == "," and isinstance(top, _Array):
                top.index += 1


def _offence(
    kind: str, stack: list[_Object | _Array], text: str, start: int, detail: str
) -> Offence:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Offence(kind, _path(stack), line, column, detail)
