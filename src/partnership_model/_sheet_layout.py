"""The tables and columns of a register kept in a spreadsheet, derived from the records.

A register is one JSON document (the dict :func:`~partnership_model.to_dict`
writes); a spreadsheet is a set of tables. This module derives the tables
from the records' attrs fields and their type hints, so that a field added to
a record appears as a column without a change here:

* the :class:`~partnership_model.Register`'s own scalar fields (and the
  format version) make a one-row table;
* each field holding a list of records (the register's people,
  organisations and engagements, an engagement's participants) makes a
  table with one row per record, whose first columns name the row's parent
  (an engagement's id for a participant);
* each field holding a list of strings (an engagement's organisations and
  sources) makes a two-column table: the parent, then one value per row;
* every other field is a column: text, a vocabulary value, several
  vocabulary values in one cell (separated by semicolons), a date (a
  :class:`~partnership_model.PartialDate`: a year, a month or a day) or a
  yes/no.

Names and explanations come from the data file ``data/spreadsheet.json``,
checked when first read; a field the file does not name yet is shown by its
own name.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
import unicodedata
from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from partnership_model._data import Problems, read_data_json
from partnership_model._enums import Vocabulary
from partnership_model._i18n import Lang, check_lang
from partnership_model._terms import normalize
from partnership_model.dates import PartialDate
from partnership_model.records import Register

__all__ = [
    "DATA_FILE",
    "Column",
    "Kind",
    "Layout",
    "Table",
    "file_name",
    "layout",
    "spelling",
    "table_names",
    "text_of",
]

DATA_FILE: Final = "spreadsheet.json"

Kind = Literal["text", "vocabulary", "vocabularies", "date", "boolean", "version"]
"""What a column holds, as derived from a field's type."""

REGISTER: Final = "Register"
VERSION_KEY: Final = "schema_version"


def spelling(text: str) -> str:
    r"""Fold a header or sheet name for matching.

    Format characters (zero-width spaces, byte-order marks, bidi marks) are
    dropped, then case, accents, spaces, hyphens and underscores are ignored.

    Examples:
        >>> spelling("Date de  début\u200b") == spelling("date_de_debut")
        True
    """
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return normalize(visible)


