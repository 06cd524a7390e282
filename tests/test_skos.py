"""Tests of the SKOS export: round trips, faithfulness to the data, crosswalks, SHACL."""

from __future__ import annotations

import enum
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import partnership_model as pm
from partnership_model import _termfiles, skos, strategies as pms
from partnership_model._enums import OrderedVocabulary, Vocabulary
from partnership_model._termfiles import build_table
from partnership_model.bibliography import reference
from partnership_model.crosswalks import (
    ArnsteinRung,
    CarmanContinuum,
    CarmanLevel,
    IAP2Level,
    from_arnstein,
    from_carman,
    from_iap2,
    to_arnstein,
    to_carman,
    to_iap2,
)
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    ValidationError,
)

rdflib = pytest.importorskip("rdflib")
pytest.importorskip("pyshacl")

from rdflib.namespace import RDF, SKOS  # noqa: E402

BASE = "https://example.org/vocabulary/"
VOCABULARIES: tuple[type[Vocabulary], ...] = tuple(
    cls for cls in skos.vocabularies() if issubclass(cls, Vocabulary)
)


@pytest.fixture(scope="module")
def data() -> skos.SkosData:
    return skos.skos_data()


@pytest.fixture(scope="module")
def turtle() -> str:
    return skos.to_turtle()


@pytest.fixture(scope="module")
def jsonld() -> str:
    return skos.to_jsonld()


def parsed(text: str, fmt: str) -> Any:
    with warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser builds a ConjunctiveGraph, which rdflib
        # itself deprecates; nothing the caller can change.
        warnings.filterwarnings(
            "ignore", "ConjunctiveGraph is deprecated", DeprecationWarning
        )
        return rdflib.Graph().parse(data=text, format=fmt)


def uri(member: enum.Enum) -> Any:
    return rdflib.URIRef(skos.concept_iri(member))


# -- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_the_export_reads_back_to_the_same_records(
    data: skos.SkosData, turtle: str, jsonld: str, fmt: str
) -> None:
    text = turtle if fmt == "turtle" else jsonld
    assert skos.from_graph(parsed(text, fmt)) == data


def test_the_turtle_and_json_ld_exports_hold_the_same_triples(
    turtle: str, jsonld: str
) -> None:
    from rdflib.compare import isomorphic

    assert isomorphic(parsed(turtle, "turtle"), parsed(jsonld, "json-ld"))


