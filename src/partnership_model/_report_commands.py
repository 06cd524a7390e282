"""The ``report`` and ``gripp2`` commands of the command line.

Both read one register (an ecology file is refused with what to do instead),
render a document from it (:mod:`partnership_model.report`,
:mod:`partnership_model.draft_output`) and print it or write it with ``--out``
(atomically, an existing file replaced only with ``--force``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from partnership_model._cli_support import (
    UsageError,
    add_force,
    add_lang,
    add_max_size,
    checked,
    document_kind,
    is_spreadsheet,
    read_data,
    read_limit,
    read_register,
    structured,
    write_output,
)
from partnership_model._i18n import Lang
from partnership_model._messages import message
from partnership_model.draft_output import DRAFT_FORMATS
from partnership_model.exceptions import (
    InvalidRecordError,
    ValidationError,
    VocabularyError,
)
from partnership_model.records import Register
from partnership_model.report import (
    REPORT_FORMATS,
    ReportScope,
    build_report,
    render_report,
)

__all__ = ["add_report_commands"]


def add_report_commands(subparsers: Any) -> None:
    """Add the ``report`` and ``gripp2`` commands to *subparsers*."""
    sub = subparsers
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
    report.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a register: JSON, a folder of CSV files, or an .xlsx workbook",
    )
    add_lang(report)
    report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        help=(
            "output format (default: text); html is one self-contained page with "
            "the figures (they need the 'plot' extra), for screens and A4 printing"
        ),
    )
    report.add_argument(
        "--out",
        metavar="PATH",
        help="write the report to this file, in UTF-8 (default: stdout)",
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
    add_force(report, "the --out file")
    add_max_size(report)
    report.set_defaults(run=_cmd_report)

    gripp2 = sub.add_parser(
        "gripp2",
        allow_abbrev=False,
        help="draft the GRIPP2 checklist of research engagements",
        description=(
            "Draft the GRIPP2 checklist (Guidance for Reporting Involvement of "
            "Patients and the Public, Staniszewska et al. 2017) for one research "
            "engagement of a register, or several reported together: each item's "
            "status, a draft text from the register, the values used and what the "
            "team must add. The draft is a starting point, to be checked."
        ),
    )
    gripp2.add_argument("file", metavar="FILE", help="a register JSON file")
    gripp2.add_argument(
        "--engagement",
        action="append",
        required=True,
        metavar="ID",
        help="the id of a research engagement; repeat it to report several together",
    )
    gripp2.add_argument(
        "--form",
        choices=("short", "long"),
        default="short",
        help="the short form (5 items) or the long form (default: short)",
    )
    add_lang(gripp2)
    gripp2.add_argument(
        "--format",
        choices=DRAFT_FORMATS,
        default="markdown",
        help=(
            "output format (default: markdown); html is one self-contained page, "
            "json holds both languages"
        ),
    )
    gripp2.add_argument(
        "--out",
        metavar="PATH",
        help="write the draft to this file, in UTF-8 (default: stdout)",
    )
    add_force(gripp2, "the --out file")
    add_max_size(gripp2)
    gripp2.set_defaults(run=_cmd_gripp2)


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------


def _report_register(
    path: str | None, lang: Lang, limit: int, command: str = "report"
) -> Register:
    """The register to report on; an ecology file is refused with what to do."""
    if path is None or is_spreadsheet(path):
        return read_register(path, limit)  # a spreadsheet: _spreadsheet_command
    file = Path(path)
    try:
        data = read_data(file, limit)
    except ValidationError as error:
        if error.problems[0].code == "syntax" and _looks_like_xml(file):
            raise UsageError(
                message("cli.ecology_not_register", lang, path=path, command=command)
            ) from None
        raise
    if document_kind(data) == "ecology":
        raise UsageError(
            message("cli.ecology_not_register", lang, path=path, command=command)
        )
    return checked(file, structured(file, data, Register))


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
        raise UsageError(str(error)) from None
    register = _report_register(args.file, args.lang, read_limit(args))
    report = build_report(register, scope=scope)
    text = render_report(report, args.format, args.lang)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_output(args, Path(args.out), text)
    return 0


# ---------------------------------------------------------------------------
# gripp2
# ---------------------------------------------------------------------------


def _research_engagements(
    register: Register, requested: list[str], path: str
) -> list[str]:
    """*requested*, checked: each a research engagement of *register*, once."""
    from partnership_model.vocabulary import EngagementDomain  # noqa: PLC0415

    research = [
        e.id for e in register.engagements if e.domain is EngagementDomain.RESEARCH
    ]
    listed = (
        f"its research engagements: {', '.join(research)}"
        if research
        else "it has no research engagement"
    )
    domains = {e.id: e.domain for e in register.engagements}
    seen: set[str] = set()
    for each in requested:
        if each in seen:
            msg = f"--engagement {each!r} is given twice"
            raise UsageError(msg)
        seen.add(each)
        domain = domains.get(each)
        if domain is None:
            msg = f"--engagement {each!r}: {path} has no engagement with this id; {listed}"
            raise UsageError(msg)
        if domain is not EngagementDomain.RESEARCH:
            msg = (
                f"--engagement {each!r}: this engagement of {path} is in the "
                f"{domain.value} domain, and GRIPP2 reports research; {listed}"
            )
            raise UsageError(msg)
    return requested


def _cmd_gripp2(args: argparse.Namespace) -> int:
    from partnership_model.checklists import gripp2  # noqa: PLC0415
    from partnership_model.draft_output import render_draft  # noqa: PLC0415
    from partnership_model.drafting import draft_checklist  # noqa: PLC0415

    register = _report_register(
        args.file, args.lang, read_limit(args), command="gripp2"
    )
    ids = _research_engagements(register, args.engagement, args.file)
    draft = draft_checklist(register, engagement_ids=ids, checklist=gripp2(args.form))
    text = render_draft(draft, args.format, args.lang)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_output(args, Path(args.out), text)
    return 0
