"""``partnership-model vocabulary``: the vocabularies as SKOS, JSON-LD or CSV, and back.

:func:`add_vocabulary_command` adds the subcommand to the parser of
:mod:`partnership_model.cli`; everything it does lives here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from partnership_model._files import write_atomically
from partnership_model._terminal import printable
from partnership_model.exceptions import InvalidRecordError

__all__ = ["add_vocabulary_command"]

_FORMATS = ("turtle", "jsonld", "csv", "context")


def add_vocabulary_command(subparsers: Any) -> None:
    """Add ``vocabulary`` to the subcommands of ``partnership-model``."""
    command = subparsers.add_parser(
        "vocabulary",
        allow_abbrev=False,
        help="export the vocabularies (SKOS, CSV) or import a corrected CSV",
        description=(
            "Write every vocabulary as a SKOS concept scheme in Turtle (turtle) or "
            "JSON-LD (jsonld), as a spreadsheet with one row per term (csv), or the "
            "JSON-LD context of register documents (context). With --import, write "
            "the corrections of a spreadsheet back into the vocabularies' data files, "
            "after checking them. SKOS needs the 'rdf' extra."
        ),
    )
    command.add_argument(
        "--format",
        choices=_FORMATS,
        help="what to write (default: turtle)",
    )
    command.add_argument(
        "--out",
        metavar="PATH",
        help="file to write (default: stdout); an existing file needs --force",
    )
    command.add_argument(
        "--force", action="store_true", help="replace the --out file if it exists"
    )
    command.add_argument(
        "--base",
        metavar="IRI",
        help=(
            "turtle, jsonld, context: write the identifiers under this base instead "
            "of urn:partnership-model:vocabulary: (an absolute IRI ending with ':', "
            "'/' or '#')"
        ),
    )
    command.add_argument(
        "--import",
        dest="import_csv",
        metavar="CSV",
        help="write the corrections of this spreadsheet into the data files",
    )
    command.add_argument(
        "--terms-dir",
        metavar="DIR",
        help=(
            "--import: the folder of the terms files to correct (default: the "
            "installed package's data/terms)"
        ),
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help="--import: check and list the changes, write nothing",
    )
    command.set_defaults(run=_run)


def _usage(message: str) -> int:
    sys.stderr.write(f"partnership-model: {printable(message)}\n")
    return 2


def _run(args: argparse.Namespace) -> int:
    try:
        if args.import_csv is not None:
            if args.format or args.out or args.base or args.force:
                return _usage(
                    "--import takes no --format, --out, --base or --force: it "
                    "writes into the data files"
                )
            return _import(args)
        if args.terms_dir is not None or args.dry_run:
            return _usage("--terms-dir and --dry-run go with --import")
        return _export(args)
    except (ImportError, FileExistsError) as error:
        return _usage(str(error))
    except InvalidRecordError as error:
        if error.field == "base":
            return _usage(str(error))
        raise


def _export(args: argparse.Namespace) -> int:
    fmt = args.format or "turtle"
    if fmt == "csv" and args.base is not None:
        return _usage(
            "--base does not apply to csv: the spreadsheet keeps the data files' identifiers"
        )
    if fmt == "csv":
        from partnership_model.terms_csv import terms_csv_text  # noqa: PLC0415

        text = terms_csv_text()
        encoded = ("\ufeff" + text).encode()
    elif fmt == "context":
        from partnership_model.jsonld import register_context_text  # noqa: PLC0415

        text = register_context_text(base=args.base)
        encoded = text.encode()
    else:
        from partnership_model import skos  # noqa: PLC0415

        writer = skos.to_turtle if fmt == "turtle" else skos.to_jsonld
        text = writer(base=args.base)
        encoded = text.encode()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_atomically(Path(args.out), encoded, overwrite=args.force)
    sys.stdout.write(f"wrote {printable(args.out)}\n")
    return 0


def _import(args: argparse.Namespace) -> int:
    from partnership_model.terms_csv import import_terms_csv  # noqa: PLC0415

    done = import_terms_csv(
        args.import_csv, terms_dir=args.terms_dir, dry_run=args.dry_run
    )
    verb = "would change" if args.dry_run else "changed"
    for file, token, field in done.changes:
        sys.stdout.write(printable(f"{file}: {token}: {field}") + "\n")
    if not done.changes:
        sys.stdout.write(
            printable(f"{args.import_csv}: {done.rows} rows, nothing to change") + "\n"
        )
        return 0
    files = ", ".join(done.files)
    sys.stdout.write(
        printable(
            f"{args.import_csv}: {done.rows} rows; {verb} {len(done.changes)} values "
            f"in {files}"
        )
        + "\n"
    )
    if not args.dry_run:
        sys.stdout.write(
            "next: run python -m partnership_model.data and the tests, and "
            "regenerate the shipped JSON Schemas, whose annotations carry the "
            "labels (see the guide 'Translate and review the vocabulary')\n"
        )
    return 0
