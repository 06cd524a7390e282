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
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from partnership_model import __version__
from partnership_model._enums import Lang
from partnership_model._i18n import (
    LANGUAGE_TAGS,
    check_lang,
    format_decimal,
    format_percent,
    typeset,
)
from partnership_model._vocabulary_command import add_vocabulary_command
from partnership_model.assessment import Finding, assess
from partnership_model.exceptions import PartnershipModelError, Problem, ValidationError
from partnership_model.matrix import EngagementMatrix, ResearchEngagementMatrix
from partnership_model.records import Register
from partnership_model.serialization import (
    from_dict,
    in_file,
    parse_json,
    read_file_data,
    read_json,
    to_dict,
    write_json,
)
from partnership_model.vocabulary import RelationType

__all__ = ["build_parser", "main"]

KEY_ENVIRONMENT_VARIABLE = "PARTNERSHIP_MODEL_KEY"
"""Environment variable holding the pseudonymisation key (never a CLI argument)."""

_TITLES: dict[str, dict[str, str]] = {
    "en": {
        "report": "Partnership report",
        "engagements": "engagements",
        "people": "people",
        "organisations": "organisations",
        "matrix": "Montreal matrix (level x degree)",
        "research": "Research-engagement matrix (stage x degree)",
        "no_stage": "engagements with no research stage",
        "ecology": "Ecology of engagement",
        "actors": "actors",
        "relations": "relations",
        "community": "community",
        "professional": "professional",
        "ei": "E-I index of the community/professional partition",
        "silos": "silos (groups that only bond)",
        "unlinked": "actors with no path to a holder of public authority",
        "policy": "classification policy",
        "findings": "Assessment findings",
        "none": "none",
    },
    "fr": {
        "report": "Rapport de partenariat",
        "engagements": "engagements",
        "people": "personnes",
        "organisations": "organisations",
        "matrix": "Matrice du modèle de Montréal (niveau x degré)",
        "research": "Matrice d'engagement en recherche (étape x degré)",
        "no_stage": "engagements sans étape de recherche",
        "ecology": "Écologie de l'engagement",
        "actors": "acteurs",
        "relations": "relations",
        "community": "communauté",
        "professional": "professionnels",
        "ei": "indice E-I de la partition communauté/professionnels",
        "silos": "silos (groupes qui ne font que s'attacher)",
        "unlinked": "acteurs sans chemin vers un détenteur de l'autorité publique",
        "policy": "politique de classement",
        "findings": "Constats de l'évaluation",
        "none": "aucun",
    },
}


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


def _ecology_summary(register: Register) -> dict[str, Any]:
    from partnership_model import metrics  # noqa: PLC0415
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415
    from partnership_model.vocabulary import Sphere  # noqa: PLC0415

    graph = EcologyGraph.from_engagements(register)
    counts = metrics.relation_counts(graph)
    spheres = Counter(actor.sphere for actor in graph.actors())
    return {
        "actors": graph.number_of_actors,
        "community": spheres[Sphere.COMMUNITY],
        "professional": spheres[Sphere.PROFESSIONAL],
        "relations": graph.number_of_relations,
        "relation_counts": {kind.value: counts[kind] for kind in RelationType},
        "relation_shares": {
            kind.value: round(share, 4)
            for kind, share in metrics.relation_shares(graph).items()
        },
        "ei_index": round(metrics.ei_index(graph), 4),
        "silos": len(metrics.silos(graph)),
        "unlinked_to_public_authority": len(
            metrics.unlinked_to_public_authority(graph)
        ),
        "policy": graph.policy.to_attributes(),
    }


def _report_data(register: Register) -> dict[str, Any]:
    findings = assess(register)
    return {
        "register": {
            "name": register.name,
            "engagements": len(register.engagements),
            "people": len(register.people),
            "organisations": len(register.organisations),
        },
        "matrix": EngagementMatrix.from_engagements(register),
        "research_matrix": ResearchEngagementMatrix.from_engagements(register),
        "ecology": _ecology_summary(register),
        "findings": findings,
    }


