"""One language's view of a report: what every text renderer shows, in what order.

:func:`view` turns a :class:`~partnership_model.report.Report` into sections of
blocks (tables, facts, notes, findings) whose texts are final: looked up in
the message catalogue, set in the language's typography, numbers written the
language's way. A renderer (text, Markdown, and HTML next) only lays the
blocks out, and escapes what its format needs; it writes no word of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from partnership_model._i18n import (
    Lang,
    format_decimal,
    format_integer,
    format_percent,
    locale,
)
from partnership_model._messages import Message, message
from partnership_model.vocabulary import RelationType, Severity

if TYPE_CHECKING:
    from partnership_model._report_records import Report
    from partnership_model.assessment import Finding

__all__ = [
    "Block",
    "Facts",
    "FindingGroup",
    "Findings",
    "Note",
    "Section",
    "Table",
    "View",
    "view",
]


@attrs.frozen
class Table:
    """A matrix: header cells, one row of cells per level or stage, and totals."""

    header: tuple[str, ...]
    body: tuple[tuple[str, ...], ...]
    footer: tuple[str, ...]


@attrs.frozen
class Facts:
    """Labelled values, one per line."""

    items: tuple[tuple[str, str], ...]


@attrs.frozen
class Note:
    """A remark under a table or a list."""

    text: str


@attrs.frozen
class FindingGroup:
    """The findings of one rule: its severity, code, message and engagements."""

    severity: Severity
    severity_label: str
    code: str
    message: str
    engagement_ids: tuple[str, ...]


@attrs.frozen
class Findings:
    """The findings, grouped by rule, most severe first; *empty* says "none"."""

    groups: tuple[FindingGroup, ...]
    empty: str


Block = Table | Facts | Note | Findings


@attrs.frozen
class Section:
    """A part of the report: a stable *id*, a heading in the language, blocks."""

    id: str
    heading: str
    blocks: tuple[Block, ...]


@attrs.frozen
class View:
    """What a renderer shows of a report, in one language; texts are not escaped."""

    lang: Lang
    title: str
    summary: str
    sections: tuple[Section, ...]

    def label_value(self, label: str, value: str) -> str:
        """*label* and *value* on one line, with the language's colon."""
        return message("report.label_value", self.lang, label=label, value=value)


def view(report: Report, lang: Lang) -> View:
    """The view of *report* in the language tag *lang*."""
    tag = locale(lang).tag
    sections: list[Section] = []
    if report.scope.restricted:
        sections.append(_scope(report, tag))
    sections.append(
        Section(
            "matrix",
            message("report.matrix", tag),
            (_table(report.matrix.to_document(tag), tag),),
        )
    )
    research = report.research_matrix
    sections.append(
        Section(
            "research_matrix",
            message("report.research_matrix", tag),
            (
                _table(research.to_document(tag), tag),
                Note(message("report.no_stage", tag, count=research.without_stage)),
            ),
        )
    )
    sections.append(_ecology(report, tag))
    sections.append(
        Section(
            "findings",
            message("report.findings", tag, count=len(report.findings)),
            (
                Findings(
                    tuple(_grouped(report.findings, tag)), message("report.none", tag)
                ),
            ),
        )
    )
    register = report.register
    title = (
        message("report.title_named", tag, name=register.name)
        if register.name
        else message("report.title", tag)
    )
    summary = message(
        "report.register_counts",
        tag,
        engagements=Message("report.engagements", {"count": register.engagements}),
        people=Message("report.people", {"count": register.people}),
        organisations=Message(
            "report.organisations", {"count": register.organisations}
        ),
    )
    return View(lang=tag, title=title, summary=summary, sections=tuple(sections))


