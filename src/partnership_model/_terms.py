"""The record of a vocabulary term, as a vocabulary's data file describes it.

:class:`Term` holds what the library knows about one member (labels,
definitions, sources, aliases, flags, regional wordings); :class:`TermTable`
holds a whole vocabulary once its file is read and checked
(:mod:`partnership_model._termfiles`).
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping

import attrs

from partnership_model._i18n import BaseLang, Lang, locale, typeset as _typeset

__all__ = ["Term", "TermTable", "Variant", "normalize"]


def normalize(text: str) -> str:
    """Fold *text* for lenient matching.

    Case, accents, surrounding spaces, and the difference between spaces,
    hyphens, underscores and apostrophes are ignored.

    Examples:
        >>> normalize("  Co-Leadership ")
        'co leadership'
        >>> normalize("Pair aidant(e)") == normalize("pair_aidant(e)")
        True
        >>> normalize("Élaboration")
        'elaboration'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for separator in ("-", "_", "'", "\u2019", "\u2010", "\u2011", "\u2013", "/"):
        stripped = stripped.replace(separator, " ")
    return " ".join(stripped.split())


@attrs.frozen(kw_only=True)
class Variant:
    """A regional wording of a term that overrides the language's own.

    Attributes:
        tag: The regional language tag (``"fr-CA"``).
        label: The label in that region, if it differs.
        definition: The definition in that region, if it differs.
    """

    tag: str
    label: str | None = None
    definition: str | None = None


@attrs.frozen(kw_only=True)
class Term:
    """Everything the library knows about one vocabulary member.

    The text fields hold the wording of the data file as written; use
    :meth:`label` and :meth:`definition` (or the same methods of the member) for
    text set in the typography of a language.

    Attributes:
        label_en: Canonical English label.
        label_fr: Canonical French label.
        definition_en: Definition in English, in the project's own words.
        definition_fr: Definition in French, in the project's own words.
        sources: Keys into :data:`partnership_model.bibliography.BIBLIOGRAPHY`,
            most relevant first. Never empty.
        aliases: Other spellings accepted by ``parse()`` (any language).
        interpretive: True when the definition or the placement of the term is
            this library's interpretation rather than a statement of the sources.
        proposed_labels: The languages whose label is this library's own
            translation (the sources use the term in the other language only).
        variants: Regional wordings (``fr-CA``) that override the language's.
        iri: The concept's published identifier (see :mod:`partnership_model.skos`).
    """

    label_en: str
    label_fr: str
    definition_en: str
    definition_fr: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    interpretive: bool = False
    proposed_labels: tuple[BaseLang, ...] = ()
    variants: tuple[Variant, ...] = ()
    iri: str | None = None

    def _text(self, field: str, lang: Lang) -> str:
        where = locale(lang)
        for variant in self.variants:
            if variant.tag == where.tag:
                text = getattr(variant, field)
                if text is not None:
                    return str(text)
        return str(getattr(self, f"{field}_{where.language}"))

    def label(self, lang: Lang = "en") -> str:
        """The label in *lang*, in that language's typography.

        Raises:
            VocabularyError: *lang* is not an accepted language tag.
        """
        return _typeset(self._text("label", lang), lang)

    def definition(self, lang: Lang = "en") -> str:
        """The definition in *lang*, in that language's typography.

        Raises:
            VocabularyError: *lang* is not an accepted language tag.
        """
        return _typeset(self._text("definition", lang), lang)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label as written (English, French, then the regional ones)."""
        regional = tuple(v.label for v in self.variants if v.label is not None)
        return (self.label_en, self.label_fr, *regional)


@attrs.frozen(kw_only=True)
class TermTable:
    """The checked content of one vocabulary's terms file.

    Attributes:
        vocabulary: The enum class.
        file: The file, relative to the package's ``data`` directory.
        iri: The vocabulary's published identifier (its concept scheme).
        terms: One :class:`Term` per member, in declaration order.
        facets: For each facet name, the value of every member.
        index: Every normalised spelling (value, name, labels, aliases) and the
            member it names.
    """

    vocabulary: type[enum.Enum]
    file: str
    iri: str | None
    terms: Mapping[enum.Enum, Term]
    facets: Mapping[str, Mapping[enum.Enum, object]]
    index: Mapping[str, enum.Enum]
