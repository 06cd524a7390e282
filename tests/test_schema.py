"""Tests of the generated JSON Schemas: validity, agreement with loading, shipping."""

from __future__ import annotations

import copy
import json
import warnings
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import partnership_model as pm
from partnership_model import (
    Engagement,
    EngagementDegree,
    EngagementMatrix,
    Finding,
    MigrationWarning,
    Participant,
    Register,
    ValidationError,
    VocabularyError,
    from_dict,
    json_schema,
    strategies as pms,
    to_dict,
)
from partnership_model._schema_builder import attribute_descriptions
from partnership_model.ecology import EcologyGraph
from partnership_model.examples import load_register
from partnership_model.schema import (
    SCHEMA_FILES,
    check_against_schema,
    schema_id,
    schema_problems,
    schema_text,
    shipped_schema_path,
    write_schemas,
)
from schema_strategy import from_schema
from test_reliability import RefusedError, mutate, reference_graph, reference_register
from test_schema_portability import _has_lone_surrogate

CROSS_FIELD_CODES = {
    "date_order",
    "duplicate_participation",
    "duplicate_id",
    "unknown_reference",
    # Format 1.1: one degree per stage, the engagement's degree the highest of its
    # stages', the primary domain not also a secondary one.
    "duplicate_stage",
    "stage_degree",
    "duplicate_domain",
}
RECORD_TYPES = [Register, Engagement, Participant, EngagementMatrix, Finding]


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_schemas_are_valid_2020_12_and_draft_07(cls: type[Any]) -> None:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == schema_id(cls)
    draft7 = {k: v for k, v in schema.items() if k != "$schema"}
    jsonschema.Draft7Validator.check_schema(draft7)


def test_ids_are_stable_per_type_and_version() -> None:
    assert schema_id(Register) == "urn:partnership-model:schema:register:1.1"
    assert schema_id(Engagement) == "urn:partnership-model:schema:engagement:1.1"


def test_every_object_refuses_extra_keys_and_lists_required_ones() -> None:
    schema = json_schema(Register)
    objects = [
        schema,
        *(d for d in schema["$defs"].values() if d.get("type") == "object"),
    ]
    for node in objects:
        assert node["additionalProperties"] is False
        assert set(node["required"]) <= set(node["properties"])
    assert schema["$defs"]["Engagement"]["required"] == [
        "id",
        "title",
        "domain",
        "level",
        "degree",
    ]


def test_vocabularies_carry_values_labels_and_definitions() -> None:
    degree = json_schema(Register)["$defs"]["EngagementDegree"]
    assert degree["enum"] == [d.value for d in EngagementDegree]
    for member, option in zip(EngagementDegree, degree["oneOf"], strict=True):
        assert option["const"] == member.value
        assert option["title"] == member.label("en")
        assert option["description"] == member.definition("en")
        assert not any(key.startswith("x-") for key in option)


@pytest.mark.parametrize("cls", [*RECORD_TYPES, EcologyGraph], ids=lambda c: c.__name__)
def test_the_french_twin_differs_only_in_annotations(cls: type[Any]) -> None:
    english = json_schema(cls)
    french = json_schema(cls, language="fr")
    assert french["$id"] == schema_id(cls, language="fr") == english["$id"] + ":fr"
    assert english["$id"] in french["$comment"]
    assert french["$id"] in english["$comment"]
    assert _validation_keywords(french) == _validation_keywords(english)
    assert french != english


def test_the_french_twin_carries_french_labels_and_definitions() -> None:
    french = json_schema(Register, language="fr")
    for name in ("EngagementDegree", "EngagementDomain", "Role"):
        vocabulary = getattr(pm, name)
        options = french["$defs"][name]["oneOf"]
        for member, option in zip(vocabulary, options, strict=True):
            assert option["const"] == member.value
            assert option["title"] == member.label("fr")
            assert option["description"] == member.definition("fr")
            proposed = "fr" in member.proposed_labels
            assert ("$comment" in option) is proposed, member
    # English-only prose (docstrings) is left out, not mixed in.
    engagement = french["$defs"]["Engagement"]
    assert "description" not in engagement
    assert "description" not in engagement["properties"]["degree"]
    assert french["$defs"]["Text"]["description"].startswith("Texte libre")
    # The English schema marks the labels that are this library's translation.
    domains = json_schema(Register)["$defs"]["EngagementDomain"]["oneOf"]
    assert all("$comment" in option for option in domains)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(VocabularyError):
        json_schema(Register, language="de")  # type: ignore[arg-type]


