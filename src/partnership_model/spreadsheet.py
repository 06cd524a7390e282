"""Registers kept in a spreadsheet: CSV files or one ``.xlsx`` workbook, and back.

A partnership team often keeps its register in a spreadsheet. This module
reads such a register and writes one, in English or in French, through the
same rules as the JSON format: a spreadsheet is *translated* into the
register's JSON document (the one :func:`~partnership_model.to_dict` writes),
which :func:`~partnership_model.from_dict` then checks; every problem it finds
is put back on its file or sheet, row and column (:class:`CellProblem`).

The layout (one table per sheet or CSV file) is derived from the records'
fields:

========================== ===================================================
table                      one row per
========================== ===================================================
Register / Registre        the register itself (name, format version): one row
People / Personnes         person
Organisations              organisation
Engagements                engagement
Participants               participation; first column: the engagement's id
Research stages            research stage of an engagement, with the degree
                           of engagement at that stage; first column: its id
Engagement organisations   organisation of an engagement; first column: its id
Engagement sources         source of an engagement; first column: its id
========================== ===================================================

A field that holds several vocabulary values (an engagement's secondary
domains, activities, recognition, tiers actions; a participant's
contributions sought, types of knowledge, experience and kinds of health
condition) is one cell whose values are separated by semicolons. When a release adds a field to a record, it appears
as a column (or a table) without a change here.

What is read (see :doc:`/how-to/spreadsheet`):

* headers, sheet names and file names in English or in French, whatever
  their case, accents, spaces or underscores; the fields' own names too;
* vocabulary cells as values, English or French labels, or aliases
  (``Partenariat``, ``partnership``, ``co-construction``);
* dates as precise as known (:class:`~partnership_model.PartialDate`): a
  year (``2006``), a month (``2020-11``, ``11/2020``) or a day
  (``2024-03-31``, ``31/03/2024``, a spreadsheet date); a workbook is
  written with a date cell for a day and a text cell for a year or a month;
* yes/no cells as ``oui``/``non``, ``vrai``/``faux``, ``yes``/``no``,
  ``true``/``false``, ``1``/``0`` or a spreadsheet boolean;
* CSV files separated by ``,``, ``;`` or tabs, in UTF-8 with or without a
  byte-order mark.

What is refused, every problem at once and each at its place: anything the
register's rules refuse; an unknown, repeated or unnamed column that holds
data (``extra="ignore"`` skips unknown columns, sheets and files); a row that
names an engagement no row of the Engagements sheet has; a formula; a file in
another encoding than UTF-8; a file past the size cap (:data:`DEFAULT_MAX_BYTES`
unless the environment variable ``PARTNERSHIP_MODEL_MAX_SIZE`` says otherwise;
raised with ``max_bytes``). Every file is read under that cap, and every file
is written atomically (a temporary file renamed into place), never over an
existing file unless ``overwrite=True``, and never over one of ``inputs``.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from partnership_model.examples import load_register
    >>> from partnership_model.spreadsheet import read_register, write_register
    >>> folder = Path(tempfile.mkdtemp()) / "registre"
    >>> files = write_register(load_register(), folder, lang="fr")
    >>> [path.name for path in files][:4]
    ['registre.csv', 'personnes.csv', 'organisations.csv', 'engagements.csv']
    >>> read_register(folder) == load_register()
    True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final, Literal

import attrs

from partnership_model import _files, _sheet_csv, _sheet_xlsx
from partnership_model._i18n import Lang, check_lang
from partnership_model._messages import problem
from partnership_model._sheet_cells import column_letter
from partnership_model._sheet_codec import (
    Grid,
    Located,
    Origin,
    ReadResult,
    Sheet,
    locate,
    read_document,
    write_document,
)
from partnership_model._sheet_layout import layout, table_names
from partnership_model._sheet_problems import reworded, shown
from partnership_model.exceptions import Problem, ValidationError
from partnership_model.records import SCHEMA_VERSION, Register
from partnership_model.serialization import (
    from_dict,
    in_file,
    parse_json,
    to_dict,
    to_json,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CellProblem",
    "ExtraPolicy",
    "RegisterFormat",
    "read_register",
    "read_register_csv",
    "read_register_xlsx",
    "register_format",
    "write_register",
    "write_register_csv",
    "write_register_xlsx",
    "write_template",
]


def __dir__() -> list[str]:
    return __all__


DEFAULT_MAX_BYTES: Final = _files.DEFAULT_MAX_SIZE
"""The size cap of a read, in bytes (64 MiB), per CSV file or per workbook (packed and unpacked).

