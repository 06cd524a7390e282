"""An example register of sixteen real cases of patient partnership, with coding notes.

:func:`load_register` returns a :class:`~partnership_model.Register` of real
engagements from Quebec, France and Switzerland (the COVID-19 triage protocol,
the Oncopole committee, Université de Montréal courses, the Ligue contre le
cancer's resource patients, CN2R Lille, the ECLAIR group of the Cancéropôle
CLARA...). It is the default data of ``partnership-model report`` and a
realistic fixture for tests and tutorials. :func:`coding_notes` gives, for each
engagement, why it is coded as it is, in English and in French.

The register and its notes are data, not code: two JSON files shipped in
``partnership_model/data/examples/``, read the first time they are needed and
checked then.

* ``register.json`` is a register document in the current format (1.1). It
  is loaded with the records' own rules, those the register's JSON Schema is
  generated from (see :func:`~partnership_model.from_dict`), so a value the
  schema refuses is refused here too. On top of them, every engagement must
  cite at least one source, every source must be a key of the
  :data:`~partnership_model.bibliography.BIBLIOGRAPHY`, every engagement needs
  a description, no person or participant may carry a display name (the
  people are anonymised), and every organisation listed must be used by an
  engagement.
* ``coding-notes.json`` holds ``{"notes": {<engagement id>: {"en": ...,
  "fr": ...}}}``: one note per engagement of the register, no note for an
  engagement it does not have, both languages non-blank, and each note citing
  (by its key) at least one source of its engagement. Format 1.1 gives an
  engagement no free-text field in two languages, hence this file beside the
  register.

A problem in either file raises a
:class:`~partnership_model.exceptions.DataFileError` naming the file and the
JSON path of every problem; nothing is used silently.

How to read the register:

* The facts of each case (who took part, what they did, figures, dates) come
  from the sources each engagement cites. People are **anonymised**: ids such
  as ``"covid-patient-1"`` stand for people the sources name or count; no
  display name is recorded. Where a source gives a number of people (four
  patients, seven patients) the register has that many participants;
  otherwise it has a few representative ones, and the note says so.
* The Montreal coding of each case (domain, level, degree, leadership) is this
  library's reading of the source; none of the sources codes its case this
  way. Each note says which part the source states and which part is our
  interpretation. Leadership is left unrecorded (``None``) where the source
  does not say who leads.
* Dates are as precise as the source: a year stays a year (``"2006"``); an
  engagement whose source dates only documents about it is left undated.
* Organisations hold no formal authority unless their record states one: only
  the Quebec ministry of health does (``Authority.PUBLIC_AUTHORITY``); the
  associations, centres and hospitals are related to their members by sphere
  alone (see :mod:`partnership_model.policy`).
* Optional facts the sources do not report (recognition, joint training,
  tiers actions) are left empty. Assessment findings on this register
  therefore point at what a real register should record, not at failings of
  the teams.

Examples:
    >>> from partnership_model.examples import coding_notes, load_register
    >>> register = load_register()
    >>> len(register)
    16
    >>> register.engagement("covid-triage-protocol").sources
    ('SSAQuebec2023', 'MSSSTriage2020', 'LaPresse2021')
    >>> str(register.engagement("aqrp-peer-helpers").start)
    '2006'
    >>> note = coding_notes()["aqrp-peer-helpers"]
    >>> note.text("en").split(":")[0]
    'Domain care and services and level micro'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from partnership_model import _validators as v
from partnership_model._data import Problems, key_path, read_data_json
from partnership_model._i18n import Lang, check_lang, typeset
from partnership_model.exceptions import DataFileError, ValidationError
from partnership_model.records import SCHEMA_VERSION, Register

__all__ = [
    "CODING_NOTES_FILE",
    "REGISTER_FILE",
    "CodingNote",
    "coding_notes",
    "load_register",
]


def __dir__() -> list[str]:
    return __all__


REGISTER_FILE: Final = "examples/register.json"
"""The example register, relative to the package's ``data`` directory."""

