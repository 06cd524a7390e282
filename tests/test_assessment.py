"""Tests of the assessment rules: each rule has a case that triggers it and one that does not."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

from partnership_model import (
    RULES,
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Finding,
    InvalidRecordError,
    Leadership,
    Participant,
    ProjectPhase,
    RecognitionModality,
    RecordTypeError,
    Register,
    ResearchStage,
    Role,
    Rule,
    Severity,
    StageDegree,
    TiersAction,
    UnknownReferenceError,
    assess,
    strategies as pms,
)
from partnership_model._messages import message
from partnership_model.assessment import rule
from partnership_model.bibliography import BIBLIOGRAPHY
from partnership_model.examples import load_register

PARTNER = Participant(person_id="pp", role=Role.PATIENT_PARTNER, decision_role=True)
CLINICIAN = Participant(person_id="cl", role=Role.CLINICIAN)
TIERS = Participant(person_id="ti", role=Role.THIRD_PARTY)


def _at_partnership(*stages: ResearchStage) -> list[StageDegree]:
    """Research stages at the exemplary engagement's degree."""
    return [StageDegree(stage=s, degree=EngagementDegree.PARTNERSHIP) for s in stages]


def exemplary(**overrides: Any) -> Engagement:
    """An engagement that follows every piece of guidance: no finding at all."""
    fields: dict[str, Any] = {
        "id": "good",
        "title": "Co-led pathway redesign",
        "domain": EngagementDomain.CARE_AND_SERVICES,
        "level": EngagementLevel.MESO,
        "degree": EngagementDegree.PARTNERSHIP,
        "leadership": Leadership.CO_LED,
        "participants": [
            PARTNER,
            Participant(person_id="fc", role=Role.FAMILY_CAREGIVER),
            CLINICIAN,
            TIERS,
        ],
        "recognition": [RecognitionModality.REMUNERATION],
        "partners_joined_at": ProjectPhase.PROBLEM_FRAMING,
        "trained_together": True,
        "evaluated_together": True,
        "tiers_actions": [TiersAction.REQUIRE_CO_LEADERSHIP],
    }
    fields.update(overrides)
    return Engagement(**fields)


def codes(engagement: Engagement) -> set[str]:
    return {finding.code for finding in assess(engagement)}


def test_the_exemplary_engagement_has_no_finding() -> None:
    assert assess(exemplary()) == ()


