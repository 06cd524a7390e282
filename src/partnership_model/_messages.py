r"""The message catalogue: every sentence the library writes for people, in data files.

Titles, headings, table headings, assessment messages, figure legends, the
command line's lines and the messages of validation problems are looked up
by key and language tag through one function, :func:`message`. Their texts live
in ``data/messages/<domain>.json``, one file per domain (``report``,
``matrix``, ``assessment``...); a key is ``"<domain>.<name>"``::

    {
      "$schema": "../messages.schema.json",
      "domain": "report",
      "messages": {
        "title": {"en": "Partnership report", "fr": "Rapport de partenariat"},
        "no_stage": {
          "en": {"one": "{count} engagement with no research stage",
                 "other": "{count} engagements with no research stage"},
          "fr": {"one": "{count} engagement sans étape de recherche",
                 "other": "{count} engagements sans étape de recherche"},
          "note": "For translators: what the text is about."
        }
      }
    }

A file is read and checked the first time one of its messages is needed, once,
and refused as a whole (a :class:`~partnership_model.exceptions.DataFileError`
naming the file and the JSON path of each problem) when a message lacks its
English or French text, holds a blank text or an unknown language tag, uses a
placeholder that is not a plain ``{name}``, or when its languages (and plural
forms) do not use the same placeholders. ``fr-CA`` may give Québec's wording
where it differs (``fr`` follows France). A message whose text is an object
has plural forms, ``one`` and ``other``, chosen by its ``count`` parameter
with the rules of each language (in French, 0 and 1 take the singular).

In French, a message's own words are set in French typography
(:func:`~partnership_model._i18n.typeset`) while the text of its parameters is
left as given (a register's name, a key in a file); integers in parameters are
written the language's way (thousands grouped in French), and a parameter may
be a :class:`Message`, rendered in the same language: that is how a message
says "(did you mean ...?)" in the language of the message around it.

Examples:
    >>> message("report.title", "fr")
    'Rapport de partenariat'
    >>> message("report.no_stage", "fr-CA", count=0)
    '0 engagement sans étape de recherche'
    >>> message("report.label_value", "fr", label="acteurs", value="71")
    'acteurs\xa0: 71'
"""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from partnership_model._data import JsonObject, Problems, key_path, read_data_json
from partnership_model._i18n import (
    LANGUAGES,
    REGIONAL_TAGS,
    Lang,
    format_integer,
    locale,
    typeset,
)
from partnership_model.exceptions import (
    InvalidRecordError,
    Problem,
    RecordTypeError,
    UnknownReferenceError,
)

__all__ = [
    "MESSAGES_DIRECTORY",
    "PLURAL_FORMS",
    "Catalogue",
    "Entry",
    "Message",
    "build_catalogue",
    "catalogue",
    "message",
    "problem",
    "problem_message",
]

MESSAGES_DIRECTORY: Final = "messages"
"""The folder of ``data/`` that holds the catalogue files."""

PLURAL_FORMS: Final = ("one", "other")
"""The plural forms a message may have (CLDR names), chosen by its ``count``."""

_NAME = re.compile(r"[a-z][a-z0-9_]*")
# The keys a message may have: the languages, the regional tags whose wording may
# differ ("fr" already follows France, so "fr-FR" has none), and a note.
_TEXT_TAGS: Final = (*LANGUAGES, *REGIONAL_TAGS)
_LANGUAGE_NAMES: Final = {"en": "English", "fr": "French"}

Text = str | Mapping[str, str]
"""One language's text of a message: a string, or its plural forms."""


@attrs.frozen
class Entry:
    """One checked message.

    Attributes:
        texts: The text of each tag written in the file (``en``, ``fr`` and
            maybe ``fr-CA``): a string, or a mapping of plural forms.
        placeholders: The names between braces, the same in every text.
    """

    texts: Mapping[str, Text]
    placeholders: frozenset[str]

    @property
    def plural(self) -> bool:
        """Whether some language gives plural forms."""
        return any(not isinstance(text, str) for text in self.texts.values())


