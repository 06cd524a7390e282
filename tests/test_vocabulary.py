"""Tests of the controlled vocabularies and of the checks on their data files."""

from __future__ import annotations

import copy
import enum
import json
import operator
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, strategies as st

import partnership_model as pm
from partnership_model import _datacheck, _enums, _termfiles, vocabulary
from partnership_model._data import read_data_json
from partnership_model._enums import OrderedVocabulary, Vocabulary, normalize
from partnership_model._termfiles import build_table, parse_terms, terms_file
from partnership_model.exceptions import DataFileError

ALL_VOCABULARIES: tuple[type[Vocabulary], ...] = tuple(
    v for v in _datacheck.vocabularies() if issubclass(v, Vocabulary)
)
ORDERED = tuple(v for v in ALL_VOCABULARIES if issubclass(v, OrderedVocabulary))
COMPARISONS: list[Callable[[Any, Any], Any]] = [
    operator.lt,
    operator.le,
    operator.gt,
    operator.ge,
]
SOURCES = frozenset({"Pomey2015", "Boivin2022", "SSAQuebec2023"})


def _vocabulary_subclasses(cls: type[Vocabulary]) -> set[type[Vocabulary]]:
    found: set[type[Vocabulary]] = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _vocabulary_subclasses(sub)
    return found


def shipped(cls: type[enum.Enum]) -> Any:
    """The parsed terms file of *cls*, as the package ships it."""
    path = resources.files("partnership_model").joinpath("data", terms_file(cls))
    return parse_terms(path.read_text(encoding="utf-8"))


# -- every shipped file passes, and every vocabulary has one --------------------------


def test_every_data_file_passes_its_checks() -> None:
    report = _datacheck.check_all()
    assert report.errors == ()
    assert report.vocabularies == len(ALL_VOCABULARIES)
    assert report.terms == sum(len(v) for v in ALL_VOCABULARIES)
    assert report.references > 0
    assert report.crosswalks > 0


def test_every_vocabulary_is_checked() -> None:
    """No vocabulary enum of the package escapes the data-file checks."""
    defined = {c for c in _vocabulary_subclasses(Vocabulary) if list(c)}
    defined = {c for c in defined if c.__module__.startswith("partnership_model")}
    assert defined == set(ALL_VOCABULARIES)


def test_the_check_command_reports_success_and_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _datacheck.main() == 0
    assert capsys.readouterr().out.startswith("ok: ")

    real = read_data_json

    def broken(file: str, problems: Any) -> Any:
        document = real(file, problems)
        if file == "terms/role.json":
            del document["terms"]["citizen"]["label"]["fr"]
        return document

    monkeypatch.setattr(_datacheck, "read_data_json", broken)
    assert _datacheck.main() == 1
    out = capsys.readouterr().out
    assert "terms/role.json: $.terms.citizen.label.fr: missing label in French" in out
    assert "[missing_label]" in out


def test_the_check_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "partnership_model.data"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: ")


