"""Private machinery shared by every vocabulary enum.

A vocabulary enum is a plain :class:`enum.Enum` whose values are lowercase
strings equal to the JSON token. Its labels, definitions and sources live in a
read-only table registered right after the class (see :func:`register_terms`),
never in the member values, so that ``Enum("value")`` lookups, ``mypy --strict``
and cattrs all keep working.

Ordered vocabularies derive from :class:`OrderedVocabulary`, which compares
members by declaration order and refuses to compare with anything else.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, Self, TypeVar, cast

import attrs

from partnership_model.exceptions import VocabularyError

Lang = Literal["en", "fr"]
"""A language code accepted by ``label()`` and ``definition()``."""

LANGUAGES: tuple[Lang, ...] = ("en", "fr")

E = TypeVar("E", bound=enum.Enum)


@attrs.frozen(kw_only=True)
class Term:
    """Everything the library knows about one vocabulary member.

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
    """

    label_en: str
    label_fr: str
    definition_en: str
    definition_fr: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    interpretive: bool = False
    proposed_labels: tuple[Lang, ...] = ()


_TERMS: dict[type[enum.Enum], Mapping[enum.Enum, Term]] = {}
_INDEXES: dict[type[enum.Enum], Mapping[str, enum.Enum]] = {}
_RANKS: dict[type[enum.Enum], Mapping[enum.Enum, int]] = {}


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


def register_terms(
    cls: type[E], table: Mapping[E, Term], *, proposed_labels: tuple[Lang, ...] = ()
) -> None:
    """Attach the term table of *cls*; every member must have exactly one entry.

    Args:
        cls: The vocabulary.
        table: One :class:`Term` per member.
        proposed_labels: Languages whose labels are this library's translations
            for every member of the vocabulary (added to each term's own).

    Raises:
        ValueError: A member is missing or two members share a spelling.
    """
    missing = [m.name for m in cls if m not in table]
    if missing:
        msg = f"{cls.__name__}: no term for {', '.join(missing)}"
        raise ValueError(msg)
    terms_by_member: dict[enum.Enum, Term] = {}
    for member in cls:
        term = table[member]
        if proposed_labels:
            merged = tuple(dict.fromkeys((*term.proposed_labels, *proposed_labels)))
            term = attrs.evolve(term, proposed_labels=merged)
        terms_by_member[member] = term
    _TERMS[cls] = MappingProxyType(terms_by_member)


def terms(cls: type[E]) -> Mapping[E, Term]:
    """Return the read-only term table of the vocabulary *cls*."""
    return cast("Mapping[E, Term]", _TERMS[cls])


def _index(cls: type[enum.Enum]) -> Mapping[str, enum.Enum]:
    """Build (once) the normalised spelling -> member index of *cls*."""
    index = _INDEXES.get(cls)
    if index is None:
        built: dict[str, enum.Enum] = {}
        for member, term in _TERMS[cls].items():
            spellings = (
                member.value,
                member.name,
                term.label_en,
                term.label_fr,
                *term.aliases,
            )
            for spelling in spellings:
                key = normalize(str(spelling))
                other = built.setdefault(key, member)
                if other is not member:
                    msg = (
                        f"{cls.__name__}: {spelling!r} names both "
                        f"{other.name} and {member.name}"
                    )
                    raise ValueError(msg)
        index = _INDEXES[cls] = MappingProxyType(built)
    return index


def check_lang(lang: str) -> Lang:
    """Return *lang* if it is a supported language code, else raise."""
    if lang == "en":
        return "en"
    if lang == "fr":
        return "fr"
    raise VocabularyError(lang, "language", LANGUAGES)


class Vocabulary(enum.Enum):
    """Base of every vocabulary enum (member-less, so it can be subclassed).

    Members have a lowercase string value equal to their JSON token, bilingual
    labels and definitions, and the bibliography keys of their sources.
    """

    # Members are singletons compared by identity, so identity hashing is exact;
    # it is also much cheaper than Enum's default ``hash(self._name_)``, which
    # matters when registers of 10^5 engagements fill sets and counters.
    __hash__ = object.__hash__

    @property
    def term(self) -> Term:
        """The full :class:`Term` record of this member."""
        return _TERMS[type(self)][self]

    def label(self, lang: Lang = "en") -> str:
        """Return the canonical label in *lang* (``"en"`` or ``"fr"``).

        Raises:
            VocabularyError: *lang* is not a supported language.
        """
        term = self.term
        return term.label_en if check_lang(lang) == "en" else term.label_fr

    def definition(self, lang: Lang = "en") -> str:
        """Return the definition in *lang* (``"en"`` or ``"fr"``).

        Definitions are paraphrases written for this library; see
        :attr:`sources` for where each concept comes from.

        Raises:
            VocabularyError: *lang* is not a supported language.
        """
        term = self.term
        return term.definition_en if check_lang(lang) == "en" else term.definition_fr

    @property
    def source(self) -> str:
        """The bibliography key of the main source of this term."""
        return self.term.sources[0]

    @property
    def sources(self) -> tuple[str, ...]:
        """Bibliography keys of every source of this term, main source first."""
        return self.term.sources

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other spellings :meth:`parse` accepts besides the value and labels."""
        return self.term.aliases

    @property
    def proposed_labels(self) -> tuple[Lang, ...]:
        """Languages whose label is this library's translation, not the sources' term."""
        return self.term.proposed_labels

    @property
    def interpretive(self) -> bool:
        """Whether the definition or placement is this library's interpretation."""
        return self.term.interpretive

    @classmethod
    def parse(cls, text: str) -> Self:
        """Return the member named by *text*.

        Accepts the value, the member name, the English or French label and the
        documented aliases, ignoring case, accents, surrounding spaces and the
        difference between spaces, hyphens and underscores.

        Raises:
            VocabularyError: *text* names no member; the error lists the accepted
                values.
        """
        if isinstance(text, cls):
            return text
        if isinstance(text, str):
            member = _index(cls).get(normalize(text))
            if member is not None:
                return cast("Self", member)
        raise VocabularyError(text, cls.__name__, cls.values())

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The JSON tokens of every member, in declaration order."""
        return tuple(member.value for member in cls)

    @classmethod
    def from_value(cls, value: object) -> Self:
        """Return the member whose JSON token is exactly *value*.

        Unlike :meth:`parse`, no lenient matching is done: this is what loading
        a JSON document uses.

        Raises:
            VocabularyError: *value* is not one of :meth:`values`.
        """
        try:
            return cls(value)
        except ValueError:
            raise VocabularyError(value, cls.__name__, cls.values()) from None


class OrderedVocabulary(Vocabulary):
    """A vocabulary whose members form a total order: declaration order.

    ``<``, ``<=``, ``>``, ``>=``, :func:`max`, :func:`min` and :func:`sorted`
    follow the order of declaration. Comparing with a member of another
    vocabulary, or with a string, raises :class:`TypeError`.
    """

    @property
    def rank(self) -> int:
        """1-based position of the member on its scale (the weakest is 1)."""
        ranks = _RANKS.get(type(self))
        if ranks is None:
            ranks = _RANKS[type(self)] = MappingProxyType(
                {member: position for position, member in enumerate(type(self), 1)}
            )
        return ranks[self]

    def __lt__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank < cast("Self", other).rank
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank <= cast("Self", other).rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank > cast("Self", other).rank
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank >= cast("Self", other).rank
        return NotImplemented