def text_of(entry: Mapping[str, str], lang: Lang) -> str:
    """The text of a bilingual entry in the language of *lang*."""
    return entry[check_lang(lang)]


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table.

    Attributes:
        key: The JSON key the column fills in the row's object; for a column
            that names the row's parent, the parent's identifying key.
        kind: What the column holds.
        vocabulary: The vocabulary of a ``vocabulary`` or ``vocabularies``
            column.
        required: Whether a row must fill it.
        labels: The header in each language.
        definitions: What the column holds, in each language.
        spellings: Every folded header accepted for it.
        reference: The id of the table whose ids the column names, if any.
        parent: For a column naming the row's parent, the parent table's id.
    """

    key: str
    kind: Kind
    vocabulary: type[Vocabulary] | None = None
    required: bool = False
    labels: Mapping[str, str]
    definitions: Mapping[str, str]
    spellings: frozenset[str]
    reference: str | None = None
    parent: str | None = None

    def label(self, lang: Lang) -> str:
        """The header in the language of *lang*."""
        return text_of(self.labels, lang)


@attrs.frozen(kw_only=True)
class Table:
    """One table (a sheet, or a CSV file) of the layout.

    Attributes:
        id: ``"Register"`` or ``"Record.field"`` (``"Engagement.participants"``).
        json_key: The key of the list in the parent object (``None`` for the
            register table).
        parent: The id of the table whose rows own this table's rows (``None``
            for the register's lists).
        record: The record class of a row (``None`` for a list of strings).
        keys: The columns that name a row's parent, outermost first.
        columns: The columns that fill the row's object (for a list of
            strings: the one value column).
        labels: The sheet name in each language.
        definitions: What the table holds, in each language.
        spellings: Every folded sheet or file name accepted for it.
    """

    id: str
    json_key: str | None
    parent: str | None
    record: type[Any] | None
    keys: tuple[Column, ...]
    columns: tuple[Column, ...]
    labels: Mapping[str, str]
    definitions: Mapping[str, str]
    spellings: frozenset[str]

    @property
    def single(self) -> bool:
        """Whether the table holds one row (the register's own fields)."""
        return self.id == REGISTER

    @property
    def values(self) -> bool:
        """Whether each row is one string of a list (not a record)."""
        return self.record is None and not self.single

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The parent columns, then the value columns."""
        return self.keys + self.columns

    def label(self, lang: Lang) -> str:
        """The sheet name in the language of *lang*."""
        return text_of(self.labels, lang)


@attrs.frozen(kw_only=True)
class Layout:
    """Every table of a register, parents first, and the shared wordings.

    Attributes:
        tables: The tables, in the order a workbook shows them.
        furniture: The labels and definitions of the sheets a written workbook
            adds and a reader skips (``lists``, ``readme``).
        furniture_spellings: Their folded names.
        booleans: The word for yes and for no in each language.
        true_words: Every folded spelling read as yes.
        false_words: Every folded spelling read as no.
        readme: The headings of the explanation sheet.
        accepted: The templates of the "accepted values" column.
    """

    tables: tuple[Table, ...]
    furniture: Mapping[str, Mapping[str, Mapping[str, str]]]
    furniture_spellings: frozenset[str]
    booleans: Mapping[bool, Mapping[str, str]]
    true_words: frozenset[str]
    false_words: frozenset[str]
    readme: Mapping[str, Mapping[str, str]]
    accepted: Mapping[str, Mapping[str, str]]

    def table(self, table_id: str) -> Table:
        """The table with this id."""
        return next(t for t in self.tables if t.id == table_id)

    def boolean_word(self, value: bool, lang: Lang) -> str:  # noqa: FBT001
        """The word a sheet in *lang* writes for *value*."""
        return text_of(self.booleans[value], lang)


# -- reading the field types ---------------------------------------------------------


@attrs.frozen
class _Shape:
    """What a field's type says: a column, a table of records or of strings."""

    kind: Kind | Literal["records", "strings"]
    target: type[Any] | None = None


def _shape(hint: Any, where: str) -> _Shape:
    """Classify the type hint of a field."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(inner) == 1:
            return _shape(inner[0], where)
    elif origin in (tuple, frozenset, list, set):
        item = typing.get_args(hint)[0]
        if isinstance(item, type) and issubclass(item, Vocabulary):
            return _Shape("vocabularies", item)
        if item is str:
            return _Shape("strings")
        if isinstance(item, type) and attrs.has(item):
            return _Shape("records", item)
    elif hint is str:
        return _Shape("text")
    elif hint is bool:
        return _Shape("boolean")
    elif hint is dt.date or hint is PartialDate:
        return _Shape("date")
    elif isinstance(hint, type) and issubclass(hint, Vocabulary):
        return _Shape("vocabulary", hint)
    msg = f"{where}: no spreadsheet column for the type {hint!r}"
    raise TypeError(msg)


# -- the data file -----------------------------------------------------------------------


def _bilingual(value: object, path: str, problems: Problems) -> dict[str, str]:
    found = problems.mapping(value, path)
    if found is None:
        return {}
    problems.keys(found, path, required=("en", "fr"))
    return {
        lang: text
        for lang in ("en", "fr")
        if (text := problems.text(found.get(lang), f"{path}.{lang}")) is not None
    }


@attrs.frozen
class _Entry:
    labels: dict[str, str]
    definitions: dict[str, str]
    aliases: tuple[str, ...]


def _entries(data: Any, section: str, problems: Problems) -> dict[str, _Entry]:
    path = f"$.{section}"
    found = problems.mapping(data.get(section), path) if data else None
    entries: dict[str, _Entry] = {}
    for name, value in (found or {}).items():
        where = f"{path}['{name}']"
        entry = problems.mapping(value, where)
        if entry is None:
            continue
        problems.keys(
            entry, where, required=("label", "definition"), optional=("aliases",)
        )
        aliases = problems.array(entry.get("aliases", []), f"{where}.aliases") or []
        entries[name] = _Entry(
            labels=_bilingual(entry.get("label"), f"{where}.label", problems),
            definitions=_bilingual(
                entry.get("definition"), f"{where}.definition", problems
            ),
            aliases=tuple(
                text
                for index, alias in enumerate(aliases)
                if (text := problems.text(alias, f"{where}.aliases[{index}]"))
                is not None
            ),
        )
    return entries


def _fallback(name: str) -> _Entry:
    return _Entry({"en": name, "fr": name}, {"en": "", "fr": ""}, ())


def _spellings(entry: _Entry, *extra: str) -> frozenset[str]:
    return frozenset(
        spelling(text)
        for text in (*entry.labels.values(), *entry.aliases, *extra)
        if text
    )


class _Builder:
    """Derive the tables from the records, naming them from the data file."""

    def __init__(self, data: Any, problems: Problems) -> None:
        self.problems = problems
        self.tables_data = _entries(data, "tables", problems)
        self.columns_data = _entries(data, "columns", problems)
        self.keys_data = _entries(data, "keys", problems)
        references = problems.mapping(data.get("references", {}), "$.references")
        self.references: dict[str, str] = dict(references or {})
        self.tables: list[Table] = []
        self.used: set[str] = set()

    def column(self, key: str, name: str, kind: Kind, **extra: Any) -> Column:
        self.used.add(name)
        entry = self.columns_data.get(name) or _fallback(key)
        return Column(
            key=key,
            kind=kind,
            labels=entry.labels,
            definitions=entry.definitions,
            spellings=_spellings(entry, key),
            reference=self.references.get(name),
            **extra,
        )

    def fields(self, cls: type[Any]) -> list[Column]:
        """The columns of *cls*'s scalar fields; add its list fields as tables."""
        hints = typing.get_type_hints(cls)
        columns: list[Column] = []
        for field in attrs.fields(cls):
            name = f"{cls.__name__}.{field.name}"
            shape = _shape(hints[field.name], name)
            if shape.kind in ("records", "strings"):
                continue
            columns.append(
                self.column(
                    field.name,
                    name,
                    shape.kind,  # type: ignore[arg-type]
                    vocabulary=shape.target,
                    required=field.default is attrs.NOTHING,
                )
            )
        return columns

    def children(self, cls: type[Any], table: Table) -> None:
        """Add a table for every list field of *cls*, recursively."""
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            name = f"{cls.__name__}.{field.name}"
            shape = _shape(hints[field.name], name)
            if shape.kind == "records" and shape.target is not None:
                self.table(name, field.name, shape.target, table)
            elif shape.kind == "strings":
                self.table(name, field.name, None, table)

    def key_columns(self, parent: Table | None) -> tuple[Column, ...]:
        """The columns naming a row's parent: the parent's own, then its id."""
        if parent is None or parent.record is None or parent.single:
            return ()
        record = parent.record
        identifying = attrs.fields(record)[0].name
        name = record.__name__
        self.used.add(f"keys.{name}")
        entry = self.keys_data.get(name) or _fallback(f"{name.lower()}_{identifying}")
        own = Column(
            key=identifying,
            kind="text",
            required=True,
            labels=entry.labels,
            definitions=entry.definitions,
            spellings=_spellings(entry),
            reference=parent.id,
            parent=parent.id,
        )
        return (*parent.keys, own)

    def table(
        self,
        table_id: str,
        json_key: str | None,
        record: type[Any] | None,
        parent: Table | None,
    ) -> None:
        self.used.add(f"tables.{table_id}")
        entry = self.tables_data.get(table_id) or _fallback(json_key or table_id)
        keys = self.key_columns(parent)
        if record is not None:
            columns = self.fields(record)
        else:
            columns = [self.column(json_key or "", table_id, "text", required=True)]
        if table_id == REGISTER:
            columns.append(
                self.column(VERSION_KEY, f"{REGISTER}.{VERSION_KEY}", "version")
            )
        table = Table(
            id=table_id,
            json_key=json_key,
            parent=None if parent is None or parent.single else parent.id,
            record=record,
            keys=keys,
            columns=tuple(columns),
            labels=entry.labels,
            definitions=entry.definitions,
            spellings=_spellings(
                entry, (json_key or "") if parent is not None and parent.single else ""
            ),
        )
        self.tables.append(table)
        if record is not None:
            self.children(record, table)

    def check(self) -> None:
        """Record an entry of the data file that names no field, and clashes."""
        for section, entries in (
            ("tables", self.tables_data),
            ("columns", self.columns_data),
            ("keys", self.keys_data),
        ):
            for name in entries:
                used = name in self.used or f"{section}.{name}" in self.used
                if not used:
                    self.problems.add(
                        f"$.{section}['{name}']",
                        f"{name!r} names no field of the records",
                        "unknown_field",
                    )
        seen: dict[str, str] = {}
        for table in self.tables:
            for name in table.spellings:
                if name in seen and seen[name] != table.id:
                    self.problems.add(
                        f"$.tables['{table.id}']",
                        f"the name {name!r} also names {seen[name]}",
                        "ambiguous",
                    )
                seen[name] = table.id
            by_spelling: dict[str, str] = {}
            for column in table.all_columns:
                for name in column.spellings:
                    other = by_spelling.get(name)
                    if other is not None and other != column.key:
                        self.problems.add(
                            f"$.columns['{table.id}']",
                            f"the header {name!r} names two columns of {table.id}: "
                            f"{other} and {column.key}",
                            "ambiguous",
                        )
                    by_spelling[name] = column.key


def _words(entry: object, path: str, problems: Problems) -> tuple[str, ...]:
    items = problems.array(entry, path) or []
    return tuple(
        text
        for index, item in enumerate(items)
        if (text := problems.text(item, f"{path}[{index}]")) is not None
    )


@functools.cache
def layout() -> Layout:
    """The layout of a register in a spreadsheet (read and checked once).

    Raises:
        DataFileError: ``data/spreadsheet.json`` fails its checks.
    """
    problems = Problems(DATA_FILE)
    data = read_data_json(DATA_FILE, problems) or {}
    if not isinstance(data, dict):
        problems.mapping(data, "$")
        data = {}
    problems.keys(
        data,
        "$",
        required=(
            "tables",
            "furniture",
            "keys",
            "columns",
            "booleans",
            "readme",
            "accepted",
        ),
        optional=("notes", "references"),
    )
    builder = _Builder(data, problems)
    builder.table(REGISTER, None, Register, None)
    builder.check()
    furniture = _entries(data, "furniture", problems)
    booleans = problems.mapping(data.get("booleans"), "$.booleans") or {}
    yes = _bilingual(booleans.get("true"), "$.booleans.true", problems)
    no = _bilingual(booleans.get("false"), "$.booleans.false", problems)
    readme = problems.mapping(data.get("readme"), "$.readme") or {}
    accepted = problems.mapping(data.get("accepted"), "$.accepted") or {}
    result = Layout(
        tables=tuple(builder.tables),
        furniture={
            name: {"labels": entry.labels, "definitions": entry.definitions}
            for name, entry in furniture.items()
        },
        furniture_spellings=frozenset().union(
            *(_spellings(entry) for entry in furniture.values())
        ),
        booleans={True: yes, False: no},
        true_words=frozenset(
            spelling(word)
            for word in (
                *yes.values(),
                *_words(
                    booleans.get("true_aliases", []),
                    "$.booleans.true_aliases",
                    problems,
                ),
            )
        ),
        false_words=frozenset(
            spelling(word)
            for word in (
                *no.values(),
                *_words(
                    booleans.get("false_aliases", []),
                    "$.booleans.false_aliases",
                    problems,
                ),
            )
        ),
        readme={
            name: _bilingual(value, f"$.readme.{name}", problems)
            for name, value in readme.items()
        },
        accepted={
            name: _bilingual(value, f"$.accepted.{name}", problems)
            for name, value in accepted.items()
        },
    )
    if result.true_words & result.false_words:
        problems.add("$.booleans", "a word is read both as yes and as no", "ambiguous")
    problems.raise_if_any()
    return result


def file_name(table: Table, lang: str) -> str:
    """The CSV file name of *table* in *lang* (``organisations_des_engagements.csv``)."""
    return spelling(table.labels[lang]).replace(" ", "_") + ".csv"


def table_names(layout: Layout, *, csv: bool) -> str:
    """The names of the tables, in English and French, for messages."""
    names = []
    for table in layout.tables:
        en, fr = (
            file_name(table, lang) if csv else table.labels[lang]
            for lang in ("en", "fr")
        )
        names.append(en if en == fr else f"{en} ({fr})")
    return ", ".join(names)
