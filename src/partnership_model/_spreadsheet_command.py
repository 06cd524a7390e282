"""Registers kept in spreadsheets on the command line (issue 14).

:mod:`partnership_model.cli` reads a register from a spreadsheet wherever it
reads a register JSON file (``validate``, ``report``, ``gripp2``, ``convert``,
``plot``): a folder of CSV files, one CSV file, or an ``.xlsx`` workbook, told
apart by :func:`partnership_model.spreadsheet.register_format`. Everything the
command line does with spreadsheets lives here:

* :func:`is_spreadsheet` and :func:`read_spreadsheet`: read one under the
  size cap (``--max-size``), every problem located at its file or sheet, row
  and column (:class:`~partnership_model.spreadsheet.CellProblem`), then
  checked as every command uses a register;
* :func:`convert_to_spreadsheet`: ``convert --to register-csv`` (a folder of
  CSV files) and ``convert --to register-xlsx`` (one workbook);
* :func:`add_template_command`: the ``template`` command, an empty register
  to fill in.

Every file is written through :mod:`partnership_model._files` (atomically, an
existing file replaced only with ``--force``, never over an input).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Final

from partnership_model._cli_support import (
    UsageError,
    add_force,
    add_lang,
    default_output,
    inputs,
    say,
)

__all__ = [
    "SPREADSHEET_TARGETS",
    "add_template_command",
    "convert_to_spreadsheet",
]

SPREADSHEET_TARGETS: Final = ("register-csv", "register-xlsx")
"""The ``convert --to`` formats that write a register as a spreadsheet."""

_TEMPLATE_NAMES: Final = {"en": "register-template.xlsx", "fr": "modele-registre.xlsx"}


def _read_files(path: str) -> list[Path]:
    """The files a register at *path* is read from (a folder's CSV files)."""
    folder = Path(path)
    if folder.is_dir():
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    return [folder]


def convert_to_spreadsheet(args: argparse.Namespace, kind: str, register: Any) -> int:
    """``convert --to register-csv|register-xlsx``: write the register as a spreadsheet.

    Without ``--out``: the input's name in the current folder (a folder for
    ``register-csv``, a ``.xlsx`` file for ``register-xlsx``), with
    ``.pseudonymised`` in it when pseudonymised.
    """
    from partnership_model import spreadsheet  # noqa: PLC0415

    if kind != "register":
        msg = f"only a register can be converted to {args.to}"
        raise UsageError(msg)
    protected: list[str | Path] = [*inputs(args), *_read_files(args.file)]
    try:
        if args.to == "register-xlsx":
            out = Path(args.out) if args.out else default_output(args, "xlsx")
            if out.suffix.lower() != ".xlsx":
                msg = (
                    "--to register-xlsx writes a workbook: --out must end in .xlsx "
                    f"(got {out})"
                )
                raise UsageError(msg)
            files: tuple[Path, ...] = (
                spreadsheet.write_register_xlsx(
                    register,
                    out,
                    lang=args.lang,
                    overwrite=args.force,
                    inputs=protected,
                ),
            )
        else:
            out = Path(args.out) if args.out else default_output(args, "csv")
            if out.suffix.lower() == ".csv":
                out = out.with_suffix("")  # a folder, named like the input
            files = spreadsheet.write_register_csv(
                register, out, lang=args.lang, overwrite=args.force, inputs=protected
            )
    except ImportError as error:
        raise UsageError(str(error)) from None
    for file in files:
        say(f"wrote {file}")
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    from partnership_model import spreadsheet  # noqa: PLC0415

    out = Path(args.out or _TEMPLATE_NAMES["fr" if args.lang != "en" else "en"])
    try:
        files = spreadsheet.write_template(out, lang=args.lang, overwrite=args.force)
    except ImportError as error:
        raise UsageError(str(error)) from None
    for file in files:
        say(f"wrote {file}")
    return 0


def add_template_command(subparsers: Any) -> None:
    """Add ``template`` to the subcommands of ``partnership-model``."""
    command = subparsers.add_parser(
        "template",
        allow_abbrev=False,
        help="write an empty register to fill in a spreadsheet",
        description=(
            "Write an empty register: an .xlsx workbook (needs the 'xlsx' extra) "
            "with one sheet per table, drop-down lists on the vocabulary, yes/no "
            "and id columns, and a sheet that explains every column; or, for any "
            "other --out, a folder of CSV files with their headers. Headers, sheet "
            "names and lists are in --lang. Fill it in, then run validate, report "
            "or convert on it."
        ),
    )
    command.add_argument(
        "--out",
        metavar="PATH",
        help=(
            "the workbook (.xlsx) or the folder of CSV files to write (default: "
            f"{_TEMPLATE_NAMES['en']}, in French {_TEMPLATE_NAMES['fr']})"
        ),
    )
    add_lang(command)
    add_force(command, "the --out files")
    command.set_defaults(run=_cmd_template)
