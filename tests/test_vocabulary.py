"""Tests of the controlled vocabularies."""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, strategies as st

import partnership_model as pm
from partnership_model import vocabulary
from partnership_model._enums import OrderedVocabulary, Vocabulary, normalize
from partnership_model.bibliography import BIBLIOGRAPHY
from partnership_model.crosswalks import (
    ArnsteinGroup,
    ArnsteinRung,
    CarmanContinuum,
    CarmanLevel,
    IAP2Level,
)
from partnership_model.metrics import BrokerageRole

ALL_VOCABULARIES: tuple[type[Vocabulary], ...] = (
    *vocabulary.VOCABULARIES,
    CarmanContinuum,
    CarmanLevel,
    IAP2Level,
    ArnsteinGroup,
    ArnsteinRung,
    BrokerageRole,
)
ORDERED = tuple(v for v in ALL_VOCABULARIES if issubclass(v, OrderedVocabulary))
ALL_MEMBERS = [member for cls in ALL_VOCABULARIES for member in cls]
COMPARISONS: list[Callable[[Any, Any], Any]] = [
    operator.lt,
    operator.le,
    operator.gt,
    operator.ge,
]


def _vocabulary_subclasses(cls: type[Vocabulary]) -> set[type[Vocabulary]]:
    found: set[type[Vocabulary]] = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _vocabulary_subclasses(sub)
    return found


def test_every_vocabulary_is_listed() -> None:
    """No vocabulary enum escapes the coverage tests below."""
    defined = {c for c in _vocabulary_subclasses(Vocabulary) if list(c)}
    defined = {c for c in defined if c.__module__.startswith("partnership_model")}
    assert defined == set(ALL_VOCABULARIES)


@pytest.mark.parametrize("cls", ALL_VOCABULARIES, ids=lambda c: c.__name__)
def test_values_are_lowercase_member_names(cls: type[Vocabulary]) -> None:
    for member in cls:
        assert member.value == member.name.lower()
    assert issubclass(cls, enum.Enum)
    assert not issubclass(cls, str)


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=repr)
def test_every_member_has_labels_definitions_and_sources(member: Vocabulary) -> None:
    for lang in ("en", "fr"):
        assert member.label(lang).strip()
        assert len(member.definition(lang)) > 10
    assert member.sources
    assert member.source == member.sources[0]
    for key in member.sources:
        assert key in BIBLIOGRAPHY, f"{member!r} cites unknown source {key!r}"


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=repr)
def test_french_and_english_definitions_differ(member: Vocabulary) -> None:
    """A definition copied into the other language slot is a mistake."""
    assert member.definition("en") != member.definition("fr")


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=repr)
def test_parse_round_trips_every_spelling(member: Vocabulary) -> None:
    cls = type(member)
    spellings = [member.value, member.name, member.label("en"), member.label("fr")]
    spellings += list(member.aliases)
    for spelling in spellings:
        assert cls.parse(spelling) is member
        assert cls.parse(f"  {spelling.upper()}  ") is member


def test_parse_ignores_accents_case_and_spaces() -> None:
    assert pm.EngagementDegree.parse("Partenariat") is pm.EngagementDegree.PARTNERSHIP
    assert (
        pm.EngagementDegree.parse("co-construction") is pm.EngagementDegree.PARTNERSHIP
    )
    assert pm.EngagementLevel.parse(" méso ") is pm.EngagementLevel.MESO
    assert pm.EngagementLevel.parse("MESO") is pm.EngagementLevel.MESO
    assert pm.Role.parse("Pair aidant") is pm.Role.PEER_HELPER
    assert pm.Role.parse("proche-aidante") is pm.Role.FAMILY_CAREGIVER
    assert pm.Leadership.parse("Co-Leadership") is pm.Leadership.CO_LED


def test_parse_returns_a_member_unchanged() -> None:
    assert pm.Role.parse(pm.Role.CITIZEN) is pm.Role.CITIZEN  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad", ["", " ", "partnershp", "partnership!", "micro", 3, None, b"partnership"]
)
def test_parse_rejects_unknown_terms(bad: object) -> None:
    with pytest.raises(pm.VocabularyError) as caught:
        pm.EngagementDegree.parse(bad)  # type: ignore[arg-type]
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, pm.PartnershipModelError)
    assert error.term == bad
    assert error.accepted == pm.EngagementDegree.values()
    assert "partnership" in str(error)