CODING_NOTES_FILE: Final = "examples/coding-notes.json"
"""The coding notes, relative to the package's ``data`` directory."""

_LANGUAGES: Final = ("en", "fr")


@attrs.frozen(kw_only=True)
class CodingNote:
    """Why one engagement of the example register is coded as it is.

    Attributes:
        engagement_id: The engagement the note is about.
        en: The note in English.
        fr: The note in French, as written in the data file (plain spaces);
            :meth:`text` sets it in French typography.
    """

    engagement_id: str = attrs.field(validator=v.identifier)
    en: str = attrs.field(validator=v.text)
    fr: str = attrs.field(validator=v.text)

    def text(self, lang: Lang = "en") -> str:
        r"""The note in *lang* (``"en"``, ``"fr"``, ``"fr-FR"`` or ``"fr-CA"``).

        Raises:
            VocabularyError: *lang* is not an accepted language tag.

        Examples:
            >>> note = CodingNote(engagement_id="e1", en="Why: this.", fr="Pourquoi : ceci.")
            >>> note.text("fr")
            'Pourquoi\xa0: ceci.'
        """
        if check_lang(lang) == "en":
            return self.en
        return typeset(self.fr, lang)


# -- the register ---------------------------------------------------------------------


def build_register(document: Any, *, file: str = REGISTER_FILE) -> Register:
    """Check the example register's *document* and return the register.

    Args:
        document: The parsed JSON of the register file.
        file: The file name to report problems against.

    Raises:
        DataFileError: With every problem of the document and its JSON path.
    """
    problems = Problems(file)
    if isinstance(document, dict) and document.get("schema_version") != SCHEMA_VERSION:
        problems.add(
            "$.schema_version",
            f"the example register is kept in the current format {SCHEMA_VERSION!r}",
            "schema_version",
        )
        problems.raise_if_any()
    document = _plain(document, "$", problems)
    problems.raise_if_any()
    try:
        register = _from_dict(document)
    except ValidationError as error:
        raise DataFileError(file, error.problems) from None
    _check_register(register, problems)
    problems.raise_if_any()
    return register


def _plain(value: Any, path: str, problems: Problems) -> Any:
    """*value* with plain dicts, recording the keys an object spelled twice."""
    if isinstance(value, dict):
        problems.duplicates(value, path)
        return {
            k: _plain(item, key_path(path, k), problems) for k, item in value.items()
        }
    if isinstance(value, list):
        return [_plain(item, f"{path}[{i}]", problems) for i, item in enumerate(value)]
    return value


def _from_dict(document: Any) -> Register:
    from partnership_model.serialization import from_dict  # noqa: PLC0415 - lazy

    return from_dict(document, Register)


def _check_register(register: Register, problems: Problems) -> None:
    """Record the rules the example register keeps beyond the format's."""
    from partnership_model.bibliography import BIBLIOGRAPHY  # noqa: PLC0415 - lazy

    for index, person in enumerate(register.people):
        if person.display_name is not None:
            problems.add(
                f"$.people[{index}].display_name",
                "the example register is anonymised: no display names",
                "not_anonymised",
            )
    used: set[str] = set()
    for e_index, engagement in enumerate(register.engagements):
        path = f"$.engagements[{e_index}]"
        used.update(engagement.organisations)
        if not engagement.sources:
            problems.add(
                f"{path}.sources", "every case cites at least one source", "no_source"
            )
        for s_index, key in enumerate(engagement.sources):
            if key not in BIBLIOGRAPHY:
                problems.add(
                    f"{path}.sources[{s_index}]",
                    f"{key!r} is not a key of the bibliography",
                    "unknown_source",
                )
        if engagement.description is None:
            problems.add(
                f"{path}.description",
                "every case is described in a sentence",
                "no_description",
            )
        for p_index, participant in enumerate(engagement.participants):
            if participant.display_name is not None:
                problems.add(
                    f"{path}.participants[{p_index}].display_name",
                    "the example register is anonymised: no display names",
                    "not_anonymised",
                )
    for index, organisation in enumerate(register.organisations):
        if organisation.id not in used:
            problems.add(
                f"$.organisations[{index}].id",
                f"no engagement lists the organisation {organisation.id!r}",
                "unused_organisation",
            )