def _render_text(data: dict[str, Any], lang: Lang, out: TextIO) -> None:
    t = _TITLES[check_lang(lang)]
    reg = data["register"]
    title = t["report"] + (f": {reg['name']}" if reg["name"] else "")
    out.write(f"{title}\n{'=' * len(title)}\n")
    out.write(
        f"{reg['engagements']} {t['engagements']}, {reg['people']} {t['people']}, "
        f"{reg['organisations']} {t['organisations']}\n\n"
    )
    out.write(f"{t['matrix']}\n\n{data['matrix'].to_text(lang)}\n\n")
    research: ResearchEngagementMatrix = data["research_matrix"]
    out.write(f"{t['research']}\n\n{research.to_text(lang)}\n")
    out.write(f"({research.without_stage} {t['no_stage']})\n\n")
    eco = data["ecology"]
    out.write(f"{t['ecology']}\n\n")
    out.write(f"  {t['policy']}: {_policy_line(eco['policy'])}\n")
    out.write(
        f"  {t['actors']}: {eco['actors']} ({t['community']} {eco['community']}, "
        f"{t['professional']} {eco['professional']}); {t['relations']}: "
        f"{eco['relations']}\n"
    )
    for kind in RelationType:
        count = eco["relation_counts"][kind.value]
        share = eco["relation_shares"][kind.value]
        out.write(f"  {kind.label(lang)}: {count} ({format_percent(share, lang)})\n")
    out.write(f"  {t['ei']}: {format_decimal(eco['ei_index'], lang, signed=True)}\n")
    out.write(f"  {t['silos']}: {eco['silos']}\n")
    out.write(f"  {t['unlinked']}: {eco['unlinked_to_public_authority']}\n\n")
    findings: tuple[Finding, ...] = data["findings"]
    out.write(f"{t['findings']} ({len(findings)})\n\n")
    if not findings:
        out.write(f"  {t['none']}\n")
    for first, ids in _grouped(findings):
        out.write(
            f"  [{first.severity.label(lang)}] {first.code} ({len(ids)}): {', '.join(ids)}\n"
        )
        out.write(f"      {first.message(lang)}\n")


def _policy_line(attributes: dict[str, Any]) -> str:
    """The policy's name and parameters, on one line."""
    parameters = ", ".join(
        f"{key.removeprefix('policy_')}={value}"
        for key, value in attributes.items()
        if key != "policy"
    )
    return f"{attributes['policy']} ({parameters})"


def _grouped(findings: Sequence[Finding]) -> list[tuple[Finding, list[str]]]:
    """Group findings by rule, most severe first, keeping register order within."""
    groups: dict[str, tuple[Finding, list[str]]] = {}
    for finding in findings:
        groups.setdefault(finding.code, (finding, []))[1].append(finding.engagement_id)
    return sorted(groups.values(), key=lambda group: -group[0].severity.rank)


def _markdown_table(rows: list[dict[str, str | int]]) -> str:
    headers = list(rows[0])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(row[h]) for h in headers) + " |" for row in rows]
    return "\n".join(lines)


