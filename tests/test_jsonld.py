"""Tests of the JSON-LD context of register documents."""

from __future__ import annotations

import datetime as dt
import enum
import json
import typing
import warnings
from typing import Any

import attrs
import pytest

import partnership_model as pm
from partnership_model import jsonld, skos
from partnership_model.dates import PartialDate
from partnership_model.examples import load_register
from partnership_model.serialization import to_dict

rdflib = pytest.importorskip("rdflib")

PROPERTY = rdflib.Namespace("urn:partnership-model:property:")
XSD_DATE = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#date")
EDTF_LEVEL_0 = rdflib.URIRef("http://id.loc.gov/datatypes/edtf/EDTF-level0")
BASE = "https://example.org/vocabulary/"


def expand(document: Any, context: Any) -> Any:
    """The triples of *document* read as JSON-LD with *context* given to the parser."""
    with warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser builds a ConjunctiveGraph, which rdflib
        # itself deprecates; nothing the caller can change.
        warnings.filterwarnings(
            "ignore", "ConjunctiveGraph is deprecated", DeprecationWarning
        )
        return rdflib.Graph().parse(
            data=json.dumps(document), format="json-ld", context=context["@context"]
        )


def node_with(graph: Any, key: str, identifier: str) -> Any:
    """The one node whose ``id`` is *identifier* and that has the property *key*."""
    (found,) = [
        node
        for node in graph.subjects(PROPERTY.id, rdflib.Literal(identifier))
        if graph.value(node, PROPERTY[key]) is not None
    ]
    return found


def vocabulary_fields(cls: type[Any]) -> list[tuple[str, bool]]:
    """The fields of *cls* that hold vocabulary members, and whether they hold several."""
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        hint = hints[field.name]
        args = typing.get_args(hint)
        several = typing.get_origin(hint) in {tuple, frozenset}
        inner = (
            args[0] if several else next((a for a in args if a is not type(None)), hint)
        )
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            found.append((field.name, several))
    return found


def check_record(graph: Any, node: Any, record: Any, base: str | None = None) -> int:
    """Assert that each vocabulary field of *record* is its concepts' IRIs at *node*."""
    checked = 0
    for name, several in vocabulary_fields(type(record)):
        value = getattr(record, name)
        members = set(value) if several else ({value} if value is not None else set())
        expected = {rdflib.URIRef(skos.concept_iri(m, base=base)) for m in members}
        assert set(graph.objects(node, PROPERTY[name])) == expected, name
        checked += len(expected)
    return checked


@pytest.fixture(scope="module")
def register() -> pm.Register:
    return load_register()


@pytest.fixture(scope="module")
def graph(register: pm.Register) -> Any:
    return expand(to_dict(register), jsonld.register_context())


def test_each_engagement_degree_is_the_concept_iri(
    register: pm.Register, graph: Any
) -> None:
    for engagement in register.engagements:
        node = node_with(graph, "degree", engagement.id)
        assert graph.value(node, PROPERTY.degree) == rdflib.URIRef(
            skos.concept_iri(engagement.degree)
        )
    first = register.engagements[0]
    assert str(graph.value(node_with(graph, "degree", first.id), PROPERTY.degree)) == (
        f"urn:partnership-model:vocabulary:engagement_degree:{first.degree.value}"
    )


def test_every_vocabulary_value_of_the_register_is_a_concept_iri(
    register: pm.Register, graph: Any
) -> None:
    checked = 0
    for engagement in register.engagements:
        node = node_with(graph, "degree", engagement.id)
        checked += check_record(graph, node, engagement)
        participants = {
            str(graph.value(p, PROPERTY.person_id)): p
            for p in graph.objects(node, PROPERTY.participants)
        }
        assert len(participants) == len(engagement.participants)
        for participant in engagement.participants:
            checked += check_record(
                graph, participants[participant.person_id], participant
            )
    for organisation in register.organisations:
        node = node_with(graph, "name", organisation.id)
        checked += check_record(graph, node, organisation)
    # Each engagement has a domain, a level, a degree and a leadership at least.
    assert checked >= 4 * len(register.engagements) + len(register.organisations)
    concepts = {
        str(o)
        for o in graph.objects()
        if isinstance(o, rdflib.URIRef) and "vocabulary" in str(o)
    }
    known = {skos.concept_iri(m) for cls in skos.vocabularies() for m in cls}
    assert concepts <= known


def test_other_values_stay_literals(register: pm.Register, graph: Any) -> None:
    engagement = attrs.evolve(
        register.engagements[0], start=dt.date(2020, 3, 1), end=PartialDate(2021, 6, 30)
    )
    graph = expand(
        to_dict(attrs.evolve(register, engagements=[engagement])),
        jsonld.register_context(),
    )
    node = node_with(graph, "degree", engagement.id)
    start = graph.value(node, PROPERTY.start)
    assert start == rdflib.Literal("2020-03-01", datatype=EDTF_LEVEL_0)
    end = graph.value(node, PROPERTY.end)
    assert end == rdflib.Literal("2021-06-30", datatype=EDTF_LEVEL_0)
    assert graph.value(node, PROPERTY.title) == rdflib.Literal(engagement.title)
    sources = {str(s) for s in graph.objects(node, PROPERTY.sources)}
    assert sources == set(engagement.sources)
    (version,) = graph.objects(None, PROPERTY.schema_version)
    assert str(version) == pm.SCHEMA_VERSION