def test_shipped_files_follow_their_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = resources.files("partnership_model").joinpath("data")
    schema = json.loads(data.joinpath("terms.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for cls in ALL_VOCABULARIES:
        assert list(validator.iter_errors(shipped(cls))) == [], cls.__name__


# -- loading is lazy and happens once ------------------------------------------------


def test_importing_reads_no_data_file() -> None:
    code = (
        "import partnership_model.vocabulary as v, partnership_model.crosswalks, "
        "partnership_model._termfiles as t, partnership_model.bibliography as b; "
        "v.Role.MANAGER.value; v.EngagementDegree('partnership'); "
        "print(len(t._TABLES), b.BIBLIOGRAPHY._data is None)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "True"]


def test_a_vocabulary_is_read_once_on_first_use() -> None:
    first = _termfiles.table(pm.Sphere)
    assert pm.Sphere.COMMUNITY.term is first.terms[pm.Sphere.COMMUNITY]
    assert _termfiles.table(pm.Sphere) is first


# -- the load-time check refuses each fault, naming file and path ---------------------


class Colour(Vocabulary):
    """A vocabulary for the checker's tests."""

    RED = "red"
    GREEN = "green"


class Shade(Vocabulary):
    """A second vocabulary, used as a facet of the first."""

    LIGHT = "light"
    DARK = "dark"


def colour_document() -> dict[str, Any]:
    def term(en: str, fr: str) -> dict[str, Any]:
        return {
            "iri": f"urn:partnership-model:vocabulary:colour:{en.lower()}",
            "label": {"en": en, "fr": fr},
            "definition": {"en": f"The colour {en}.", "fr": f"La couleur {fr}."},
            "sources": ["Boivin2022"],
            "aliases": [f"{en} colour"],
            "facets": {"shade": "dark"},
        }

    return {
        "vocabulary": "Colour",
        "module": __name__,
        "iri": "urn:partnership-model:vocabulary:colour",
        "facets": {"shade": "Shade"},
        "terms": {"red": term("Red", "Rouge"), "green": term("Green", "Vert")},
    }


def problems_of(document: Any) -> list[tuple[str, str]]:
    """Build Colour from *document*; return the (path, code) of every problem."""
    with pytest.raises(DataFileError) as caught:
        build_table(Colour, document, file="terms/colour.json", sources=SOURCES)
    error = caught.value
    assert error.file == "terms/colour.json"
    assert str(error).startswith("terms/colour.json: ")
    assert isinstance(error, pm.ValidationError)
    return [(p.path, p.code) for p in error.problems]


def test_a_valid_document_builds() -> None:
    table = build_table(
        Colour, colour_document(), file="terms/colour.json", sources=SOURCES
    )
    assert table.terms[Colour.RED].label_fr == "Rouge"
    assert table.facets["shade"][Colour.GREEN] is Shade.DARK
    assert table.index["red colour"] is Colour.RED


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["terms"]["red"]["label"].pop("fr"),
            ("$.terms.red.label.fr", "missing_label"),
        ),
        (
            lambda d: d["terms"]["red"]["label"].pop("en"),
            ("$.terms.red.label.en", "missing_label"),
        ),
        (
            lambda d: d["terms"]["green"]["label"].update(fr="  "),
            ("$.terms.green.label.fr", "missing_label"),
        ),
        (
            lambda d: d["terms"]["red"]["definition"].pop("fr"),
            ("$.terms.red.definition.fr", "missing_definition"),
        ),
        (
            lambda d: d["terms"]["red"].pop("definition"),
            ("$.terms.red.definition", "missing_key"),
        ),
        (
            lambda d: d["terms"]["red"]["definition"].update(fr="The colour Red."),
            ("$.terms.red.definition.fr", "untranslated_definition"),
        ),
        (
            lambda d: d["terms"]["red"]["sources"].append("Nobody1999"),
            ("$.terms.red.sources[1]", "unknown_source"),
        ),
        (
            lambda d: d["terms"]["red"].update(sources=[]),
            ("$.terms.red.sources", "no_source"),
        ),
        (
            lambda d: d["terms"].update(blue=copy.deepcopy(d["terms"]["red"])),
            ("$.terms.blue", "unknown_member"),
        ),
        (lambda d: d["terms"].pop("green"), ("$.terms", "missing_member")),
        (
            lambda d: d["terms"]["green"]["aliases"].append("RED-colour"),
            ("$.terms.green.aliases[1]", "duplicate_alias"),
        ),
        (
            lambda d: d["terms"]["green"]["label"].update(fr="Rouge"),
            ("$.terms.green.label.fr", "duplicate_alias"),
        ),
        (
            lambda d: d["terms"]["green"]["aliases"].append(" - _ "),
            ("$.terms.green.aliases[1]", "blank_alias"),
        ),
        (
            lambda d: d["terms"]["red"]["label"].update(de="Rot"),
            ("$.terms.red.label.de", "unknown_language"),
        ),
        (
            lambda d: d["terms"]["red"].update(colour="red"),
            ("$.terms.red.colour", "unknown_key"),
        ),
        (
            lambda d: d["terms"]["red"].update(interpretive="yes"),
            ("$.terms.red.interpretive", "wrong_type"),
        ),
        (
            lambda d: d["terms"]["red"].update(proposed_labels=["fr", "fr"]),
            ("$.terms.red.proposed_labels[1]", "invalid_value"),
        ),
        (
            lambda d: d["terms"]["red"]["facets"].update(shade="pale"),
            ("$.terms.red.facets.shade", "invalid_value"),
        ),
        (
            lambda d: d["terms"]["red"]["facets"].pop("shade"),
            ("$.terms.red.facets.shade", "missing_key"),
        ),
        (
            lambda d: d["facets"].update(shade="Hue"),
            ("$.facets.shade", "unknown_vocabulary"),
        ),
        (
            lambda d: d.update(vocabulary="Hue"),
            ("$.vocabulary", "wrong_vocabulary"),
        ),
        (
            lambda d: d["terms"].update(red=["Red"]),
            ("$.terms.red", "wrong_type"),
        ),
    ],
    ids=lambda value: value[1] if isinstance(value, tuple) else "",
)
def test_the_check_refuses_each_fault(
    edit: Callable[[dict[str, Any]], object], expected: tuple[str, str]
) -> None:
    document = colour_document()
    edit(document)
    assert expected in problems_of(document)


