"""A register's tables as one ``.xlsx`` workbook (needs the ``xlsx`` extra, openpyxl).

Writing adds what a team filling the workbook by hand needs: a *Read me*
sheet that explains every column (in the workbook's language), drop-down
lists on the vocabulary and yes/no columns and on the columns that name a
row of another sheet (the lists live on a hidden *Lists* sheet), bold
frozen headers and dates shown as ``yyyy-mm-dd``. The drop-downs warn
rather than refuse: every label, value and alias the vocabularies accept is
accepted when the workbook is read.

Text is stored as text, never as a formula: a cell that starts with ``=``
is written as a string (and marked with Excel's quote prefix, so that
editing it keeps it text). Characters an XML file cannot hold (control
characters) and a carriage return are written in the ``_xHHHH_`` form of
the Office Open XML standard, and ``_xHHHH_`` sequences already in the text
are protected the same way, so Excel, LibreOffice and this reader all read
back exactly the text written.

Reading refuses cells that hold formulas (their values would depend on the
program that computed them), sheets it does not know, and workbooks past the
size cap (uncompressed size, which also bounds the number of cells read).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from partnership_model._files import (
    MAX_SIZE_VARIABLE,
    PathLike,
    read_capped,
    write_atomically,
)
from partnership_model._i18n import Lang, check_lang, typeset
from partnership_model._messages import problem
from partnership_model._sheet_cells import column_letter, plain_text
from partnership_model._sheet_codec import Grid, Located, Origin, Sheet
from partnership_model._sheet_layout import (
    Column,
    Layout,
    Table,
    spelling,
    table_names,
    text_of,
)
from partnership_model.exceptions import Problem, ValidationError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = ["MAX_CELL", "read_workbook", "workbook_bytes"]

MAX_CELL: Final = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit)."""

_LAST_ROW: Final = 1_048_576
_BYTES_PER_CELL: Final = 16
# Characters XML 1.0 cannot hold, and the carriage return XML parsers turn into
# a line feed; and a literal escape sequence that would otherwise be decoded.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)"
)
_FORMULA_STARTS: Final = ("=", "+", "-", "@")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_EXTRA_MESSAGE: Final = "pip install 'partnership-model[xlsx]'"


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency
    except ImportError as error:  # pragma: no cover - exercised without openpyxl
        msg = f"reading and writing .xlsx workbooks needs openpyxl: {_EXTRA_MESSAGE}"
        raise ImportError(msg) from error
    return openpyxl


def escape_xml(text: str) -> str:
    r"""Write the characters an ``.xlsx`` cannot hold as ``_xHHHH_``.

    Examples:
        >>> escape_xml("a\rb\x01"), escape_xml("_x0041_")
        ('a_x000D_b_x0001_', '_x005F_x0041_')
    """
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape_xml(text: str) -> str:
    r"""Undo :func:`escape_xml` (and read what Excel writes that way).

    Examples:
        >>> unescape_xml("a_x000D_b_x0001_"), unescape_xml("_x005F_x0041_")
        ('a\rb\x01', '_x0041_')
    """
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


# -- reading --------------------------------------------------------------------------------


def _problem(origin: Origin, code: str, /, **params: object) -> Located:
    """A problem of a workbook, written from the message catalogue."""
    return Located(problem("", code, **params), origin)


def _too_large(origin: Origin, limit: int) -> Located:
    return _problem(origin, "too_large", limit=limit, variable=MAX_SIZE_VARIABLE)


def _load(path: Path, name: str, max_bytes: int) -> bytes | Located:
    """The bytes of the workbook, or why they are not read.

    The file is read through :func:`partnership_model._files.read_capped`
    (refused past *max_bytes*, ``0``: no cap); so is its unpacked size, as the
    archive declares it (a zip member is never inflated past its declared
    size), which keeps a zip bomb out.
    """
    origin = Origin(file=name)
    try:
        raw = read_capped(path, limit=max_bytes)
    except ValidationError as error:
        (found,) = error.problems
        return Located(attrs.evolve(found, path=""), origin)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        return _problem(origin, "not_xlsx", reason="not a zip archive")
    if max_bytes > 0 and unpacked > max_bytes:
        return _too_large(origin, max_bytes)
    return raw