@functools.cache
def load_register() -> Register:
    """Return the example register of real cases (read and checked once, then cached).

    The register is immutable, so the cached value is safe to share.

    Raises:
        DataFileError: The shipped file is invalid (a packaging fault).
    """
    problems = Problems(REGISTER_FILE)
    document = read_data_json(REGISTER_FILE, problems)
    problems.raise_if_any()
    return build_register(document)


# -- the coding notes ---------------------------------------------------------------------


def _cites(text: str, keys: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(key)}\b", text) for key in keys)


def build_coding_notes(
    document: Any, register: Register, *, file: str = CODING_NOTES_FILE
) -> dict[str, CodingNote]:
    """Check the coding notes' *document* against *register* and return the notes.

    Args:
        document: The parsed JSON of the coding-notes file.
        register: The register the notes are about.
        file: The file name to report problems against.

    Raises:
        DataFileError: With every problem of the document and its JSON path.
    """
    problems = Problems(file)
    notes: dict[str, CodingNote] = {}
    top = problems.mapping(document, "$")
    if top is not None:
        problems.keys(top, "$", required=("notes",))
    table = problems.mapping(top.get("notes"), "$.notes") if top is not None else None
    if table is None:
        problems.raise_if_any()
        return notes
    engagements = {e.id: e for e in register.engagements}
    for engagement_id, entry in table.items():
        path = key_path("$.notes", engagement_id)
        engagement = engagements.get(engagement_id)
        if engagement is None:
            problems.add(
                path,
                f"the register has no engagement {engagement_id!r}",
                "unknown_engagement",
            )
            continue
        item = problems.mapping(entry, path)
        if item is None:
            continue
        problems.keys(item, path, required=_LANGUAGES)
        texts = {
            lang: problems.text(item[lang], key_path(path, lang))
            for lang in _LANGUAGES
            if lang in item
        }
        for lang, text in texts.items():
            if text is not None and not _cites(text, engagement.sources):
                problems.add(
                    key_path(path, lang),
                    "the note cites none of the engagement's sources by its key "
                    f"({', '.join(engagement.sources)})",
                    "note_cites_no_source",
                )
        english, french = texts.get("en"), texts.get("fr")
        if english is not None and french is not None:
            notes[engagement_id] = CodingNote(
                engagement_id=engagement_id, en=english, fr=french
            )
    for engagement_id in engagements:
        if engagement_id not in table:
            problems.add(
                key_path("$.notes", engagement_id),
                "every engagement of the register has a coding note",
                "missing_note",
            )
    problems.raise_if_any()
    return {e: notes[e] for e in engagements if e in notes}


@functools.cache
def _coding_notes() -> Mapping[str, CodingNote]:
    problems = Problems(CODING_NOTES_FILE)
    document = read_data_json(CODING_NOTES_FILE, problems)
    problems.raise_if_any()
    return MappingProxyType(build_coding_notes(document, load_register()))


def coding_notes() -> Mapping[str, CodingNote]:
    """The coding note of each engagement of :func:`load_register`, by engagement id.

    Each note says why the engagement has its domain, level, degree,
    leadership and dates, citing the bibliography keys of its sources and
    saying where the coding is this library's interpretation. Read and checked
    once, then cached; the mapping is read-only, in register order.

    Raises:
        DataFileError: The shipped file is invalid (a packaging fault).

    Examples:
        >>> notes = coding_notes()
        >>> list(notes) == [e.id for e in load_register()]
        True
        >>> "Biaudet2024" in notes["eclair-clara"].text("fr")
        True
    """
    return _coding_notes()