def test_the_check_reports_every_problem_at_once() -> None:
    document = colour_document()
    document["terms"]["red"]["label"].pop("fr")
    document["terms"]["green"]["sources"] = ["Nobody1999"]
    assert problems_of(document) == [
        ("$.terms.red.label.fr", "missing_label"),
        ("$.terms.green.sources[0]", "unknown_source"),
    ]


def test_the_check_refuses_keys_written_twice() -> None:
    text = json.dumps(colour_document()).replace(
        '"label": {"en": "Red",', '"label": {"en": "Red", "en": "Redd",', 1
    )
    assert ("$.terms.red.label.en", "duplicate_key") in problems_of(parse_terms(text))


def test_a_file_that_is_not_json_is_refused_with_its_line() -> None:
    with pytest.raises(DataFileError) as caught:
        parse_terms('{"terms": ', file="terms/colour.json")
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("$", "invalid_json")
    assert "line 1" in problem.message


def test_a_duplicate_alias_names_both_members() -> None:
    document = shipped(pm.EngagementDegree)
    document["terms"]["information"]["aliases"].append("Co-Construction")
    with pytest.raises(DataFileError) as caught:
        build_table(pm.EngagementDegree, document, file="terms/engagement_degree.json")
    (problem,) = caught.value.problems
    # Reported where the second spelling sits: the later member's own alias.
    assert problem.path == "$.terms.partnership.aliases[0]"
    assert "INFORMATION" in problem.message
    assert "PARTNERSHIP" in problem.message


def test_a_shipped_file_with_a_wrong_source_is_refused() -> None:
    document = shipped(pm.Role)
    document["terms"]["citizen"]["sources"] = ["SSAQuebec2023", "Nobody1999"]
    with pytest.raises(DataFileError) as caught:
        build_table(pm.Role, document, file="terms/role.json")
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("$.terms.citizen.sources[1]", "unknown_source")
    ]


# -- parsing -------------------------------------------------------------------------


def test_parse_accepts_every_spelling_of_every_member() -> None:
    for cls in ALL_VOCABULARIES:
        for member in cls:
            term = member.term
            for spelling in (member.value, member.name, *term.labels, *term.aliases):
                assert cls.parse(spelling) is member, (member, spelling)
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


def test_parse_reads_the_typeset_labels_too() -> None:
    family = pm.TiersActionFamily.INTERVENTION
    assert pm.TiersActionFamily.parse(family.label("fr")) is family
    assert pm.TiersActionFamily.parse(family.label("fr-CA")) is family


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
        term = member.term
        assert normalize(text) in {
            normalize(s)
            for s in (member.value, member.name, *term.labels, *term.aliases)
        }
    if caught is not None:
        assert caught.term == text