def test_vocabulary_error_suggests_close_matches() -> None:
    with pytest.raises(pm.VocabularyError) as caught:
        pm.EngagementDegree.parse("colaboration")
    assert caught.value.suggestions == ("collaboration",)
    assert "did you mean 'collaboration'" in str(caught.value)


@given(st.sampled_from(ALL_VOCABULARIES), st.text(max_size=30))
def test_parse_of_any_text_returns_a_member_or_raises_vocabulary_error(
    cls: type[Vocabulary], text: str
) -> None:
    caught: pm.VocabularyError | None = None
    try:
        member = cls.parse(text)
    except pm.VocabularyError as error:
        caught = error
    else:
        assert type(member) is cls
        assert normalize(text) in {
            normalize(s)
            for s in (
                member.value,
                member.name,
                member.label("en"),
                member.label("fr"),
                *member.aliases,
            )
        }
    if caught is not None:
        assert caught.term == text


def test_from_value_is_strict() -> None:
    assert (
        pm.EngagementDegree.from_value("partnership") is pm.EngagementDegree.PARTNERSHIP
    )
    with pytest.raises(pm.VocabularyError):
        pm.EngagementDegree.from_value("Partnership")


@pytest.mark.parametrize("lang", ["de", "EN", "", "english"])
def test_unknown_language_is_refused(lang: str) -> None:
    with pytest.raises(pm.VocabularyError) as caught:
        pm.Role.CITIZEN.label(lang)  # type: ignore[arg-type]
    assert caught.value.accepted == ("en", "fr")
    with pytest.raises(pm.VocabularyError):
        pm.Role.CITIZEN.definition(lang)  # type: ignore[arg-type]


# -- ordering ---------------------------------------------------------------------


@given(
    st.sampled_from(ORDERED).flatmap(
        lambda c: st.tuples(*[st.sampled_from(list(c))] * 3)
    )
)
def test_ordering_is_a_total_order_consistent_with_declaration(
    triple: tuple[OrderedVocabulary, OrderedVocabulary, OrderedVocabulary],
) -> None:
    a, b, c = triple
    declared = list(type(a))
    assert (a < b) == (declared.index(a) < declared.index(b))
    assert (a <= b) == (declared.index(a) <= declared.index(b))
    assert (a > b) == (declared.index(a) > declared.index(b))
    assert (a >= b) == (declared.index(a) >= declared.index(b))
    assert (a < b) or (a == b) or (a > b)  # totality
    assert not (a < b < a)  # antisymmetry
    if a <= b <= c:
        assert a <= c  # transitivity
    assert a.rank == declared.index(a) + 1


@pytest.mark.parametrize("cls", ORDERED, ids=lambda c: c.__name__)
def test_sorted_max_min_follow_declaration(cls: type[OrderedVocabulary]) -> None:
    declared = list(cls)
    shuffled = declared[1::2] + declared[0::2]
    assert sorted(shuffled) == declared
    assert max(declared) is declared[-1]
    assert min(declared) is declared[0]


def test_the_montreal_continuum() -> None:
    d = pm.EngagementDegree
    assert d.INFORMATION < d.CONSULTATION < d.COLLABORATION < d.PARTNERSHIP
    assert max([d.CONSULTATION, d.PARTNERSHIP, d.INFORMATION]) is d.PARTNERSHIP
    lv = pm.EngagementLevel
    assert lv.MICRO < lv.MESO < lv.MACRO
    r = pm.RelationType
    assert max({r.BRIDGING, r.LINKING}) is r.LINKING


@pytest.mark.parametrize("compare", COMPARISONS)
def test_comparing_with_another_vocabulary_or_text_raises(
    compare: Callable[[Any, Any], Any],
) -> None:
    with pytest.raises(TypeError):
        compare(pm.EngagementDegree.PARTNERSHIP, pm.EngagementLevel.MACRO)
    with pytest.raises(TypeError):
        compare(pm.EngagementDegree.PARTNERSHIP, "partnership")
    with pytest.raises(TypeError):
        compare(pm.EngagementDegree.PARTNERSHIP, 4)


def test_nominal_vocabularies_are_not_ordered() -> None:
    with pytest.raises(TypeError):
        _ = pm.Role.CITIZEN < pm.Role.CLINICIAN  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = pm.EngagementDomain.RESEARCH < pm.EngagementDomain.GOVERNANCE  # type: ignore[operator]


