"""The vocabularies as linked data: SKOS concept schemes in Turtle and JSON-LD.

Every vocabulary of the package is published as a ``skos:ConceptScheme`` and
every term as a ``skos:Concept``, each under the identifier its data file
gives it (:func:`scheme_iri`, :func:`concept_iri`;
``urn:partnership-model:vocabulary:`` by default, see
:doc:`/explanation/linked-data`). For each concept the export writes:

* ``skos:prefLabel`` and ``skos:definition`` in ``@en`` and ``@fr`` (and
  ``@fr-CA`` where the data file has a Québec wording), set in the typography
  of the language, as the library writes them;
* ``skos:altLabel`` for each alias, without a language tag: the data files
  record other spellings accepted in any language, not their language (an
  alias written exactly as one of the term's labels is left out);
* ``skos:notation``: the JSON token documents store;
* ``skos:inScheme`` and ``skos:topConceptOf`` its vocabulary (the
  vocabularies are flat lists, so every concept is a top concept);
* ``dcterms:source`` for each bibliography key: ``https://doi.org/<DOI>``
  when the work has a DOI, else ``urn:partnership-model:bibliography:<key>``;
  each source is a ``dcterms:BibliographicResource`` with the key as
  ``dcterms:identifier``, a ``dcterms:bibliographicCitation`` and, without a
  DOI, its address as ``rdfs:seeAlso``;
* ``skos:editorialNote`` :data:`INTERPRETIVE_NOTE` on an interpretive term,
  and one of :data:`PROPOSED_LABEL_NOTES` for each label that is this
  project's proposal;
* the crosswalks to Carman et al., IAP2 and Arnstein as ``skos:closeMatch``
  (each term is the other's only counterpart, both ways, unconditionally)
  or ``skos:relatedMatch`` (one of several counterparts, a correspondence
  that holds only for a tokenistic engagement, or a term recorded as
  leadership instead of a degree), never ``skos:exactMatch``: every
  crosswalk is this project's reading. Each entry's explanation is a
  ``skos:note`` on the term looked up.

An ordered vocabulary (:class:`~partnership_model.vocabulary.OrderedVocabulary`) also
has a ``skos:OrderedCollection`` (:func:`order_iri`) whose ``skos:memberList``
lists its terms in the order the library compares them by.

:func:`skos_data` gathers all this as plain records, :func:`to_graph` turns
them into an :mod:`rdflib` graph and :func:`from_graph` reads a graph back into
the same records. rdflib is an optional dependency, imported inside the
functions that need it: ``pip install "partnership-model[rdf]"``.

Examples:
    >>> from partnership_model import EngagementDegree
    >>> from partnership_model.skos import concept_iri, skos_data
    >>> concept_iri(EngagementDegree.PARTNERSHIP)
    'urn:partnership-model:vocabulary:engagement_degree:partnership'
    >>> concept_iri(EngagementDegree.PARTNERSHIP, base="https://example.org/v/")
    'https://example.org/v/engagement_degree:partnership'
    >>> data = skos_data()
    >>> partnership = data.concept(concept_iri(EngagementDegree.PARTNERSHIP))
    >>> partnership.notation, partnership.pref_label("fr")
    ('partnership', 'Partenariat')
"""

from __future__ import annotations

import enum
import json
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from partnership_model._i18n import LANGUAGES, typeset
from partnership_model._iri import (
    BIBLIOGRAPHY_BASE,
    DEFAULT_BASE,
    ORDER_SUFFIX,
    check_base,
    rebase,
)
from partnership_model._skos_records import (
    INTERPRETIVE_NOTE,
    ORDER_NOTE,
    PROPOSED_LABEL_NOTES,
    Concept,
    ConceptScheme,
    SkosData,
    Source,
)
from partnership_model._termfiles import table
from partnership_model._terms import Term
from partnership_model.exceptions import InvalidRecordError, Problem, RecordTypeError

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "DEFAULT_BASE",
    "INTERPRETIVE_NOTE",
    "ORDER_NOTE",
    "PROPOSED_LABEL_NOTES",
    "SHAPES_FILE",
    "Concept",
    "ConceptScheme",
    "SkosData",
    "Source",
    "check_graph",
    "concept_iri",
    "from_graph",
    "order_iri",
    "scheme_iri",
    "shapes",
    "skos_data",
    "source_iri",
    "to_graph",
    "to_jsonld",
    "to_turtle",
    "vocabularies",
]


def __dir__() -> list[str]:
    return __all__


