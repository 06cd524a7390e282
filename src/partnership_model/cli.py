"""The ``partnership-model`` command line (also ``python -m partnership_model``).

A thin layer over the library: every command parses its arguments, calls the
library, prints the result, and maps errors to exit codes:

* ``0``: success;
* ``1``: invalid data (the problems are printed on stderr with their paths),
  a file over the size cap included;
* ``2``: usage error (bad options, a missing optional dependency, an input
  that cannot be read, an unreadable key, an output refused).

No traceback is ever printed for bad input, and no command destroys data
(issue 14): every file is written atomically (``partnership_model._files``),
an existing file is replaced only with ``--force``, and an output that is (or
resolves to) an input is refused. Whatever came from a file is printed with its
control characters escaped (``partnership_model._terminal.printable``), and
characters the terminal cannot encode are written as backslash escapes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from partnership_model import __version__, _files
from partnership_model._cli_support import (
    Parser,
    UsageError,
    add_force,
    add_lang,
    add_max_size,
    checked,
    default_output,
    document_kind,
    ecology_of,
    inputs,
    is_spreadsheet,
    print_problems,
    print_unreadable,
    read_data,
    read_document,
    read_key,
    read_limit,
    read_register,
    read_spreadsheet,
    say,
    structured,
    unreadable,
    write_output,
)
from partnership_model._i18n import Lang
from partnership_model._messages import Message, message
from partnership_model._report_commands import add_report_commands
from partnership_model._spreadsheet_command import (
    SPREADSHEET_TARGETS,
    add_template_command,
    convert_to_spreadsheet,
)
from partnership_model._terminal import tolerant_output
from partnership_model._vocabulary_command import add_vocabulary_command
from partnership_model.exceptions import (
    InvalidRecordError,
    OutputExistsError,
    PartnershipModelError,
    ValidationError,
)
from partnership_model.matrix import EngagementMatrix
from partnership_model.records import Register
from partnership_model.serialization import to_dict, to_json

__all__ = ["build_parser", "main"]

KEY_ENVIRONMENT_VARIABLE = "PARTNERSHIP_MODEL_KEY"
"""Environment variable holding the pseudonymisation key (never a CLI argument)."""


# ---------------------------------------------------------------------------
# schema, validate
# ---------------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    from partnership_model.schema import (  # noqa: PLC0415
        SCHEMA_FILES,
        schema_text,
        shipped_schema_path,
    )

    if args.out is None:
        sys.stdout.write(schema_text(args.type, language=args.lang))
        return 0
    # The files, laid out as the package ships them (fr/ holds the French twins).
    shipped = shipped_schema_path(SCHEMA_FILES[0]).parent
    files = {
        Path(args.out)
        / shipped_schema_path(name, language=language).relative_to(
            shipped
        ): schema_text(name, language=language)
        for language in ("en", "fr")
        for name in SCHEMA_FILES
    }
    for folder in {path.parent for path in files}:
        folder.mkdir(parents=True, exist_ok=True)
    with _files.open_outputs(files, overwrite=args.force) as streams:
        for stream, text in zip(streams, files.values(), strict=True):
            stream.write(text.encode("utf-8"))
    for path in files:
        say(f"wrote {path}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    lang = args.lang
    limit = read_limit(args)
    status = 0
    for path in args.files:
        try:
            kind, size = _validate_file(Path(path), args, limit)
        except ValidationError as error:
            if unreadable(error):
                status = 2
                print_unreadable(error, lang)
                continue
            status = max(status, 1)
            count = len(error.problems)
            say(message("cli.invalid_file", lang, path=path, count=count), error=True)
            print_problems(error, lang)
            continue
        checks = "cli.checks_schema" if args.schema else "cli.checks_model"
        line = message(
            "cli.valid_file",
            lang,
            path=path,
            kind=Message(f"cli.{kind}"),
            size=size,
            checks=Message(checks),
        )
        say(line)
    return status


def _validate_file(
    file: Path, args: argparse.Namespace, limit: int
) -> tuple[str, Message]:
    """Check one document as every command will use it; return its kind and size.

    Raises:
        ValidationError: Every problem found, paths prefixed with the file.
    """
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    if is_spreadsheet(file):  # a register kept in a spreadsheet
        register = read_spreadsheet(file, limit)
        if args.schema:
            _check_schema(file, to_dict(register), Register)
        return "register", Message(
            "report.engagements", {"count": len(register.engagements)}
        )
    data = read_data(file, limit)
    kind = document_kind(data) if args.type == "auto" else args.type
    cls: type[Any] = EcologyGraph if kind == "ecology" else Register
    document = structured(file, data, cls)
    if kind == "register":
        checked(file, document)
    if args.schema:
        _check_schema(file, data, cls)
    if kind == "register":
        return kind, Message("report.engagements", {"count": len(document.engagements)})
    return kind, Message(
        "cli.ecology_size",
        {
            "actors": Message("cli.actors", {"count": document.number_of_actors}),
            "relations": Message(
                "cli.relations", {"count": document.number_of_relations}
            ),
        },
    )


def _check_schema(file: Path, data: Any, cls: type[Any]) -> None:
    try:
        from partnership_model.schema import schema_problems  # noqa: PLC0415

        problems = schema_problems(data, cls)
    except ImportError as error:
        raise UsageError(str(error)) from None
    if problems:
        raise ValidationError(
            [attrs.evolve(p, path=f"{file}:{p.path}") for p in problems]
        )


# ---------------------------------------------------------------------------
# convert, plot
# ---------------------------------------------------------------------------


def _cmd_convert(args: argparse.Namespace) -> int:
    from partnership_model import exchange  # noqa: PLC0415

    file = Path(args.file)
    kind, document = read_document(args.file, "auto", read_limit(args))
    if args.pseudonymize:
        from partnership_model.privacy import pseudonymize  # noqa: PLC0415

        document = pseudonymize(document, key=read_key(args))
    target = args.to
    out = args.out
    if target in SPREADSHEET_TARGETS:
        return convert_to_spreadsheet(args, kind, document)
    if target == "register":
        if kind != "register":
            msg = "only a register can be converted to a register"
            raise UsageError(msg)
        ecology_of(kind, document, file)  # what every other command checks
        text = to_json(document, indent=2) + "\n"
        if out is None:
            sys.stdout.write(text)
        else:
            write_output(args, Path(out), text)
        return 0
    graph = ecology_of(kind, document, file)
    if target == "csv":
        directory = Path(out or ".")
        if directory.exists() and not directory.is_dir():
            raise UsageError(message("cli.not_a_folder", args.lang, path=directory))
        directory.mkdir(parents=True, exist_ok=True)
        paths = [directory / "actors.csv", directory / "relations.csv"]
        with (
            _files.open_outputs(
                paths, overwrite=args.force, inputs=inputs(args)
            ) as streams,
            _files.text_stream(streams[0]) as actors,
            _files.text_stream(streams[1]) as relations,
        ):
            exchange.write_csv(
                graph, actors, relations, spreadsheet_safe=args.spreadsheet_safe
            )
        say(f"wrote {paths[0]} and {paths[1]}")
        return 0
    if target in {"graphml", "gexf"}:
        path = Path(out) if out is not None else default_output(args, target)
        writer = exchange.write_graphml if target == "graphml" else exchange.write_gexf
        with _files.open_output(
            path, overwrite=args.force, inputs=inputs(args)
        ) as stream:
            writer(graph, stream)
        say(f"wrote {path}")
        return 0
    data = exchange.to_kumu(graph) if target == "kumu" else to_dict(graph)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        write_output(args, Path(out), text)
    return 0


def _cmd_plot(args: argparse.Namespace) -> int:
    try:
        from partnership_model import plotting  # noqa: PLC0415

        try:
            format = plotting.figure_format(args.out)  # noqa: A001
        except InvalidRecordError:
            listed = ", ".join(f".{name}" for name in plotting.FIGURE_FORMATS)
            raise UsageError(
                message("cli.image_suffix", args.lang, path=args.out, formats=listed)
            ) from None
        if not 10 <= args.dpi <= plotting.MAX_DPI:
            msg = f"--dpi must be from 10 to {plotting.MAX_DPI} (got {args.dpi})"
            raise UsageError(msg)
        if args.matrix and (args.seed is not None or args.no_labels):
            msg = "--seed and --no-labels apply to the ecology, not to --matrix"
            raise UsageError(msg)
        kind, document = (
            read_document(args.file, "auto", read_limit(args))
            if args.file is not None
            else ("register", read_register(None, 0))
        )
        if args.matrix:
            if kind != "register":
                msg = "--matrix needs a register"
                raise UsageError(msg)
            figure = plotting.plot_matrix(
                EngagementMatrix.from_engagements(document),
                dpi=args.dpi,
                lang=args.lang,
            )
        else:
            figure = plotting.draw_ecology(
                ecology_of(
                    kind, document, None if args.file is None else Path(args.file)
                ),
                seed=0 if args.seed is None else args.seed,
                dpi=args.dpi,
                lang=args.lang,
                labels=not args.no_labels,
            )
        content = plotting.figure_bytes(figure, format, args.dpi)
    except ImportError as error:
        raise UsageError(str(error)) from None
    write_output(args, Path(args.out), content)
    return 0


# ---------------------------------------------------------------------------
# Parser and entry point
# ---------------------------------------------------------------------------


def _seed(text: str) -> int:
    """An ``int`` from 0 to 2**32 - 1 (an argparse type: bad values exit 2)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 2**32:
        msg = f"expected an integer from 0 to 4294967295, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``partnership-model``."""
    # allow_abbrev=False everywhere: "--key" must not silently mean "--key-file"
    # (a key typed on the command line would stay in shell history).
    parser = Parser(
        prog="partnership-model",
        allow_abbrev=False,
        description=(
            "Montreal model of patient partnership: registers, matrices, the "
            "ecology of engagement, JSON Schema validation and exports."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add_report_commands(sub)  # partnership_model._report_commands

    schema = sub.add_parser(
        "schema",
        allow_abbrev=False,
        help="write the JSON Schemas of the document types",
        description=(
            "Without --out, print the schema of one document type (annotated in "
            "--lang); with --out, write one <type>.schema.json file per document type "
            "into DIR, and its French twin into DIR/fr/."
        ),
    )
    schema.add_argument(
        "--out", metavar="DIR", help="directory to write the schema files into"
    )
    schema.add_argument(
        "--type",
        choices=("register", "ecology"),
        default="register",
        help="schema to print",
    )
    schema.add_argument(
        "--lang",
        choices=("en", "fr"),
        default="en",
        help="language of the printed schema's annotations (default: en)",
    )
    add_force(schema, "the --out files")
    schema.set_defaults(run=_cmd_schema)

    validate = sub.add_parser(
        "validate",
        allow_abbrev=False,
        help="check documents against the model rules (and the JSON Schema)",
        description=(
            "Check register or ecology documents. Loading enforces every rule of the "
            "JSON Schema plus the model's cross-field rules; --schema also runs the "
            "reference jsonschema validator (needs the 'schema' extra)."
        ),
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument(
        "--type",
        choices=("auto", "register", "ecology"),
        default="auto",
        help="document type (default: detected from the content)",
    )
    validate.add_argument(
        "--schema",
        action="store_true",
        help="also validate with the reference JSON Schema validator",
    )
    add_lang(validate)
    add_max_size(validate)
    validate.set_defaults(run=_cmd_validate)

    convert = sub.add_parser(
        "convert",
        allow_abbrev=False,
        help="export the ecology of a register or ecology document",
        description=(
            "Export the ecology of engagement (built from a register, or read from "
            "an ecology document) for Gephi (gexf), Cytoscape and others (graphml), "
            "Kumu (kumu), spreadsheets (csv: actors.csv and relations.csv) or as "
            "node-link JSON; or write the register itself as JSON (register), as a "
            "folder of CSV files (register-csv) or as an .xlsx workbook "
            "(register-xlsx, headers and labels in --lang). With --pseudonymize, "
            "person ids and names are replaced "
            f"by keyed pseudonyms; the key comes from ${KEY_ENVIRONMENT_VARIABLE} or "
            "--key-file, never from the command line."
        ),
    )
    convert.add_argument(
        "file",
        metavar="FILE",
        help="a register (JSON, a folder of CSV files or .xlsx) or an ecology file",
    )
    convert.add_argument(
        "--to",
        required=True,
        choices=(
            "graphml",
            "gexf",
            "node-link",
            "kumu",
            "csv",
            "register",
            *SPREADSHEET_TARGETS,
        ),
        help="output format",
    )
    convert.add_argument(
        "--out",
        metavar="PATH",
        help=(
            "output file (csv: output folder, default: the current one; "
            "register-csv: the folder of the register's CSV files); default: "
            "stdout for register, node-link and kumu, FILE's name with the format's "
            "extension in the current folder for graphml, gexf, register-xlsx "
            "(.xlsx) and register-csv (a folder) (with .pseudonymised before it "
            "when pseudonymised)"
        ),
    )
    add_force(convert, "the output files")
    convert.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace person ids and names by keyed pseudonyms",
    )
    convert.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help=(
            "csv: prefix cells starting with =, +, - or @ with an apostrophe so that "
            "spreadsheets do not run them as formulas (the files are then for people, "
            "not for reading back)"
        ),
    )
    convert.add_argument(
        "--key-file",
        metavar="PATH",
        help=f"file holding the key (else ${KEY_ENVIRONMENT_VARIABLE})",
    )
    add_lang(convert)
    add_max_size(convert)
    convert.set_defaults(run=_cmd_convert)

    plot = sub.add_parser(
        "plot",
        allow_abbrev=False,
        help="draw the ecology (or the Montreal matrix) to PNG or SVG",
        description="Draw the ecology of engagement, or with --matrix the Montreal matrix heat map. Needs the 'plot' extra.",
    )
    plot.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a register or ecology JSON file (default: the example)",
    )
    plot.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="image file; its suffix picks the format: .png, .svg or .pdf",
    )
    plot.add_argument(
        "--matrix",
        action="store_true",
        help="draw the Montreal matrix heat map instead",
    )
    plot.add_argument(
        "--seed",
        type=_seed,
        metavar="N",
        help="seed of the ecology's layout, from 0 to 4294967295 (default: 0); "
        "the same seed draws the same picture, byte for byte",
    )
    plot.add_argument(
        "--dpi",
        type=int,
        default=100,
        metavar="N",
        help="resolution of a PNG, in dots per inch, from 10 to 1200 (default: 100)",
    )
    plot.add_argument(
        "--no-labels",
        action="store_true",
        help="do not label the actors of the ecology",
    )
    add_lang(plot)
    add_force(plot, "the --out file")
    add_max_size(plot)
    plot.set_defaults(run=_cmd_plot)

    add_vocabulary_command(sub)  # partnership_model._vocabulary_command
    add_template_command(sub)  # partnership_model._spreadsheet_command
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    with tolerant_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang: Lang = getattr(args, "lang", "en")
    try:
        return int(args.run(args))
    except ValidationError as error:
        if unreadable(error):
            print_unreadable(error, lang)
            return 2
        count = len(error.problems)
        say(message("cli.invalid_data", lang, count=count), error=True)
        print_problems(error, lang)
        return 1
    except OutputExistsError as error:
        key = "cli.output_exists" if error.source is None else "cli.output_is_input"
        text = (
            message(key, lang, path=error.path)
            if error.source is None
            else message(key, lang, path=error.path, input=error.source)
        )
        say(message("cli.error", lang, message=text), error=True)
        return 2
    except PartnershipModelError as error:
        say(message("cli.error", lang, message=str(error)), error=True)
        return 1
    except UsageError as error:
        say(message("cli.error", lang, message=str(error)), error=True)
        return 2
    except BrokenPipeError:
        # The reader went away (``partnership-model report | head``): stop quietly,
        # and keep Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        say(f"partnership-model: {error.strerror or error}{where}", error=True)
        return 2
