"""Tests of the report: what it assembles, which engagements it covers, how it is written."""

from __future__ import annotations

import datetime as dt
import doctest
import json
import math
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from partnership_model import (
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    InvalidRecordError,
    Leadership,
    Participant,
    RecordTypeError,
    Register,
    ResearchEngagementMatrix,
    Role,
    VocabularyError,
    _period,
    assess,
    report,
    strategies as pms,
)
from partnership_model._i18n import LANGUAGE_TAGS, NBSP, NNBSP
from partnership_model.ecology import EcologyGraph
from partnership_model.examples import load_register
from partnership_model.metrics import ei_index, relation_counts
from partnership_model.policy import NAMED_POLICIES
from partnership_model.report import (
    REPORT_FORMATS,
    Coverage,
    Report,
    ReportScope,
    build_report,
    render_report,
    report_document,
    report_to_json,
    report_to_markdown,
    report_to_text,
)
from partnership_model.timeline import in_window, is_dated

D = dt.date


def test_doctests() -> None:
    assert doctest.testmod(report).failed == 0
    assert doctest.testmod(_period).failed == 0  # the period's text


def engagement(
    id: str,  # noqa: A002 - the record's field
    *,
    start: D | None = None,
    end: D | None = None,
    **kw: Any,
) -> Engagement:
    fields: dict[str, Any] = {
        "title": f"Engagement {id}",
        "domain": EngagementDomain.CARE_AND_SERVICES,
        "level": EngagementLevel.MESO,
        "degree": EngagementDegree.COLLABORATION,
        "leadership": Leadership.CO_LED,
        "participants": [
            Participant(person_id="p", role=Role.PATIENT_PARTNER),
            Participant(person_id="c", role=Role.CLINICIAN),
        ],
    }
    fields.update(kw)
    return Engagement(id=id, start=start, end=end, **fields)


def dated_register() -> Register:
    return Register.from_engagements(
        [
            engagement("old", start=D(2019, 1, 1), end=D(2019, 12, 31)),
            engagement("running", start=D(2021, 3, 1)),
            engagement("undated"),
            engagement("end-only", end=D(2021, 6, 30)),
            engagement(
                "research",
                start=D(2022, 6, 1),
                end=D(2022, 6, 30),
                domain=EngagementDomain.RESEARCH,
            ),
        ],
        name="Registre *test* | 2024",
    )


def lonely_register() -> Register:
    """One engagement with one participant: an ecology without relations."""
    return Register.from_engagements(
        [
            engagement(
                "alone", participants=[Participant(person_id="p", role=Role.PATIENT)]
            )
        ]
    )


# -- what the report assembles -------------------------------------------------------


def test_the_report_of_the_example_register() -> None:
    register = load_register()
    built = build_report(register)
    total = len(register)
    assert built.coverage == Coverage(total=total, selected=total, undated=0)
    assert built.coverage.outside == 0
    assert not built.scope.restricted
    assert built.register.engagements == len(register.engagements)
    assert built.register.people == len(register.people)
    assert built.matrix == EngagementMatrix.from_engagements(register)
    assert built.research_matrix == ResearchEngagementMatrix.from_engagements(register)
    assert built.findings == assess(register)
    graph = EcologyGraph.from_engagements(register)
    assert built.ecology.relation_counts == relation_counts(graph)
    assert built.ecology.ei_index == ei_index(graph)
    assert built.ecology.actors == graph.number_of_actors
    assert built.ecology.community + built.ecology.professional == built.ecology.actors
    assert built.ecology.undefined == {}


@pytest.mark.parametrize("name", sorted(NAMED_POLICIES))
def test_the_report_names_the_policy_it_used(name: str) -> None:
    policy = NAMED_POLICIES[name]
    built = build_report(load_register(), policy=policy)
    assert built.ecology.policy is policy
    assert report_document(built)["ecology"]["policy"] == policy.to_attributes()


def test_a_domain_restricts_every_part() -> None:
    register = load_register()
    research = [e for e in register if e.domain is EngagementDomain.RESEARCH]
    assert 0 < len(research) < len(register)
    built = build_report(register, scope=ReportScope(domain=EngagementDomain.RESEARCH))
    assert built.coverage.selected == len(research)
    assert built.coverage.outside == len(register) - len(research)
    assert built.matrix.domain is EngagementDomain.RESEARCH
    assert built.matrix.total == len(research)
    ids = {e.id for e in research}
    assert {f.engagement_id for f in built.findings} <= ids
    assert built.findings == assess(research)
    # The register's own size is still the whole register's.
    assert built.register.engagements == len(register)


