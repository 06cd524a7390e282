"""Translation between a register's JSON document and the tables of a spreadsheet.

Reading turns the cells of each table (:class:`Grid`, as a CSV file or a
worksheet gives them) into the JSON document that
:func:`~partnership_model.from_dict` checks, and remembers where each value
came from (:class:`Origin`), so that every problem found in the document can
be put back on its sheet, row and column. The cells are only *decoded* here
(a French label becomes its vocabulary value, ``31/03/2024`` becomes
``2024-03-31``, ``oui`` becomes ``true``); whether the values are valid is
for the register's own rules to say. A cell that cannot be decoded is passed
on as written, so that the rules refuse it with their own message.

Writing turns the JSON document that :func:`~partnership_model.to_dict` writes
into the rows of each table (:class:`Sheet`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from partnership_model._enums import Vocabulary
from partnership_model._i18n import Lang, check_lang
from partnership_model._sheet_layout import Column, Layout, Table, spelling
from partnership_model.exceptions import Problem, VocabularyError

__all__ = [
    "ABSENT",
    "Grid",
    "Located",
    "Origin",
    "ReadResult",
    "Sheet",
    "column_letter",
    "decode_cell",
    "read_document",
    "write_document",
]

ABSENT: Final[Any] = object()
"""What :func:`decode_cell` returns for an empty cell."""

SEPARATOR: Final = ";"
"""Between the values of a cell that holds several vocabulary values."""

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
# The last step of a JSON path: ``.key``, ``['key']`` or ``[index]``.
_LAST_STEP = re.compile(r"(\.[A-Za-z_][A-Za-z0-9_]*|\['(?:[^'\\]|\\.)*'\]|\[\d+\])$")


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
    """*text* without format characters, stripped: for coded cells only."""
    return spelling_free(text).strip()


def spelling_free(text: str) -> str:
    """*text* without zero-width and other format characters (Unicode Cf)."""
    import unicodedata  # noqa: PLC0415 - small, and only for coded cells

    return "".join(c for c in text if unicodedata.category(c) != "Cf")


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
    return found if _ISO_DAY.fullmatch(found) or found.isdigit() else text


def _boolean(raw: object, layout: Layout) -> object:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    text = plain_text(raw)
    if text is None:
        return ABSENT
    word = spelling(text)
    if word in layout.true_words:
        return True
    if word in layout.false_words:
        return False
    return text


def _member(vocabulary: type[Vocabulary], text: str) -> str:
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


def _label(
    vocabulary: type[Vocabulary], token: object, lang: Lang, *, tokens: bool
) -> str:
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
        lang: The language the headers are mostly written in.
    """

    document: dict[str, Any]
    problems: list[Located]
    origins: dict[str, Origin]
    absent: frozenset[tuple[str, str]]
    lang: Lang