def test_from_value_is_strict() -> None:
    assert (
        pm.EngagementDegree.from_value("partnership") is pm.EngagementDegree.PARTNERSHIP
    )
    with pytest.raises(pm.VocabularyError):
        pm.EngagementDegree.from_value("Partnership")


# -- languages -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en-US", "", "english", "fr-BE", 3, None])
def test_unknown_language_is_refused(lang: object) -> None:
    with pytest.raises(pm.VocabularyError) as caught:
        pm.Role.CITIZEN.label(lang)  # type: ignore[arg-type]
    assert caught.value.accepted == ("en", "fr", "fr-FR", "fr-CA")
    with pytest.raises(pm.VocabularyError):
        pm.Role.CITIZEN.definition(lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["fr", "FR", "fr-FR", "fr_fr", "fr-CA", "FR-ca"])
def test_french_tags_are_accepted_whatever_their_case(lang: str) -> None:
    assert pm.Role.CITIZEN.label(lang) == "Citoyen"  # type: ignore[arg-type]


def test_french_labels_and_definitions_are_typeset() -> None:
    family = pm.TiersActionFamily.INTERVENTION
    assert family.term.label_fr == "Intervention : réduire les asymétries"
    assert family.label("fr") == "Intervention\u00a0: réduire les asymétries"
    assert family.label("fr-CA") == "Intervention\u00a0: réduire les asymétries"
    assert family.label("en") == family.term.label_en
    definition = pm.EngagementDegree.PARTNERSHIP.definition("fr")
    assert "leadership\u202f; le savoir" in definition
    assert "leadership; le savoir" in pm.EngagementDegree.PARTNERSHIP.definition(
        "fr-CA"
    )


def test_a_regional_wording_overrides_the_language_and_falls_back() -> None:
    document = colour_document()
    document["terms"]["red"]["label"]["fr-CA"] = "Rouge (Québec)"
    document["terms"]["red"]["definition"]["fr-CA"] = "La couleur rouge ?"
    table = build_table(Colour, document, file="terms/colour.json", sources=SOURCES)
    red = table.terms[Colour.RED]
    assert red.label("fr-CA") == "Rouge (Québec)"
    assert red.label("fr") == red.label("fr-FR") == "Rouge"
    assert red.definition("fr-CA") == "La couleur rouge?"
    assert table.terms[Colour.GREEN].label("fr-CA") == "Vert"
    assert table.index[normalize("Rouge (Québec)")] is Colour.RED


# -- ordering ------------------------------------------------------------------------


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


# -- facets: roles, domains and other attached facts ---------------------------------


def test_roles_have_a_sphere_and_a_default_authority() -> None:
    assert pm.Role.THIRD_PARTY.sphere is pm.Sphere.PROFESSIONAL
    community = [r for r in pm.Role if r.sphere is pm.Sphere.COMMUNITY]
    assert pm.Role.PATIENT_PARTNER in community
    assert all(r.authority is pm.Authority.MEMBER for r in community)
    for role in pm.Role:
        assert type(role.sphere) is pm.Sphere
        assert type(role.authority) is pm.Authority


def test_role_level_is_deprecated_and_keeps_its_1_0_value() -> None:
    """``Role.level`` warns and still gives format 1.0's reading of the role."""
    with pytest.warns(DeprecationWarning, match=r"Role\.authority"):
        assert pm.Role.MANAGER.level is pm.EngagementLevel.MESO
    with pytest.warns(DeprecationWarning, match="Role.level"):
        levels = {role: role.level for role in pm.Role}
    from partnership_model._migration import AUTHORITY_FOR_LEVEL

    assert all(AUTHORITY_FOR_LEVEL[levels[r]] is r.authority for r in pm.Role)