def test_the_json_ld_export_is_the_same_text_in_every_run() -> None:
    """Python randomises set order per process: the text must not depend on it."""
    import subprocess

    texts = [
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from partnership_model.skos import to_jsonld; print(to_jsonld())",
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert texts[0] == texts[1]
    assert texts[0].count('"@id"') > 1000


def test_an_alias_written_as_a_label_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    member = pm.Sphere.COMMUNITY
    term = member.term
    doubled = attrs.evolve(term, aliases=(*term.aliases, term.label_fr))
    table = _termfiles.table(pm.Sphere)
    terms = dict(table.terms)
    terms[member] = doubled
    vocabulary: type[enum.Enum] = pm.Sphere
    monkeypatch.setitem(
        _termfiles._TABLES, vocabulary, attrs.evolve(table, terms=terms)
    )
    data = skos.skos_data(vocabularies=[pm.Sphere])
    assert data.concept(skos.concept_iri(member)).alt_labels == set(term.aliases)
    assert skos.check_graph(skos.to_graph(data)) == ()


def test_the_json_ld_export_is_compacted_with_the_skos_prefix(jsonld: str) -> None:
    document = json.loads(jsonld)
    assert document["@context"]["skos"] == str(SKOS)
    assert "skos:prefLabel" in jsonld
    assert str(SKOS.prefLabel) not in jsonld


def test_what_reads_back_is_what_the_data_files_say(turtle: str) -> None:
    """Every term of every vocabulary, compared with its data file, not with the export."""
    back = skos.from_graph(parsed(turtle, "turtle"))
    keys = {source.iri: source.key for source in back.sources}
    assert len(back.schemes) == len(VOCABULARIES)
    assert len(back.concepts) == sum(len(cls) for cls in VOCABULARIES)
    for cls in VOCABULARIES:
        assert isinstance(cls, type)
        assert issubclass(cls, Vocabulary)
        scheme = next(s for s in back.schemes if s.title == cls.__name__)
        assert scheme.iri == _termfiles.table(cls).iri
        assert scheme.concepts == {member.term.iri for member in cls}
        for member in cls:
            term = member.term
            concept = back.concept(str(term.iri))
            assert concept.scheme == scheme.iri
            assert concept.notation == member.value
            assert concept.pref_label("en") == member.label("en")
            assert concept.pref_label("fr") == member.label("fr")
            assert concept.definition("en") == member.definition("en")
            assert concept.definition("fr") == member.definition("fr")
            assert {tag for tag, _ in concept.pref_labels} == {"en", "fr"} | {
                v.tag for v in term.variants if v.label is not None
            }
            assert concept.alt_labels == set(term.aliases) - set(term.labels)
            assert concept.alt_labels | set(term.labels) >= set(term.aliases)
            assert {keys[iri] for iri in concept.sources} == set(term.sources)
            assert concept.interpretive is term.interpretive
            assert concept.proposed_labels == set(term.proposed_labels)


def test_sources_are_doi_links_or_bibliography_urns(data: skos.SkosData) -> None:
    for source in data.sources:
        ref = reference(source.key)
        if ref.doi:
            assert source.iri == f"https://doi.org/{ref.doi}"
            assert source.see_also is None
        else:
            assert source.iri == f"urn:partnership-model:bibliography:{source.key}"
            assert source.see_also == ref.url
        assert source.citation == ref.citation()
    assert skos.source_iri("Boivin2022") == "https://doi.org/10.1111/hex.13571"


def test_ordered_scales_keep_their_order(turtle: str) -> None:
    back = skos.from_graph(parsed(turtle, "turtle"))
    ordered = [cls for cls in VOCABULARIES if issubclass(cls, OrderedVocabulary)]
    assert {pm.EngagementDegree, pm.EngagementLevel, pm.Authority} <= set(ordered)
    for cls in VOCABULARIES:
        scheme = next(s for s in back.schemes if s.title == cls.__name__)
        if issubclass(cls, OrderedVocabulary):
            ranked = sorted(cls, key=lambda m: m.rank)
            assert scheme.order == tuple(skos.concept_iri(m) for m in ranked)
        else:
            assert scheme.order == ()
    graph = parsed(turtle, "turtle")
    collection = rdflib.URIRef(skos.order_iri(pm.EngagementDegree))
    assert (collection, RDF.type, SKOS.OrderedCollection) in graph
    head = graph.value(collection, SKOS.memberList)
    listed = [str(m) for m in rdflib.collection.Collection(graph, head)]
    assert listed[0].endswith(":information")
    assert listed[-1].endswith(":partnership")


def test_interpretive_terms_carry_the_documented_note(turtle: str) -> None:
    graph = parsed(turtle, "turtle")
    note = rdflib.Literal(skos.INTERPRETIVE_NOTE["en"], lang="en")
    marked = set(graph.subjects(SKOS.editorialNote, note))
    interpretive = {
        uri(member)
        for cls in VOCABULARIES
        for member in cls
        if member.term.interpretive
    }
    assert marked == interpretive
    assert uri(pm.EngagementDegree.COLLABORATION) in marked
    assert uri(pm.EngagementDegree.PARTNERSHIP) not in marked


def test_french_notes_and_labels_are_typeset(data: skos.SkosData) -> None:
    intervention = data.concept(skos.concept_iri(pm.TiersActionFamily.INTERVENTION))
    assert intervention.pref_label("fr") == "Intervention\xa0: réduire les asymétries"
    collaboration = data.concept(skos.concept_iri(pm.EngagementDegree.COLLABORATION))
    french = [text for tag, text in collaboration.notes if tag == "fr"]
    assert french
    assert all("\xa0:" in text for text in french)


@settings(max_examples=25)
@given(data=pms.skos_exports(), fmt=st.sampled_from(["turtle", "json-ld"]))
def test_any_export_reads_back_to_the_same_records(
    data: skos.SkosData, fmt: str
) -> None:
    text = skos.to_graph(data).serialize(format=fmt)
    assert skos.from_graph(parsed(text, fmt)) == data


# -- crosswalks ------------------------------------------------------------------------


def crosswalk_pairs() -> Iterator[tuple[enum.Enum, enum.Enum]]:
    """Every pair of terms a public crosswalk function names."""
    for degree in pm.EngagementDegree:
        for level in pm.EngagementLevel:
            for cell in to_carman(degree, level).targets:
                yield degree, cell.continuum
                yield level, cell.level
        yield from ((degree, t) for t in to_iap2(degree).targets)
        yield from ((degree, t) for t in to_arnstein(degree).targets)
        yield from ((degree, t) for t in to_arnstein(degree, tokenistic=True).targets)
    for continuum in CarmanContinuum:
        yield from ((continuum, t) for t in from_carman(continuum).targets)
    for iap2 in IAP2Level:
        found = from_iap2(iap2)
        yield from ((iap2, t) for t in found.targets)
        if found.leadership is not None:
            yield iap2, found.leadership
    for rung in ArnsteinRung:
        found = from_arnstein(rung)
        yield from ((rung, t) for t in found.targets)
        if found.leadership is not None:
            yield rung, found.leadership


def test_every_crosswalk_pair_is_a_close_or_related_match(data: skos.SkosData) -> None:
    expected = {
        frozenset({skos.concept_iri(a), skos.concept_iri(b)})
        for a, b in crosswalk_pairs()
    }
    linked = {
        frozenset({concept.iri, other})
        for concept in data.concepts
        for other in concept.close_matches | concept.related_matches
    }
    assert linked == expected
    for concept in data.concepts:
        assert not concept.close_matches & concept.related_matches
        for other in concept.close_matches:
            assert concept.iri in data.concept(other).close_matches
        for other in concept.related_matches:
            assert concept.iri in data.concept(other).related_matches


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (pm.EngagementDegree.INFORMATION, IAP2Level.INFORM, "close"),
        (pm.EngagementDegree.CONSULTATION, CarmanContinuum.CONSULTATION, "close"),
        (pm.EngagementDegree.COLLABORATION, CarmanContinuum.INVOLVEMENT, "close"),
        (pm.EngagementDegree.PARTNERSHIP, ArnsteinRung.PARTNERSHIP, "close"),
        (pm.EngagementLevel.MICRO, CarmanLevel.DIRECT_CARE, "close"),
        (pm.EngagementDegree.COLLABORATION, IAP2Level.INVOLVE, "related"),
        (pm.EngagementDegree.COLLABORATION, IAP2Level.COLLABORATE, "related"),
        (pm.EngagementDegree.PARTNERSHIP, IAP2Level.COLLABORATE, "related"),
        (pm.EngagementDegree.COLLABORATION, ArnsteinRung.PLACATION, "related"),
        (IAP2Level.EMPOWER, pm.Leadership.PATIENT_LED, "related"),
        (ArnsteinRung.CITIZEN_CONTROL, pm.Leadership.PATIENT_LED, "related"),
    ],
)
def test_close_and_related_matches_follow_the_documented_rule(
    data: skos.SkosData, a: enum.Enum, b: enum.Enum, kind: str
) -> None:
    concept = data.concept(skos.concept_iri(a))
    matches = concept.close_matches if kind == "close" else concept.related_matches
    assert skos.concept_iri(b) in matches