def test_equality_is_identity_not_value() -> None:
    text: object = "partnership"
    other: object = pm.Sphere.COMMUNITY
    assert text != pm.EngagementDegree.PARTNERSHIP
    assert other != pm.RelationType.BONDING


# -- roles, domains and other attached facts ----------------------------------------


def test_roles_have_a_sphere_and_a_default_authority_level() -> None:
    assert pm.Role.CLINICIAN.level is pm.EngagementLevel.MICRO
    assert pm.Role.MANAGER.level is pm.EngagementLevel.MESO
    assert pm.Role.DECISION_MAKER.level is pm.EngagementLevel.MACRO
    assert pm.Role.THIRD_PARTY.sphere is pm.Sphere.PROFESSIONAL
    community = [r for r in pm.Role if r.sphere is pm.Sphere.COMMUNITY]
    assert pm.Role.PATIENT_PARTNER in community
    assert all(r.level is pm.EngagementLevel.MICRO for r in community)
    for role in pm.Role:
        assert type(role.sphere) is pm.Sphere
        assert type(role.level) is pm.EngagementLevel


def test_required_roles_exist() -> None:
    required = [
        "PATIENT_PARTNER",
        "PEER_HELPER",
        "PEER_COMPANION",
        "RESOURCE_PATIENT_TESTIMONY",
        "RESOURCE_PATIENT_PATHWAY",
        "PATIENT_TRAINER",
        "PATIENT_RESEARCHER",
        "PATIENT_COORDINATOR",
        "USER_REPRESENTATIVE",
        "EXPERT_PATIENT",
        "ASSOCIATION_VOLUNTEER",
        "FAMILY_CAREGIVER",
        "CITIZEN",
        "CLINICIAN",
        "MANAGER",
        "RESEARCHER",
        "EDUCATOR",
        "DECISION_MAKER",
        "THIRD_PARTY",
    ]
    assert set(required) <= {role.name for role in pm.Role}


def test_every_domain_maps_to_a_montreal_field() -> None:
    fields = {domain: domain.field for domain in pm.EngagementDomain}
    assert fields[pm.EngagementDomain.RESEARCH] is pm.MontrealField.RESEARCH
    assert fields[pm.EngagementDomain.EDUCATION] is pm.MontrealField.EDUCATION
    assert fields[pm.EngagementDomain.POLITICAL_INFLUENCE] is pm.MontrealField.CARE
    assert set(fields.values()) == set(pm.MontrealField)


def test_knowledge_types_have_an_interpretive_proposed_source() -> None:
    for kind in pm.KnowledgeType:
        assert type(kind.proposed_source) is pm.KnowledgeSource
        assert kind.interpretive
    assert set(vocabulary.PROPOSED_KNOWLEDGE_SOURCES) == set(pm.KnowledgeType)


def test_tiers_actions_split_in_two_families() -> None:
    families = {action.family for action in pm.TiersAction}
    assert families == set(pm.TiersActionFamily)
    assert (
        pm.TiersAction.REQUIRE_CO_LEADERSHIP.family is pm.TiersActionFamily.INTERVENTION
    )
    assert pm.TiersAction.DEFINE_ROLES.family is pm.TiersActionFamily.SUPPORT


def test_upstream_stages_and_phases() -> None:
    assert pm.ResearchStage.PRIORITY_SETTING.is_upstream
    assert not pm.ResearchStage.DATA_COLLECTION.is_upstream
    assert not pm.ResearchStage.RESEARCH_GOVERNANCE.is_upstream
    assert pm.ProjectPhase.DESIGN.is_upstream
    assert not pm.ProjectPhase.IMPLEMENTATION.is_upstream


def test_definitions_are_not_copied_between_members() -> None:
    seen: dict[str, Vocabulary] = {}
    for member in ALL_MEMBERS:
        definition = member.definition("en")
        assert definition not in seen or type(seen[definition]) is not type(member)
        seen[definition] = member


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=repr)
def test_proposed_labels_name_real_languages(member: Vocabulary) -> None:
    assert set(member.proposed_labels) <= {"en", "fr"}
    assert len(set(member.proposed_labels)) == len(member.proposed_labels)


def test_translations_the_sources_lack_are_flagged() -> None:
    """The brief marks these labels as the project's proposals."""
    assert all(t.proposed_labels == ("fr",) for t in pm.RelationType)
    assert all(a.proposed_labels == ("en",) for a in pm.TiersAction)
    assert pm.EngagementDegree.PARTNERSHIP.proposed_labels == ()
