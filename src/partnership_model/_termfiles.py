"""The terms files of the vocabularies: one JSON file each, read and checked on first use.

A vocabulary enum ``SomeVocabulary`` of module ``partnership_model.x`` has its
terms in ``data/terms/some_vocabulary.json`` (the class name in snake case)::

    {
      "$schema": "../terms.schema.json",
      "vocabulary": "SomeVocabulary",
      "module": "partnership_model.x",
      "iri": "urn:partnership-model:vocabulary:some_vocabulary",
      "facets": {"level": "EngagementLevel"},
      "terms": {
        "<json token>": {
          "iri": "urn:partnership-model:vocabulary:some_vocabulary:<json token>",
          "label": {"en": "...", "fr": "...", "fr-CA": "..."},
          "definition": {"en": "...", "fr": "..."},
          "sources": ["BibliographyKey", "..."],
          "aliases": ["other spelling", "..."],
          "interpretive": true,
          "proposed_labels": ["fr"],
          "facets": {"level": "micro"}
        }
      }
    }

``label`` and ``definition`` need ``en`` and ``fr`` (a French definition that
is the English one is refused as untranslated); a regional tag
(``fr-CA``) may override either. ``facets`` attach a fact to each member (a
member of another vocabulary of the module, or ``true``/``false`` where the
header says ``"bool"``); the enum exposes them as typed properties. ``iri``
(in the header and in each term) is the published identifier of the vocabulary
and of each concept (see :mod:`partnership_model._iri`): never change one.

:func:`build_table` checks a document and refuses, with the JSON path of each
problem: a missing or blank label or definition, a source key absent from the
bibliography, a term for no member and a member with no term, two members that
share a spelling once case, accents and separators are ignored, and anything
of the wrong type or unknown; an identifier missing, not under
``urn:partnership-model:vocabulary:``, not the vocabulary's followed by
``:<token>``, or already used by another vocabulary loaded.
"""

from __future__ import annotations

import enum
import re
import sys
import threading
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Any, Final

from partnership_model._data import (
    JsonObject,
    Problems,
    key_path,
    parse_data_json,
    read_data_json,
)
from partnership_model._i18n import LANGUAGES, REGIONAL_TAGS, BaseLang
from partnership_model._iri import DEFAULT_BASE, concept_iri_of, scheme_name
from partnership_model._terms import Term, TermTable, Variant, normalize
from partnership_model.bibliography import BIBLIOGRAPHY

__all__ = ["BOOL_FACET", "build_table", "parse_terms", "table", "terms_file"]

BOOL_FACET: Final = "bool"
"""The facet kind of a yes/no fact (``"facets": {"upstream": "bool"}``)."""


def terms_file(cls: type[enum.Enum]) -> str:
    """The terms file of *cls*, relative to ``data/``.

    Examples:
        >>> import enum
        >>> terms_file(enum.Enum("IAP2Level", "A"))
        'terms/iap2_level.json'
    """
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", cls.__name__).lower()
    return f"terms/{snake}.json"


_TABLES: dict[type[enum.Enum], TermTable] = {}
_LOCK = threading.RLock()
# The vocabulary that uses each scheme identifier, among the tables loaded.
_SCHEMES: dict[str, type[enum.Enum]] = {}


def table(cls: type[enum.Enum]) -> TermTable:
    """The checked terms of *cls*, read from its file the first time.

    Raises:
        DataFileError: The file is missing or fails a check.
    """
    found = _TABLES.get(cls)
    if found is None:
        with _LOCK:
            found = _TABLES.get(cls)
            if found is None:
                file = terms_file(cls)
                problems = Problems(file)
                document = read_data_json(file, problems)
                problems.raise_if_any()
                built = build_table(cls, document, file=file)
                _claim_scheme(built)
                found = _TABLES[cls] = built
    return found


def _claim_scheme(built: TermTable) -> None:
    """Refuse a scheme identifier that another loaded vocabulary already uses."""
    iri = built.iri or ""
    other = _SCHEMES.setdefault(iri, built.vocabulary)
    if other is not built.vocabulary:
        problems = Problems(built.file)
        problems.add("$.iri", duplicate_scheme_message(iri, other), "duplicate_iri")
        problems.raise_if_any()


def duplicate_scheme_message(iri: str, other: type[enum.Enum]) -> str:
    """Why a vocabulary cannot use the scheme identifier *iri* of *other*."""
    return (
        f"{iri!r} already identifies {other.__name__} ({terms_file(other)}); "
        "each vocabulary needs its own identifier"
    )


