"""Reporting checklists, such as GRIPP2, as data.

Research teams that involve patients and the public are asked to report it
with a checklist: GRIPP2 (Staniszewska et al. 2017, co-published in Research
Involvement and Engagement and the BMJ) has a short form of 5 items and a long
form of 34. This module models such a checklist as frozen records and ships
the GRIPP2 forms as package data files, read lazily and checked at load time.

A :class:`Checklist` has :class:`ChecklistSection` s and
:class:`ChecklistItem` s whose ids and section headings are the published ones.
Each item carries a short summary in English and in French written for this
library (never the authors' wording), a machine-readable note of what data of
a partnership register can answer it (:class:`AnswerKind`, with a
:class:`RegisterCoverage`), and the ids of the :class:`VerificationSource` s
its id and section were checked against. The publishing work is a
:class:`Citation`.

Only verified items are shipped. When a published item could not be read in
any available source, the checklist says so instead of guessing:
:attr:`Checklist.complete` is false and :attr:`Checklist.items_to_verify`
counts the missing items. The GRIPP2 long form is in that state: its first 17
items (sections 1 to 6) are included, the other 17 are still to verify.

Which register data answers which item is this library's reading of the items,
not a statement of the checklist's authors.

Other checklists in the same JSON format can be read with
:func:`load_checklist`; a file that does not match the format is refused with a
:class:`~partnership_model.ValidationError` whose problems name the file and
the JSON path of each fault. The format is described by the JSON Schema
:func:`checklist_schema`.

Examples:
    >>> from partnership_model.checklists import gripp2
    >>> short = gripp2("short")
    >>> [item.id for item in short.items]
    ['1', '2', '3', '4', '5']
    >>> long = gripp2("long")
    >>> long.complete, long.items_to_verify, len(long.items)
    (False, 17, 17)
    >>> long.item("4c").section, long.section("4").title
    ('4', 'Methods of paper')
    >>> [kind.value for kind in long.item("4c").register_answers]
    ['stages_and_degrees']
"""

from __future__ import annotations

import enum
import functools
import json
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from partnership_model import _checklist_rules as _rules, _validators as v
from partnership_model._enums import Lang, check_lang
from partnership_model.exceptions import (
    InvalidRecordError,
    UnknownReferenceError,
    ValidationError,
    VocabularyError,
)

__all__ = [
    "BUILTIN_CHECKLISTS",
    "CHECKLIST_FORMAT_VERSION",
    "AnswerKind",
    "Checklist",
    "ChecklistItem",
    "ChecklistSection",
    "Citation",
    "CoPublication",
    "RegisterCoverage",
    "VerificationSource",
    "builtin_checklist",
    "checklist_from_dict",
    "checklist_schema",
    "checklist_to_dict",
    "gripp2",
    "load_checklist",
]


def __dir__() -> list[str]:
    return __all__


CHECKLIST_FORMAT_VERSION = "1.0"
"""Version of the checklist file format this release reads and writes."""

BUILTIN_CHECKLISTS: tuple[str, ...] = ("gripp2-sf", "gripp2-lf")
"""Ids of the checklists shipped with the package."""


class AnswerKind(enum.Enum):
    """What data of a partnership register can answer a checklist item.

    Declared from the most concrete register facts to the absence of any.
    """

    #: Who took part and in which roles (community and professional sides).
    PEOPLE_AND_ROLES = "people_and_roles"
    #: The research stages partners were engaged at, with the degree at each.
    STAGES_AND_DEGREES = "stages_and_degrees"
    #: Who led the engagement, and who held a decision role.
    LEADERSHIP = "leadership"
    #: When the engagement ran, and the project phase partners joined at.
    PERIOD = "period"
    #: The definition of the recorded degree of engagement, with its sources.
    DEFINITION_OF_INVOLVEMENT = "definition_of_involvement"
    #: The conceptual models the register is built on, with their sources.
    FRAMEWORK = "framework"
    #: Nothing in a register answers the item; the team must write it.
    NOT_ANSWERABLE = "not_answerable"


class RegisterCoverage(enum.Enum):
    """How much of a checklist item register data can answer (ordered)."""

    #: Nothing (items about aims, results or reflections).
    NONE = "none"
    #: Part of it; the team adds what a register does not record.
    PARTIAL = "partial"
    #: All of it, when the register records the facts involved.
    FULL = "full"


# -- records ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CoPublication:
    """Another publication of the same work (a simultaneous co-publication).

    Attributes:
        container: Journal or book.
        year: Year of publication, if known.
        details: Volume, issue, pages or article number.
        doi: DOI without the ``https://doi.org/`` prefix.
        url: A public address of the publication.
    """

    container: str = attrs.field(validator=v.text)
    year: int | None = attrs.field(default=None, validator=_rules.year)
    details: str | None = attrs.field(default=None, validator=v.optional_text)
    doi: str | None = attrs.field(default=None, validator=v.optional_text)
    url: str | None = attrs.field(default=None, validator=v.optional_text)