def _render_markdown(data: dict[str, Any], lang: Lang, out: TextIO) -> None:
    t = _TITLES[check_lang(lang)]
    reg = data["register"]
    out.write(f"# {t['report']}" + (f": {reg['name']}" if reg["name"] else "") + "\n\n")
    out.write(
        f"{reg['engagements']} {t['engagements']}, {reg['people']} {t['people']}, "
        f"{reg['organisations']} {t['organisations']}.\n\n"
    )
    out.write(
        f"## {t['matrix']}\n\n{_markdown_table(data['matrix'].to_rows(lang))}\n\n"
    )
    research: ResearchEngagementMatrix = data["research_matrix"]
    out.write(f"## {t['research']}\n\n{_markdown_table(research.to_rows(lang))}\n\n")
    eco = data["ecology"]
    out.write(f"## {t['ecology']}\n\n")
    out.write(f"- {t['policy']}: {_policy_line(eco['policy'])}\n")
    out.write(
        f"- {t['actors']}: {eco['actors']}; {t['relations']}: {eco['relations']}\n"
    )
    for kind in RelationType:
        count = eco["relation_counts"][kind.value]
        out.write(f"- {kind.label(lang)}: {count}\n")
    out.write(f"- {t['ei']}: {format_decimal(eco['ei_index'], lang, signed=True)}\n")
    out.write(f"- {t['silos']}: {eco['silos']}\n")
    out.write(f"- {t['unlinked']}: {eco['unlinked_to_public_authority']}\n\n")
    findings: tuple[Finding, ...] = data["findings"]
    out.write(f"## {t['findings']} ({len(findings)})\n\n")
    for first, ids in _grouped(findings):
        out.write(
            f"- **{first.severity.label(lang)}** `{first.code}` ({len(ids)}): "
            f"{first.message(lang)} {', '.join(f'`{i}`' for i in ids)}\n"
        )


def _render_json(data: dict[str, Any], _lang: Lang, out: TextIO) -> None:
    payload = {
        "register": data["register"],
        "matrix": to_dict(data["matrix"]),
        "research_matrix": to_dict(data["research_matrix"]),
        "ecology": data["ecology"],
        "findings": [to_dict(f) for f in data["findings"]],
    }
    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


_RENDERERS: dict[str, Callable[[dict[str, Any], Lang, TextIO], None]] = {
    "text": _render_text,
    "markdown": _render_markdown,
    "json": _render_json,
}


def _cmd_report(args: argparse.Namespace) -> int:
    register = _load_register(args.file)
    text = io.StringIO()
    _RENDERERS[args.format](_report_data(register), args.lang, text)
    # People read text and Markdown: set them in the language's typography.
    report = text.getvalue()
    sys.stdout.write(report if args.format == "json" else typeset(report, args.lang))
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
    failed = 0
    for path in args.files:
        try:
            kind, document = _read_document(path, args.type)
            if args.schema:
                _check_schema(path, kind)
        except ValidationError as error:
            failed += 1
            print(f"{path}: invalid ({len(error.problems)} problems)", file=sys.stderr)
            for problem in error.problems:
                print(
                    f"  {problem.path}: {problem.message} [{problem.code}]",
                    file=sys.stderr,
                )
            continue
        size = (
            f"{len(document.engagements)} engagements"
            if kind == "register"
            else f"{document.number_of_actors} actors, {document.number_of_relations} relations"
        )
        checks = "model rules and JSON Schema" if args.schema else "model rules"
        print(f"{path}: valid {kind} ({size}; checked: {checks})")
    return 1 if failed else 0


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
            [Problem(f"{path}:{p.path}", p.message, p.code) for p in problems]
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
            "ecology of engagement and assessment findings. Without FILE, the "
            "embedded example register of real cases is used."
        ),
    )
    report.add_argument("file", nargs="?", metavar="FILE", help="a register JSON file")
    report.add_argument(
        "--lang",
        choices=LANGUAGE_TAGS,
        default="en",
        help="language: en, fr (France), fr-FR or fr-CA (Québec) (default: en)",
    )
    report.add_argument(
        "--format",
        choices=tuple(_RENDERERS),
        default="text",
        help="output format (default: text)",
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
    plot.add_argument("--lang", choices=("en", "fr"), default="en")
    plot.set_defaults(run=_cmd_plot)

    add_vocabulary_command(sub)  # partnership_model._vocabulary_command
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ValidationError as error:
        print(
            f"partnership-model: invalid data ({len(error.problems)} problems)",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(
                f"  {problem.path}: {problem.message} [{problem.code}]", file=sys.stderr
            )
        return 1
    except PartnershipModelError as error:
        print(f"partnership-model: {error}", file=sys.stderr)
        return 1
    except _UsageError as error:
        print(f"partnership-model: {error}", file=sys.stderr)
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