def test_a_period_keeps_what_overlaps_it_and_counts_undated_apart() -> None:
    register = dated_register()
    scope = ReportScope(since=D(2021, 1, 1), until=D(2021, 12, 31))
    built = build_report(register, scope=scope)
    assert [f.engagement_id for f in built.findings] == [
        f.engagement_id
        for f in assess(register)
        if f.engagement_id in {"running", "end-only"}
    ]
    assert built.matrix.total == 2  # "running", and "end-only" (no lower limit)
    # "undated" has neither date: left out, counted apart.
    assert built.coverage == Coverage(total=5, selected=2, undated=1)
    assert built.coverage.outside == 2
    both = ReportScope(domain=EngagementDomain.RESEARCH, since=D(2022, 6, 30))
    assert build_report(register, scope=both).coverage == Coverage(
        total=5, selected=1, undated=0
    )


@settings(max_examples=50)
@given(pms.registers(), pms.report_scopes())
def test_coverage_adds_up(register: Register, scope: ReportScope) -> None:
    built = build_report(register, scope=scope)
    coverage = built.coverage
    assert coverage.selected + coverage.undated + coverage.outside == coverage.total
    assert coverage.outside >= 0
    assert built.matrix.total == coverage.selected
    assert coverage.undated == 0 or scope.dated
    covered = {e.id for e in register if scope.includes(e)}
    assert {f.engagement_id for f in built.findings} <= covered


@given(pms.engagements(), pms.report_scopes())
def test_a_period_follows_the_library_s_one_window_rule(
    engagement: Engagement, scope: ReportScope
) -> None:
    """The report's period agrees with timeline.in_window and timeline.is_dated."""
    dated = ReportScope(since=scope.since, until=scope.until)
    found = dated.includes(engagement)
    if not dated.dated:
        assert found is True
    elif not is_dated(engagement.start, engagement.end):
        assert found is None
    else:
        assert found is in_window(
            engagement.start, engagement.end, since=scope.since, until=scope.until
        )


@pytest.mark.parametrize(
    ("since", "until", "first", "last"),
    [
        ("2020", "2020", D(2020, 1, 1), D(2020, 12, 31)),
        ("2024-02", "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", "2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2021-03-04", "2021-03-05", D(2021, 3, 4), D(2021, 3, 5)),
        (None, "2021", None, D(2021, 12, 31)),
    ],
)
def test_scopes_parse_dates_as_precise_as_given(
    since: str | None, until: str | None, first: D | None, last: D | None
) -> None:
    scope = ReportScope.parse(since=since, until=until)
    assert (scope.since, scope.until) == (first, last)
    assert scope.dated
    assert scope.restricted


def test_scopes_parse_domains_in_either_language() -> None:
    assert ReportScope.parse(domain="Recherche").domain is EngagementDomain.RESEARCH
    assert ReportScope.parse(domain="research").domain is EngagementDomain.RESEARCH
    assert not ReportScope.parse().restricted


@pytest.mark.parametrize(
    "bad", ["20", "2020-13", "2020-02-30", "2020-1-1", " 2020", "x"]
)
def test_malformed_dates_are_refused(bad: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        ReportScope.parse(since=bad)
    assert caught.value.field == "since"


def test_bad_scopes_are_refused() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        ReportScope.parse(since="2022", until="2021")
    assert caught.value.code == "window_order"
    with pytest.raises(VocabularyError):
        ReportScope.parse(domain="gardening")
    with pytest.raises(RecordTypeError):
        ReportScope(since="2020-01-01")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        ReportScope(domain="research")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        build_report(load_register().engagements)  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        build_report(load_register(), scope="research")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError):
        Coverage(total=-1, selected=0)


def test_a_summary_refuses_nan_for_an_undefined_measure() -> None:
    summary = build_report(lonely_register()).ecology
    with pytest.raises(InvalidRecordError):
        attrs.evolve(summary, ei_index=math.nan)
    with pytest.raises(InvalidRecordError):
        attrs.evolve(summary, relation_counts={})
    with pytest.raises(RecordTypeError):
        attrs.evolve(build_report(lonely_register()), findings=["finding"])  # type: ignore[list-item]


# -- undefined measures -------------------------------------------------------------------


def test_an_ecology_without_relations_has_undefined_measures() -> None:
    built = build_report(lonely_register())
    assert built.ecology.relations == 0
    assert built.ecology.ei_index is None
    assert set(built.ecology.relation_shares.values()) == {None}
    assert built.ecology.undefined == {
        "ei_index": "no_relations",
        "relation_shares": "no_relations",
    }
    document = json.loads(report_to_json(built))
    assert document["ecology"]["ei_index"] is None
    assert set(document["ecology"]["relation_shares"].values()) == {None}
    assert document["ecology"]["undefined"]["ei_index"] == "no_relations"
    english = report_to_text(built, "en")
    assert (
        "E-I index of the community/professional partition: n/a (no relations)"
        in english
    )
    assert "Bonding: 0 (n/a)" in english
    french = report_to_text(built, "fr")
    assert f"communauté/professionnels{NBSP}: s.o. (aucune relation)" in french
    assert not re.search(r"\bnan\b", english + french, re.IGNORECASE)


def _no_constant(name: str) -> Any:
    raise AssertionError(f"{name} in the JSON report")