@attrs.frozen(kw_only=True)
class Citation:
    """The work that publishes a checklist, as a bibliography entry.

    Attributes:
        key: Citation key (for example ``"Staniszewska2017GRIPP2"``).
        authors: Authors as ``"Family Initials"``, in published order.
        title: Title of the work.
        year: Year of publication, if known.
        container: Journal or book.
        details: Volume, issue, pages or article number.
        doi: DOI without the ``https://doi.org/`` prefix.
        url: A public address of the work.
        license: The licence the work is published under.
        note: What was verified, identifiers, and other remarks.
        also_published: Simultaneous publications of the same work.
    """

    key: str = attrs.field(validator=v.identifier)
    authors: tuple[str, ...] = attrs.field(
        converter=_rules.to_tuple, validator=_rules.non_empty(v.texts)
    )
    title: str = attrs.field(validator=v.text)
    year: int | None = attrs.field(default=None, validator=_rules.year)
    container: str | None = attrs.field(default=None, validator=v.optional_text)
    details: str | None = attrs.field(default=None, validator=v.optional_text)
    doi: str | None = attrs.field(default=None, validator=v.optional_text)
    url: str | None = attrs.field(default=None, validator=v.optional_text)
    license: str | None = attrs.field(default=None, validator=v.optional_text)
    note: str | None = attrs.field(default=None, validator=v.optional_text)
    also_published: tuple[CoPublication, ...] = attrs.field(
        default=(), converter=_rules.to_tuple, validator=v.instances_of(CoPublication)
    )

    def text(self) -> str:
        """The reference as one line of plain text (Vancouver-like).

        Examples:
            >>> from partnership_model.checklists import gripp2
            >>> print(gripp2().citation.text())  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
            Staniszewska S, Brett J, Simera I, ... Tysall C (2017). GRIPP2 reporting
            checklists: ... Research Involvement and Engagement 3:13.
            https://doi.org/10.1186/s40900-017-0062-2. Also published in BMJ
            358:j3453 (2017). https://doi.org/10.1136/bmj.j3453.
        """
        year = f" ({self.year})" if self.year is not None else ""
        parts = [f"{', '.join(self.authors)}{year}.", self.title.rstrip(".") + "."]
        if self.container:
            tail = f" {self.details}" if self.details else ""
            parts.append(f"{self.container}{tail}.")
        link = _link(self.doi, self.url)
        if link:
            parts.append(link + ".")
        for other in self.also_published:
            tail = f" {other.details}" if other.details else ""
            when = f" ({other.year})" if other.year is not None else ""
            parts.append(f"Also published in {other.container}{tail}{when}.")
            other_link = _link(other.doi, other.url)
            if other_link:
                parts.append(other_link + ".")
        return " ".join(parts)


def _link(doi: str | None, url: str | None) -> str | None:
    return f"https://doi.org/{doi}" if doi else url


@attrs.frozen(kw_only=True)
class VerificationSource:
    """A readable source a checklist's item ids and sections were checked against.

    Attributes:
        id: Identifier the items refer to in :attr:`ChecklistItem.verified_in`.
        citation: The source, as one line of text.
        locator: Where in the source the items are (for example ``"Table 2"``).
        doi: DOI of the source, without prefix.
        url: Address of the source (or of the table itself).
    """

    id: str = attrs.field(validator=v.identifier)
    citation: str = attrs.field(validator=v.text)
    locator: str = attrs.field(validator=v.text)
    doi: str | None = attrs.field(default=None, validator=v.optional_text)
    url: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.doi is None and self.url is None:
            raise InvalidRecordError(
                "url",
                None,
                "a verification source needs a DOI or a URL so that it can be found",
                code="missing_locator",
            )

    @property
    def link(self) -> str:
        """The DOI link if there is a DOI, else the URL."""
        return _link(self.doi, self.url) or ""


