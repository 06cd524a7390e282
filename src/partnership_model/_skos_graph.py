"""Writing the SKOS records as RDF with rdflib, reading them back, checking them with SHACL.

See :mod:`partnership_model.skos`, the public face of this module. rdflib and
pyshacl are optional; they are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from partnership_model._iri import ORDER_SUFFIX
from partnership_model._skos_records import (
    INTERPRETIVE_NOTE,
    ORDER_NOTE,
    PROPOSED_LABEL_NOTES,
    Concept,
    ConceptScheme,
    SkosData,
    Source,
    typeset_all,
)
from partnership_model.exceptions import Problem, ValidationError

if TYPE_CHECKING:
    import rdflib

__all__ = ["CONTEXT", "import_rdflib", "read_graph", "write_graph"]


def import_rdflib() -> Any:
    """The rdflib package, or an ImportError that names the extra to install."""
    try:
        import rdflib  # noqa: PLC0415 - optional extra
    except ImportError as error:
        msg = 'linked-data export needs rdflib: pip install "partnership-model[rdf]"'
        raise ImportError(msg) from error
    return rdflib


CONTEXT: Final[Mapping[str, str]] = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def write_graph(data: SkosData) -> rdflib.Graph:
    """*data* as an :class:`rdflib.Graph` of SKOS triples."""
    rdf = import_rdflib()
    from rdflib.collection import Collection  # noqa: PLC0415 - optional extra
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS  # noqa: PLC0415

    uri, literal = rdf.URIRef, rdf.Literal
    graph: rdflib.Graph = rdf.Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)

    def texts(subject: Any, predicate: Any, pairs: Iterable[tuple[str, str]]) -> None:
        for tag, text in pairs:
            graph.add((subject, predicate, literal(text, lang=tag)))

    for scheme in data.schemes:
        node = uri(scheme.iri)
        graph.add((node, RDF.type, SKOS.ConceptScheme))
        graph.add((node, DCTERMS.title, literal(scheme.title)))
        graph.add((node, DCTERMS.description, literal(scheme.description, lang="en")))
        for member in scheme.concepts:
            graph.add((node, SKOS.hasTopConcept, uri(member)))
        if scheme.order:
            order = uri(scheme.iri + ORDER_SUFFIX)
            head = rdf.BNode()
            Collection(graph, head, [uri(member) for member in scheme.order])
            graph.add((order, RDF.type, SKOS.OrderedCollection))
            graph.add((order, SKOS.memberList, head))
            for member in scheme.order:
                graph.add((order, SKOS.member, uri(member)))
            texts(order, SKOS.scopeNote, typeset_all(ORDER_NOTE))
    for concept in data.concepts:
        node = uri(concept.iri)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, uri(concept.scheme)))
        graph.add((node, SKOS.topConceptOf, uri(concept.scheme)))
        graph.add((node, SKOS.notation, literal(concept.notation)))
        texts(node, SKOS.prefLabel, concept.pref_labels)
        texts(node, SKOS.definition, concept.definitions)
        for alias in concept.alt_labels:
            graph.add((node, SKOS.altLabel, literal(alias)))
        for cited in concept.sources:
            graph.add((node, DCTERMS.source, uri(cited)))
        if concept.interpretive:
            texts(node, SKOS.editorialNote, typeset_all(INTERPRETIVE_NOTE))
        for lang in concept.proposed_labels:
            texts(node, SKOS.editorialNote, typeset_all(PROPOSED_LABEL_NOTES[lang]))
        for other in concept.close_matches:
            graph.add((node, SKOS.closeMatch, uri(other)))
        for other in concept.related_matches:
            graph.add((node, SKOS.relatedMatch, uri(other)))
        texts(node, SKOS.note, concept.notes)
    for source in data.sources:
        node = uri(source.iri)
        graph.add((node, RDF.type, DCTERMS.BibliographicResource))
        graph.add((node, DCTERMS.identifier, literal(source.key)))
        graph.add((node, DCTERMS.bibliographicCitation, literal(source.citation)))
        if source.see_also is not None:
            graph.add((node, RDFS.seeAlso, uri(source.see_also)))
    return graph


def read_graph(graph: rdflib.Graph) -> SkosData:
    """Read SKOS triples back into records (see :func:`partnership_model.skos.from_graph`)."""
    rdf = import_rdflib()
    from rdflib.collection import Collection  # noqa: PLC0415 - optional extra
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS  # noqa: PLC0415

    problems: list[Problem] = []

    def one(subject: Any, predicate: Any, what: str) -> str | None:
        values = sorted(str(v) for v in graph.objects(subject, predicate))
        if len(values) != 1:
            count = "no" if not values else f"{len(values)}"
            problems.append(
                Problem(
                    f"<{subject}>", f"expected one {what}, found {count}", "invalid"
                )
            )
            return None
        return values[0]

    def tagged(subject: Any, predicate: Any) -> list[tuple[str, str]]:
        return [
            (str(v.language or ""), str(v))
            for v in graph.objects(subject, predicate)
            if isinstance(v, rdf.Literal)
        ]

    def iris(subject: Any, predicate: Any) -> set[str]:
        return {
            str(v)
            for v in graph.objects(subject, predicate)
            if isinstance(v, rdf.URIRef)
        }

    interpretive = set(typeset_all(INTERPRETIVE_NOTE))
    proposed = {
        pair: lang
        for lang, notes in PROPOSED_LABEL_NOTES.items()
        for pair in typeset_all(notes)
    }
    orders: dict[str, tuple[str, ...]] = {}
    for collection in graph.subjects(RDF.type, SKOS.OrderedCollection):
        for head in graph.objects(collection, SKOS.memberList):
            members = tuple(str(m) for m in Collection(graph, head))
            orders[str(collection)] = members
    schemes = []
    for node in graph.subjects(RDF.type, SKOS.ConceptScheme):
        title = one(node, DCTERMS.title, "dcterms:title")
        descriptions = dict(tagged(node, DCTERMS.description))
        schemes.append(
            ConceptScheme(
                iri=str(node),
                title=title or "",
                description=descriptions.get("en", ""),
                concepts=iris(node, SKOS.hasTopConcept)
                | {str(c) for c in graph.subjects(SKOS.inScheme, node)},
                order=orders.get(str(node) + ORDER_SUFFIX, ()),
            )
        )
    concepts = []
    for node in graph.subjects(RDF.type, SKOS.Concept):
        scheme = one(node, SKOS.inScheme, "skos:inScheme")
        notation = one(node, SKOS.notation, "skos:notation")
        editorial = tagged(node, SKOS.editorialNote)
        concepts.append(
            Concept(
                iri=str(node),
                scheme=scheme or "",
                notation=notation or "",
                pref_labels=tagged(node, SKOS.prefLabel),
                definitions=tagged(node, SKOS.definition),
                alt_labels=[str(v) for v in graph.objects(node, SKOS.altLabel)],
                sources=iris(node, DCTERMS.source),
                interpretive=any(pair in interpretive for pair in editorial),
                proposed_labels={proposed[p] for p in editorial if p in proposed},
                close_matches=iris(node, SKOS.closeMatch),
                related_matches=iris(node, SKOS.relatedMatch),
                notes=tagged(node, SKOS.note),
            )
        )
    sources = []
    for node in graph.subjects(RDF.type, DCTERMS.BibliographicResource):
        key = one(node, DCTERMS.identifier, "dcterms:identifier")
        citation = one(node, DCTERMS.bibliographicCitation, "citation")
        see_also = sorted(iris(node, RDFS.seeAlso))
        sources.append(
            Source(
                iri=str(node),
                key=key or "",
                citation=citation or "",
                see_also=see_also[0] if see_also else None,
            )
        )
    if problems:
        raise ValidationError(problems)
    return SkosData(schemes=schemes, concepts=concepts, sources=sources)


def shacl_problems(graph: rdflib.Graph, shapes: str) -> tuple[Problem, ...]:
    """Run pyshacl with the Turtle *shapes* on *graph*; one problem per violation."""
    rdf = import_rdflib()
    try:
        import pyshacl  # noqa: PLC0415 - optional extra
    except ImportError as error:
        msg = 'checking with SHACL needs pyshacl: pip install "partnership-model[rdf]"'
        raise ImportError(msg) from error
    from rdflib.namespace import RDF, SH  # noqa: PLC0415

    shapes_graph = rdf.Graph().parse(data=shapes, format="turtle")
    _, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph, inference="none", allow_warnings=True
    )
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        path = report.value(result, SH.resultPath)
        shape = report.value(result, SH.sourceConstraint) or report.value(
            result, SH.sourceShape
        )
        message = report.value(result, SH.resultMessage)
        # The checks on a whole class have the class as focus and the
        # offending resource as value.
        where = value if str(focus) in _CLASSES and value is not None else focus
        located = f"<{where}>" + (
            f" {path.n3(graph.namespace_manager)}"
            if path is not None and not isinstance(path, rdf.BNode)
            else ""
        )
        code = (
            str(shape).rsplit(":", 1)[-1] if isinstance(shape, rdf.URIRef) else "shacl"
        )
        problems.append(Problem(located, str(message or "violates a shape"), code))
    return tuple(sorted(problems, key=lambda p: (p.path, p.code, p.message)))


_CLASSES: Final = frozenset(
    {
        "http://www.w3.org/2004/02/skos/core#Concept",
        "http://www.w3.org/2004/02/skos/core#ConceptScheme",
        "http://www.w3.org/2004/02/skos/core#OrderedCollection",
    }
)