@settings(max_examples=40)
@given(pms.reports(), st.sampled_from(LANGUAGE_TAGS))
def test_json_never_holds_nan_or_infinity(built: Report, lang: str) -> None:
    text = render_report(built, "json", lang)  # type: ignore[arg-type]
    document = json.loads(text, parse_constant=_no_constant)
    ecology = document["ecology"]
    for value in [ecology["ei_index"], *ecology["relation_shares"].values()]:
        assert value is None or math.isfinite(value)
    assert (ecology["ei_index"] is None) == ("ei_index" in ecology["undefined"])
    assert document["scope"]["selected"] == built.coverage.selected


# -- how it is written ------------------------------------------------------------------


def test_matrices_in_json_carry_their_labels() -> None:
    document = report_document(build_report(load_register()), "fr")
    matrix = document["matrix"]
    assert matrix["rows"] == ["micro", "meso", "macro"]
    assert matrix["columns"] == [d.value for d in EngagementDegree]
    assert matrix["column_labels"] == [d.label("fr") for d in EngagementDegree]
    assert matrix["row_labels"] == [level.label("fr") for level in EngagementLevel]
    assert matrix["row_heading"] == "Niveau"
    assert len(matrix["counts"]) == len(matrix["rows"])
    research = document["research_matrix"]
    assert research["row_heading"] == "Étape de recherche"
    assert (
        research["without_stage"]
        == ResearchEngagementMatrix.from_engagements(load_register()).without_stage
    )
    assert document["lang"] == "fr"


def test_text_shows_every_part() -> None:
    register = load_register()
    built = build_report(register)
    text = report_to_text(built, "en")
    assert text.startswith(f"Partnership report: {register.name}\n")
    assert built.matrix.to_text("en") in text
    assert built.research_matrix.to_text("en") in text
    assert f"Assessment findings ({len(built.findings)})" in text
    for finding in built.findings:
        assert finding.engagement_id in text
    assert "classification policy: default (" in text
    assert "Scope" not in text  # not restricted


def test_a_restricted_report_says_what_it_covers() -> None:
    scope = ReportScope.parse(domain="care_and_services", since="2021")
    text = report_to_text(build_report(dated_register(), scope=scope), "en")
    assert "Scope\n" in text
    assert "domain: Care and services" in text
    assert "period: from 2021-01-01\n" in text
    assert "engagements in this report: 2 of 5" in text
    assert (
        "(1 undated engagement (no start or end date) left out, counted apart)" in text
    )
    french = report_to_text(build_report(dated_register(), scope=scope), "fr")
    assert f"période{NBSP}: à partir du 2021-01-01" in french
    assert (
        "(1 engagement non daté (ni début ni fin) laissé de côté, compté à part)"
        in french
    )


@pytest.mark.parametrize("lang", ["fr", "fr-FR", "fr-CA"])
def test_french_reports_follow_french_typography(lang: str) -> None:
    built = build_report(load_register())
    for text in (
        report_to_text(built, lang),  # type: ignore[arg-type]
        report_to_markdown(built, lang),  # type: ignore[arg-type]
    ):
        assert f"{NBSP}%)" in text
        assert " :" not in text
        assert "+0,04" in text
        if lang == "fr-CA":
            assert NNBSP not in text
        assert "Rapport de partenariat" in text


def test_english_reports_have_no_french_spaces() -> None:
    built = build_report(load_register())
    for fmt in ("text", "markdown"):
        text = render_report(built, fmt, "en")
        assert NBSP not in text
        assert NNBSP not in text


def test_markdown_escapes_the_register_s_text() -> None:
    built = build_report(dated_register())
    text = report_to_markdown(built)
    assert text.startswith(r"# Partnership report: Registre \*test\* \| 2024")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert not any(token.type == "em_open" for token in tokens)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings][:2] == ["h1", "h2"]
    assert sum(t.type == "table_open" for t in tokens) == 2


# Generated labels use scripts the default font lacks: matplotlib warns that it
# draws them as boxes, which is what a user should be told, not a failure here.
@pytest.mark.filterwarnings(r"ignore:Glyph \d+ .* missing from font")
@settings(max_examples=25)
@given(pms.reports(), st.sampled_from(REPORT_FORMATS), st.sampled_from(LANGUAGE_TAGS))
def test_every_format_in_every_language(built: Report, fmt: str, lang: str) -> None:
    text = render_report(built, fmt, lang)  # type: ignore[arg-type]
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    if fmt == "json":
        assert (
            json.loads(text)["findings"]
            == json.loads(report_to_json(built))["findings"]
        )
    else:
        assert str(built.coverage.total) in text


def test_render_refuses_what_it_cannot_write() -> None:
    built = build_report(load_register())
    with pytest.raises(VocabularyError):
        render_report(built, "html-soon")
    with pytest.raises(VocabularyError):
        render_report(built, "text", "de")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        render_report(attrs.asdict(built), "text")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        report_document("report")  # type: ignore[arg-type]
