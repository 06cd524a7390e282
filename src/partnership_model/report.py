r"""The partnership report: what a register shows, assembled once and written in any format.

:func:`build_report` computes the report of a
:class:`~partnership_model.Register` as typed records (a :class:`Report`):
the register's size, which engagements the report covers (a
:class:`ReportScope`, by domain and period, and its :class:`Coverage`), the
Montreal matrix (Pomey et al. 2015), the research-engagement matrix, a summary
of the ecology of engagement (Boivin et al. 2022) with the classification
policy that typed its relations, and the assessment findings.

:func:`render_report` writes a report in one of :data:`REPORT_FORMATS`:

- ``"text"``: for a terminal, tables aligned;
- ``"markdown"``: for a wiki or a document (user data is escaped);
- ``"html"``: :func:`report_to_html`, one self-contained page for a
  committee, on screen or printed on A4: inline style, the heat map of the
  matrix and the drawing of the ecology as inline SVG, no script, nothing
  fetched from the network (user data is escaped);
- ``"json"``: :func:`report_document`, for other programs: matrices carry
  their row and column labels, and an undefined measure is ``null`` with
  its reason.

Text, Markdown and HTML are written in any language tag (``"en"``, ``"fr"``,
``"fr-FR"``, ``"fr-CA"``), in that language's typography: decimal comma,
``37 %``, no-break spaces. All three are layouts of one language-specific
view of the report (sections of tables, facts and findings).

**Undefined measures.** A measure with nothing to measure (the E-I index, or
the share of each relation type, of an ecology with no relation: 0/0) is
``None`` in the records, ``null`` in JSON, and "n/a" in text (French "s.o.",
*sans objet*: not applicable) followed by the reason. "n.d." (*non
disponible*) would suggest missing data, which this is not.

**Periods.** An engagement belongs to a period when its dates overlap it,
by the library's one window rule (:func:`partnership_model.timeline.in_window`):
a missing end date reads as still running, a missing start date as no lower
limit. An engagement with neither date cannot be placed in time: a report
restricted to a period leaves it out and counts it apart
(:attr:`Coverage.undated`).

Examples:
    >>> from partnership_model.examples import load_register
    >>> from partnership_model.report import (
    ...     build_report, render_report, report_document,
    ... )
    >>> report = build_report(load_register())
    >>> report.coverage.selected, report.ecology.actors
    (16, 66)
    >>> render_report(report, "text", "fr").splitlines()[0][:24]
    'Rapport de partenariat\xa0:'
    >>> document = report_document(report)
    >>> document["matrix"]["rows"], document["ecology"]["ei_index"]
    (['micro', 'meso', 'macro'], 0.0382)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from partnership_model import (
    _report_html,
    _report_text,
)
from partnership_model._i18n import Lang, locale
from partnership_model._report_records import (
    REPORT_FORMAT_VERSION,
    Coverage,
    EcologySummary,
    RegisterSummary,
    Report,
    ReportScope,
)
from partnership_model._report_view import view
from partnership_model._version import __version__
from partnership_model.assessment import RULES, Rule, assess
from partnership_model.exceptions import (
    RecordTypeError,
    VocabularyError,
)
from partnership_model.matrix import EngagementMatrix, ResearchEngagementMatrix
from partnership_model.policy import DEFAULT_POLICY, ClassificationPolicy
from partnership_model.records import Engagement, Register
from partnership_model.vocabulary import RelationType

__all__ = [
    "REPORT_FORMATS",
    "REPORT_FORMAT_VERSION",
    "Coverage",
    "EcologySummary",
    "RegisterSummary",
    "Report",
    "ReportScope",
    "build_report",
    "render_report",
    "report_document",
    "report_to_html",
    "report_to_json",
    "report_to_markdown",
    "report_to_text",
]


def __dir__() -> list[str]:
    return __all__


def build_report(
    register: Register,
    *,
    scope: ReportScope | None = None,
    policy: ClassificationPolicy = DEFAULT_POLICY,
    rules: Iterable[Rule] = RULES,
) -> Report:
    """Compute the report of *register*, restricted to *scope*.

    Args:
        register: The register.
        scope: Which engagements to cover (default: all).
        policy: How the ecology's relations are classified.
        rules: The assessment rules (default: the built-in ones).

    Raises:
        RecordTypeError: *register* is not a Register, *scope* not a
            ReportScope, or *policy* not a ClassificationPolicy.

    Examples:
        >>> from partnership_model import EngagementDomain
        >>> from partnership_model.examples import load_register
        >>> scope = ReportScope(domain=EngagementDomain.RESEARCH)
        >>> report = build_report(load_register(), scope=scope)
        >>> report.matrix.total == report.coverage.selected
        True
    """
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415 - networkx

    if not isinstance(register, Register):
        raise RecordTypeError("register", register, "expected a Register")
    if scope is None:
        scope = ReportScope()
    elif not isinstance(scope, ReportScope):
        raise RecordTypeError("scope", scope, "expected a ReportScope")
    selected: list[Engagement] = []
    undated = 0
    for engagement in register.engagements:
        included = scope.includes(engagement)
        if included:
            selected.append(engagement)
        elif included is None:
            undated += 1
    covered = (
        attrs.evolve(register, engagements=selected) if scope.restricted else register
    )
    return Report(
        register=RegisterSummary(
            name=register.name,
            engagements=len(register.engagements),
            people=len(register.people),
            organisations=len(register.organisations),
        ),
        scope=scope,
        coverage=Coverage(
            total=len(register.engagements), selected=len(selected), undated=undated
        ),
        matrix=EngagementMatrix.from_engagements(covered, domain=scope.domain),
        research_matrix=ResearchEngagementMatrix.from_engagements(
            covered, domain=scope.domain
        ),
        ecology=EcologySummary.of(
            EcologyGraph.from_engagements(covered, policy=policy)
        ),
        findings=assess(covered, rules=rules),
        covered=covered,
    )


# -- writing ---------------------------------------------------------------------------


def _check_report(report: object) -> Report:
    if not isinstance(report, Report):
        raise RecordTypeError("report", report, "expected a Report")
    return report


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def report_document(report: Report, lang: Lang = "en") -> dict[str, Any]:
    """The report as a JSON-ready document; labels in *lang*.

    Counts and measures are numbers; an undefined measure is ``None``
    (``null``), and ``ecology.undefined`` gives the reason code of each
    (``"no_relations"``). Matrices carry their row and column tokens and
    labels (the ``to_document()`` of
    :class:`~partnership_model.EngagementMatrix` and
    :class:`~partnership_model.ResearchEngagementMatrix`). Findings are
    written as :func:`~partnership_model.to_dict` writes them.

    Raises:
        RecordTypeError: *report* is not a Report.
        VocabularyError: *lang* is not an accepted language tag.
    """
    from partnership_model.serialization import to_dict  # noqa: PLC0415

    report = _check_report(report)
    tag = locale(lang).tag
    ecology = report.ecology
    scope = report.scope
    return {
        "schema_version": REPORT_FORMAT_VERSION,
        "document": "report",
        "generator": f"partnership_model {__version__}",
        "lang": tag,
        "register": attrs.asdict(report.register),
        "scope": {
            "domain": None if scope.domain is None else scope.domain.value,
            "since": None if scope.since is None else scope.since.isoformat(),
            "until": None if scope.until is None else scope.until.isoformat(),
            "selected": report.coverage.selected,
            "undated": report.coverage.undated,
            "outside": report.coverage.outside,
        },
        "matrix": report.matrix.to_document(tag),
        "research_matrix": report.research_matrix.to_document(tag),
        "ecology": {
            "policy": ecology.policy.to_attributes(),
            "actors": ecology.actors,
            "community": ecology.community,
            "professional": ecology.professional,
            "relations": ecology.relations,
            "relation_counts": {
                kind.value: ecology.relation_counts[kind] for kind in RelationType
            },
            "relation_shares": {
                kind.value: _share(ecology.relation_shares[kind])
                for kind in RelationType
            },
            "ei_index": _share(ecology.ei_index),
            "silos": ecology.silos,
            "unlinked_to_public_authority": ecology.unlinked_to_public_authority,
            "undefined": ecology.undefined,
        },
        "findings": [to_dict(finding) for finding in report.findings],
    }


def report_to_json(report: Report, lang: Lang = "en", *, indent: int | None = 2) -> str:
    """The :func:`report_document` of *report* as JSON text (never NaN).

    Args:
        report: The report.
        lang: Language of the labels.
        indent: Indentation; ``None`` writes compact text.
    """
    separators = (",", ":") if indent is None else None
    return json.dumps(
        report_document(report, lang),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=separators,
    )


def report_to_text(report: Report, lang: Lang = "en") -> str:
    """The report as plain text for a terminal, in *lang*.

    Raises:
        RecordTypeError: *report* is not a Report.
        VocabularyError: *lang* is not an accepted language tag.
    """
    return _report_text.text(view(_check_report(report), lang))


def report_to_markdown(report: Report, lang: Lang = "en") -> str:
    """The report as Markdown, in *lang*; text from the register is escaped.

    Raises:
        RecordTypeError: *report* is not a Report.
        VocabularyError: *lang* is not an accepted language tag.
    """
    return _report_text.markdown(view(_check_report(report), lang))


def report_to_html(report: Report, lang: Lang = "en") -> str:
    """The report as one self-contained HTML page, in *lang*.

    The page holds its style sheet (system fonts; A4 when printed, with
    page numbers), the heat map of the Montreal matrix and the drawing of
    the ecology (:mod:`~partnership_model.plotting`) as inline SVG, and no
    script; its Content Security Policy forbids fetching anything, so it
    reads the same offline. Every text from the register is escaped. The
    figures need matplotlib (the ``plot`` extra); without it, a note says
    so in their place. An ecology of more than 400 actors is not drawn (a
    note says so). The same report gives the same bytes (no date is
    written).

    Raises:
        RecordTypeError: *report* is not a Report.
        VocabularyError: *lang* is not an accepted language tag.
    """
    report = _check_report(report)
    tag = locale(lang).tag
    return _report_html.html(view(report, tag), _report_html.charts(report, tag))


def _json(report: Report, lang: Lang) -> str:
    return report_to_json(report, lang) + "\n"


_RENDERERS: dict[str, Callable[[Report, Lang], str]] = {
    "text": report_to_text,
    "markdown": report_to_markdown,
    "html": report_to_html,
    "json": _json,
}

REPORT_FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The names :func:`render_report` accepts."""


def render_report(
    report: Report,
    format: str = "text",  # noqa: A002 - the name of the CLI option
    lang: Lang = "en",
) -> str:
    """Write *report* in one of :data:`REPORT_FORMATS`, in *lang*.

    Returns:
        The text, ending with a newline.

    Raises:
        RecordTypeError: *report* is not a Report.
        VocabularyError: *format* or *lang* is not supported.
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise VocabularyError(format, "report format", REPORT_FORMATS)
    return renderer(_check_report(report), locale(lang).tag)
