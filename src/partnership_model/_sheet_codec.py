"""Translation between a register's JSON document and the tables of a spreadsheet.

Reading turns the cells of each table (:class:`Grid`, as a CSV file or a
worksheet gives them) into the JSON document that
:func:`~partnership_model.from_dict` checks, and remembers where each value
came from (:class:`Origin`), so that every problem found in the document can
be put back on its sheet, row and column. The cells are decoded by
:mod:`partnership_model._sheet_cells`.

Writing turns the JSON document that :func:`~partnership_model.to_dict` writes
into the rows of each table (:class:`Sheet`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from partnership_model._i18n import Lang, check_lang
from partnership_model._messages import problem
from partnership_model._sheet_cells import (
    ABSENT,
    column_letter,
    decode_cell,
    encode_cell,
    plain_text,
)
from partnership_model._sheet_layout import Column, Layout, Table, spelling
from partnership_model.exceptions import Problem

__all__ = [
    "Grid",
    "Located",
    "Origin",
    "ReadResult",
    "Sheet",
    "locate",
    "read_document",
    "write_document",
]

# The last step of a JSON path: ``.key``, ``['key']`` or ``[index]``.
_LAST_STEP = re.compile(r"(\.[A-Za-z_][A-Za-z0-9_]*|\['(?:[^'\\]|\\.)*'\]|\[\d+\])$")


# -- tables as found in a file ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class Grid:
    """One table as a file or a worksheet holds it.

    Attributes:
        table: The table of the layout.
        file: The name of the file, as problems show it.
        sheet: The name of the worksheet, as written (``None`` for CSV).
        header_row: The row of the header (1-based, as a spreadsheet counts).
        header: The header cells.
        rows: ``(row number, cells)`` of every row below the header that holds
            at least one cell.
    """

    table: Table
    file: str
    sheet: str | None
    header_row: int
    header: tuple[object, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


@attrs.frozen(kw_only=True)
class Origin:
    """Where a value of the JSON document came from.

    Attributes:
        file: The file.
        sheet: The worksheet, if any.
        row: The row (1-based), if any.
        column: The column of the layout, if known.
        index: The 0-based position of the column in the file, if it has one.
        header: The header as the file spells it, if it has one.
        table: The table of the layout.
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: Column | None = None
    index: int | None = None
    header: str | None = None
    table: Table | None = None


@attrs.frozen
class Located:
    """A problem and where it sits."""

    problem: Problem
    origin: Origin


@attrs.frozen(kw_only=True)
class ReadResult:
    """What :func:`read_document` made of the tables.

    Attributes:
        document: The register's JSON document.
        problems: Problems of the tables themselves (headers, parent ids).
        origins: Where each JSON path of the document came from.
        absent: ``(table id, column key)`` of every required column a table
            left out (reported once, at the header).
        positions: ``(table id, column key)`` -> the column's 0-based
            position in its file and its header there.
        lang: The language the headers are mostly written in.
    """

    document: dict[str, Any]
    problems: list[Located]
    origins: dict[str, Origin]
    absent: frozenset[tuple[str, str]]
    positions: Mapping[tuple[str, str], tuple[int, str]]
    lang: Lang


def _value_columns(matched: _Matched) -> tuple[tuple[int, Column], ...]:
    keys = {id(column) for column in matched.grid.table.keys}
    return tuple((i, c) for i, c in matched.columns.items() if id(c) not in keys)


@attrs.frozen
class _Matched:
    """A grid and its header matched to the table's columns."""

    grid: Grid
    columns: Mapping[int, Column]  # position -> column
    headers: Mapping[int, str]  # position -> header as the file spells it
    # (position, column) of the columns that fill the row's object.
    values: tuple[tuple[int, Column], ...] = attrs.field(
        init=False,
        default=attrs.Factory(_value_columns, takes_self=True),
    )

    def position(self, column: Column) -> int | None:
        return next((i for i, c in self.columns.items() if c is column), None)

    def at(
        self, row: int, column: Column | None = None, index: int | None = None
    ) -> Origin:
        """The origin of a row, or of one of its cells."""
        if column is not None and index is None:
            index = self.position(column)
        grid = self.grid
        return Origin(
            file=grid.file,
            sheet=grid.sheet,
            row=row,
            column=column,
            index=index,
            header=self.headers.get(index) if index is not None else None,
            table=grid.table,
        )


