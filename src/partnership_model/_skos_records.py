"""The records of the SKOS export, and the notes it writes (see :mod:`partnership_model.skos`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, cast

import attrs

from partnership_model._i18n import typeset

__all__ = [
    "INTERPRETIVE_NOTE",
    "ORDER_NOTE",
    "PROPOSED_LABEL_NOTES",
    "Concept",
    "ConceptScheme",
    "SkosData",
    "Source",
    "typeset_all",
]

INTERPRETIVE_NOTE: Final[Mapping[str, str]] = {
    "en": (
        "Interpretive: the definition or the placement of this concept is the "
        "partnership_model project's reading of its sources, not a statement of "
        "the sources."
    ),
    "fr": (
        "Interprétatif : la définition ou le classement de ce concept est une "
        "lecture de ses sources par le projet partnership_model, non un énoncé "
        "des sources."
    ),
}
"""The ``skos:editorialNote`` of an interpretive concept, by note language.

The French note is written in French typography, like every French text.
"""

PROPOSED_LABEL_NOTES: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "en": (
            "The English label is a proposal of the partnership_model project: "
            "the sources do not use it."
        ),
        "fr": (
            "Le libellé anglais est une proposition du projet partnership_model : "
            "les sources ne l'emploient pas."
        ),
    },
    "fr": {
        "en": (
            "The French label is a proposal of the partnership_model project: "
            "the sources do not use it."
        ),
        "fr": (
            "Le libellé français est une proposition du projet partnership_model : "
            "les sources ne l'emploient pas."
        ),
    },
}
"""The ``skos:editorialNote`` saying that the label in a language (first key)
is this project's proposal, by note language (second key)."""

ORDER_NOTE: Final[Mapping[str, str]] = {
    "en": (
        "The concepts of this scheme in their order, first to last: the order "
        "partnership_model compares them by."
    ),
    "fr": (
        "Les concepts de ce schéma dans leur ordre, du premier au dernier : "
        "l'ordre selon lequel partnership_model les compare."
    ),
}
"""The ``skos:scopeNote`` of the ``skos:OrderedCollection`` of an ordered vocabulary."""


def typeset_all(texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """*texts* by language tag, each set in its language's typography."""
    return [(tag, typeset(text, cast("Any", tag))) for tag, text in texts.items()]


def _pairs(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(value))


def _note_set(value: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    return frozenset(value)


def _strings(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Source:
    """A cited work, as the export describes it.

    Attributes:
        iri: Its identifier (:func:`source_iri`).
        key: Its key in :data:`partnership_model.bibliography.BIBLIOGRAPHY`.
        citation: The reference as one line of text.
        see_also: Its address, for a work without a DOI that has one.
    """

    iri: str
    key: str
    citation: str
    see_also: str | None = None


@attrs.frozen(kw_only=True)
class Concept:
    """One term, as the SKOS export describes it.

    Attributes:
        iri: The concept's identifier.
        scheme: The identifier of its vocabulary.
        notation: The JSON token.
        pref_labels: ``(language tag, label)`` pairs, sorted by tag.
        definitions: ``(language tag, definition)`` pairs, sorted by tag.
        alt_labels: The aliases (no language tag).
        sources: The identifiers of the cited works.
        interpretive: Whether the concept carries :data:`INTERPRETIVE_NOTE`.
        proposed_labels: The languages whose label is this project's proposal.
        close_matches: Concepts of other frameworks it closely matches.
        related_matches: Concepts of other frameworks it partly matches.
        notes: ``(language tag, text)`` explanations of its crosswalks.
    """

    iri: str
    scheme: str
    notation: str
    pref_labels: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    definitions: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    alt_labels: frozenset[str] = attrs.field(default=frozenset(), converter=_strings)
    sources: frozenset[str] = attrs.field(default=frozenset(), converter=_strings)
    interpretive: bool = False
    proposed_labels: frozenset[str] = attrs.field(
        default=frozenset(), converter=_strings
    )
    close_matches: frozenset[str] = attrs.field(default=frozenset(), converter=_strings)
    related_matches: frozenset[str] = attrs.field(
        default=frozenset(), converter=_strings
    )
    notes: frozenset[tuple[str, str]] = attrs.field(
        default=frozenset(), converter=_note_set
    )

    def pref_label(self, tag: str) -> str | None:
        """The preferred label in the language *tag*, if there is one."""
        return dict(self.pref_labels).get(tag)

    def definition(self, tag: str) -> str | None:
        """The definition in the language *tag*, if there is one."""
        return dict(self.definitions).get(tag)


@attrs.frozen(kw_only=True)
class ConceptScheme:
    """One vocabulary, as the SKOS export describes it.

    Attributes:
        iri: Its identifier.
        title: The name of the vocabulary (the enum class).
        description: What the vocabulary is, in English (the class docstring).
        concepts: The identifiers of its concepts.
        order: For an ordered vocabulary, its concepts weakest first (the
            members of its ``skos:OrderedCollection``); empty otherwise.
    """

    iri: str
    title: str
    description: str
    concepts: frozenset[str] = attrs.field(converter=_strings)
    order: tuple[str, ...] = ()


def _schemes(value: Iterable[ConceptScheme]) -> frozenset[ConceptScheme]:
    return frozenset(value)


def _concepts(value: Iterable[Concept]) -> frozenset[Concept]:
    return frozenset(value)


def _sources(value: Iterable[Source]) -> frozenset[Source]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class SkosData:
    """Everything the SKOS export says: schemes, concepts and cited works.

    Attributes:
        schemes: One per vocabulary.
        concepts: One per term.
        sources: One per cited work.
    """

    schemes: frozenset[ConceptScheme] = attrs.field(converter=_schemes)
    concepts: frozenset[Concept] = attrs.field(converter=_concepts)
    sources: frozenset[Source] = attrs.field(converter=_sources)

    def concept(self, iri: str) -> Concept:
        """The concept identified by *iri*.

        Raises:
            KeyError: No concept has this identifier.
        """
        for concept in self.concepts:
            if concept.iri == iri:
                return concept
        raise KeyError(iri)