# What a crosswalk's explanation is about, by crosswalk (English, French).
_CROSSWALKS: Final[Mapping[str, tuple[str, str]]] = {
    "to_carman": (
        "Crosswalk to Carman et al. (2013)",
        "Correspondance avec Carman et al. (2013)",
    ),
    "carman_level": (
        "Crosswalk to Carman et al.'s levels",
        "Correspondance avec les niveaux de Carman et al.",
    ),
    "to_iap2": (
        "Crosswalk to the IAP2 Spectrum",
        "Correspondance avec le spectre de l'IAP2",
    ),
    "to_arnstein": (
        "Crosswalk to Arnstein's ladder",
        "Correspondance avec l'échelle d'Arnstein",
    ),
}
_TO_MONTREAL: Final = (
    "Crosswalk to the Montreal model",
    "Correspondance avec le modèle de Montréal",
)
_TOKENISTIC: Final = (
    " if the engagement is judged tokenistic",
    " si l'engagement est jugé symbolique",
)


# -- identifiers ---------------------------------------------------------------------


def vocabularies() -> tuple[type[enum.Enum], ...]:
    """Every vocabulary the export publishes, module by module, in declaration order."""
    return _every_vocabulary()


def _every_vocabulary() -> tuple[type[enum.Enum], ...]:
    from partnership_model._datacheck import vocabularies as found  # noqa: PLC0415

    return tuple(found())


def scheme_iri(vocabulary: type[enum.Enum], *, base: str | None = None) -> str:
    """The identifier of *vocabulary*'s concept scheme (under *base* if given).

    Raises:
        InvalidRecordError: *base* is not an absolute IRI ending with ``:``,
            ``/`` or ``#``.
        DataFileError: The vocabulary's data file fails its checks.

    Examples:
        >>> from partnership_model import Sphere
        >>> scheme_iri(Sphere)
        'urn:partnership-model:vocabulary:sphere'
    """
    return rebase(cast("str", table(vocabulary).iri), base)


def concept_iri(member: enum.Enum, *, base: str | None = None) -> str:
    """The identifier of the concept *member* (under *base* if given).

    Raises:
        InvalidRecordError: *base* is not a valid base.
        DataFileError: The vocabulary's data file fails its checks.
    """
    if not isinstance(member, enum.Enum):
        raise RecordTypeError("member", member, "expected a vocabulary member")
    return rebase(cast("str", table(type(member)).terms[member].iri), base)


def order_iri(vocabulary: type[enum.Enum], *, base: str | None = None) -> str:
    """The identifier of the ``skos:OrderedCollection`` of an ordered vocabulary.

    Examples:
        >>> from partnership_model import EngagementDegree
        >>> order_iri(EngagementDegree)
        'urn:partnership-model:vocabulary:engagement_degree/order'
    """
    return scheme_iri(vocabulary, base=base) + ORDER_SUFFIX


def source_iri(key: str) -> str:
    """The identifier the export gives the work cited as *key*.

    ``https://doi.org/<DOI>`` when the bibliography records a DOI, else
    ``urn:partnership-model:bibliography:<key>``.

    Raises:
        UnknownReferenceError: *key* is not in the bibliography.

    Examples:
        >>> source_iri("Boivin2022")
        'https://doi.org/10.1111/hex.13571'
        >>> source_iri("Pomey2015")
        'urn:partnership-model:bibliography:Pomey2015'
    """
    from partnership_model.bibliography import reference  # noqa: PLC0415

    doi = reference(key).doi
    if doi:
        return "https://doi.org/" + urllib.parse.quote(doi, safe="/:;()._-<>[]")
    return BIBLIOGRAPHY_BASE + urllib.parse.quote(key, safe="")


# -- the records -----------------------------------------------------------------------


# -- from the data files -------------------------------------------------------------


def _summary(cls: type[enum.Enum]) -> str:
    paragraph = (cls.__doc__ or cls.__name__).strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def _texts(term: Term, field: str) -> list[tuple[str, str]]:
    raw = {"en": getattr(term, f"{field}_en"), "fr": getattr(term, f"{field}_fr")}
    for variant in term.variants:
        text = getattr(variant, field)
        if text is not None:
            raw[variant.tag] = text
    return [(tag, typeset(text, cast("Any", tag))) for tag, text in raw.items()]


def _crosswalk_note(
    name: str, note: tuple[str, str], *, tokenistic: bool
) -> list[tuple[str, str]]:
    about = _CROSSWALKS.get(name, _TO_MONTREAL)
    notes: list[tuple[str, str]] = []
    for position, lang in enumerate(LANGUAGES):
        condition = _TOKENISTIC[position] if tokenistic else ""
        reading = ", our reading: " if lang == "en" else ", selon notre lecture : "
        text = f"{about[position]}{condition}{reading}{note[position]}"
        notes.append((lang, typeset(text, lang)))
    return notes


