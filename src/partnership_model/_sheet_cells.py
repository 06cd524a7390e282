"""Cells of a register's spreadsheet: decoding what people type, encoding what is written.

A cell is only *decoded* here (a French label becomes its vocabulary value,
``31/03/2024`` becomes ``2024-03-31``, ``oui`` becomes ``true``); whether the
value is valid is for the register's own rules to say. A cell that cannot be
decoded is passed on as written, so that the rules refuse it with their own
message.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any, Final

from partnership_model._enums import Vocabulary
from partnership_model._i18n import Lang
from partnership_model._sheet_layout import Column, Layout, spelling
from partnership_model.exceptions import VocabularyError

__all__ = [
    "ABSENT",
    "SEPARATOR",
    "column_letter",
    "decode_cell",
    "encode_cell",
    "plain_text",
    "value_at",
]

ABSENT: Final[Any] = object()
"""What :func:`decode_cell` returns for an empty cell."""

SEPARATOR: Final = ";"
"""Between the values of a cell that holds several vocabulary values."""

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_PARTIAL = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{4})")


_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def value_at(document: object, path: str) -> object:
    """The value at the JSON *path* of *document* (``None`` if there is none).

    Examples:
        >>> value_at({"a": [{"b": 1}]}, "$.a[0].b"), value_at({}, "$.a[2]")
        (1, None)
    """
    found: object = document
    for match in _STEP.finditer(path, 1):
        key, index = match.groups()
        if key is not None and isinstance(found, dict):
            found = found.get(key)
        elif index is not None and isinstance(found, list) and int(index) < len(found):
            found = found[int(index)]
        else:
            return None
    return found


def column_letter(index: int) -> str:
    """The spreadsheet letter of the 0-based column *index* (``0`` -> ``A``).

    Examples:
        >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
        ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# -- cells ------------------------------------------------------------------------------


def _visible(text: str) -> str:
    """*text* without format characters (zero-width spaces...), stripped.

    Only for coded cells (vocabulary values, dates, yes/no), where such
    characters carry no meaning; text cells are kept as written.
    """
    if text.isascii():
        return text.strip()
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def plain_text(raw: object) -> str | None:
    """A cell as text; ``None`` for an empty or blank cell.

    Numbers a spreadsheet stored as numbers are written the way it shows them
    (``12``, not ``12.0``); dates as ISO dates.
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw if raw.strip() else None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    return str(raw)


def _date(raw: object) -> object:
    if isinstance(raw, dt.datetime | dt.date):
        return plain_text(raw)
    text = plain_text(raw)
    if text is None:
        return ABSENT
    found = _visible(text)
    if match := _DAY_MONTH_YEAR.fullmatch(found):
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return text
    if match := _MONTH_YEAR.fullmatch(found):
        month, year = (int(part) for part in match.groups())
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else text
    return found if _ISO_PARTIAL.fullmatch(found) else text


def _boolean(raw: object, layout: Layout) -> object:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    text = plain_text(raw)
    if text is None:
        return ABSENT
    word = _folded(text)
    if word in layout.true_words:
        return True
    if word in layout.false_words:
        return False
    return text


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return spelling(text)


@functools.lru_cache(maxsize=16384)
def _member(vocabulary: type[Vocabulary], text: str) -> str:
    """The value of the member *text* names, or *text* if it names none (cached)."""
    try:
        return str(vocabulary.parse(_visible(text)).value)
    except VocabularyError:
        return text


def decode_cell(column: Column, raw: object, layout: Layout) -> object:
    """The JSON value of a cell of *column*, or :data:`ABSENT` for an empty cell.

    Text is kept exactly as written. Vocabulary cells accept the values,
    labels and aliases of their vocabulary (``parse()``); dates ISO or
    day/month/year (and month/year, year); yes/no cells the words of the
    layout. A value that cannot be decoded is returned as written, for the
    rules to refuse.
    """
    kind = column.kind
    if kind == "boolean":
        return _boolean(raw, layout)
    if kind == "date":
        return _date(raw)
    text = plain_text(raw)
    if text is None:
        return ABSENT
    if kind == "vocabulary" and column.vocabulary is not None:
        return _member(column.vocabulary, text)
    if kind == "vocabularies" and column.vocabulary is not None:
        items = [
            item
            for line in text.splitlines()
            for item in line.split(SEPARATOR)
            if _visible(item)
        ]
        if not items:
            return ABSENT
        return [_member(column.vocabulary, item) for item in items]
    return text


def encode_cell(
    column: Column, value: object, lang: Lang, layout: Layout, *, tokens: bool
) -> str | dt.date | None:
    """The cell that writes the JSON *value* of *column* in a sheet in *lang*."""
    if value is None:
        return None
    kind = column.kind
    if kind == "boolean" and isinstance(value, bool):
        return layout.boolean_word(value, lang)
    if kind == "date" and isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return dt.date.fromisoformat(value)
    if kind == "vocabulary" and column.vocabulary is not None:
        return _label(column.vocabulary, value, lang, tokens=tokens)
    if kind == "vocabularies" and column.vocabulary is not None:
        if not isinstance(value, list) or not value:
            return _unexpected(column, value)
        return f"{SEPARATOR} ".join(
            _label(column.vocabulary, item, lang, tokens=tokens) for item in value
        )
    if isinstance(value, str):
        return value
    return _unexpected(column, value)


@functools.lru_cache(maxsize=4096)
def _label(
    vocabulary: type[Vocabulary], token: object, lang: Lang, *, tokens: bool
) -> str:
    """What a cell writes for the member *token* names (cached)."""
    member = vocabulary.from_value(token)
    if tokens:
        return str(member.value)
    label = member.label(lang)
    if SEPARATOR in label or label != label.strip() or "\n" in label:
        return str(member.value)  # a label a list cell could not hold
    return label


def _unexpected(column: Column, value: object) -> str:
    msg = f"the column {column.key!r} cannot hold {value!r}"
    raise TypeError(msg)