@attrs.frozen(kw_only=True)
class ChecklistSection:
    """A section of a checklist, with its published number and heading.

    Attributes:
        id: The section number as published (``"4"``).
        title: The heading as published, in English.
        title_fr: The heading in French (a translation by this library for
            the shipped checklists).
    """

    id: str = attrs.field(validator=v.identifier)
    title: str = attrs.field(validator=v.text)
    title_fr: str = attrs.field(validator=v.text)

    def label(self, lang: Lang = "en") -> str:
        """The heading in *lang*."""
        return self.title if check_lang(lang) == "en" else self.title_fr


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One item of a checklist.

    Attributes:
        id: The item id as published (``"4c"``).
        section: The id of the section the item belongs to.
        topic: The item's topic heading as published, if it has one.
        topic_fr: The topic in French; given exactly when :attr:`topic` is.
        summary_en: What the item asks, summarised in this library's own words.
        summary_fr: The same summary in French.
        register_answers: What register data can answer the item;
            :attr:`AnswerKind.NOT_ANSWERABLE` stands alone.
        register_coverage: How much of the item that data answers;
            :attr:`RegisterCoverage.NONE` exactly when the item is not
            answerable.
        verified_in: Ids of the :class:`VerificationSource` s the item's id and
            section were checked against; never empty.
        note_en: A remark on the item (for example on how it was summarised).
        note_fr: The same remark in French; given exactly when :attr:`note_en` is.
    """

    id: str = attrs.field(validator=v.identifier)
    section: str = attrs.field(validator=v.identifier)
    topic: str | None = attrs.field(default=None, validator=v.optional_text)
    topic_fr: str | None = attrs.field(default=None, validator=v.optional_text)
    summary_en: str = attrs.field(validator=v.text)
    summary_fr: str = attrs.field(validator=v.text)
    register_answers: tuple[AnswerKind, ...] = attrs.field(
        converter=_rules.to_tuple, validator=_rules.enum_list(AnswerKind)
    )
    register_coverage: RegisterCoverage = attrs.field(
        validator=v.member_of(RegisterCoverage)
    )
    verified_in: tuple[str, ...] = attrs.field(
        converter=_rules.to_tuple, validator=_rules.non_empty(v.identifiers)
    )
    note_en: str | None = attrs.field(default=None, validator=v.optional_text)
    note_fr: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        _rules.both_or_neither(self, "topic", "topic_fr")
        _rules.both_or_neither(self, "note_en", "note_fr")
        alone = AnswerKind.NOT_ANSWERABLE in self.register_answers
        if alone and len(self.register_answers) > 1:
            raise InvalidRecordError(
                "register_answers",
                tuple(kind.value for kind in self.register_answers),
                "'not_answerable' cannot be combined with other answer kinds",
                code="not_answerable_combined",
            )
        if alone != (self.register_coverage is RegisterCoverage.NONE):
            raise InvalidRecordError(
                "register_coverage",
                self.register_coverage.value,
                "the coverage is 'none' exactly when the item is 'not_answerable'",
                code="coverage_mismatch",
            )

    @property
    def answerable(self) -> bool:
        """Whether some register data can answer at least part of the item."""
        return self.register_coverage is not RegisterCoverage.NONE

    def summary(self, lang: Lang = "en") -> str:
        """The item's summary in *lang*."""
        return self.summary_en if check_lang(lang) == "en" else self.summary_fr


@attrs.frozen(kw_only=True)
class Checklist:
    """A reporting checklist: sections and items as published, with their sources.

    Attributes:
        id: Stable identifier (``"gripp2-lf"``).
        guideline: The guideline the checklist belongs to (``"GRIPP2"``).
        form: Which form of the guideline this is (``"short"``, ``"long"``).
        title: Title in English.
        title_fr: Title in French.
        citation: The work that publishes the checklist.
        expected_item_count: How many items the published checklist has.
        items_to_verify: How many published items are missing from
            :attr:`items` because they could not be verified;
            ``len(items) + items_to_verify == expected_item_count``.
        complete: Whether every published item is present (true exactly when
            :attr:`items_to_verify` is 0).
        note_en: What the checklist is for and what is missing, in English.
        note_fr: The same in French.
        verification_sources: The sources items were checked against.
        sections: The sections, in published order.
        items: The verified items, in published order.
    """

    id: str = attrs.field(validator=v.identifier)
    guideline: str = attrs.field(validator=v.text)
    form: str | None = attrs.field(default=None, validator=v.optional_text)
    title: str = attrs.field(validator=v.text)
    title_fr: str = attrs.field(validator=v.text)
    citation: Citation = attrs.field(validator=_rules.record(Citation))
    expected_item_count: int = attrs.field(validator=_rules.positive)
    items_to_verify: int = attrs.field(validator=v.count)
    complete: bool = attrs.field(validator=v.boolean)
    note_en: str | None = attrs.field(default=None, validator=v.optional_text)
    note_fr: str | None = attrs.field(default=None, validator=v.optional_text)
    verification_sources: tuple[VerificationSource, ...] = attrs.field(
        converter=_rules.to_tuple,
        validator=_rules.non_empty(v.instances_of(VerificationSource)),
    )
    sections: tuple[ChecklistSection, ...] = attrs.field(
        converter=_rules.to_tuple,
        validator=_rules.non_empty(v.instances_of(ChecklistSection)),
    )
    items: tuple[ChecklistItem, ...] = attrs.field(
        converter=_rules.to_tuple,
        validator=_rules.non_empty(v.instances_of(ChecklistItem)),
    )

    def __attrs_post_init__(self) -> None:
        _rules.both_or_neither(self, "note_en", "note_fr")
        v.raise_violations(
            _rules.checklist_errors(
                sections=self.sections,
                items=self.items,
                verification_sources=self.verification_sources,
                expected_item_count=self.expected_item_count,
                items_to_verify=self.items_to_verify,
                complete=self.complete,
            )
        )

    @functools.cached_property
    def _items(self) -> Mapping[str, ChecklistItem]:
        return {item.id: item for item in self.items}

    @functools.cached_property
    def _sections(self) -> Mapping[str, ChecklistSection]:
        return {section.id: section for section in self.sections}

    def item(self, item_id: str) -> ChecklistItem:
        """Return the item with this id.

        Raises:
            UnknownReferenceError: The checklist has no such item (it may be one
                still to verify).
        """
        try:
            return self._items[item_id]
        except KeyError:
            raise UnknownReferenceError(item_id, "checklist item") from None

    def section(self, section_id: str) -> ChecklistSection:
        """Return the section with this id.

        Raises:
            UnknownReferenceError: The checklist has no such section.
        """
        try:
            return self._sections[section_id]
        except KeyError:
            raise UnknownReferenceError(section_id, "checklist section") from None

    def items_in(self, section_id: str) -> tuple[ChecklistItem, ...]:
        """The items of one section, in published order.

        Raises:
            UnknownReferenceError: The checklist has no such section.
        """
        self.section(section_id)
        return tuple(item for item in self.items if item.section == section_id)

    def label(self, lang: Lang = "en") -> str:
        """The title in *lang*."""
        return self.title if check_lang(lang) == "en" else self.title_fr