class _Reader:
    """Build the JSON document from the grids, table by table, parents first."""

    def __init__(
        self, layout: Layout, extra: str, version: str, unread: frozenset[str]
    ) -> None:
        self.layout = layout
        self.extra = extra
        self.unread = unread
        self.document: dict[str, Any] = {"schema_version": version}
        self.problems: list[Located] = []
        self.origins: dict[str, Origin] = {}
        self.absent: set[tuple[str, str]] = set()
        self.positions: dict[tuple[str, str], tuple[int, str]] = {}
        # table id -> the names of a row (its parents' ids, then its own) -> the
        # row's JSON path and object, for the rows of child tables to find.
        self.index: dict[str, dict[tuple[str, ...], tuple[str, dict[str, Any]]]] = {}
        self.votes = {"en": 0, "fr": 0}

    @property
    def lang(self) -> Lang:
        """The language most headers matched so far are written in."""
        return "fr" if self.votes["fr"] > self.votes["en"] else "en"

    def problem(self, origin: Origin, code: str, /, **params: object) -> None:
        """Record a problem of the tables, written from the message catalogue."""
        self.problems.append(Located(problem("", code, **params), origin))

    # -- headers

    def header(self, grid: Grid) -> _Matched:
        """Match the header cells to columns; record what does not match."""
        table = grid.table
        by_spelling = {
            name: column for column in table.all_columns for name in column.spellings
        }
        width = max([len(grid.header), *(len(cells) for _, cells in grid.rows)])
        columns: dict[int, Column] = {}
        headers: dict[int, str] = {}
        for index in range(width):
            text = plain_text(grid.header[index]) if index < len(grid.header) else None
            where = Origin(
                file=grid.file,
                sheet=grid.sheet,
                row=grid.header_row,
                index=index,
                header=text,
                table=table,
            )
            if text is None:
                self.unnamed(grid, index, where)
                continue
            column = by_spelling.get(spelling(text))
            if column is None:
                if self.extra != "ignore":
                    expected = ", ".join(c.label(self.lang) for c in table.all_columns)
                    self.problem(
                        where, "unknown_column", header=repr(text), expected=expected
                    )
                continue
            self.vote(text, column)
            first = next((i for i, c in columns.items() if c is column), None)
            if first is not None:
                self.problem(
                    where,
                    "duplicate_column",
                    header=repr(text),
                    column=column_letter(first),
                    first=repr(headers[first]),
                )
                continue
            columns[index] = column
            headers[index] = text
            self.positions[table.id, column.key] = (index, text)
        matched = _Matched(grid, columns, headers)
        for column in table.all_columns:
            if column.required and matched.position(column) is None:
                self.absent.add((table.id, column.key))
                if grid.rows:
                    label = column.label(self.lang)
                    self.problem(
                        attrs.evolve(matched.at(grid.header_row, column), header=label),
                        "missing_column",
                        header=repr(label),
                    )
        return matched

    def unnamed(self, grid: Grid, index: int, where: Origin) -> None:
        """Refuse a column without a header that holds data."""
        rows = [
            n for n, cells in grid.rows if index < len(cells) and _filled(cells[index])
        ]
        if rows:
            shown = ", ".join(map(str, rows[:5])) + (" ..." if len(rows) > 5 else "")
            self.problem(
                where, "unnamed_column", column=column_letter(index), rows=shown
            )

    def vote(self, text: str, column: Column) -> None:
        for lang in ("en", "fr"):
            if spelling(column.labels.get(lang, "")) == spelling(text):
                self.votes[lang] += 1

    # -- rows

    def row_object(
        self, matched: _Matched, path: str, number: int, cells: Sequence[object]
    ) -> dict[str, Any]:
        """The object of a row (value columns only), remembering each value's origin."""
        values: dict[str, Any] = {}
        self.origins[path] = matched.at(number)  # its cells: see locate()
        for index, column in matched.values:
            if index < len(cells):
                value = decode_cell(column, cells[index], self.layout)
                if value is not ABSENT:
                    values[column.key] = value
        return values

    def read(self, grids: Mapping[str, Grid]) -> None:
        for table in self.layout.tables:
            grid = grids.get(table.id)
            if grid is None:
                continue
            matched = self.header(grid)
            if table.single:
                self.read_register(matched)
            elif table.parent is None:
                self.read_list(matched)
            else:
                self.read_children(matched)
        if "Register.people" not in grids:
            self.add_people()

    def read_register(self, matched: _Matched) -> None:
        for position, (number, cells) in enumerate(matched.grid.rows):
            if position:
                self.problem(matched.at(number), "extra_row")
                continue
            self.document.update(self.row_object(matched, "$", number, cells))

    def read_list(self, matched: _Matched) -> None:
        table = matched.grid.table
        key = table.json_key or ""
        items: list[dict[str, Any]] = self.document.setdefault(key, [])
        index = self.index.setdefault(table.id, {})
        for number, cells in matched.grid.rows:
            path = f"$.{key}[{len(items)}]"
            values = self.row_object(matched, path, number, cells)
            items.append(values)
            own = values.get(table.columns[0].key)
            if isinstance(own, str):
                index.setdefault((own,), (path, values))

    def parent_of(
        self, matched: _Matched, number: int, cells: Sequence[object]
    ) -> tuple[tuple[str, ...], str, dict[str, Any]] | None:
        """The names, JSON path and object of the row's parent; ``None`` if none."""
        table = matched.grid.table
        names: list[str] = []
        for column in table.keys:
            index = matched.position(column)
            if index is None:
                return None  # reported once, at the header
            text = plain_text(cells[index]) if index < len(cells) else None
            if text is None:
                self.problem(
                    matched.at(number, column, index),
                    "missing_parent",
                    parent=column.label(self.lang),
                )
                return None
            names.append(text)
        found = self.index.get(table.parent or "", {}).get(tuple(names))
        if found is None and self._unread_ancestor(table):
            return None  # its parent's file could not be read: reported there
        if found is None:
            column = table.keys[-1]
            parent = self.layout.table(column.parent or "")
            self.problem(
                matched.at(number, column),
                "unknown_parent",
                sheet=parent.label(self.lang),
                id=repr(names[-1]),
            )
            return None
        return (tuple(names), *found)

    def _unread_ancestor(self, table: Table) -> bool:
        parent = table.parent
        while parent is not None:
            if parent in self.unread:
                return True
            parent = self.layout.table(parent).parent
        return False

    def read_children(self, matched: _Matched) -> None:
        table = matched.grid.table
        key = table.json_key or ""
        index = self.index.setdefault(table.id, {})
        for number, cells in matched.grid.rows:
            parent = self.parent_of(matched, number, cells)
            if parent is None:
                continue
            names, parent_path, parent_object = parent
            items = parent_object.setdefault(key, [])
            path = f"{parent_path}.{key}[{len(items)}]"
            values = self.row_object(matched, path, number, cells)
            if not table.values:
                items.append(values)
                own = values.get(table.columns[0].key)
                if isinstance(own, str):
                    index.setdefault((*names, own), (path, values))
            elif key in values:
                items.append(values[key])
                self.origins[path] = matched.at(number, table.columns[0])
            elif matched.position(table.columns[0]) is not None:
                self.problem(matched.at(number, table.columns[0]), "empty_cell")

    def add_people(self) -> None:
        """List every participant's person, when the People table is absent."""
        people: list[dict[str, Any]] = []
        seen: set[str] = set()
        for e_index, engagement in enumerate(self.document.get("engagements", [])):
            for p_index, participant in enumerate(engagement.get("participants", [])):
                person = participant.get("person_id")
                if not isinstance(person, str) or person in seen:
                    continue
                seen.add(person)
                path = f"$.people[{len(people)}]"
                entry: dict[str, Any] = {"id": person}
                name = participant.get("display_name")
                if isinstance(name, str):
                    entry["display_name"] = name
                people.append(entry)
                origin = self.origins.get(
                    f"$.engagements[{e_index}].participants[{p_index}].person_id"
                )
                if origin is not None:
                    self.origins[path] = origin
                    self.origins[f"{path}.id"] = origin
        if people:
            self.document["people"] = people