def _crosswalks(
    iri: Any,
) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, list[tuple[str, str]]]]:
    """closeMatch, relatedMatch and notes of every concept, from the crosswalks."""
    from partnership_model.crosswalks import _expected, _tables  # noqa: PLC0415

    tables = _tables()
    kinds = _expected()
    close: dict[str, set[str]] = {}
    related: dict[str, set[str]] = {}
    notes: dict[str, list[tuple[str, str]]] = {}
    edges: set[tuple[enum.Enum, enum.Enum]] = set()
    partial: set[tuple[enum.Enum, enum.Enum]] = set()

    def between(a: enum.Enum, b: enum.Enum) -> list[tuple[str, Mapping[Any, Any]]]:
        pair = {type(a), type(b)}
        return [(n, tables[n]) for n, (s, t) in kinds.items() if {s, t} == pair]

    for name, entries in tables.items():
        for member, entry in entries.items():
            if entry.note_en:
                notes.setdefault(iri(member), []).extend(
                    _crosswalk_note(
                        name, (entry.note_en, entry.note_fr), tokenistic=False
                    )
                )
            edges.update((member, target) for target in entry.targets)
            if entry.leadership is not None:
                partial.add((member, entry.leadership))
            alternative = entry.if_tokenistic
            if alternative is not None:
                partial.update((member, target) for target in alternative.targets)
                notes.setdefault(iri(member), []).extend(
                    _crosswalk_note(
                        name,
                        (alternative.note_en, alternative.note_fr),
                        tokenistic=True,
                    )
                )
    for a, b in edges:
        only = all(
            entries[x].targets == (y,)
            and sum(y in e.targets for e in entries.values()) == 1
            for _, entries in between(a, b)
            for x, y in ((a, b), (b, a))
            if x in entries
        )
        (close if only else related).setdefault(iri(a), set()).add(iri(b))
        (close if only else related).setdefault(iri(b), set()).add(iri(a))
    for a, b in partial:
        related.setdefault(iri(a), set()).add(iri(b))
        related.setdefault(iri(b), set()).add(iri(a))
    return close, related, notes


def skos_data(
    *,
    base: str | None = None,
    vocabularies: Sequence[type[enum.Enum]] | None = None,
) -> SkosData:
    """Gather what the SKOS export says about the vocabularies.

    Args:
        base: Write the identifiers under this base instead of
            :data:`DEFAULT_BASE` (an absolute IRI ending with ``:``, ``/`` or
            ``#``).
        vocabularies: The vocabularies to describe (default: every one,
            :func:`vocabularies`). Crosswalk links are kept only between
            concepts described.

    Raises:
        InvalidRecordError: *base* is not a valid base.
        DataFileError: A data file fails its checks.
    """
    from partnership_model._enums import OrderedVocabulary  # noqa: PLC0415
    from partnership_model.bibliography import reference  # noqa: PLC0415

    if base is not None:
        check_base(base)
    chosen = tuple(vocabularies) if vocabularies is not None else _every_vocabulary()

    def iri(member: enum.Enum) -> str:
        return concept_iri(member, base=base)

    close, related, notes = _crosswalks(iri)
    schemes: list[ConceptScheme] = []
    concepts: list[Concept] = []
    keys: set[str] = set()
    described = {iri(member) for cls in chosen for member in cls}
    for cls in chosen:
        scheme = scheme_iri(cls, base=base)
        members = [iri(member) for member in cls]
        schemes.append(
            ConceptScheme(
                iri=scheme,
                title=cls.__name__,
                description=_summary(cls),
                concepts=members,
                order=tuple(members) if issubclass(cls, OrderedVocabulary) else (),
            )
        )
        for member, term in table(cls).terms.items():
            here = iri(member)
            keys.update(term.sources)
            concepts.append(
                Concept(
                    iri=here,
                    scheme=scheme,
                    notation=str(member.value),
                    pref_labels=_texts(term, "label"),
                    definitions=_texts(term, "definition"),
                    # An alias written exactly as a label adds nothing, and
                    # SKOS keeps preferred and alternative labels disjoint.
                    alt_labels=set(term.aliases) - set(term.labels),
                    sources=[source_iri(key) for key in term.sources],
                    interpretive=term.interpretive,
                    proposed_labels=term.proposed_labels,
                    close_matches=close.get(here, set()) & described,
                    related_matches=related.get(here, set()) & described,
                    notes=notes.get(here, []),
                )
            )
    sources = []
    for key in sorted(keys):
        ref = reference(key)
        sources.append(
            Source(
                iri=source_iri(key),
                key=key,
                citation=ref.citation(),
                see_also=None if ref.doi else ref.url,
            )
        )
    return SkosData(schemes=schemes, concepts=concepts, sources=sources)