def test_no_crosswalk_is_an_exact_match(turtle: str) -> None:
    graph = parsed(turtle, "turtle")
    assert not list(graph.triples((None, SKOS.exactMatch, None)))
    assert list(graph.triples((None, SKOS.closeMatch, None)))


def test_each_crosswalk_explanation_is_a_note_of_the_term_looked_up(
    data: skos.SkosData,
) -> None:
    lookups: list[tuple[enum.Enum, Any]] = [
        (d, to_iap2(d)) for d in pm.EngagementDegree
    ] + [(d, to_arnstein(d, tokenistic=True)) for d in pm.EngagementDegree]
    lookups += [(rung, from_arnstein(rung)) for rung in ArnsteinRung]
    lookups += [(level, from_iap2(level)) for level in IAP2Level]
    for term, found in lookups:
        notes = data.concept(skos.concept_iri(term)).notes
        for lang in ("en", "fr"):
            assert any(
                found.note(lang) in text for tag, text in notes if tag == lang
            ), (term, lang)
    empty = data.concept(skos.concept_iri(pm.EngagementDegree.INFORMATION))
    assert any("Carman" in text for _, text in empty.notes)


# -- identifiers under another base ----------------------------------------------------


def test_a_base_moves_every_identifier_but_the_dois() -> None:
    data = skos.skos_data(base=BASE)
    partnership = data.concept(BASE + "engagement_degree:partnership")
    assert partnership.scheme == BASE + "engagement_degree"
    assert BASE + "arnstein_rung:partnership" in partnership.close_matches
    assert all(c.iri.startswith(BASE) for c in data.concepts)
    assert all(s.iri.startswith(BASE) for s in data.schemes)
    assert "https://doi.org/10.1111/hex.13571" in {s.iri for s in data.sources}
    graph = skos.to_graph(data)
    assert skos.from_graph(graph) == data
    assert skos.check_graph(graph) == ()
    assert (
        rdflib.URIRef(skos.order_iri(pm.EngagementDegree, base=BASE)),
        RDF.type,
        SKOS.OrderedCollection,
    ) in graph
    assert skos.to_turtle(base=BASE).count(BASE) > 100