def _filled(cell: object) -> bool:
    return plain_text(cell) is not None


def read_document(
    grids: Mapping[str, Grid],
    layout: Layout,
    *,
    extra: str,
    version: str,
    unread: frozenset[str] = frozenset(),
) -> ReadResult:
    """Build the register's JSON document from the grids (by table id).

    *unread* names the tables whose file or sheet was found but could not be
    read (reported already): rows of their child tables are not reported as
    naming an unknown parent.
    """
    reader = _Reader(layout, extra, version, unread)
    reader.read(grids)
    return ReadResult(
        document=reader.document,
        problems=reader.problems,
        origins=reader.origins,
        absent=frozenset(reader.absent),
        positions=reader.positions,
        lang=reader.lang,
    )


def locate(problem: Problem, result: ReadResult, fallback: Origin) -> Located | None:
    """Put a problem of the JSON document back where its value came from.

    Returns ``None`` for a problem already reported at the header (a
    required column the table leaves out).
    """
    path = problem.path
    steps: list[str] = []
    origin = result.origins.get(path)
    while origin is None:
        match = _LAST_STEP.search(path)
        if match is None:
            break
        steps.insert(0, match.group())
        path = path[: match.start()]
        origin = result.origins.get(path)
    if origin is None:
        return Located(problem, fallback)
    if origin.column is None and steps and steps[0].startswith(".") and origin.table:
        key = steps[0][1:]
        column = next((c for c in origin.table.columns if c.key == key), None)
        if column is not None:
            if problem.code == "missing" and (origin.table.id, key) in result.absent:
                return None
            position, header = result.positions.get(
                (origin.table.id, key), (None, column.label(result.lang))
            )
            origin = attrs.evolve(origin, column=column, index=position, header=header)
    return Located(problem, origin)