def test_role_authority_defaults() -> None:
    assert pm.Role.MANAGER.authority is pm.Authority.MANAGERIAL
    assert pm.Role.THIRD_PARTY.authority is pm.Authority.MANAGERIAL
    assert pm.Role.DECISION_MAKER.authority is pm.Authority.PUBLIC_AUTHORITY
    others = set(pm.Role) - {
        pm.Role.MANAGER,
        pm.Role.THIRD_PARTY,
        pm.Role.DECISION_MAKER,
    }
    assert {role.authority for role in others} == {pm.Authority.MEMBER}


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
    assert (
        vocabulary.PROPOSED_KNOWLEDGE_SOURCES[pm.KnowledgeType.NAVIGATION]
        is pm.KnowledgeSource.SYSTEM
    )


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


def test_a_facet_of_the_wrong_kind_is_a_type_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert pm.Role.CITIZEN.sphere is pm.Sphere.COMMUNITY
    facets: dict[tuple[enum.Enum, str], object] = _enums._FACETS
    key: tuple[enum.Enum, str] = (pm.Role.CITIZEN, "sphere")
    monkeypatch.setitem(facets, key, "community")
    with pytest.raises(TypeError, match="sphere"):
        _ = pm.Role.CITIZEN.sphere


# -- the corrections of the fidelity review (issue 12) -------------------------------


def test_bonding_at_the_same_authority_is_flagged_as_our_rule() -> None:
    assert pm.RelationType.BONDING.interpretive
    assert "own rule" in pm.RelationType.BONDING.definition("en")


def test_french_names_of_the_relation_types_are_cited() -> None:
    labels = [r.label("fr") for r in pm.RelationType]
    assert labels == [
        "Liens d'attachement (bonding)",
        "Liens d'accointance (bridging)",
        "Liens verticaux (linking)",
    ]
    for relation in pm.RelationType:
        assert "IntersectionCapitalSocial" in relation.sources
        assert relation.proposed_labels == ()
    assert pm.RelationType.parse("liens de rattachement") is pm.RelationType.LINKING
    assert pm.RelationType.parse("liens de passerelle") is pm.RelationType.BRIDGING


def test_quebec_and_french_aliases() -> None:
    assert pm.Role.parse("usager partenaire") is pm.Role.PATIENT_PARTNER
    assert pm.Role.parse("Médiateur de santé-pair") is pm.Role.PEER_HELPER
    assert pm.Role.parse("patient ressource") is pm.Role.RESOURCE_PATIENT_PATHWAY
    assert pm.Role.PATIENT_ADVISOR.label("fr") == (
        "Patient partenaire en amélioration continue de la qualité"
    )


def test_advocacy_no_longer_reads_as_political_influence() -> None:
    with pytest.raises(pm.VocabularyError):
        pm.EngagementDomain.parse("advocacy")


def test_leadership_labels_say_who_carries_it() -> None:
    assert pm.Leadership.PROFESSIONAL_LED.label("fr") == "Porté par les professionnels"
    assert pm.Leadership.PATIENT_LED.label("fr") == "Porté par les patients"
    assert pm.Leadership.parse("leadership professionnel") is (
        pm.Leadership.PROFESSIONAL_LED
    )


# -- the new vocabularies ------------------------------------------------------------


def test_what_a_participant_brings() -> None:
    assert [c.value for c in pm.ContributionSought] == [
        "perspective",
        "direct_experience",
        "experiential_knowledge",
        "other",
    ]
    assert pm.ContributionSought.parse("savoirs expérientiels") is (
        pm.ContributionSought.EXPERIENTIAL_KNOWLEDGE
    )
    assert pm.ExperienceCapacity.parse("proche aidante") is (
        pm.ExperienceCapacity.CAREGIVER
    )
    assert pm.HealthConditionKind.parse("santé mentale") is (
        pm.HealthConditionKind.MENTAL
    )
    for cls in (pm.ContributionSought, pm.ExperienceCapacity, pm.HealthConditionKind):
        assert cls in vocabulary.VOCABULARIES
        assert not issubclass(cls, OrderedVocabulary)