@attrs.frozen
class Catalogue:
    """The checked messages of one domain file.

    Attributes:
        domain: The domain (the file's name without ``.json``).
        file: The file, relative to the package's ``data`` directory.
        messages: The entries, by name.
    """

    domain: str
    file: str
    messages: Mapping[str, Entry]


@attrs.frozen
class Message:
    """A message to write later, in whatever language is asked (a lazy string).

    Pass one as a parameter of another message to have it rendered in the
    same language, or keep one in a record to render it when the language is
    known.

    Attributes:
        key: The catalogue key (``"problems.did_you_mean"``).
        params: The message's parameters.

    Examples:
        >>> hint = Message("problems.did_you_mean", {"suggestion": "'title'"})
        >>> hint.text("en")
        " (did you mean 'title'?)"
    """

    key: str
    params: Mapping[str, object] = attrs.field(factory=dict)

    def text(self, lang: Lang = "en") -> str:
        """The message in *lang*."""
        return message(self.key, lang, **self.params)


# -- loading --------------------------------------------------------------------------

_CATALOGUES: dict[str, Catalogue] = {}
_LOCK = threading.RLock()


def catalogue(domain: str) -> Catalogue:
    """The checked messages of *domain*, read from their file the first time.

    Raises:
        UnknownReferenceError: No catalogue file has this name.
        DataFileError: The file fails a check.
    """
    found = _CATALOGUES.get(domain)
    if found is None:
        with _LOCK:
            found = _CATALOGUES.get(domain)
            if found is None:
                file = f"{MESSAGES_DIRECTORY}/{domain}.json"
                if not (_NAME.fullmatch(domain) and _exists(file)):
                    raise UnknownReferenceError(domain, "message domain")
                problems = Problems(file)
                document = read_data_json(file, problems)
                problems.raise_if_any()
                found = _CATALOGUES[domain] = build_catalogue(
                    document, file=file, domain=domain
                )
    return found


def _exists(relative: str) -> bool:
    from importlib import resources  # noqa: PLC0415 - only when a file is read

    resource = resources.files("partnership_model").joinpath(
        "data", *relative.split("/")
    )
    return resource.is_file()


def build_catalogue(document: Any, *, file: str, domain: str) -> Catalogue:
    """Check a parsed catalogue *document* and build its :class:`Catalogue`.

    Args:
        document: The parsed file.
        file: The name to report problems under.
        domain: The domain the file must declare (its name without ``.json``).

    Raises:
        DataFileError: Every problem found, with its JSON path.
    """
    problems = Problems(file)
    messages: dict[str, Entry] = {}
    top = problems.mapping(document, "$")
    if top is not None:
        problems.keys(top, "$", required=("domain", "messages"), optional=("$schema",))
        if "$schema" in top:
            problems.text(top["$schema"], "$['$schema']")
        if "domain" in top and top["domain"] != domain:
            problems.add(
                "$.domain",
                f"this file holds the messages of {domain!r}, not {top['domain']!r}",
                "wrong_domain",
            )
        entries = problems.mapping(top.get("messages", JsonObject()), "$.messages")
        for name, value in (entries or {}).items():
            path = key_path("$.messages", name)
            if not _NAME.fullmatch(name):
                problems.add(
                    path,
                    f"{name!r} is not a message name: lowercase letters, digits "
                    "and underscores, starting with a letter",
                    "invalid_name",
                )
                continue
            entry = _entry(value, path, problems)
            if entry is not None:
                messages[name] = entry
    problems.raise_if_any()
    return Catalogue(domain=domain, file=file, messages=MappingProxyType(messages))