# -- writing ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Sheet:
    """One table to write: its name, header and rows of cells."""

    table: Table
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str | dt.date | None, ...], ...]


def write_document(
    document: Mapping[str, Any], layout: Layout, lang: Lang, *, tokens: bool
) -> list[Sheet]:
    """The sheets that hold the register's JSON *document*, in the layout's order.

    Raises:
        TypeError: The document holds a key no column or table writes (the
            layout and the records disagree).
    """
    check_lang(lang)
    sheets: list[Sheet] = []
    objects: dict[str, list[tuple[tuple[str, ...], Mapping[str, Any]]]] = {}
    for table in layout.tables:
        rows: list[tuple[str | dt.date | None, ...]] = []
        owned: list[tuple[tuple[str, ...], Mapping[str, Any]]] = []
        known = _known_keys(table, layout)
        for names, item in _items(table, document, objects):
            if table.values:
                rows.append(
                    (
                        *names,
                        encode_cell(
                            table.columns[0], item, lang, layout, tokens=tokens
                        ),
                    )
                )
                continue
            if not known.issuperset(item):
                unknown = sorted(set(item) - known)
                msg = f"{table.id}: no column writes the keys {unknown}"
                raise TypeError(msg)
            cells = tuple(
                encode_cell(column, item.get(column.key), lang, layout, tokens=tokens)
                for column in table.columns
            )
            rows.append((*names, *cells))
            own = item.get(table.columns[0].key) if table.columns else None
            owned.append(((*names, own) if isinstance(own, str) else names, item))
        objects[table.id] = owned
        sheets.append(
            Sheet(
                table=table,
                name=table.label(lang),
                header=tuple(column.label(lang) for column in table.all_columns),
                rows=tuple(rows),
            )
        )
    return sheets


def _items(
    table: Table,
    document: Mapping[str, Any],
    objects: Mapping[str, list[tuple[tuple[str, ...], Mapping[str, Any]]]],
) -> Iterator[tuple[tuple[str, ...], Any]]:
    if table.single:
        yield (), document
        return
    key = table.json_key or ""
    if table.parent is None:
        for item in document.get(key, ()):
            yield (), item
        return
    for names, parent in objects.get(table.parent, ()):
        for item in parent.get(key, ()):
            yield names, item


def _known_keys(table: Table, layout: Layout) -> frozenset[str]:
    """The JSON keys a row of *table* may hold: its columns and its child tables."""
    known = {column.key for column in table.columns}
    known |= {
        t.json_key or ""
        for t in layout.tables
        if t.parent == table.id or (table.single and t.parent is None and not t.single)
    }
    return frozenset(known)