# Each case: (rule code, overrides that trigger it, overrides that look close but do not).
CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "missing_co_leadership",
        {"leadership": Leadership.PROFESSIONAL_LED},
        {
            "leadership": Leadership.PROFESSIONAL_LED,
            "degree": EngagementDegree.COLLABORATION,
        },
    ),
    (
        "missing_co_leadership",
        {"leadership": Leadership.PATIENT_LED},
        {"leadership": Leadership.CO_LED},
    ),
    (
        "possible_instrumentalisation",
        {
            "participants": [
                attrs.evolve(PARTNER, decision_role=False),
                CLINICIAN,
                TIERS,
            ]
        },
        {
            "participants": [
                attrs.evolve(PARTNER, decision_role=False),
                CLINICIAN,
                TIERS,
            ],
            "degree": EngagementDegree.COLLABORATION,
        },
    ),
    (
        "no_community_participant",
        {"participants": [CLINICIAN, TIERS]},
        {"participants": [PARTNER, CLINICIAN, TIERS]},
    ),
    (
        "late_involvement",
        {"partners_joined_at": ProjectPhase.IMPLEMENTATION},
        {"partners_joined_at": ProjectPhase.DESIGN},
    ),
    (
        "late_involvement",
        {
            "partners_joined_at": None,
            "research_stages": _at_partnership(
                ResearchStage.DATA_COLLECTION, ResearchStage.DISSEMINATION
            ),
        },
        {
            "partners_joined_at": None,
            "research_stages": _at_partnership(
                ResearchStage.DESIGN, ResearchStage.DISSEMINATION
            ),
        },
    ),
    (
        "no_recognition",
        {"recognition": []},
        {"recognition": [], "degree": EngagementDegree.INFORMATION},
    ),
    (
        "single_profile",
        {
            "participants": [
                PARTNER,
                Participant(person_id="pp2", role=Role.PATIENT_PARTNER),
                CLINICIAN,
                TIERS,
            ]
        },
        {"participants": [PARTNER, CLINICIAN, TIERS]},
    ),
    (
        "not_trained_together",
        {"trained_together": False},
        {"trained_together": None},
    ),
    (
        "not_evaluated_together",
        {"evaluated_together": False},
        {"evaluated_together": None},
    ),
    (
        "no_tiers_support",
        {"participants": [PARTNER, CLINICIAN], "tiers_actions": []},
        {"participants": [PARTNER, CLINICIAN]},
    ),
    (
        "ambiguous_expert_label",
        {
            "participants": [
                PARTNER,
                Participant(person_id="x", role=Role.EXPERT_PATIENT),
                TIERS,
            ]
        },
        {
            "participants": [
                PARTNER,
                Participant(person_id="x", role=Role.PATIENT_TRAINER),
                TIERS,
            ]
        },
    ),
    (
        "consider_higher_degree",
        {
            "degree": EngagementDegree.CONSULTATION,
            "leadership": Leadership.PROFESSIONAL_LED,
        },
        {
            "degree": EngagementDegree.COLLABORATION,
            "leadership": Leadership.PROFESSIONAL_LED,
        },
    ),
]


@pytest.mark.parametrize(("code", "trigger", "near_miss"), CASES)
def test_rule_triggers_and_near_miss(
    code: str, trigger: dict[str, Any], near_miss: dict[str, Any]
) -> None:
    assert code in codes(exemplary(**trigger))
    assert code not in codes(exemplary(**near_miss))


def test_every_rule_has_a_test_case() -> None:
    assert {r.code for r in RULES} == {code for code, _, _ in CASES}


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rules_are_documented_and_cite_known_sources(r: Rule) -> None:
    assert r.message("en") != r.message("fr")
    assert r.sources
    assert all(key in BIBLIOGRAPHY for key in r.sources)
    assert rule(r.code) is r


def test_codes_are_unique_and_rules_sorted_by_severity() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    severities = [r.severity for r in RULES]
    assert severities == sorted(severities, reverse=True)


def test_finding_carries_everything_a_report_needs() -> None:
    (finding,) = assess(exemplary(leadership=Leadership.PROFESSIONAL_LED))
    assert finding == Finding(
        code="missing_co_leadership",
        severity=Severity.WARNING,
        engagement_id="good",
        message_en=rule("missing_co_leadership").message_en,
        message_fr=rule("missing_co_leadership").message_fr,
        sources=rule("missing_co_leadership").sources,
    )
    assert finding.message("fr").startswith("Un engagement de degré partenariat")


def test_rules_can_be_filtered_and_extended() -> None:
    engagement = exemplary(leadership=Leadership.PATIENT_LED, trained_together=False)
    serious = [r for r in RULES if r.severity >= Severity.WARNING]
    assert {f.code for f in assess(engagement, rules=serious)} == {
        "missing_co_leadership"
    }
    untitled = Rule(
        code="short_title",
        severity=Severity.INFO,
        check=lambda e: len(e.title) < 10,
        message_en="Title is short.",
        message_fr="Le titre est court.",
        sources=["partnership_model"],
    )
    assert [
        f.code for f in assess(exemplary(title="Short"), rules=[*RULES, untitled])
    ] == ["short_title"]


def test_findings_follow_register_then_rule_order() -> None:
    register = load_register()
    findings = assess(register)
    order = {e.id: i for i, e in enumerate(register)}
    rule_order = {r.code: i for i, r in enumerate(RULES)}
    keys = [(order[f.engagement_id], rule_order[f.code]) for f in findings]
    assert keys == sorted(keys)
    assert assess(register.engagements) == findings