def _entry(value: object, path: str, problems: Problems) -> Entry | None:
    obj = problems.mapping(value, path)
    if obj is None:
        return None
    before = len(problems.items)
    for lang in LANGUAGES:
        if lang not in obj:
            problems.add(
                key_path(path, lang),
                f"missing text in {_LANGUAGE_NAMES[lang]} ({lang!r})",
                "missing_text",
            )
    texts: dict[str, Text] = {}
    names: dict[str, frozenset[str]] = {}
    for tag, text in obj.items():
        tag_path = key_path(path, tag)
        if tag == "note":
            problems.text(text, tag_path)
            continue
        if tag not in _TEXT_TAGS:
            problems.add(
                tag_path,
                f"unknown language tag {tag!r} (accepted: "
                f"{', '.join(_TEXT_TAGS)}, and 'note')",
                "unknown_language",
            )
            continue
        checked = _text(text, tag_path, problems)
        if checked is not None:
            texts[tag], names[tag] = checked
    if len(problems.items) > before:
        return None
    placeholders = names["en"]
    for tag, found in names.items():
        if found != placeholders:
            problems.add(
                key_path(path, tag),
                f"placeholders {_listed(found)} differ from the English text's "
                f"{_listed(placeholders)}; every language must use the same",
                "inconsistent_placeholders",
            )
    plural = any(not isinstance(text, str) for text in texts.values())
    if plural and "count" not in placeholders:
        problems.add(
            path,
            "a message with plural forms needs a {count} placeholder to choose them",
            "missing_count",
        )
    if len(problems.items) > before:
        return None
    return Entry(texts=MappingProxyType(texts), placeholders=placeholders)


def _text(
    value: object, path: str, problems: Problems
) -> tuple[Text, frozenset[str]] | None:
    """A text or its plural forms, with its placeholders; ``None`` if invalid."""
    if isinstance(value, dict):
        problems.duplicates(value, path)
        problems.keys(value, path, required=PLURAL_FORMS)
        forms: dict[str, str] = {}
        names: set[str] = set()
        for form in PLURAL_FORMS:
            if form not in value:
                continue
            checked = _plain(value[form], key_path(path, form), problems)
            if checked is None:
                return None
            forms[form], found = checked
            names |= found
        if len(forms) < len(PLURAL_FORMS) or set(value) - set(PLURAL_FORMS):
            return None
        return MappingProxyType(forms), frozenset(names)
    return _plain(value, path, problems)


def _plain(
    value: object, path: str, problems: Problems
) -> tuple[str, frozenset[str]] | None:
    text = problems.text(value, path, code="missing_text")
    if text is None:
        return None
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        problems.add(
            path,
            f"braces do not pair up ({error}); write a literal brace as {{{{ or }}}}",
            "invalid_placeholder",
        )
        return None
    names: set[str] = set()
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not _NAME.fullmatch(field) or spec or conversion:
            shown = field + (f"!{conversion}" if conversion else "")
            shown += f":{spec}" if spec else ""
            problems.add(
                path,
                f"placeholder {{{shown}}} is not a plain name such as {{count}} "
                "(no position, attribute, index, conversion or format)",
                "invalid_placeholder",
            )
            return None
        names.add(field)
    return text, frozenset(names)


