r"""A register's tables as CSV files: one file per table, in a folder.

Reading accepts what spreadsheets really save: ``,``, ``;`` or tab
separators (sniffed from the header row), UTF-8 with or without a byte-order
mark. Other encodings are refused with a message that says how to save the
file as UTF-8. Writing uses UTF-8 with a byte-order mark (so that Excel shows
the accents) and ``\r\n`` line ends.

A cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, and so is a cell that starts with an apostrophe; reading removes
that one apostrophe, so nothing is lost or changed on the way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import attrs

from partnership_model._files import PathLike, check_outputs, open_outputs, read_capped
from partnership_model._messages import Message, problem
from partnership_model._sheet_codec import Grid, Located, Origin, Sheet
from partnership_model._sheet_layout import (
    Layout,
    Table,
    file_name,
    spelling,
    table_names,
)
from partnership_model.exceptions import ValidationError

__all__ = [
    "FORMULA_STARTS",
    "csv_text",
    "escape",
    "file_name",
    "read_files",
    "unescape",
    "write_folder",
]

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
"""Cell starts that get a protective apostrophe when written."""

_DELIMITERS: Final = (",", ";", "\t")


def escape(cell: str) -> str:
    """Protect a cell a spreadsheet would run as a formula (and an apostrophe).

    Examples:
        >>> escape("=HYPERLINK(0)"), escape("'quoted"), escape("plain")
        ("'=HYPERLINK(0)", "''quoted", 'plain')
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unescape(cell: str) -> str:
    """Undo :func:`escape`.

    Examples:
        >>> unescape("'=HYPERLINK(0)"), unescape("''quoted"), unescape("'plain")
        ('=HYPERLINK(0)', "'quoted", "'plain")
    """
    if cell[:1] == "'" and cell[1:2].startswith(FORMULA_STARTS) and len(cell) > 1:
        return cell[1:]
    return cell


# -- reading --------------------------------------------------------------------------------


def _problem(
    file: str,
    code: str,
    /,
    row: int | None = None,
    table: Table | None = None,
    **params: object,
) -> Located:
    """A problem of a file, written from the message catalogue."""
    return Located(problem("", code, **params), Origin(file=file, row=row, table=table))


def _decode(
    raw: bytes, name: str, table: Table | None = None
) -> tuple[str | None, Located | None]:
    """The text of a CSV file, or the problem that prevents reading it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _problem(
            name, "not_utf8", table=table, detail=Message("problems.utf16")
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex()
        detail = Message("problems.invalid_byte", {"byte": f"0x{byte}", "line": line})
        return None, _problem(name, "not_utf8", line, table, detail=detail)


def _delimiter(text: str) -> str:
    """The separator of the header row: the one that splits it into most cells."""
    first = text[:65536]
    best, best_count = ",", 0
    for delimiter in _DELIMITERS:
        try:
            row = next(csv.reader(io.StringIO(first, newline=""), delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(row) > best_count:
            best, best_count = delimiter, len(row)
    return best


def _grid(text: str, table: Table, name: str, problems: list[Located]) -> Grid | None:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True
    )
    header: tuple[str, ...] | None = None
    header_row = 1
    rows: list[tuple[int, tuple[object, ...]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, 1):
            if not any(cell.strip() for cell in record):
                continue
            cells = tuple(unescape(cell) for cell in record)
            if header is None:
                header, header_row = cells, number
            else:
                rows.append((number, cells))
    except csv.Error as error:
        problems.append(
            _problem(name, "csv_syntax", number + 1, table, reason=str(error))
        )
    if header is None:
        problems.append(_problem(name, "no_header", 1, table))
        return None
    return Grid(
        table=table,
        file=name,
        sheet=None,
        header_row=header_row,
        header=header,
        rows=tuple(rows),
    )


def _load(path: Path, table: Table, max_bytes: int) -> str | Located:
    """The text of a CSV file, or the problem that prevents reading it.

    The file is read through :func:`partnership_model._files.read_capped`:
    past *max_bytes* (``0``: no cap) it is refused, not read.
    """
    name = path.name
    try:
        raw = read_capped(path, limit=max_bytes)
    except ValidationError as error:
        (found,) = error.problems
        return Located(attrs.evolve(found, path=""), Origin(file=name, table=table))
    text, problem = _decode(raw, name, table)
    return problem if text is None else text  # type: ignore[return-value]


def csv_files(folder: Path) -> list[Path]:
    """The CSV files of *folder*, by name."""
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file()),
        key=lambda p: p.name,
    )


def table_of(name: str, layout: Layout) -> Table | None:
    """The table a file or sheet *name* holds, if any."""
    folded = spelling(name)
    return next((t for t in layout.tables if folded in t.spellings), None)


def read_files(
    files: Sequence[Path], layout: Layout, *, extra: str, max_bytes: int
) -> tuple[dict[str, Grid], list[Located]]:
    """Read the CSV *files* of a register into grids, by table id."""
    problems: list[Located] = []
    grids: dict[str, Grid] = {}
    for path in files:
        table = table_of(path.stem, layout)
        if table is None:
            if (
                extra != "ignore"
                and spelling(path.stem) not in layout.furniture_spellings
            ):
                problems.append(
                    _problem(
                        path.name,
                        "unknown_table",
                        name=repr(path.name),
                        expected=table_names(layout, csv=True),
                    )
                )
            continue
        if table.id in grids:
            problems.append(
                _problem(
                    path.name,
                    "duplicate_table",
                    table=table,
                    other=repr(grids[table.id].file),
                )
            )
            continue
        text = _load(path, table, max_bytes)
        if isinstance(text, Located):
            problems.append(text)
            continue
        grid = _grid(text, table, path.name, problems)
        if grid is not None:
            grids[table.id] = grid
    return grids, problems


# -- writing --------------------------------------------------------------------------------


def csv_text(sheet: Sheet, delimiter: str) -> str:
    """The CSV text of one sheet (without a byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([escape(cell) for cell in sheet.header])
    writer.writerows(
        [
            ""
            if cell is None
            else escape(cell)
            if isinstance(cell, str)
            else cell.isoformat()
            for cell in row
        ]
        for row in sheet.rows
    )
    return out.getvalue()


def write_folder(
    sheets: Iterable[Sheet],
    folder: Path,
    layout: Layout,
    *,
    lang: str,
    delimiter: str,
    overwrite: bool,
    inputs: Iterable[PathLike] = (),
) -> tuple[Path, ...]:
    """Write one CSV file per sheet into *folder* (created if needed).

    The files are written through :func:`partnership_model._files.open_outputs`:
    every target is checked before any is written, and all of them are
    renamed into place together once all are written.

    Raises:
        OutputExistsError: A file to write exists and *overwrite* is false,
            or is one of *inputs* (whatever *overwrite*).
        FileExistsError: The folder holds another file a reader would take
            for a table of the register (it would be read with the new files).
        NotADirectoryError: *folder* is a file.
    """
    sheets = list(sheets)
    targets = [folder / file_name(sheet.table, lang) for sheet in sheets]
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(0, "not a folder", str(folder))
    if folder.exists():
        names = {t.name.lower() for t in targets}
        stale = [
            p.name
            for p in csv_files(folder)
            if p.name.lower() not in names and table_of(p.stem, layout) is not None
        ]
        if stale:
            msg = (
                f"{folder} holds {', '.join(stale)}, which would be read as part of "
                "the register with the files written now; move or delete them first"
            )
            raise FileExistsError(msg)
    check_outputs(targets, overwrite=overwrite, inputs=inputs)
    folder.mkdir(parents=True, exist_ok=True)
    with open_outputs(targets, overwrite=overwrite, inputs=inputs) as streams:
        for sheet, stream in zip(sheets, streams, strict=True):
            text = "\ufeff" + csv_text(sheet, delimiter)
            stream.write(text.encode("utf-8"))
    return tuple(targets)