class _Reader:
    """Build the JSON document from the grids, table by table, parents first."""

    def __init__(self, layout: Layout, extra: str, version: str) -> None:
        self.layout = layout
        self.extra = extra
        self.document: dict[str, Any] = {"schema_version": version}
        self.problems: list[Located] = []
        self.origins: dict[str, Origin] = {}
        self.absent: set[tuple[str, str]] = set()
        self.index: dict[str, dict[tuple[str, ...], tuple[str, dict[str, Any]]]] = {}
        self.votes = {"en": 0, "fr": 0}

    def problem(self, origin: Origin, message: str, code: str) -> None:
        self.problems.append(Located(Problem("", message, code), origin))

    # -- headers

    def header(self, grid: Grid) -> dict[int, Column]:
        """Match the header cells to columns; record what does not match."""
        table = grid.table
        by_spelling = {
            name: column for column in table.all_columns for name in column.spellings
        }
        width = max([len(grid.header), *(len(cells) for _, cells in grid.rows)])
        matched: dict[int, Column] = {}
        first_at: dict[int, int] = {}
        for index in range(width):
            raw = grid.header[index] if index < len(grid.header) else None
            text = plain_text(raw)
            where = self.at(grid, grid.header_row, index, text)
            if text is None:
                rows = [
                    n
                    for n, cells in grid.rows
                    if index < len(cells) and _filled(cells[index])
                ]
                if rows:
                    shown = ", ".join(map(str, rows[:5])) + (
                        " ..." if len(rows) > 5 else ""
                    )
                    self.problem(
                        where,
                        f"column {column_letter(index)} has no header but holds data "
                        f"(row {shown}); give it a header or move the data",
                        "unnamed_column",
                    )
                continue
            column = by_spelling.get(spelling(text))
            if column is None:
                if self.extra != "ignore":
                    expected = ", ".join(
                        c.label(self.lang_of(grid)) for c in table.all_columns
                    )
                    self.problem(
                        where,
                        f"unknown column {text!r}; the columns of this sheet are: {expected}",
                        "unknown_column",
                    )
                continue
            self.vote(text, column)
            if id(column) in first_at:
                self.problem(
                    where,
                    f"the header {text!r} repeats column "
                    f"{column_letter(first_at[id(column)])}: one column per field",
                    "duplicate_column",
                )
                continue
            first_at[id(column)] = index
            matched[index] = column
        present = {id(column) for column in matched.values()}
        for column in table.all_columns:
            if column.required and id(column) not in present:
                self.absent.add((table.id, column.key))
                if grid.rows:
                    self.problem(
                        Origin(
                            file=grid.file,
                            sheet=grid.sheet,
                            row=grid.header_row,
                            column=column,
                            table=table,
                            header=column.label(self.lang_of(grid)),
                        ),
                        "this required column is missing from the header row",
                        "missing_column",
                    )
        return matched

    def vote(self, text: str, column: Column) -> None:
        for lang in ("en", "fr"):
            if spelling(column.labels.get(lang, "")) == spelling(text):
                self.votes[lang] += 1

    def lang_of(self, _grid: Grid) -> Lang:
        return "fr" if self.votes["fr"] > self.votes["en"] else "en"

    def at(
        self,
        grid: Grid,
        row: int,
        index: int | None,
        header: str | None,
        column: Column | None = None,
    ) -> Origin:
        return Origin(
            file=grid.file,
            sheet=grid.sheet,
            row=row,
            column=column,
            index=index,
            header=header,
            table=grid.table,
        )

    # -- rows

    def cells(
        self,
        grid: Grid,
        columns: Mapping[int, Column],
        number: int,
        cells: Sequence[object],
    ) -> tuple[dict[str, Any], dict[str, tuple[Column, int]]]:
        """The row's object (value columns only) and where each key came from."""
        values: dict[str, Any] = {}
        places: dict[str, tuple[Column, int]] = {}
        keys = {id(column) for column in grid.table.keys}
        for index, column in columns.items():
            if id(column) in keys or index >= len(cells):
                continue
            value = decode_cell(column, cells[index], self.layout)
            if value is not ABSENT:
                values[column.key] = value
                places[column.key] = (column, index)
        del number
        return values, places

    def remember(
        self,
        grid: Grid,
        path: str,
        number: int,
        places: Mapping[str, tuple[Column, int]],
        headers: Mapping[int, str],
    ) -> None:
        self.origins[path] = self.at(grid, number, None, None)
        for key, (column, index) in places.items():
            self.origins[f"{path}.{key}"] = self.at(
                grid, number, index, headers.get(index), column
            )

    def read(self, grids: Mapping[str, Grid]) -> None:
        for table in self.layout.tables:
            grid = grids.get(table.id)
            if grid is None:
                continue
            columns = self.header(grid)
            headers = {i: plain_text(grid.header[i]) or "" for i in columns}
            if table.single:
                self.read_register(grid, columns, headers)
            elif table.parent is None:
                self.read_list(grid, columns, headers)
            else:
                self.read_children(grid, columns, headers)
        if "Register.people" not in grids:
            self.add_people()

    def read_register(
        self, grid: Grid, columns: Mapping[int, Column], headers: Mapping[int, str]
    ) -> None:
        for position, (number, cells) in enumerate(grid.rows):
            if position:
                self.problem(
                    self.at(grid, number, None, None),
                    "the register's sheet holds one row; move or delete this one",
                    "extra_row",
                )
                continue
            values, places = self.cells(grid, columns, number, cells)
            self.document.update(values)
            for key, (column, index) in places.items():
                self.origins[f"$.{key}"] = self.at(
                    grid, number, index, headers.get(index), column
                )

    def read_list(
        self, grid: Grid, columns: Mapping[int, Column], headers: Mapping[int, str]
    ) -> None:
        table = grid.table
        key = table.json_key or ""
        items: list[dict[str, Any]] = self.document.setdefault(key, [])
        index = self.index.setdefault(table.id, {})
        identifying = table.columns[0].key
        for number, cells in grid.rows:
            values, places = self.cells(grid, columns, number, cells)
            path = f"$.{key}[{len(items)}]"
            items.append(values)
            self.remember(grid, path, number, places, headers)
            own = values.get(identifying)
            if isinstance(own, str):
                index.setdefault((own,), (path, values))

    def read_children(
        self, grid: Grid, columns: Mapping[int, Column], headers: Mapping[int, str]
    ) -> None:
        table = grid.table
        key = table.json_key or ""
        parents = self.index.get(table.parent or "", {})
        index = self.index.setdefault(table.id, {})
        key_ids = {id(column) for column in table.keys}
        key_at = {id(c): i for i, c in columns.items() if id(c) in key_ids}
        for number, cells in grid.rows:
            names: list[str] = []
            for column in table.keys:
                position = key_at.get(id(column))
                text = (
                    plain_text(cells[position])
                    if position is not None and position < len(cells)
                    else None
                )
                if text is None:
                    if position is not None:
                        self.problem(
                            self.at(
                                grid, number, position, headers.get(position), column
                            ),
                            "the row names no parent: this cell is empty",
                            "missing",
                        )
                    break
                names.append(text)
            else:
                found = parents.get(tuple(names))
                if found is None:
                    position = key_at[id(table.keys[-1])]
                    parent = self.layout.table(table.keys[-1].parent or "")
                    self.problem(
                        self.at(
                            grid,
                            number,
                            position,
                            headers.get(position),
                            table.keys[-1],
                        ),
                        f"no row of the sheet {parent.label(self.lang_of(grid))} has the id "
                        f"{names[-1]!r}",
                        "unknown_parent",
                    )
                    continue
                parent_path, parent_object = found
                items = parent_object.setdefault(key, [])
                path = f"{parent_path}.{key}[{len(items)}]"
                values, places = self.cells(grid, columns, number, cells)
                if table.values:
                    self.add_value(grid, columns, headers, number, values, items, path)
                    continue
                items.append(values)
                self.remember(grid, path, number, places, headers)
                own = values.get(table.columns[0].key)
                if isinstance(own, str):
                    index.setdefault((*names, own), (path, values))

    def add_value(
        self,
        grid: Grid,
        columns: Mapping[int, Column],
        headers: Mapping[int, str],
        number: int,
        values: Mapping[str, Any],
        items: list[Any],
        path: str,
    ) -> None:
        """Append the one value of a row of a list of strings."""
        column = grid.table.columns[0]
        position = next((i for i, c in columns.items() if c is column), None)
        origin = self.at(
            grid,
            number,
            position,
            headers.get(position) if position is not None else None,
            column,
        )
        value = values.get(column.key, ABSENT)
        if value is ABSENT:
            if position is not None:
                self.problem(
                    origin, "this cell is empty; fill it or delete the row", "missing"
                )
            return
        items.append(value)
        self.origins[path] = origin

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
    grids: Mapping[str, Grid], layout: Layout, *, extra: str, version: str
) -> ReadResult:
    """Build the register's JSON document from the grids (by table id)."""
    reader = _Reader(layout, extra, version)
    reader.read(grids)
    return ReadResult(
        document=reader.document,
        problems=reader.problems,
        origins=reader.origins,
        absent=frozenset(reader.absent),
        lang="fr" if reader.votes["fr"] > reader.votes["en"] else "en",
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
            origin = attrs.evolve(
                origin, column=column, header=column.label(result.lang)
            )
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
            _check_keys(table, item, layout)
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


def _check_keys(table: Table, item: Mapping[str, Any], layout: Layout) -> None:
    known = {column.key for column in table.columns}
    known |= {
        t.json_key
        for t in layout.tables
        if t.parent == table.id or (table.single and t.parent is None and not t.single)
    }
    for key in item:
        if key not in known:
            msg = f"{table.id}: no column writes the key {key!r}"
            raise TypeError(msg)