def _listed(names: frozenset[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"


# -- lookup ---------------------------------------------------------------------------


def entry(key: str) -> Entry:
    """The checked entry of *key* (``"<domain>.<name>"``).

    Raises:
        UnknownReferenceError: No message has this key.
        DataFileError: The domain's file fails a check.
    """
    domain, _, name = str(key).partition(".")
    if not name:
        raise UnknownReferenceError(key, "message")
    found = catalogue(domain).messages.get(name)
    if found is None:
        raise UnknownReferenceError(key, "message")
    return found


def message(key: str, lang: Lang = "en", /, **params: object) -> str:
    r"""The message *key* in *lang*, its placeholders filled with *params*.

    Args:
        key: ``"<domain>.<name>"``, a message of ``data/messages/<domain>.json``.
        lang: A language tag (``"en"``, ``"fr"``, ``"fr-FR"``, ``"fr-CA"``).
        **params: One value per placeholder, no more, no less: text, an
            integer (written the language's way), or a :class:`Message`.

    Raises:
        UnknownReferenceError: No message has this key.
        InvalidRecordError: *params* do not match the message's placeholders.
        RecordTypeError: A parameter is a float, a bytes value or ``None``
            (format numbers with :func:`~partnership_model._i18n.format_decimal`
            first).
        VocabularyError: *lang* is not an accepted language tag.

    Examples:
        >>> message("report.engagements", "en", count=1)
        '1 engagement'
        >>> message("report.engagements", "fr", count=4578)
        '4\u202f578 engagements'
    """
    where = locale(lang)
    found = entry(key)
    if params.keys() != found.placeholders:
        raise InvalidRecordError(
            "params",
            sorted(params),
            f"message {key!r} takes {_listed(found.placeholders)}",
            code="message_params",
        )
    text: Text = found.texts[where.language]
    for tag in where.lookup_tags:
        if tag in found.texts:
            text = found.texts[tag]
            break
    if not isinstance(text, str):
        text = text[_plural_form(where.language, params["count"])]
    if where.language != "en":
        # The message's own words are set in the language's typography; the
        # values are not: data (a register's name, a key) stays as written.
        text = typeset(text, where.tag)
    values = {name: _value(name, value, where.tag) for name, value in params.items()}
    return text.format_map(values)


def _plural_form(language: str, count: object) -> str:
    """The CLDR plural form of an integer *count* in *language*."""
    if type(count) is not int:
        raise RecordTypeError("count", count, "expected an int to choose a plural form")
    if language == "fr":  # CLDR: i = 0,1 is "one" in French
        return "one" if count in (0, 1) else "other"
    return "one" if count == 1 else "other"


def _value(name: str, value: object, lang: Lang) -> str:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return format_integer(value, lang)
    if value is None or isinstance(value, float | bytes | bytearray):
        raise RecordTypeError(
            name, value, "expected text, an int or a Message (format numbers first)"
        )
    return str(value)


def problem(path: str, code: str, /, **params: object) -> Problem:
    """A :class:`~partnership_model.exceptions.Problem` written from the catalogue.

    Its message is ``problems.<code>`` in English, and it keeps *params* so
    that :func:`problem_message` can write it in another language.

    Examples:
        >>> problem("$.tilte", "missing", key="'title'", record="Engagement").message
        "missing required key 'title' of Engagement"
    """
    return Problem(
        path, message(f"problems.{code}", "en", **params), code, params=params
    )


def problem_message(problem: Problem, lang: Lang = "en") -> str:
    """The message of a validation *problem* in *lang*.

    A problem that carries its parameters (:attr:`Problem.params
    <partnership_model.exceptions.Problem.params>`) is written from the
    catalogue message ``problems.<code>``; otherwise, or when the parameters do
    not fit that message, the problem's own message, in English, is returned
    unchanged.

    Raises:
        VocabularyError: *lang* is not an accepted language tag.

    Examples:
        >>> from partnership_model.exceptions import Problem
        >>> problem = Problem(
        ...     "$.tilte", "missing required key 'title' of Engagement", "missing",
        ...     params={"key": "'title'", "record": "Engagement"},
        ... )
        >>> problem_message(problem, "fr")
        "clé obligatoire 'title' absente de Engagement"
        >>> problem_message(problem, "en") == problem.message
        True
    """
    where = locale(lang)
    params = problem.params
    if where.language == "en" or params is None:
        return problem.message
    try:
        found = entry(f"problems.{problem.code}")
    except UnknownReferenceError:
        return problem.message
    if params.keys() != found.placeholders:
        return problem.message
    return message(f"problems.{problem.code}", where.tag, **params)