def test_bad_bases_and_misuse_are_refused() -> None:
    with pytest.raises(InvalidRecordError):
        skos.skos_data(base="example.org")
    with pytest.raises(InvalidRecordError):
        skos.to_graph(skos.skos_data(), base=BASE)
    with pytest.raises(RecordTypeError):
        skos.concept_iri("partnership")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        skos.skos_data(vocabularies=[pm.Sphere]).concept("urn:nothing")


# -- regional wordings -----------------------------------------------------------------


class Tone(Vocabulary):
    """A vocabulary with a Québec wording, for the export's tests."""

    SOFT = "soft"
    LOUD = "loud"


def test_a_quebec_wording_is_exported_as_fr_ca(monkeypatch: pytest.MonkeyPatch) -> None:
    scheme = "urn:partnership-model:vocabulary:tone"

    def term(token: str, fr: str) -> dict[str, Any]:
        return {
            "iri": f"{scheme}:{token}",
            "label": {"en": token.title(), "fr": fr},
            "definition": {"en": f"A {token} tone.", "fr": f"Un ton {fr}."},
            "sources": ["Boivin2022"],
        }

    document: dict[str, Any] = {
        "vocabulary": "Tone",
        "module": __name__,
        "iri": scheme,
        "terms": {"soft": term("soft", "doux"), "loud": term("loud", "fort")},
    }
    document["terms"]["loud"]["label"]["fr-CA"] = "criard"
    document["terms"]["loud"]["definition"]["fr-CA"] = "Un ton criard ; vraiment ?"
    built = build_table(Tone, document, file="terms/tone.json")
    vocabulary: type[enum.Enum] = Tone
    monkeypatch.setitem(_termfiles._TABLES, vocabulary, built)
    data = skos.skos_data(vocabularies=[Tone])
    loud = data.concept(f"{scheme}:loud")
    assert loud.pref_label("fr-CA") == "criard"
    assert loud.definition("fr-CA") == "Un ton criard; vraiment?"
    assert data.concept(f"{scheme}:soft").pref_label("fr-CA") is None
    graph = skos.to_graph(data)
    assert skos.check_graph(graph) == ()
    assert skos.from_graph(parsed(graph.serialize(format="turtle"), "turtle")) == data


# -- SHACL -----------------------------------------------------------------------------


def test_the_whole_export_satisfies_the_shapes(turtle: str) -> None:
    assert skos.check_graph(parsed(turtle, "turtle")) == ()


PARTNERSHIP = pm.EngagementDegree.PARTNERSHIP
COLLABORATION = pm.EngagementDegree.COLLABORATION


def _add_second_english_label(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.prefLabel, rdflib.Literal("Co-building", lang="en")))


def _alias_repeats_label(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.altLabel, rdflib.Literal("Partnership", lang="en")))


def _untagged_alias_repeats_label(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.altLabel, rdflib.Literal("Partenariat")))


def _broader_cycle(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.broader, uri(COLLABORATION)))
    g.add((uri(COLLABORATION), SKOS.broader, uri(PARTNERSHIP)))


def _related_and_broader(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.broader, uri(COLLABORATION)))
    g.add((uri(PARTNERSHIP), SKOS.related, uri(COLLABORATION)))


def _exact_match(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.exactMatch, uri(IAP2Level.COLLABORATE)))


def _close_and_related(g: Any) -> None:
    g.add((uri(PARTNERSHIP), SKOS.relatedMatch, uri(IAP2Level.INFORM)))
    g.add((uri(PARTNERSHIP), SKOS.closeMatch, uri(IAP2Level.INFORM)))


def _no_french_label(g: Any) -> None:
    g.remove(
        (uri(PARTNERSHIP), SKOS.prefLabel, rdflib.Literal("Partenariat", lang="fr"))
    )


def _no_notation(g: Any) -> None:
    g.remove((uri(PARTNERSHIP), SKOS.notation, None))


def _shared_notation(g: Any) -> None:
    g.set((uri(PARTNERSHIP), SKOS.notation, rdflib.Literal("collaboration")))


def _not_listed_by_its_scheme(g: Any) -> None:
    g.remove((None, SKOS.hasTopConcept, uri(PARTNERSHIP)))