@given(pms.registers())
def test_assess_never_fails_on_valid_registers(register: Register) -> None:
    findings = assess(register)
    ids = {e.id for e in register.engagements}
    assert all(f.engagement_id in ids for f in findings)


def test_invalid_rules_and_targets_are_refused() -> None:
    with pytest.raises(InvalidRecordError):
        Rule(
            code="Bad Code",
            severity=Severity.INFO,
            check=lambda e: True,
            message_en="x",
            message_fr="y",
            sources=["partnership_model"],
        )
    with pytest.raises(RecordTypeError):
        assess(exemplary(), rules=["no_recognition"])  # type: ignore[list-item]
    with pytest.raises(RecordTypeError):
        assess(["not an engagement"])  # type: ignore[list-item]
    with pytest.raises(UnknownReferenceError):
        rule("no_such_rule")


# -- messages: the catalogue for built-in rules, literal text for your own ----------------


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_built_in_messages_come_from_the_catalogue(r: Rule) -> None:
    assert r.message("en") == message(f"assessment.{r.code}", "en")
    assert r.message("fr-CA") == message(f"assessment.{r.code}", "fr-CA")
    assert r.message_en == r.message("en")
    assert r.message_fr == r.message("fr")


def test_french_messages_are_typeset_for_each_region() -> None:
    r = rule("possible_instrumentalisation")
    assert "décisionnel\u00a0: vérifier" in r.message("fr")
    (finding,) = assess(
        exemplary(degree=EngagementDegree.PARTNERSHIP, participants=[])
    )[:1]
    assert finding.message_fr == finding.message("fr")
    assert "\u202f" not in rule("ambiguous_expert_label").message("fr-CA")
    assert "«\u00a0patient expert\u00a0»" in rule("ambiguous_expert_label").message(
        "fr"
    )


def test_a_rule_of_your_own_keeps_its_literal_messages() -> None:
    mine = Rule(
        code="short_title",
        severity=Severity.INFO,
        check=lambda e: len(e.title) < 10,
        message_en="Title is short: lengthen it.",
        message_fr="Le titre est court : l'allonger.",
        sources=["partnership_model"],
    )
    assert mine.message("en") == "Title is short: lengthen it."
    assert mine.message_en == "Title is short: lengthen it."
    assert mine.message("fr") == "Le titre est court\u00a0: l'allonger."
    (finding,) = assess(exemplary(title="Short"), rules=[mine])
    assert finding.message("fr-CA") == "Le titre est court\u00a0: l'allonger."
    renamed = attrs.evolve(
        rule("no_recognition"), code="my_recognition", message_en="a", message_fr="b"
    )
    assert renamed.message("fr") == "b"


def test_a_rule_needs_both_messages_or_neither() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        Rule(
            code="half",
            severity=Severity.INFO,
            check=lambda e: True,
            message_en="only English",
            sources=["partnership_model"],
        )
    assert caught.value.field == "message_fr"
    with pytest.raises(InvalidRecordError):
        Rule(
            code="half",
            severity=Severity.INFO,
            check=lambda e: True,
            message_fr="seulement en français",
            sources=["partnership_model"],
        )
    nameless = Rule(
        code="not_in_the_catalogue",
        severity=Severity.INFO,
        check=lambda e: True,
        sources=["partnership_model"],
    )
    with pytest.raises(UnknownReferenceError):
        nameless.message("en")


def test_an_unrecorded_leadership_is_not_a_missing_co_leadership() -> None:
    """Leadership is optional in format 1.1: unknown is not "not co-led"."""
    assert "missing_co_leadership" in codes(
        exemplary(leadership=Leadership.PROFESSIONAL_LED)
    )
    assert "missing_co_leadership" not in codes(exemplary(leadership=None))