_ANNOTATIONS = {"title", "description", "$comment", "$id"}


def _validation_keywords(node: Any) -> Any:
    """The schema *node* without its annotations: what a validator acts on."""
    if not isinstance(node, dict):
        return node
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ANNOTATIONS:
            continue
        if key in ("properties", "$defs"):  # names -> schemas
            kept[key] = {name: _validation_keywords(sub) for name, sub in value.items()}
        elif key in ("allOf", "anyOf", "oneOf"):
            kept[key] = [_validation_keywords(sub) for sub in value]
        elif key in ("items", "not", "additionalProperties"):
            kept[key] = _validation_keywords(value)
        else:
            kept[key] = value
    return kept


def test_descriptions_come_from_docstrings() -> None:
    schema = json_schema(Register)
    engagement = schema["$defs"]["Engagement"]
    assert engagement["description"].startswith("One engagement")
    expected = attribute_descriptions(Engagement)["degree"]
    assert engagement["properties"]["degree"]["description"] == expected
    assert "Montreal degree" in expected


def test_json_schema_returns_a_fresh_copy() -> None:
    first = json_schema(Register)
    first["title"] = "changed"
    assert json_schema(Register)["title"] == "Register"


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_shipped_schema_files_match_the_generated_schemas(name: str) -> None:
    """Regenerate with: python -c 'from partnership_model.schema import write_schemas;
    write_schemas("src/partnership_model/schemas")'."""
    shipped = shipped_schema_path(name).read_text(encoding="utf-8")
    assert shipped == schema_text(name)
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped))


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_shipped_french_twins_match_the_generated_schemas(name: str) -> None:
    shipped = shipped_schema_path(name, language="fr")
    assert shipped.parent.name == "fr"
    assert shipped.read_text(encoding="utf-8") == schema_text(name, language="fr")


def test_write_schemas(tmp_path: Any) -> None:
    out = tmp_path / "out"
    written = write_schemas(out)
    assert [p.relative_to(out).as_posix() for p in written] == [
        *(f"{n}.schema.json" for n in SCHEMA_FILES),
        *(f"fr/{n}.schema.json" for n in SCHEMA_FILES),
    ]


# -- agreement in both directions -----------------------------------------------------


def test_the_example_register_validates() -> None:
    check_against_schema(to_dict(load_register()), Register)


@given(pms.registers())
def test_every_dumped_register_is_valid_under_the_schema(register: Register) -> None:
    assert schema_problems(to_dict(register), Register) == []


@settings(max_examples=150)
@given(from_schema(json_schema(Register)))
def test_every_schema_valid_document_loads_or_breaks_a_cross_field_rule(
    document: dict[str, Any],
) -> None:
    assert schema_problems(document, Register) == []
    try:
        register = from_dict(document, Register)
    except ValidationError as error:
        codes = {problem.code for problem in error.problems}
        assert codes <= CROSS_FIELD_CODES, error
    else:
        assert schema_problems(to_dict(register), Register) == []


@settings(max_examples=150)
@given(from_schema(json_schema(Engagement)))
def test_every_schema_valid_engagement_loads_or_breaks_a_cross_field_rule(
    document: dict[str, Any],
) -> None:
    try:
        from_dict(document, Engagement)
    except ValidationError as error:
        assert {p.code for p in error.problems} <= CROSS_FIELD_CODES, error


def test_schema_invalid_documents_are_refused_by_loading_too() -> None:
    base = to_dict(load_register())
    mutations = [
        ("engagements", 0, "degree", "partenariat"),
        ("engagements", 0, "title", ""),
        ("engagements", 0, "start", "2024-02-30"),
        ("engagements", 0, "trained_together", "yes"),
        ("people", 0, "id", "x\n"),
        ("people", 0, "extra", 1),
    ]
    for list_key, index, key, value in mutations:
        data = copy.deepcopy(base)
        data[list_key][index][key] = value
        assert schema_problems(data, Register), (key, value)
        with pytest.raises(ValidationError):
            from_dict(data, Register)


def test_check_against_schema_reports_every_violation() -> None:
    data = to_dict(load_register())
    data["engagements"][0]["degree"] = "x"
    data["engagements"][1]["tilte"] = 1
    with pytest.raises(ValidationError) as caught:
        check_against_schema(data, Register)
    paths = {p.path for p in caught.value.problems}
    assert {"$.engagements[0].degree", "$.engagements[1]"} <= paths


# -- the ecology document ---------------------------------------------------------