def test_the_same_token_in_two_vocabularies_names_two_concepts() -> None:
    engagement = pm.Engagement(
        id="e1",
        title="Design",
        domain=pm.EngagementDomain.RESEARCH,
        level=pm.EngagementLevel.MESO,
        degree=pm.EngagementDegree.PARTNERSHIP,
        leadership=pm.Leadership.CO_LED,
        research_stages=[
            pm.StageDegree(
                stage=pm.ResearchStage.DESIGN, degree=pm.EngagementDegree.PARTNERSHIP
            )
        ],
        partners_joined_at=pm.ProjectPhase.DESIGN,
    )
    document = to_dict(pm.Register.from_engagements([engagement]))
    graph = expand(document, jsonld.register_context())
    node = node_with(graph, "degree", "e1")
    stage = graph.value(node, PROPERTY.research_stages)
    assert str(graph.value(stage, PROPERTY.stage)).endswith("research_stage:design")
    assert str(graph.value(stage, PROPERTY.degree)).endswith(
        "engagement_degree:partnership"
    )
    assert str(graph.value(node, PROPERTY.partners_joined_at)).endswith(
        "project_phase:design"
    )


def test_the_context_may_be_inserted_in_a_copy_of_the_document(
    register: pm.Register, graph: Any
) -> None:
    from rdflib.compare import isomorphic

    document = {"@context": jsonld.register_context()["@context"], **to_dict(register)}
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "ConjunctiveGraph is deprecated", DeprecationWarning
        )
        inline = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(inline, graph)


def test_a_base_moves_the_concept_iris(register: pm.Register) -> None:
    graph = expand(to_dict(register), jsonld.register_context(base=BASE))
    engagement = register.engagements[0]
    node = node_with(graph, "degree", engagement.id)
    assert graph.value(node, PROPERTY.degree) == rdflib.URIRef(
        skos.concept_iri(engagement.degree, base=BASE)
    )
    check_record(graph, node, engagement, base=BASE)
    with pytest.raises(pm.InvalidRecordError):
        jsonld.register_context(base="no base")


def test_the_shipped_file_is_the_context_of_this_release() -> None:
    """Regenerate with: partnership-model vocabulary --format context --force
    --out src/partnership_model/data/register.context.jsonld"""
    from importlib import resources

    shipped = resources.files("partnership_model").joinpath(
        "data", jsonld.REGISTER_CONTEXT_FILE
    )
    assert shipped.read_text(encoding="utf-8") == jsonld.register_context_text()
    assert jsonld.shipped_register_context() == jsonld.register_context()


def test_the_context_covers_every_vocabulary_field_of_the_records() -> None:
    context = jsonld.register_context()["@context"]
    for cls in (pm.Engagement, pm.Participant, pm.Organisation):
        for name, _ in vocabulary_fields(cls):
            assert context[name]["@type"] == "@vocab", (cls.__name__, name)


# -- keys that mean different things in different records ------------------------------


@attrs.frozen(kw_only=True)
class Leaf:
    kind: str
    when: dt.date | None = None


@attrs.frozen(kw_only=True)
class Branch:
    kind: pm.Role
    leaves: tuple[Leaf, ...] = ()


@attrs.frozen(kw_only=True)
class Root:
    kind: pm.Sphere
    branches: tuple[Branch, ...] = ()
    also: Leaf | None = None


def test_a_key_with_several_meanings_is_scoped_where_it_is_used() -> None:
    context = jsonld._context_for(Root)
    assert context["kind"]["@context"]["@vocab"].endswith(":sphere:")
    scoped = context["branches"]["@context"]
    assert scoped["kind"]["@context"]["@vocab"].endswith(":role:")
    assert "leaves" not in scoped  # one meaning: defined once, at the top
    assert context["leaves"]["@context"]["kind"] == {"@id": str(PROPERTY.kind)}
    assert context["also"]["@context"]["kind"] == {"@id": str(PROPERTY.kind)}
    document = {
        "kind": "community",
        "also": {"kind": "free text"},
        "branches": [
            {"kind": "manager", "leaves": [{"kind": "community", "when": "2024-01-02"}]}
        ],
    }
    graph = expand(document, {"@context": context})
    values = {str(o) for o in graph.objects(None, PROPERTY.kind)}
    assert values == {
        skos.concept_iri(pm.Sphere.COMMUNITY),
        skos.concept_iri(pm.Role.MANAGER),
        "community",
        "free text",
    }
    assert rdflib.Literal("2024-01-02", datatype=XSD_DATE) in set(graph.objects())