def build_table(
    cls: type[enum.Enum],
    document: Any,
    *,
    file: str,
    sources: Collection[str] | None = None,
) -> TermTable:
    """Check a parsed terms *document* of *cls* and build its table.

    Args:
        cls: The vocabulary the document describes.
        document: The parsed file (see :func:`parse_terms`).
        file: The name to report problems under.
        sources: The known bibliography keys (default: the shipped bibliography).

    Raises:
        DataFileError: Every problem found, with its JSON path.
    """
    if sources is None:
        sources = BIBLIOGRAPHY.keys()
    check = _Checker(cls, file, sources)
    built = check.document(document)
    check.problems.raise_if_any()
    if built is None:  # pragma: no cover - a document without problems builds
        msg = f"{file}: no table built, yet no problem recorded"
        raise RuntimeError(msg)
    return built


def parse_terms(text: str, *, file: str = "<text>") -> Any:
    """Parse the JSON text of a terms file (duplicated keys kept track of).

    Raises:
        DataFileError: *text* is not JSON.
    """
    problems = Problems(file)
    document = parse_data_json(text, problems)
    problems.raise_if_any()
    return document


class _Checker:
    """Checks one terms document, recording every problem found."""

    def __init__(
        self, cls: type[enum.Enum], file: str, sources: Collection[str]
    ) -> None:
        self.cls = cls
        self.problems = Problems(file)
        self.file = file
        self.sources = sources
        self.members = {member.value: member for member in cls}
        self.scheme: str | None = None

    def document(self, document: Any) -> TermTable | None:
        top = self.problems.mapping(document, "$")
        if top is None:
            return None
        self.problems.keys(
            top,
            "$",
            required=("vocabulary", "module", "terms"),
            optional=("$schema", "iri", "facets"),
        )
        self._header(top)
        self.scheme = self._scheme(top)
        facet_kinds = self._facet_kinds(top.get("facets", JsonObject()))
        entries = self.problems.mapping(top.get("terms"), "$.terms") or JsonObject()
        terms: dict[enum.Enum, Term] = {}
        facets: dict[str, dict[enum.Enum, object]] = {name: {} for name in facet_kinds}
        for value, entry in entries.items():
            path = key_path("$.terms", value)
            member = self.members.get(value)
            if member is None:
                self.problems.add(
                    path,
                    f"{value!r} is not a member of {self.cls.__name__} "
                    f"(members: {', '.join(self.members)})",
                    "unknown_member",
                )
                continue
            term = self._term(entry, path, facet_kinds, member, facets)
            if term is not None:
                terms[member] = term
        for value, member in self.members.items():
            if value not in entries:
                self.problems.add(
                    "$.terms",
                    f"{self.cls.__name__}.{member.name} has no term "
                    f"(add an entry {value!r})",
                    "missing_member",
                )
        index = self._index(terms)
        if self.problems.items:
            return None
        return TermTable(
            vocabulary=self.cls,
            file=self.file,
            iri=self.scheme,
            terms=MappingProxyType({m: terms[m] for m in self.cls}),
            facets=MappingProxyType(
                {
                    name: MappingProxyType({m: values[m] for m in self.cls})
                    for name, values in facets.items()
                }
            ),
            index=MappingProxyType(index),
        )

    # -- header --------------------------------------------------------------------

    def _header(self, top: Mapping[str, Any]) -> None:
        for key, expected in (
            ("vocabulary", self.cls.__name__),
            ("module", self.cls.__module__),
        ):
            if key in top and top[key] != expected:
                self.problems.add(
                    key_path("$", key),
                    f"this file holds the terms of {expected!r}, not {top[key]!r}",
                    "wrong_vocabulary",
                )
        if "$schema" in top:
            self.problems.text(top["$schema"], key_path("$", "$schema"))

    def _scheme(self, top: Mapping[str, Any]) -> str | None:
        """The vocabulary's identifier, if the header gives a well-formed one."""
        iri = top.get("iri")
        if "iri" not in top:
            self.problems.add(
                "$.iri",
                "the vocabulary has no identifier; add "
                f'"iri": "{self._suggested_scheme()}" '
                "(once published, never change it)",
                "missing_iri",
            )
            return None
        if scheme_name(iri) is None:
            self.problems.add(
                "$.iri",
                f"{iri!r} is not a vocabulary identifier: expected {DEFAULT_BASE!r} "
                "followed by lowercase letters, digits and underscores",
                "invalid_iri",
            )
            return None
        return str(iri)

    def _suggested_scheme(self) -> str:
        """The identifier a new vocabulary gets: its terms file's name."""
        return (
            DEFAULT_BASE + terms_file(self.cls).removeprefix("terms/")[: -len(".json")]
        )

    def _iri(self, obj: Mapping[str, Any], path: str, member: enum.Enum) -> str | None:
        """The term's identifier: the vocabulary's, a colon and the token."""
        scheme = self.scheme or self._suggested_scheme()
        expected = concept_iri_of(scheme, str(member.value))
        if "iri" not in obj:
            self.problems.add(
                key_path(path, "iri"),
                f'the term has no identifier; add "iri": "{expected}"',
                "missing_iri",
            )
            return None
        if self.scheme is None:  # the header's problem is reported already
            return None
        iri = obj["iri"]
        if iri != expected:
            self.problems.add(
                key_path(path, "iri"),
                f"{iri!r} is not this term's identifier: the vocabulary's "
                f"identifier, a colon and the token make {expected!r}",
                "inconsistent_iri",
            )
            return None
        return expected

    def _facet_kinds(self, declared: object) -> dict[str, Any]:
        obj = self.problems.mapping(declared, "$.facets")
        kinds: dict[str, Any] = {}
        if obj is None:
            return kinds
        module = sys.modules.get(self.cls.__module__)
        for name, kind in obj.items():
            path = key_path("$.facets", name)
            if kind == BOOL_FACET:
                kinds[name] = bool
                continue
            target = getattr(module, kind, None) if isinstance(kind, str) else None
            if isinstance(target, type) and issubclass(target, enum.Enum):
                kinds[name] = target
            else:
                self.problems.add(
                    path,
                    f"{kind!r} is neither {BOOL_FACET!r} nor a vocabulary of "
                    f"{self.cls.__module__}",
                    "unknown_vocabulary",
                )
        return kinds

    # -- one term ------------------------------------------------------------------

    def _term(
        self,
        entry: object,
        path: str,
        facet_kinds: Mapping[str, Any],
        member: enum.Enum,
        facets: dict[str, dict[enum.Enum, object]],
    ) -> Term | None:
        obj = self.problems.mapping(entry, path)
        if obj is None:
            return None
        self.problems.keys(
            obj,
            path,
            required=("label", "definition", "sources"),
            optional=(
                "aliases",
                "interpretive",
                "proposed_labels",
                "facets",
                "iri",
            ),
        )
        labels = self._texts(obj.get("label"), key_path(path, "label"), "label")
        definitions = self._texts(
            obj.get("definition"), key_path(path, "definition"), "definition"
        )
        sources = self._sources(obj.get("sources"), key_path(path, "sources"))
        aliases = self._aliases(obj.get("aliases", []), key_path(path, "aliases"))
        interpretive = self.problems.boolean(
            obj.get("interpretive", False), key_path(path, "interpretive")
        )
        proposed = self._proposed(
            obj.get("proposed_labels", []), key_path(path, "proposed_labels")
        )
        self._facets(
            obj.get("facets", JsonObject()),
            key_path(path, "facets"),
            facet_kinds,
            member,
            facets,
        )
        iri = self._iri(obj, path, member)
        if definitions is not None and definitions["en"] == definitions["fr"]:
            self.problems.add(
                key_path(key_path(path, "definition"), "fr"),
                "the French definition is the English one; translate it",
                "untranslated_definition",
            )
        if labels is None or definitions is None or sources is None:
            return None
        tags = sorted((set(labels) | set(definitions)) - set(LANGUAGES))
        return Term(
            label_en=labels["en"],
            label_fr=labels["fr"],
            definition_en=definitions["en"],
            definition_fr=definitions["fr"],
            sources=sources,
            aliases=aliases,
            interpretive=bool(interpretive),
            proposed_labels=proposed,
            variants=tuple(
                Variant(tag=tag, label=labels.get(tag), definition=definitions.get(tag))
                for tag in tags
            ),
            iri=iri,
        )

    def _texts(self, value: object, path: str, what: str) -> dict[str, str] | None:
        obj = self.problems.mapping(value, path)
        if obj is None:
            return None
        result: dict[str, str] = {}
        for lang in LANGUAGES:
            if lang not in obj:
                self.problems.add(
                    key_path(path, lang),
                    f"missing {what} in {_LANGUAGE_NAMES[lang]} ({lang!r})",
                    f"missing_{what}",
                )
        for tag, text in obj.items():
            tag_path = key_path(path, tag)
            if tag not in _TEXT_TAGS:
                self.problems.add(
                    tag_path,
                    f"unknown language tag {tag!r} (accepted: {', '.join(_TEXT_TAGS)})",
                    "unknown_language",
                )
                continue
            checked = self.problems.text(text, tag_path, code=f"missing_{what}")
            if checked is not None:
                result[tag] = checked
        if all(lang in result for lang in LANGUAGES):
            return result
        return None

    def _sources(self, value: object, path: str) -> tuple[str, ...] | None:
        items = self.problems.array(value, path)
        if items is None:
            return None
        if not items:
            self.problems.add(path, "a term needs at least one source", "no_source")
            return None
        keys: list[str] = []
        for position, key in enumerate(items):
            item_path = f"{path}[{position}]"
            checked = self.problems.text(key, item_path)
            if checked is None:
                continue
            if checked not in self.sources:
                self.problems.add(
                    item_path,
                    f"source {checked!r} is not a key of the bibliography "
                    "(data/bibliography.json)",
                    "unknown_source",
                )
            keys.append(checked)
        return tuple(keys) if len(keys) == len(items) else None

    def _aliases(self, value: object, path: str) -> tuple[str, ...]:
        items = self.problems.array(value, path) or []
        return tuple(
            text
            for position, alias in enumerate(items)
            if (text := self.problems.text(alias, f"{path}[{position}]")) is not None
        )

    def _proposed(self, value: object, path: str) -> tuple[BaseLang, ...]:
        items = self.problems.array(value, path) or []
        result: list[BaseLang] = []
        for position, lang in enumerate(items):
            if lang in LANGUAGES and lang not in result:
                result.append(lang)
            else:
                self.problems.add(
                    f"{path}[{position}]",
                    f"expected one of {', '.join(LANGUAGES)}, once each; got {lang!r}",
                    "invalid_value",
                )
        return tuple(result)

    def _facets(
        self,
        value: object,
        path: str,
        kinds: Mapping[str, Any],
        member: enum.Enum,
        facets: dict[str, dict[enum.Enum, object]],
    ) -> None:
        obj = self.problems.mapping(value, path)
        if obj is None:
            return
        self.problems.keys(obj, path, required=tuple(kinds))
        for name, kind in kinds.items():
            if name not in obj:
                continue
            raw = obj[name]
            facet_path = key_path(path, name)
            if kind is bool:
                checked = self.problems.boolean(raw, facet_path)
                if checked is not None:
                    facets[name][member] = checked
                continue
            try:
                facets[name][member] = kind(raw)
            except ValueError:
                accepted = ", ".join(str(m.value) for m in kind)
                self.problems.add(
                    facet_path,
                    f"{raw!r} is not a {kind.__name__} (accepted: {accepted})",
                    "invalid_value",
                )

    # -- spellings -----------------------------------------------------------------

    def _index(self, terms: Mapping[enum.Enum, Term]) -> dict[str, enum.Enum]:
        index: dict[str, enum.Enum] = {}
        described: dict[str, str] = {}
        for member in self.cls:
            term = terms.get(member)
            path = key_path("$.terms", str(member.value))
            spellings: list[tuple[str, str, str]] = [
                (str(member.value), path, "its value"),
                (member.name, path, "its name"),
            ]
            if term is not None:
                spellings += [
                    (
                        term.label_en,
                        key_path(path, "label") + ".en",
                        "its English label",
                    ),
                    (
                        term.label_fr,
                        key_path(path, "label") + ".fr",
                        "its French label",
                    ),
                ]
                spellings += [
                    (
                        v.label,
                        key_path(key_path(path, "label"), v.tag),
                        f"its {v.tag} label",
                    )
                    for v in term.variants
                    if v.label is not None
                ]
                spellings += [
                    (alias, f"{key_path(path, 'aliases')}[{i}]", f"alias {alias!r}")
                    for i, alias in enumerate(term.aliases)
                ]
            for spelling, spelling_path, what in spellings:
                key = normalize(spelling)
                if not key:
                    self.problems.add(
                        spelling_path,
                        f"{spelling!r} has no letter or digit left once "
                        "punctuation is ignored",
                        "blank_alias",
                    )
                    continue
                other = index.setdefault(key, member)
                if other is not member:
                    self.problems.add(
                        spelling_path,
                        f"{spelling!r} ({what} of {member.name}) reads as "
                        f"{key!r}, which already names {other.name} "
                        f"({described[key]}); parse() could not tell them apart",
                        "duplicate_alias",
                    )
                else:
                    described.setdefault(key, what)
        return index


_LANGUAGE_NAMES: Final = {"en": "English", "fr": "French"}
# The keys a label or definition may have: the languages, and the regional tags
# whose wording may differ ("fr" already follows France, so "fr-FR" has none).
_TEXT_TAGS: Final = (*LANGUAGES, *REGIONAL_TAGS)