def _table_of(name: str, layout: Layout) -> Table | None:
    folded = spelling(name)
    return next((t for t in layout.tables if folded in t.spellings), None)


class _Budget:
    """Counts the cells read, against the cap derived from the size cap."""

    def __init__(self, max_bytes: int) -> None:
        self.limit = max_bytes
        self.left = None if max_bytes <= 0 else max(max_bytes // _BYTES_PER_CELL, 1)

    def spend(self, count: int) -> bool:
        if self.left is None:
            return True
        self.left -= count
        return self.left >= 0


def _refusal(value: object, data_type: str) -> tuple[str, dict[str, object]] | None:
    """Why a cell's value cannot be read (a formula, an error), if it cannot."""
    if data_type == "f":
        return ("formula", {"formula": str(value)[:60]})
    if data_type == "e":
        return ("error_value", {"value": str(value)[:20]})
    return None


def _sheet_grid(
    worksheet: Any, table: Table, name: str, budget: _Budget, problems: list[Located]
) -> Grid | None:
    worksheet.reset_dimensions()  # the declared size may lie: read what is there
    title = str(worksheet.title)
    rows: list[tuple[int, tuple[object, ...]]] = []
    refused: list[tuple[int, int, tuple[str, dict[str, object]]]] = []
    for cells in worksheet.iter_rows():
        if not budget.spend(len(cells) + 1):
            origin = Origin(file=name, sheet=title, table=table)
            problems.append(_too_large(origin, budget.limit))
            return None
        values: list[object] = [None] * len(cells)
        number = None
        for position, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            if value is None:
                continue
            number = cell.row
            why = _refusal(value, cell.data_type)
            if why is not None:
                refused.append((cell.row, position, why))
                continue
            values[position] = unescape_xml(value) if isinstance(value, str) else value
        if number is not None and any(v is not None for v in values):
            rows.append((number, tuple(values)))
    header_row, header = rows[0] if rows else (1, ())
    for row, position, (code, params) in refused:
        text = plain_text(header[position]) if position < len(header) else None
        origin = Origin(
            file=name, sheet=title, row=row, index=position, header=text, table=table
        )
        problems.append(_problem(origin, code, **params))
    return Grid(
        table=table,
        file=name,
        sheet=title,
        header_row=header_row,
        header=header,
        rows=tuple(rows[1:]),
    )


def read_workbook(
    path: Path, layout: Layout, *, extra: str, max_bytes: int
) -> tuple[dict[str, Grid], list[Located]]:
    """Read the sheets of a register's workbook into grids, by table id."""
    name = path.name
    raw = _load(path, name, max_bytes)
    if isinstance(raw, Located):
        return {}, [raw]
    openpyxl = _openpyxl()
    try:
        # Bytes, not a path: openpyxl checks no file extension, and what is read
        # is what the cap checked.
        workbook = openpyxl.load_workbook(
            io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds
        reason = str(error)[:200]
        return {}, [_problem(Origin(file=name), "not_xlsx", reason=reason)]
    try:
        return _read_sheets(workbook, name, layout, extra=extra, max_bytes=max_bytes)
    finally:
        workbook.close()


def _read_sheets(
    workbook: Any, name: str, layout: Layout, *, extra: str, max_bytes: int
) -> tuple[dict[str, Grid], list[Located]]:
    grids: dict[str, Grid] = {}
    problems: list[Located] = []
    budget = _Budget(max_bytes)
    for worksheet in workbook.worksheets:
        title = str(worksheet.title)
        table = _table_of(title, layout)
        origin = Origin(file=name, sheet=title, table=table)
        if table is None:
            if spelling(title) in layout.furniture_spellings or extra == "ignore":
                continue
            expected = table_names(layout, csv=False)
            problems.append(
                _problem(origin, "unknown_table", name=repr(title), expected=expected)
            )
            continue
        if table.id in grids:
            problems.append(
                _problem(origin, "duplicate_table", other=repr(grids[table.id].sheet))
            )
            continue
        grid = _sheet_grid(worksheet, table, name, budget, problems)
        if grid is not None:
            grids[table.id] = grid
    return grids, problems


# -- writing --------------------------------------------------------------------------------


def _oversized(sheets: Sequence[Sheet]) -> list[Problem]:
    """The text cells longer than a spreadsheet cell holds, once escaped."""
    problems = []
    for sheet in sheets:
        for number, row in enumerate(sheet.rows, 2):
            for header, value in zip(sheet.header, row, strict=True):
                # Escaping writes at most 7 characters for one.
                if not isinstance(value, str) or len(value) * 7 <= MAX_CELL:
                    continue
                size = len(escape_xml(value))
                if size > MAX_CELL:
                    problems.append(
                        Problem(
                            f"{sheet.name}:{number}:{header}",
                            f"{size:,} characters do not fit in a spreadsheet cell "
                            f"(at most {MAX_CELL:,}); write the register as CSV or "
                            "JSON instead",
                            "unrepresentable",
                        )
                    )
    return problems


class _Writer:
    """Fill a write-only openpyxl workbook with the sheets of a register."""

    def __init__(self, layout: Layout, lang: Lang) -> None:
        self.openpyxl = _openpyxl()
        from openpyxl.styles import Alignment, Font  # noqa: PLC0415

        self.layout = layout
        self.lang = lang
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.workbook: Workbook = self.openpyxl.Workbook(write_only=True)
        self.lists: dict[str, str] = {}  # vocabulary name -> range on the lists sheet
        self.list_columns: list[tuple[str, list[str]]] = []

    def furniture(self, name: str) -> str:
        return text_of(self.layout.furniture[name]["labels"], self.lang)

    def cell(self, worksheet: Any, value: object) -> Any:
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

        if value is None:
            return None
        if isinstance(value, str):
            if (
                len(value) <= MAX_CELL
                and not value.startswith(_FORMULA_STARTS)
                and _UNSAFE.search(value) is None
            ):
                return value  # plain text: openpyxl stores it as a string
            cell = WriteOnlyCell(worksheet, value=None)
            cell.value = escape_xml(value)
            cell.data_type = "s"  # text, even when it starts with "="
            if value.startswith(_FORMULA_STARTS):
                cell.quotePrefix = True
            return cell
        cell = WriteOnlyCell(worksheet, value=value)  # type: ignore[arg-type]
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        return cell

    def header(self, worksheet: Any, labels: Sequence[str]) -> None:
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

        cells = []
        for label in labels:
            cell = WriteOnlyCell(worksheet, value=label)
            cell.font = self.bold
            cells.append(cell)
        worksheet.append(cells)
        worksheet.freeze_panes = "A2"

    def widths(self, worksheet: Any, sheet: Sheet) -> None:
        for index, label in enumerate(sheet.header):
            longest = max(
                [len(label), *(len(str(row[index] or "")) for row in sheet.rows[:200])]
            )
            worksheet.column_dimensions[column_letter(index)].width = min(
                max(longest + 2, 12), 60
            )

    def list_range(self, column: Column) -> str | None:
        vocabulary = column.vocabulary
        if vocabulary is None:
            return None
        key = vocabulary.__name__
        if key not in self.lists:
            letter = column_letter(len(self.list_columns))
            labels = [str(member.label(self.lang)) for member in vocabulary]
            self.list_columns.append((column.label(self.lang), labels))
            sheet = self.furniture("lists").replace("'", "''")
            self.lists[key] = f"'{sheet}'!${letter}$2:${letter}${len(labels) + 1}"
        return self.lists[key]

    def validations(self, worksheet: Any, sheet: Sheet, names: dict[str, str]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

        for index, column in enumerate(sheet.table.all_columns):
            formula = None
            if column.kind == "vocabulary":
                formula = self.list_range(column)
            elif column.kind == "boolean":
                words = [
                    self.layout.boolean_word(value, self.lang)
                    for value in (True, False)
                ]
                formula = '"' + ",".join(words) + '"'
            elif column.reference is not None and column.reference in names:
                target = self.layout.table(column.reference)
                letter = column_letter(len(target.keys))
                quoted = names[column.reference].replace("'", "''")
                formula = f"'{quoted}'!${letter}$2:${letter}${_LAST_ROW}"
            if formula is None:
                continue
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
            )
            letter = column_letter(index)
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
            worksheet.data_validations.append(validation)

    def data(self, sheets: Sequence[Sheet]) -> None:
        names = {sheet.table.id: sheet.name for sheet in sheets}
        for sheet in sheets:
            worksheet = self.workbook.create_sheet(sheet.name)
            self.header(worksheet, sheet.header)
            self.widths(worksheet, sheet)
            self.validations(worksheet, sheet, names)
            for row in sheet.rows:
                worksheet.append([self.cell(worksheet, value) for value in row])

    def readme(self, sheets: Sequence[Sheet]) -> None:
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

        worksheet = self.workbook.create_sheet(self.furniture("readme"), 0)
        headings = [
            text_of(self.layout.readme[k], self.lang)
            for k in ("sheet", "column", "definition", "accepted", "required")
        ]
        self.header(worksheet, headings)
        for letter, width in zip("ABCDE", (26, 28, 70, 50, 12), strict=True):
            worksheet.column_dimensions[letter].width = width
        names = {sheet.table.id: sheet.name for sheet in sheets}

        def row(values: Sequence[str], *, bold: bool = False) -> None:
            cells = []
            for value in values:
                cell = WriteOnlyCell(
                    worksheet, value=typeset(value, self.lang) if value else None
                )
                cell.alignment = self.wrap
                if bold:
                    cell.font = self.bold
                cells.append(cell)
            worksheet.append(cells)

        yes, no = (self.layout.boolean_word(v, self.lang) for v in (True, False))
        for sheet in sheets:
            table = sheet.table
            row(
                [sheet.name, "", text_of(table.definitions, self.lang), "", ""],
                bold=True,
            )
            for column in table.all_columns:
                row(
                    [
                        sheet.name,
                        column.label(self.lang),
                        text_of(column.definitions, self.lang),
                        self.accepted(column, names),
                        yes if column.required else no,
                    ]
                )
        for name in ("readme", "lists"):
            entry = self.layout.furniture[name]
            row(
                [
                    text_of(entry["labels"], self.lang),
                    "",
                    text_of(entry["definitions"], self.lang),
                    "",
                    "",
                ],
                bold=True,
            )

    def accepted(self, column: Column, names: dict[str, str]) -> str:
        templates = self.layout.accepted
        if column.vocabulary is not None:
            values = "; ".join(str(m.label(self.lang)) for m in column.vocabulary)
            return text_of(templates[column.kind], self.lang).format(values=values)
        if column.reference is not None and column.reference in names:
            return text_of(templates["reference"], self.lang).format(
                sheet=names[column.reference]
            )
        return text_of(templates[column.kind], self.lang)

    def lists_sheet(self) -> None:
        worksheet = self.workbook.create_sheet(self.furniture("lists"))
        worksheet.sheet_state = "hidden"
        self.header(worksheet, [label for label, _ in self.list_columns])
        depth = max((len(values) for _, values in self.list_columns), default=0)
        for position in range(depth):
            worksheet.append(
                [
                    values[position] if position < len(values) else None
                    for _, values in self.list_columns
                ]
            )


def workbook_bytes(
    sheets: Sequence[Sheet], layout: Layout, lang: Lang
) -> tuple[bytes, list[Problem]]:
    """The ``.xlsx`` file of the sheets, or the cells it could not hold."""
    check_lang(lang)
    problems = _oversized(sheets)
    if problems:
        return b"", problems
    writer = _Writer(layout, lang)
    out = io.BytesIO()
    try:
        writer.data(sheets)
        writer.readme(sheets)
        writer.lists_sheet()
        writer.workbook.save(out)
    except BaseException:
        for worksheet in writer.workbook.worksheets:  # release their temporary files
            with contextlib.suppress(Exception):
                worksheet.close()
        raise
    return out.getvalue(), []


def write_workbook(
    path: Path, content: bytes, *, overwrite: bool, inputs: Iterable[PathLike] = ()
) -> None:
    """Write the workbook's bytes atomically (never over one of *inputs*)."""
    write_atomically(path, content, overwrite=overwrite, inputs=inputs)