# -- reading and writing ----------------------------------------------------------


def checklist_from_dict(data: object) -> Checklist:
    """Build a :class:`Checklist` from decoded JSON data.

    Every problem is reported, each at its JSON path.

    Raises:
        ValidationError: *data* does not describe a valid checklist.
        SchemaVersionError: *data* declares a format version this release
            cannot read.
    """
    from partnership_model import _checklist_codec  # noqa: PLC0415 - one-way import

    return _checklist_codec.read_checklist(data)


def checklist_to_dict(checklist: Checklist) -> dict[str, Any]:
    """Turn a checklist into JSON-ready data (the inverse of :func:`checklist_from_dict`)."""
    from partnership_model import _checklist_codec  # noqa: PLC0415 - one-way import

    return _checklist_codec.write_checklist(checklist)


def load_checklist(path: str | os.PathLike[str]) -> Checklist:
    """Read a checklist from a JSON file in the checklist format.

    Raises:
        ValidationError: The file cannot be read, is not JSON, or does not
            describe a valid checklist; each problem's path starts with the
            file name (``my-checklist.json:$.items[3].section``).
    """
    from partnership_model.serialization import (  # noqa: PLC0415 - lazy
        in_file,
        read_file_data,
    )

    file = Path(path)
    data = read_file_data(file)
    try:
        return checklist_from_dict(data)
    except ValidationError as error:
        raise in_file(file, error) from None


def _data_file(name: str) -> resources.abc.Traversable:
    return resources.files("partnership_model").joinpath("data", "checklists", name)


@functools.cache
def builtin_checklist(checklist_id: str) -> Checklist:
    """Return a checklist shipped with the package (read and checked once).

    Args:
        checklist_id: One of :data:`BUILTIN_CHECKLISTS`.

    Raises:
        UnknownReferenceError: No shipped checklist has this id.
    """
    if checklist_id not in BUILTIN_CHECKLISTS:
        raise UnknownReferenceError(checklist_id, "built-in checklist")
    from partnership_model.serialization import parse_json  # noqa: PLC0415 - lazy

    resource = _data_file(f"{checklist_id}.json")
    try:
        return checklist_from_dict(parse_json(resource.read_bytes()))
    except ValidationError as error:  # pragma: no cover - a packaging fault
        from partnership_model.serialization import in_file  # noqa: PLC0415

        raise in_file(Path(str(resource)), error) from None


def gripp2(form: Literal["short", "long"] = "short") -> Checklist:
    """Return the GRIPP2 short form (5 items) or long form (verified items only).

    Raises:
        VocabularyError: *form* is neither ``"short"`` nor ``"long"``.
    """
    forms = {"short": "gripp2-sf", "long": "gripp2-lf"}
    if form not in forms:
        raise VocabularyError(form, "GRIPP2 form", tuple(forms))
    return builtin_checklist(forms[form])


@functools.cache
def _schema_text() -> str:
    return _data_file("checklist.schema.json").read_text(encoding="utf-8")


def checklist_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the checklist file format, as a new dict.

    The schema checks the structure of a file; the rules that involve several
    fields (unique ids, items pointing at declared sections and sources, item
    counts) are checked by :func:`checklist_from_dict`.
    """
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded
