"""Private machinery shared by every vocabulary enum.

A vocabulary enum is a plain :class:`enum.Enum` whose values are lowercase
strings equal to the JSON token. Its members are declared in Python, so that
``Enum("value")`` lookups, ``mypy --strict`` and cattrs all keep working; their
labels, definitions, sources and facets live in the vocabulary's data file
(``data/terms/<name>.json``, see :mod:`partnership_model._termfiles`), read and
checked the first time a member's term is needed.

Ordered vocabularies derive from :class:`OrderedVocabulary`, which compares
members by declaration order and refuses to compare with anything else.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Self, TypeVar, cast

from partnership_model._i18n import LANGUAGES, Lang, check_lang
from partnership_model._termfiles import table
from partnership_model._terms import Term, normalize
from partnership_model.exceptions import VocabularyError

__all__ = [
    "LANGUAGES",
    "Lang",
    "OrderedVocabulary",
    "Term",
    "Vocabulary",
    "check_lang",
    "facet",
    "facet_mapping",
    "normalize",
    "terms",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_RANKS: dict[type[enum.Enum], Mapping[enum.Enum, int]] = {}
# Facet values by (member, facet name), filled from a vocabulary's table on first
# use: a role's sphere or level is read once per participant when graphs are built.
_FACETS: dict[tuple[enum.Enum, str], object] = {}


def terms(cls: type[E]) -> Mapping[E, Term]:
    """Return the read-only term table of the vocabulary *cls*.

    Raises:
        DataFileError: The vocabulary's data file fails its checks.
    """
    return cast("Mapping[E, Term]", table(cls).terms)


def facet(member: enum.Enum, name: str, kind: type[T]) -> T:
    """The value of the facet *name* of *member*, which must be a *kind*.

    Raises:
        TypeError: The data file gives the facet a value of another kind.
    """
    value = _FACETS.get((member, name), _FACETS)
    if value is _FACETS:
        for facet_name, values in table(type(member)).facets.items():
            for owner, facet_value in values.items():
                _FACETS[owner, facet_name] = facet_value
        value = _FACETS[member, name]
    if not isinstance(value, kind):
        msg = f"{member!r}.{name} is {value!r}, not a {kind.__name__}"
        raise TypeError(msg)
    return value


def facet_mapping(cls: type[E], name: str, kind: type[T]) -> Mapping[E, T]:
    """The facet *name* of every member of *cls*, as a read-only mapping."""
    return MappingProxyType({member: facet(member, name, kind) for member in cls})


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
        """The full :class:`Term` record of this member, as its data file has it.

        Raises:
            DataFileError: The vocabulary's data file fails its checks.
        """
        return table(type(self)).terms[self]

    def label(self, lang: Lang = "en") -> str:
        """Return the canonical label in *lang*, in that language's typography.

        *lang* is ``"en"``, ``"fr"`` (France's typography), ``"fr-FR"`` or
        ``"fr-CA"`` (Québec's); a regional wording, where the data file has
        one, overrides the language's.

        Raises:
            VocabularyError: *lang* is not a supported language tag.
        """
        return self.term.label(lang)

    def definition(self, lang: Lang = "en") -> str:
        """Return the definition in *lang*, in that language's typography.

        Definitions are paraphrases written for this library; see
        :attr:`sources` for where each concept comes from.

        Raises:
            VocabularyError: *lang* is not a supported language tag.
        """
        return self.term.definition(lang)

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
            member = table(cls).index.get(normalize(text))
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