# -- linked data -------------------------------------------------------------------------


def to_graph(data: SkosData | None = None, *, base: str | None = None) -> rdflib.Graph:
    """The vocabularies as an :class:`rdflib.Graph` of SKOS triples.

    Args:
        data: What to write (default: :func:`skos_data` of every vocabulary).
        base: With no *data*, write the identifiers under this base.

    Raises:
        ImportError: rdflib is not installed.
        InvalidRecordError: *base* is not a valid base, or is given with
            *data* (give it to :func:`skos_data` instead).
    """
    from partnership_model._skos_graph import write_graph  # noqa: PLC0415

    if data is None:
        data = skos_data(base=base)
    elif base is not None:
        raise InvalidRecordError(
            "base", base, "give the base to skos_data(), not with its result"
        )
    return write_graph(data)


def to_turtle(*, base: str | None = None) -> str:
    """Every vocabulary as SKOS in Turtle (see :func:`to_graph`).

    Raises:
        ImportError: rdflib is not installed.
        InvalidRecordError: *base* is not a valid base.
    """
    return str(to_graph(base=base).serialize(format="turtle"))


def to_jsonld(*, base: str | None = None) -> str:
    """Every vocabulary as SKOS in JSON-LD, compacted with the SKOS and DC prefixes.

    The nodes and the values of each property are sorted, so that the same
    vocabularies always give the same text (the members of an ordered
    collection keep their order).

    Raises:
        ImportError: rdflib is not installed.
        InvalidRecordError: *base* is not a valid base.
    """
    from partnership_model._skos_graph import CONTEXT  # noqa: PLC0415

    text = to_graph(base=base).serialize(format="json-ld", context=dict(CONTEXT))
    document = _stable(json.loads(text))
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _stable(value: Any, *, ordered: bool = False) -> Any:
    """*value* with every JSON array sorted, except the ``@list`` arrays."""
    if isinstance(value, dict):
        return {
            key: _stable(item, ordered=key == "@list") for key, item in value.items()
        }
    if isinstance(value, list):
        items = [_stable(item) for item in value]
        if ordered:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def from_graph(graph: rdflib.Graph) -> SkosData:
    """Read SKOS triples back into the records :func:`skos_data` returns.

    The notes the export writes are recognised by their text:
    :data:`INTERPRETIVE_NOTE` sets ``interpretive`` and
    :data:`PROPOSED_LABEL_NOTES` set ``proposed_labels``; every ``skos:note``
    is a crosswalk note. An ordered collection gives the order of the scheme
    whose identifier it extends with ``/order``.

    Raises:
        ImportError: rdflib is not installed.
        ValidationError: A concept lacks its scheme or notation or has several,
            a scheme its title, or a source its key or citation; each problem
            names the resource (``<iri>``).
    """
    from partnership_model._skos_graph import read_graph  # noqa: PLC0415

    return read_graph(graph)


SHAPES_FILE: Final = "skos.shapes.ttl"
"""The SHACL shapes of the export, in Turtle, under the package's ``data`` directory."""


def shapes() -> str:
    """The SHACL shapes the export satisfies, as Turtle text.

    They check the integrity conditions of the SKOS Reference that a graph can
    break without a reasoner (one preferred label per language, preferred and
    alternative labels disjoint, no cycle of ``skos:broader``, well-formed
    ordered collections...) and this project's own rules (an English and a
    French label and definition, one notation, no ``skos:exactMatch``). Each
    constraint is a named shape whose local name is the ``code`` of the
    problems :func:`check_graph` reports.
    """
    from importlib import resources  # noqa: PLC0415 - only when read

    resource = resources.files("partnership_model").joinpath("data", SHAPES_FILE)
    return resource.read_text(encoding="utf-8")


def check_graph(graph: rdflib.Graph) -> tuple[Problem, ...]:
    """Check *graph* against :func:`shapes` with pyshacl; return every violation.

    Each :class:`~partnership_model.exceptions.Problem` names the resource at
    fault (``<iri>``, with the property path if any), says what is wrong, and
    has the name of the broken shape as its code
    (``"one-pref-label-per-language"``). An empty tuple means the graph
    conforms.

    Raises:
        ImportError: rdflib or pyshacl is not installed.

    Examples:
        >>> from partnership_model.skos import check_graph, to_graph
        >>> check_graph(to_graph())
        ()
    """
    from partnership_model._skos_graph import shacl_problems  # noqa: PLC0415

    return shacl_problems(graph, shapes())