That is about 200,000 engagements. The environment variable
``PARTNERSHIP_MODEL_MAX_SIZE`` (a size such as ``200M``) replaces it, as it
does for every reader of the library; ``max_bytes=`` replaces both (``0``: no
cap). The cap keeps a mistaken or hostile file (``/dev/zero``, a zip bomb)
from filling the memory: the command line's ``--max-size`` sets it.
"""

ExtraPolicy = Literal["raise", "ignore"]
"""What a reader does with a column, sheet or file that is no part of a register (``"raise"`` or ``"ignore"``)."""

RegisterFormat = Literal["json", "csv", "xlsx"]
"""How a register is stored (``"json"``, ``"csv"`` or ``"xlsx"``), as told by :func:`register_format`."""


@attrs.frozen(kw_only=True)
class CellProblem(Problem):
    """A problem of a spreadsheet register, with the place it sits.

    Its :attr:`path` reads ``file[:sheet][:row][:column]``
    (``registre.xlsx:Participants:7:Rôle``), the row as a spreadsheet numbers
    it (the header is row 1) and the column by its header.

    Attributes:
        file: The file name.
        sheet: The worksheet, for a workbook.
        row: The row, when the problem sits in one.
        column: The column's header, when the problem sits in one.
        cell: The cell's reference (``C7``), when the column is in the file.
        json_path: Where the value sits in the register's JSON document, for a
            problem the register's rules found.
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    json_path: str | None = None


# -- reading ------------------------------------------------------------------------------


def register_format(path: str | os.PathLike[str]) -> RegisterFormat:
    """Tell how the register at *path* is stored.

    A folder is CSV files, so is a ``.csv`` file; a ``.xlsx`` file, or any
    file that starts like a zip archive, is a workbook; anything else is JSON.

    Examples:
        >>> register_format("register.xlsx"), register_format("register.json")
        ('xlsx', 'json')
    """
    file = Path(path)
    if file.is_dir() or file.suffix.lower() == ".csv":
        return "csv"
    if file.suffix.lower() in {".xlsx", ".xlsm"}:
        return "xlsx"
    try:
        with file.open("rb") as stream:
            if stream.read(4) == b"PK\x03\x04":
                return "xlsx"
    except OSError:
        pass
    return "json"


def read_register(
    path: str | os.PathLike[str],
    *,
    extra: ExtraPolicy = "raise",
    max_bytes: int | None = None,
) -> Register:
    """Read a register from any supported path: JSON, a CSV folder, a workbook.

    The format is told by :func:`register_format`. This is what the command
    line's ``validate``, ``report`` and ``convert`` read.

    Args:
        path: A JSON file, a folder of CSV files, a CSV file or a workbook.
        extra: ``"ignore"`` skips the columns, sheets and files that are no
            part of a register instead of refusing them.
        max_bytes: The largest file read, in bytes (``0``: no cap); by
            default the environment variable ``PARTNERSHIP_MODEL_MAX_SIZE``,
            else :data:`DEFAULT_MAX_BYTES`.

    Raises:
        ValidationError: Every problem, each at its place (for a spreadsheet,
            each a :class:`CellProblem`).
        ImportError: A workbook, without the ``xlsx`` extra.
    """
    kind = register_format(path)
    if kind == "csv":
        file = Path(path)
        return read_register_csv(
            file if file.is_dir() else [file], extra=extra, max_bytes=max_bytes
        )
    if kind == "xlsx":
        return read_register_xlsx(path, extra=extra, max_bytes=max_bytes)
    file = Path(path)
    raw = _files.read_capped(file, limit=_cap(max_bytes))
    try:
        return from_dict(parse_json(raw), Register)
    except ValidationError as error:
        raise in_file(file, error) from None


def _cap(max_bytes: int | None) -> int:
    """The cap on reads: *max_bytes*, else the environment variable's, else the default.

    Raises:
        InvalidRecordError: *max_bytes* is ``None`` and the environment
            variable ``PARTNERSHIP_MODEL_MAX_SIZE`` is not a size.
    """
    return _files.max_size() if max_bytes is None else max_bytes


def read_register_csv(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    extra: ExtraPolicy = "raise",
    max_bytes: int | None = None,
) -> Register:
    """Read a register from a folder of CSV files, or from a set of CSV files.

    Each file holds one table, named by the file's name in English or French
    (``engagements.csv``, ``personnes.csv``...). Tables may be left out:
    without a People file, the people are those the participants name.

    Raises:
        ValidationError: Every problem of every file, each a
            :class:`CellProblem`.
    """
    problems: list[Located] = []
    if isinstance(source, str | os.PathLike):
        folder = Path(source)
        name = folder.name
        try:
            files = _sheet_csv.csv_files(folder)
        except OSError as error:
            problems.append(
                Located(
                    problem("", "io", reason=str(error.strerror or error)),
                    Origin(file=name),
                )
            )
            files = []
    else:
        files = [Path(item) for item in source]
        name = files[0].parent.name if files else "register"
    grids, found = _sheet_csv.read_files(
        files, layout(), extra=extra, max_bytes=_cap(max_bytes)
    )
    problems += found
    if not grids and not problems:
        expected = table_names(layout(), csv=True)
        problems.append(
            Located(problem("", "no_table", expected=expected), Origin(file=name))
        )
    return _register(grids, problems, Origin(file=name), extra)


def read_register_xlsx(
    path: str | os.PathLike[str],
    *,
    extra: ExtraPolicy = "raise",
    max_bytes: int | None = None,
) -> Register:
    """Read a register from an ``.xlsx`` workbook (needs the ``xlsx`` extra).

    Each sheet holds one table, named in English or French; the *Read me* and
    *Lists* sheets a written workbook carries are skipped.

    Raises:
        ValidationError: Every problem of every sheet, each a
            :class:`CellProblem`.
        ImportError: openpyxl is not installed.
    """
    file = Path(path)
    grids, problems = _sheet_xlsx.read_workbook(
        file, layout(), extra=extra, max_bytes=_cap(max_bytes)
    )
    if not grids and not problems:
        expected = table_names(layout(), csv=False)
        problems.append(
            Located(problem("", "no_table", expected=expected), Origin(file=file.name))
        )
    return _register(grids, problems, Origin(file=file.name), extra)


def _register(
    grids: dict[str, Grid], found: list[Located], fallback: Origin, extra: str
) -> Register:
    """Check the tables through the register's rules; raise every problem located."""
    unread = frozenset(
        item.origin.table.id
        for item in found
        if item.origin.table is not None and item.origin.table.id not in grids
    )
    result = read_document(
        grids, layout(), extra=extra, version=SCHEMA_VERSION, unread=unread
    )
    located = [*found, *result.problems]
    try:
        register = from_dict(result.document, Register)
    except ValidationError as error:
        for problem in error.problems:
            place = locate(problem, result, fallback)
            if place is not None:
                located.append(place)
        # A problem locate() drops was reported at the header already.
        located = located or [Located(p, fallback) for p in error.problems]
        raise ValidationError(_sorted(located, result)) from None
    if located:
        raise ValidationError(_sorted(located, result))
    return register


def _sorted(located: list[Located], result: ReadResult) -> list[CellProblem]:
    order = {table.id: index for index, table in enumerate(layout().tables)}

    def key(item: Located) -> tuple[int, int, int]:
        origin = item.origin
        table = order.get(origin.table.id, -1) if origin.table else -1
        return (table, origin.row or 0, -1 if origin.index is None else origin.index)

    return [_cell_problem(item, result) for item in sorted(located, key=key)]


def _cell_problem(item: Located, result: ReadResult) -> CellProblem:
    origin = item.origin
    column = origin.column
    header = origin.header or (column.label(result.lang) if column else None)
    problem = reworded(item, result)
    parts = [origin.file, origin.sheet, origin.row, header]
    path = ":".join(shown(str(part)) for part in parts if part is not None)
    cell = (
        f"{column_letter(origin.index)}{origin.row}"
        if origin.index is not None and origin.row is not None
        else None
    )
    return CellProblem(
        path=path,
        message=problem.message,
        code=problem.code,
        params=problem.params,
        file=origin.file,
        sheet=origin.sheet,
        row=origin.row,
        column=header,
        cell=cell,
        json_path=problem.path or None,
    )


# -- writing ------------------------------------------------------------------------------


def _sheets(register: Register, lang: Lang, *, tokens: bool) -> list[Sheet]:
    if not isinstance(register, Register):
        from partnership_model.exceptions import RecordTypeError  # noqa: PLC0415

        raise RecordTypeError("register", register, "expected a Register")
    return write_document(to_dict(register), layout(), lang, tokens=tokens)


def write_register_csv(
    register: Register,
    folder: str | os.PathLike[str],
    *,
    lang: Lang = "en",
    tokens: bool = False,
    delimiter: str | None = None,
    overwrite: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> tuple[Path, ...]:
    """Write a register as a folder of CSV files, one per table.

    The files are UTF-8 with a byte-order mark, separated by ``,`` in
    English and by ``;`` in French (what Excel expects in each language),
    with ISO dates and every table present (empty ones have their header
    only). Each file is written atomically.

    Args:
        register: The register.
        folder: The folder (created if it does not exist).
        lang: The language of the headers, file names and vocabulary labels
            (``"fr-CA"`` uses Québec's labels where they differ).
        tokens: Write vocabulary values (``partnership``) instead of labels.
        delimiter: The separator, instead of the language's.
        overwrite: Replace files already there.
        inputs: Files never to write over, whatever *overwrite* (the files
            the register was read from).

    Returns:
        The files written, in table order.

    Raises:
        OutputExistsError: A file exists and *overwrite* is false, or is one
            of *inputs*; nothing is written then.
        FileExistsError: The folder holds a table file this write would not
            replace.
    """
    base = check_lang(lang)
    sheets = _sheets(register, lang, tokens=tokens)
    return _sheet_csv.write_folder(
        sheets,
        Path(folder),
        layout(),
        lang=base,
        delimiter=delimiter or (";" if base == "fr" else ","),
        overwrite=overwrite,
        inputs=inputs,
    )


def write_register_xlsx(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "en",
    tokens: bool = False,
    overwrite: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write a register as one ``.xlsx`` workbook (needs the ``xlsx`` extra).

    The workbook has one sheet per table, a *Read me* sheet that explains
    every column, and drop-down lists on the vocabulary, yes/no and id
    columns. It is written atomically.

    Raises:
        OutputExistsError: *path* exists and *overwrite* is false, or is one
            of *inputs* (the files the register was read from).
        ValidationError: A text is too long for a cell (32,767 characters).
        ImportError: openpyxl is not installed.
    """
    file = Path(path)
    sheets = _sheets(register, lang, tokens=tokens)
    content, problems = _sheet_xlsx.workbook_bytes(sheets, layout(), lang)
    if problems:
        raise ValidationError(problems)
    _sheet_xlsx.write_workbook(file, content, overwrite=overwrite, inputs=inputs)
    return file


def write_register(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "en",
    tokens: bool = False,
    overwrite: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> tuple[Path, ...]:
    """Write a register in the format *path* asks for.

    ``.json``: the JSON document; ``.xlsx``: a workbook; anything else: a
    folder of CSV files. Every file is written atomically, never over an
    existing file unless *overwrite*, never over one of *inputs*.

    Returns:
        The files written.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".json":
        text = to_json(register, indent=2) + "\n"
        _files.write_atomically(
            file, text.encode("utf-8"), overwrite=overwrite, inputs=inputs
        )
        return (file,)
    if suffix == ".xlsx":
        return (
            write_register_xlsx(
                register,
                file,
                lang=lang,
                tokens=tokens,
                overwrite=overwrite,
                inputs=inputs,
            ),
        )
    return write_register_csv(
        register, file, lang=lang, tokens=tokens, overwrite=overwrite, inputs=inputs
    )


def write_template(
    path: str | os.PathLike[str], *, lang: Lang = "en", overwrite: bool = False
) -> tuple[Path, ...]:
    """Write an empty register to fill in: a workbook, or a folder of CSV files.

    A ``.xlsx`` path gets a workbook with every sheet, its headers, the *Read
    me* sheet and the drop-down lists; any other path a folder of CSV files
    with their headers. The Register sheet already holds the format version.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = Path(tempfile.mkdtemp())
        >>> [p.name for p in write_template(folder / "modele", lang="fr")][:3]
        ['registre.csv', 'personnes.csv', 'organisations.csv']
    """
    return write_register(Register(), path, lang=lang, overwrite=overwrite)