def _scope(report: Report, lang: Lang) -> Section:
    scope, coverage = report.scope, report.coverage
    facts: list[tuple[str, str]] = []
    if scope.domain is not None:
        facts.append((message("report.domain", lang), scope.domain.label(lang)))
    if scope.dated:
        since = None if scope.since is None else scope.since.isoformat()
        until = None if scope.until is None else scope.until.isoformat()
        if since is not None and until is not None:
            period = message("report.period_between", lang, since=since, until=until)
        elif since is not None:
            period = message("report.period_since", lang, since=since)
        else:
            period = message("report.period_until", lang, until=until)
        facts.append((message("report.period", lang), period))
    facts.append(
        (
            message("report.selected", lang),
            message(
                "report.count_of_total",
                lang,
                count=coverage.selected,
                total=coverage.total,
            ),
        )
    )
    blocks: list[Block] = [Facts(tuple(facts))]
    if scope.dated:
        if coverage.undated:
            blocks.append(Note(message("report.undated", lang, count=coverage.undated)))
        blocks.append(Note(message("report.period_rule", lang)))
    return Section("scope", message("report.scope", lang), tuple(blocks))


def _table(document: dict[str, Any], lang: Lang) -> Table:
    """The cells of a matrix from its :meth:`to_document`."""
    total = message("matrix.total", lang)

    def numbers(values: Sequence[int]) -> tuple[str, ...]:
        return tuple(format_integer(n, lang) for n in values)

    return Table(
        header=(document["row_heading"], *document["column_labels"], total),
        body=tuple(
            (label, *numbers(counts), format_integer(row_total, lang))
            for label, counts, row_total in zip(
                document["row_labels"],
                document["counts"],
                document["row_totals"],
                strict=True,
            )
        ),
        footer=(
            total,
            *numbers(document["column_totals"]),
            format_integer(document["total"], lang),
        ),
    )


def _undefined(lang: Lang, *, reason: bool) -> str:
    if not reason:
        return message("report.undefined", lang)
    return message(
        "report.undefined_because",
        lang,
        undefined=Message("report.undefined"),
        reason=Message("report.no_relations"),
    )


def _policy_line(attributes: dict[str, Any]) -> str:
    """The policy's name and parameters, on one line."""
    parameters = ", ".join(
        f"{key.removeprefix('policy_')}={value}"
        for key, value in attributes.items()
        if key != "policy"
    )
    return f"{attributes['policy']} ({parameters})"


def _ecology(report: Report, lang: Lang) -> Section:
    eco = report.ecology
    facts: list[tuple[str, str]] = [
        (message("report.policy", lang), _policy_line(eco.policy.to_attributes())),
        (
            message("report.actors", lang),
            message(
                "report.actors_value",
                lang,
                total=eco.actors,
                community=eco.community,
                professional=eco.professional,
            ),
        ),
        (message("report.relations", lang), format_integer(eco.relations, lang)),
    ]
    for kind in RelationType:
        share = eco.relation_shares[kind]
        shown = (
            _undefined(lang, reason=False)
            if share is None
            else format_percent(share, lang)
        )
        count = format_integer(eco.relation_counts[kind], lang)
        facts.append((kind.label(lang), f"{count} ({shown})"))
    ei = (
        _undefined(lang, reason=True)
        if eco.ei_index is None
        else format_decimal(eco.ei_index, lang, signed=True)
    )
    facts += [
        (message("report.ei", lang), ei),
        (message("report.silos", lang), format_integer(eco.silos, lang)),
        (
            message("report.unlinked", lang),
            format_integer(eco.unlinked_to_public_authority, lang),
        ),
    ]
    return Section("ecology", message("report.ecology", lang), (Facts(tuple(facts)),))


def _grouped(findings: Sequence[Finding], lang: Lang) -> list[FindingGroup]:
    """Group findings by rule, most severe first, keeping register order within."""
    groups: dict[str, tuple[Finding, list[str]]] = {}
    for finding in findings:
        groups.setdefault(finding.code, (finding, []))[1].append(finding.engagement_id)
    ordered = sorted(groups.values(), key=lambda group: -group[0].severity.rank)
    return [
        FindingGroup(
            severity=first.severity,
            severity_label=first.severity.label(lang),
            code=first.code,
            message=first.message(lang),
            engagement_ids=tuple(ids),
        )
        for first, ids in ordered
    ]