def _also_a_scheme(g: Any) -> None:
    g.add((uri(PARTNERSHIP), RDF.type, SKOS.ConceptScheme))


def _broken_list(g: Any) -> None:
    head = g.value(rdflib.URIRef(skos.order_iri(pm.EngagementDegree)), SKOS.memberList)
    second = g.value(head, RDF.rest)
    g.remove((second, RDF.rest, None))


def _listed_twice(g: Any) -> None:
    head = g.value(rdflib.URIRef(skos.order_iri(pm.EngagementDegree)), SKOS.memberList)
    second = g.value(head, RDF.rest)
    g.set((second, RDF.first, uri(pm.EngagementDegree.INFORMATION)))


def _member_of_another_scheme(g: Any) -> None:
    head = g.value(rdflib.URIRef(skos.order_iri(pm.EngagementDegree)), SKOS.memberList)
    g.set((head, RDF.first, uri(IAP2Level.INFORM)))
    g.add(
        (
            rdflib.URIRef(skos.order_iri(pm.EngagementDegree)),
            SKOS.member,
            uri(IAP2Level.INFORM),
        )
    )


@pytest.mark.parametrize(
    ("edit", "code", "where"),
    [
        (_add_second_english_label, "one-pref-label-per-language", PARTNERSHIP),
        (_alias_repeats_label, "pref-label-not-alt-label", PARTNERSHIP),
        (_untagged_alias_repeats_label, "alias-is-not-a-pref-label", PARTNERSHIP),
        (_broader_cycle, "no-broader-cycle", PARTNERSHIP),
        (_related_and_broader, "related-not-broader", PARTNERSHIP),
        (_exact_match, "no-exact-match", PARTNERSHIP),
        (_close_and_related, "close-match-not-related-match", PARTNERSHIP),
        (_no_french_label, "french-pref-label", PARTNERSHIP),
        (_no_notation, "one-notation", PARTNERSHIP),
        (_shared_notation, "unique-notation-in-scheme", pm.EngagementDegree),
        (_not_listed_by_its_scheme, "top-concept-in-its-scheme", PARTNERSHIP),
        (_also_a_scheme, "concept-not-scheme", PARTNERSHIP),
        (_broken_list, "member-list-is-a-list", "order"),
        (_listed_twice, "members-listed-once", "order"),
        (_member_of_another_scheme, "members-are-concepts-of-one-scheme", "order"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_the_shapes_catch_each_fault(
    edit: Callable[[Any], None], code: str, where: object
) -> None:
    graph = skos.to_graph(skos.skos_data(vocabularies=[pm.EngagementDegree, IAP2Level]))
    assert skos.check_graph(graph) == ()
    edit(graph)
    problems = skos.check_graph(graph)
    assert code in {p.code for p in problems}, problems
    if where == "order":
        iri = skos.order_iri(pm.EngagementDegree)
    elif isinstance(where, enum.Enum):
        iri = skos.concept_iri(where)
    else:
        iri = skos.scheme_iri(pm.EngagementDegree)
    assert any(p.path.startswith(f"<{iri}>") for p in problems if p.code == code)


def test_the_shapes_are_shipped_as_turtle() -> None:
    graph = parsed(skos.shapes(), "turtle")
    shacl = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    names = set(graph.subjects(RDF.type, shacl.PropertyShape)) | set(
        graph.subjects(RDF.type, shacl.SPARQLConstraint)
    )
    assert len(names) >= 20
    assert all(str(name).startswith("urn:partnership-model:shapes:") for name in names)


# -- reading hostile graphs, missing extras -------------------------------------------


def test_reading_refuses_a_concept_without_its_scheme_or_notation() -> None:
    graph = rdflib.Graph()
    lost = rdflib.URIRef("urn:example:lost")
    graph.add((lost, RDF.type, SKOS.Concept))
    graph.add((lost, SKOS.notation, rdflib.Literal("a")))
    graph.add((lost, SKOS.notation, rdflib.Literal("b")))
    with pytest.raises(ValidationError) as caught:
        skos.from_graph(graph)
    assert [p.path for p in caught.value.problems] == ["<urn:example:lost>"] * 2


@pytest.mark.parametrize("missing", ["rdflib", "pyshacl"])
def test_a_missing_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    graph = skos.to_graph(skos.skos_data(vocabularies=[pm.Sphere]))
    monkeypatch.setitem(sys.modules, missing, None)
    call = skos.to_turtle if missing == "rdflib" else lambda: skos.check_graph(graph)
    with pytest.raises(ImportError, match=r"partnership-model\[rdf\]"):
        call()