ECOLOGY_CROSS_FIELD_CODES = {
    "unknown_actor",
    "duplicate_id",
    "self_loop",
    "date_order",
    "relation_type_mismatch",
    "missing_authority",
    # The policy's parameters are each typed; a name alone must be a named
    # policy, and a reserved name cannot carry other parameters.
    "unknown_policy",
    "missing_policy_parameter",
    "reserved_name",
}


def test_ecology_schema_is_valid_and_typed() -> None:
    schema = json_schema(EcologyGraph)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "urn:partnership-model:schema:ecology:1.1"
    assert schema["properties"]["edges"]["items"] == {"$ref": "#/$defs/Relation"}
    relation = schema["$defs"]["Relation"]["properties"]
    assert relation["relation_type"]["allOf"] == [{"$ref": "#/$defs/RelationType"}]
    # Node-link formats cannot carry null: optional attributes are simply absent.
    assert '"null"' not in json.dumps(schema)


@given(pms.ecology_graphs())
def test_every_dumped_ecology_is_valid_under_the_schema(graph: EcologyGraph) -> None:
    assert schema_problems(to_dict(graph), EcologyGraph) == []


def test_the_example_ecology_validates() -> None:
    check_against_schema(
        to_dict(EcologyGraph.from_engagements(load_register())), EcologyGraph
    )


@settings(max_examples=150)
@given(from_schema(json_schema(EcologyGraph)))
def test_every_schema_valid_ecology_loads_or_breaks_a_cross_field_rule(
    document: dict[str, Any],
) -> None:
    assert schema_problems(document, EcologyGraph) == []
    try:
        graph = from_dict(document, EcologyGraph)
    except ValidationError as error:
        assert {p.code for p in error.problems} <= ECOLOGY_CROSS_FIELD_CODES, error
    else:
        assert schema_problems(to_dict(graph), EcologyGraph) == []


# -- the loader, the constructors and the schema agree ------------------------------
#
# On generated documents and mutations of them: the loader accepts a document
# exactly when the constructors build it (the reference builders of
# test_reliability go through the constructors, field by field), and the
# reference jsonschema validator, with format checking, accepts it exactly when
# the loader does, except where the loader refuses it only for a rule the docs
# list as beyond the schema. Documents of another format version (which the
# schema of 1.1 does not describe) and with lone surrogates (which many
# validators cannot receive) are left to the first comparison only.

ECOLOGY_BEYOND = ECOLOGY_CROSS_FIELD_CODES


def _verdicts(
    document: Any, cls: type[Any], reference: Any
) -> tuple[Any, frozenset[str], Any]:
    try:
        expected = reference(document)
    except RefusedError:
        expected = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MigrationWarning)
            loaded = from_dict(document, cls)
        codes: frozenset[str] = frozenset()
    except ValidationError as error:
        loaded = None
        codes = frozenset(problem.code for problem in error.problems)
    return loaded, codes, expected


def _schema_describes(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and document.get("schema_version") == "1.1"
        and not _has_lone_surrogate(document)
    )


@settings(
    max_examples=3 * settings().max_examples,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(pms.registers(max_engagements=3, max_people=5), st.data())
def test_loader_constructors_and_schema_agree_on_registers(
    register: Register, data: st.DataObject
) -> None:
    original = to_dict(register)
    document = data.draw(
        st.just(original) | st.composite(lambda draw: mutate(draw, original))()
    )
    loaded, codes, expected = _verdicts(document, Register, reference_register)
    assert loaded == expected, sorted(codes)
    if _schema_describes(document):
        schema_valid = not schema_problems(document, Register)
        assert schema_valid == (codes <= CROSS_FIELD_CODES), sorted(codes)


@settings(
    max_examples=3 * settings().max_examples,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(pms.ecology_graphs(max_actors=5, max_relations=6), st.data())
def test_loader_constructors_and_schema_agree_on_ecologies(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    original = to_dict(graph)
    document = data.draw(
        st.just(original) | st.composite(lambda draw: mutate(draw, original))()
    )
    loaded, codes, expected = _verdicts(document, EcologyGraph, reference_graph)
    assert loaded == expected, sorted(codes)
    if _schema_describes(document) and not _integral_floats(document):
        schema_valid = not schema_problems(document, EcologyGraph)
        assert schema_valid == (codes <= ECOLOGY_BEYOND), sorted(codes)


def _integral_floats(value: Any) -> bool:
    """Whether *value* holds a float with no fraction (JSON Schema takes 1.0 as 1)."""
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_integral_floats(item) for item in value.values())
    if isinstance(value, list):
        return any(_integral_floats(item) for item in value)
    return False
