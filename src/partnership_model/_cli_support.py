"""What the commands of :mod:`partnership_model.cli` share (issue 14).

* **Reading**: every document is read under the size cap
  (:func:`partnership_model._files.read_capped`), strictly parsed, and checked
  as every command will use it (:func:`checked`: a register must also build
  its ecology), so that ``validate`` accepts exactly what the other commands
  accept.
* **Writing**: every output goes through :mod:`partnership_model._files`:
  atomic, never over an input (the document, the key file), an existing file
  replaced only with ``--force``.
* **Printing**: every line that may quote a file is escaped
  (:func:`partnership_model._terminal.printable`).
* **Exit codes**: :class:`UsageError` and unreadable files are ``2``, invalid
  data ``1``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NoReturn

from partnership_model import _files
from partnership_model._i18n import LANGUAGE_TAGS, Lang
from partnership_model._messages import message, problem_message
from partnership_model._terminal import printable
from partnership_model.exceptions import (
    InvalidRecordError,
    Problem,
    UnknownReferenceError,
    ValidationError,
)
from partnership_model.records import Register
from partnership_model.serialization import from_dict, in_file, parse_json

__all__ = [
    "Parser",
    "UsageError",
    "add_force",
    "add_lang",
    "add_max_size",
    "checked",
    "default_output",
    "document_kind",
    "ecology_of",
    "inputs",
    "is_spreadsheet",
    "print_problems",
    "print_unreadable",
    "read_data",
    "read_document",
    "read_key",
    "read_limit",
    "read_register",
    "read_spreadsheet",
    "say",
    "structured",
    "unreadable",
    "write_output",
]


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------


class UsageError(Exception):
    """A problem with how the command was called (exit code 2)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose error messages quote arguments escaped.

    argparse quotes unrecognised arguments as they are; a file name made to
    hold a terminal escape sequence (``partnership-model validate *``) must not
    reach the terminal as one. Its subcommands' parsers are of this class too.
    """

    def error(self, message: str) -> NoReturn:
        """Print the usage and *message*, escaped, and exit with code 2."""
        super().error(printable(message))


def say(text: str, *, error: bool = False) -> None:
    """Print one line, its control characters escaped (it may quote a file)."""
    stream = sys.stderr if error else sys.stdout
    stream.write(printable(text) + "\n")


def unreadable(error: ValidationError) -> bool:
    """Whether *error* says a file could not be read at all (a usage error)."""
    return all(problem.code == "io" for problem in error.problems)


def print_unreadable(error: ValidationError, lang: Lang) -> None:
    """One line per file that could not be read, on stderr."""
    for problem in error.problems:
        text = f"{problem.path}: {problem_message(problem, lang)}"
        say(message("cli.error", lang, message=text), error=True)


def print_problems(error: ValidationError, lang: Lang) -> None:
    """One line per problem on stderr, in *lang* where the problem allows it."""
    for problem in error.problems:
        text = message(
            "cli.problem",
            lang,
            path=problem.path,
            message=problem_message(problem, lang),
            code=problem.code,
        )
        say(f"  {text}", error=True)


# ---------------------------------------------------------------------------
# Reading documents
# ---------------------------------------------------------------------------


def read_limit(args: argparse.Namespace) -> int:
    """The cap on reads: ``--max-size``, else the environment variable, else the default."""
    if getattr(args, "max_size", None) is not None:
        return int(args.max_size)
    try:
        return _files.max_size()
    except InvalidRecordError as error:
        raise UsageError(str(error)) from None


def read_data(file: Path, limit: int) -> Any:
    """Read and strictly parse a JSON file, refusing it past *limit* bytes."""
    raw = _files.read_capped(file, limit=limit)
    try:
        return parse_json(raw)
    except ValidationError as error:
        raise in_file(file, error) from None


def structured(file: Path, data: Any, cls: type[Any]) -> Any:
    """The *cls* record of parsed *data*; problems are prefixed with *file*."""
    try:
        return from_dict(data, cls)
    except ValidationError as error:
        raise in_file(file, error) from None


def document_kind(data: object) -> str:
    """``ecology`` for node-link data (nodes, edges or links), else ``register``."""
    if isinstance(data, dict) and (
        "nodes" in data or "edges" in data or "links" in data
    ):
        return "ecology"
    return "register"


def read_document(path: str, kind: str, limit: int) -> tuple[str, Any]:
    """Read a register or ecology document; *kind* may be ``auto``."""
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    if is_spreadsheet(path):
        return "register", read_spreadsheet(path, limit)
    file = Path(path)
    data = read_data(file, limit)
    actual = document_kind(data) if kind == "auto" else kind
    cls: type[Any] = EcologyGraph if actual == "ecology" else Register
    return actual, structured(file, data, cls)


def read_register(path: str | None, limit: int) -> Register:
    """The register of the file *path*, checked; without *path*, the example."""
    if path is None:
        from partnership_model.examples import load_register  # noqa: PLC0415

        return load_register()
    if is_spreadsheet(path):
        return read_spreadsheet(path, limit)
    file = Path(path)
    return checked(file, structured(file, read_data(file, limit), Register))


def is_spreadsheet(path: str | Path) -> bool:
    """Whether *path* holds a register kept in a spreadsheet (CSV or workbook)."""
    from partnership_model.spreadsheet import register_format  # noqa: PLC0415

    return register_format(path) != "json"


def read_spreadsheet(path: str | Path, limit: int) -> Register:
    """The register of a spreadsheet, read under *limit* bytes, checked.

    Raises:
        ValidationError: Every problem, each at its place.
        UsageError: A workbook without the ``xlsx`` extra installed.
    """
    from partnership_model import spreadsheet  # noqa: PLC0415

    try:
        register = spreadsheet.read_register(path, max_bytes=limit)
    except ImportError as error:
        raise UsageError(str(error)) from None
    return checked(Path(path), register)


def checked(file: Path, register: Register) -> Register:
    """*register*, once the checks beyond loading that the commands rely on pass.

    ``report``, ``convert`` and ``plot`` build the ecology of a register, which
    refuses what loading alone accepts (a person and an organisation sharing an
    id); ``validate`` runs the same build, so that a register it accepts is
    accepted by every command.
    """
    ecology_of("register", register, file)
    return register


def ecology_of(kind: str, document: Any, file: Path | None = None) -> Any:
    """The ecology of *document*; a register the build refuses is a located problem."""
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    if kind == "ecology":
        return document
    try:
        return EcologyGraph.from_engagements(document)
    except (InvalidRecordError, UnknownReferenceError) as error:
        raise ValidationError([_located(file, error)]) from None


def _located(
    file: Path | None, error: InvalidRecordError | UnknownReferenceError
) -> Problem:
    """A problem of the file *file* from a record error of its content."""
    where = f"$.{error.field}" if error.field else "$"
    path = where if file is None else f"{file}:{where}"
    if isinstance(error, UnknownReferenceError):
        return Problem(
            path, f"unknown {error.kind} {error.reference!r}", "unknown_reference"
        )
    return Problem(path, f"{error.reason} (got {error.value!r})", error.code)


# ---------------------------------------------------------------------------
# Writing files
# ---------------------------------------------------------------------------


def inputs(args: argparse.Namespace) -> list[str]:
    """Every file the command reads: an output may never be one of them."""
    found = [getattr(args, "file", None), getattr(args, "key_file", None)]
    return [path for path in found if path is not None]


def write_output(args: argparse.Namespace, path: Path, content: str | bytes) -> None:
    """Write one output file safely (see :mod:`partnership_model._files`)."""
    _files.write_atomically(path, content, overwrite=args.force, inputs=inputs(args))
    say(f"wrote {path}")


def default_output(args: argparse.Namespace, extension: str) -> Path:
    """Where ``convert`` writes a file without ``--out``: never over its input.

    The input's stem and the target's extension, in the current folder, with
    ``.pseudonymised`` before the extension when pseudonymised (so that the
    identifiable original and its pseudonymised copy never share a name).
    """
    stem = Path(args.file).stem
    tag = ".pseudonymised" if args.pseudonymize else ""
    return Path(f"{stem}{tag}.{extension}")


# ---------------------------------------------------------------------------
# The pseudonymisation key
# ---------------------------------------------------------------------------


def read_key(args: argparse.Namespace) -> bytes:
    """The key, read exactly as :func:`partnership_model.privacy.read_key` reads it."""
    from partnership_model import privacy  # noqa: PLC0415

    try:
        return privacy.read_key(args.key_file)
    except OSError as error:
        msg = f"cannot read the key file {args.key_file}: {error.strerror or error}"
        raise UsageError(msg) from None
    except InvalidRecordError as error:
        if error.code == "missing_key":
            msg = (
                "--pseudonymize needs a key: set "
                f"{privacy.KEY_ENVIRONMENT_VARIABLE} or pass "
                "--key-file PATH (keys are never read from the command line, which "
                "would keep them in shell history)"
            )
            raise UsageError(msg) from None
        raise UsageError(error.reason) from None


# ---------------------------------------------------------------------------
# Shared options
# ---------------------------------------------------------------------------


def _size(text: str) -> int:
    try:
        return _files.parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_max_size(command: argparse.ArgumentParser) -> None:
    """Add ``--max-size`` (the cap on reads) to a command that reads files."""
    command.add_argument(
        "--max-size",
        type=_size,
        metavar="SIZE",
        help=(
            "read no file larger than SIZE: bytes, or with a suffix k, M or G; 0 "
            f"removes the cap (default: ${_files.MAX_SIZE_VARIABLE}, else "
            f"{_files.DEFAULT_MAX_SIZE // 2**20}M)"
        ),
    )


def add_lang(command: argparse.ArgumentParser) -> None:
    """Add ``--lang`` (en, fr, fr-FR, fr-CA) to *command*."""
    command.add_argument(
        "--lang",
        choices=LANGUAGE_TAGS,
        default="en",
        help="language: en, fr (France), fr-FR or fr-CA (Québec) (default: en)",
    )


def add_force(command: argparse.ArgumentParser, what: str) -> None:
    """Add ``--force`` (replace existing outputs) to a command that writes files."""
    command.add_argument(
        "--force",
        action="store_true",
        help=(
            f"replace {what} if it exists (an output that is one of the input "
            "files is refused all the same)"
        ),
    )
