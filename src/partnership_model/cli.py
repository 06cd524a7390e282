"""The ``partnership-model`` command line (also ``python -m partnership_model``).

A thin layer over the library: every command parses its arguments, calls the
library, prints the result, and maps errors to exit codes:

* ``0``: success;
* ``1``: invalid data (the problems are printed on stderr with their paths);
* ``2``: usage error (bad options, missing optional dependency, unreadable key).

No traceback is ever printed for bad input.
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

from partnership_model import __version__
from partnership_model._i18n import LANGUAGE_TAGS, Lang
from partnership_model._messages import Message, message, problem_message
from partnership_model._vocabulary_command import add_vocabulary_command
from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    ValidationError,
    VocabularyError,
)
from partnership_model.matrix import EngagementMatrix
from partnership_model.records import Register
from partnership_model.report import (
    REPORT_FORMATS,
    ReportScope,
    build_report,
    render_report,
)
from partnership_model.serialization import (
    from_dict,
    in_file,
    parse_json,
    read_file_data,
    read_json,
    to_dict,
    write_json,
)

__all__ = ["build_parser", "main"]

KEY_ENVIRONMENT_VARIABLE = "PARTNERSHIP_MODEL_KEY"
"""Environment variable holding the pseudonymisation key (never a CLI argument)."""


class _UsageError(Exception):
    """A problem with how the command was called (exit code 2)."""


# ---------------------------------------------------------------------------
# Loading documents
# ---------------------------------------------------------------------------


def _load_register(path: str | None) -> Register:
    if path is None:
        from partnership_model.examples import load_register  # noqa: PLC0415

        return load_register()
    return read_json(path, Register)


def _document_kind(data: object) -> str:
    if isinstance(data, dict) and (
        "nodes" in data or "edges" in data or "links" in data
    ):
        return "ecology"
    return "register"


def _read_document(path: str, kind: str) -> tuple[str, Any]:
    """Read a register or ecology document; *kind* may be ``auto``."""
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    file = Path(path)
    data = read_file_data(file)
    actual = _document_kind(data) if kind == "auto" else kind
    cls: type[Any] = EcologyGraph if actual == "ecology" else Register
    try:
        return actual, from_dict(data, cls)
    except ValidationError as error:
        raise in_file(file, error) from None


def _ecology_of(kind: str, document: Any) -> Any:
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    if kind == "ecology":
        return document
    return EcologyGraph.from_engagements(document)


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------


def _report_register(path: str | None, lang: Lang) -> Register:
    """The register to report on; an ecology file is refused with what to do."""
    if path is None:
        return _load_register(None)
    file = Path(path)
    try:
        data = read_file_data(file)
    except ValidationError as error:
        if error.problems[0].code == "syntax" and _looks_like_xml(file):
            raise _UsageError(
                message("cli.ecology_not_register", lang, path=path)
            ) from None
        raise
    if _document_kind(data) == "ecology":
        raise _UsageError(message("cli.ecology_not_register", lang, path=path))
    try:
        return from_dict(data, Register)
    except ValidationError as error:
        raise in_file(file, error) from None


def _looks_like_xml(file: Path) -> bool:
    """Whether *file* starts like an XML document (GraphML, GEXF)."""
    try:
        with file.open("rb") as stream:
            head = stream.read(64)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def _cmd_report(args: argparse.Namespace) -> int:
    try:
        scope = ReportScope.parse(
            domain=args.domain, since=args.since, until=args.until
        )
    except (VocabularyError, InvalidRecordError) as error:
        raise _UsageError(str(error)) from None
    register = _report_register(args.file, args.lang)
    report = build_report(register, scope=scope)
    sys.stdout.write(render_report(report, args.format, args.lang))
    return 0


# ---------------------------------------------------------------------------
# schema, validate
# ---------------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    from partnership_model.schema import schema_text, write_schemas  # noqa: PLC0415

    if args.out is None:
        sys.stdout.write(schema_text(args.type, language=args.lang))
        return 0
    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    lang = args.lang
    failed = 0
    for path in args.files:
        try:
            kind, document = _read_document(path, args.type)
            if args.schema:
                _check_schema(path, kind)
        except ValidationError as error:
            failed += 1
            count = len(error.problems)
            print(
                message("cli.invalid_file", lang, path=path, count=count),
                file=sys.stderr,
            )
            _print_problems(error, lang)
            continue
        size = (
            Message("report.engagements", {"count": len(document.engagements)})
            if kind == "register"
            else Message(
                "cli.ecology_size",
                {
                    "actors": Message(
                        "cli.actors", {"count": document.number_of_actors}
                    ),
                    "relations": Message(
                        "cli.relations", {"count": document.number_of_relations}
                    ),
                },
            )
        )
        checks = "cli.checks_schema" if args.schema else "cli.checks_model"
        line = message(
            "cli.valid_file",
            lang,
            path=path,
            kind=Message(f"cli.{kind}"),
            size=size,
            checks=Message(checks),
        )
        print(line)
    return 1 if failed else 0


def _print_problems(error: ValidationError, lang: Lang) -> None:
    """One line per problem on stderr, in *lang* where the problem allows it."""
    for problem in error.problems:
        text = message(
            "cli.problem",
            lang,
            path=problem.path,
            message=problem_message(problem, lang),
            code=problem.code,
        )
        print(f"  {text}", file=sys.stderr)


def _check_schema(path: str, kind: str) -> None:
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    try:
        from partnership_model.schema import schema_problems  # noqa: PLC0415

        data = parse_json(Path(path).read_bytes())
        problems = schema_problems(
            data, EcologyGraph if kind == "ecology" else Register
        )
    except ImportError as error:
        raise _UsageError(str(error)) from None
    if problems:
        raise ValidationError(
            [attrs.evolve(p, path=f"{path}:{p.path}") for p in problems]
        )


# ---------------------------------------------------------------------------
# convert, plot
# ---------------------------------------------------------------------------


def _read_key(args: argparse.Namespace) -> bytes:
    if args.key_file is not None:
        try:
            key = Path(args.key_file).read_bytes().strip()
        except OSError as error:
            msg = f"cannot read the key file {args.key_file}: {error.strerror or error}"
            raise _UsageError(msg) from None
    else:
        env = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
        if env is None:
            msg = (
                f"--pseudonymize needs a key: set {KEY_ENVIRONMENT_VARIABLE} or pass "
                "--key-file PATH (keys are never read from the command line, which "
                "would keep them in shell history)"
            )
            raise _UsageError(msg)
        key = env.encode()
    if len(key) < 16:
        msg = "the pseudonymisation key must be at least 16 bytes long"
        raise _UsageError(msg)
    return key


def _cmd_convert(args: argparse.Namespace) -> int:
    from partnership_model import exchange  # noqa: PLC0415

    kind, document = _read_document(args.file, "auto")
    if args.pseudonymize:
        from partnership_model.privacy import pseudonymize  # noqa: PLC0415

        document = pseudonymize(document, key=_read_key(args))
    graph = _ecology_of(kind, document)
    target = args.to
    out = args.out
    if target == "csv":
        directory = Path(out or ".")
        directory.mkdir(parents=True, exist_ok=True)
        actors, relations = directory / "actors.csv", directory / "relations.csv"
        exchange.write_csv(
            graph, actors, relations, spreadsheet_safe=args.spreadsheet_safe
        )
        print(f"wrote {actors} and {relations}")
        return 0
    if target in {"graphml", "gexf"}:
        path = Path(out or Path(args.file).with_suffix(f".{target}").name)
        writer = exchange.write_graphml if target == "graphml" else exchange.write_gexf
        writer(graph, path)
        print(f"wrote {path}")
        return 0
    if target == "register":
        if kind != "register":
            msg = "only a register can be converted to a register"
            raise _UsageError(msg)
        path = Path(out or "register.json")
        write_json(document, path)
        print(f"wrote {path}")
        return 0
    data = exchange.to_kumu(graph) if target == "kumu" else to_dict(graph)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


def _cmd_plot(args: argparse.Namespace) -> int:
    try:
        from partnership_model import plotting  # noqa: PLC0415

        kind, document = (
            _read_document(args.file, "auto")
            if args.file is not None
            else ("register", _load_register(None))
        )
        if args.matrix:
            if kind != "register":
                msg = "--matrix needs a register"
                raise _UsageError(msg)
            plotting.plot_matrix(
                EngagementMatrix.from_engagements(document),
                path=args.out,
                lang=args.lang,
            )
        else:
            plotting.draw_ecology(
                _ecology_of(kind, document), path=args.out, lang=args.lang
            )
    except ImportError as error:
        raise _UsageError(str(error)) from None
    print(f"wrote {args.out}")
    return 0


# ---------------------------------------------------------------------------
# Parser and entry point
# ---------------------------------------------------------------------------


def _add_lang(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lang",
        choices=LANGUAGE_TAGS,
        default="en",
        help="language: en, fr (France), fr-FR or fr-CA (Québec) (default: en)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``partnership-model``."""
    # allow_abbrev=False everywhere: "--key" must not silently mean "--key-file"
    # (a key typed on the command line would stay in shell history).
    parser = argparse.ArgumentParser(
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

    report = sub.add_parser(
        "report",
        allow_abbrev=False,
        help="print the Montreal matrix, the ecology summary and the findings",
        description=(
            "Report on a register: its Montreal matrix, research-engagement matrix, "
            "ecology of engagement and assessment findings, for all its engagements "
            "or those of one domain and period. Without FILE, the embedded example "
            "register of real cases is used."
        ),
    )
    report.add_argument("file", nargs="?", metavar="FILE", help="a register JSON file")
    _add_lang(report)
    report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        help="output format (default: text)",
    )
    report.add_argument(
        "--domain",
        metavar="DOMAIN",
        help=(
            "only the engagements of this domain (its token, or its English or "
            "French label: care_and_services, research, teaching...)"
        ),
    )
    report.add_argument(
        "--since",
        metavar="DATE",
        help=(
            "only the engagements whose dates overlap the period starting on DATE "
            "(YYYY, YYYY-MM or YYYY-MM-DD; its first day); undated engagements "
            "(no start or end date) are left out and counted apart"
        ),
    )
    report.add_argument(
        "--until",
        metavar="DATE",
        help="the same, for the period ending on DATE (its last day)",
    )
    report.set_defaults(run=_cmd_report)

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
    _add_lang(validate)
    validate.set_defaults(run=_cmd_validate)

    convert = sub.add_parser(
        "convert",
        allow_abbrev=False,
        help="export the ecology of a register or ecology document",
        description=(
            "Export the ecology of engagement (built from a register, or read from "
            "an ecology document) for Gephi (gexf), Cytoscape and others (graphml), "
            "Kumu (kumu), spreadsheets (csv: actors.csv and relations.csv) or as "
            "node-link JSON. With --pseudonymize, person ids and names are replaced "
            f"by keyed pseudonyms; the key comes from ${KEY_ENVIRONMENT_VARIABLE} or "
            "--key-file, never from the command line."
        ),
    )
    convert.add_argument("file", metavar="FILE", help="a register or ecology JSON file")
    convert.add_argument(
        "--to",
        required=True,
        choices=("graphml", "gexf", "node-link", "kumu", "csv", "register"),
        help="output format",
    )
    convert.add_argument(
        "--out",
        metavar="PATH",
        help="output file (csv: output directory); default: stdout for JSON",
    )
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
        "--out", required=True, metavar="PATH", help="image file (.png or .svg)"
    )
    plot.add_argument(
        "--matrix",
        action="store_true",
        help="draw the Montreal matrix heat map instead",
    )
    _add_lang(plot)
    plot.set_defaults(run=_cmd_plot)

    add_vocabulary_command(sub)  # partnership_model._vocabulary_command
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    lang: Lang = getattr(args, "lang", "en")
    try:
        return int(args.run(args))
    except ValidationError as error:
        count = len(error.problems)
        print(message("cli.invalid_data", lang, count=count), file=sys.stderr)
        _print_problems(error, lang)
        return 1
    except PartnershipModelError as error:
        print(message("cli.error", lang, message=str(error)), file=sys.stderr)
        return 1
    except _UsageError as error:
        print(message("cli.error", lang, message=str(error)), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``partnership-model report | head``): stop quietly,
        # and keep Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        print(f"partnership-model: {error.strerror or error}{where}", file=sys.stderr)
        return 2
