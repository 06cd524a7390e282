"""Draft a reporting checklist, such as GRIPP2, from a partnership register.

A register already knows much of what a report of patient and public
involvement must say: who took part and in which roles, at which research
stages and at which degree, who led, since when. :func:`draft_checklist` goes
through the items of a :class:`~partnership_model.checklists.Checklist` for one
research engagement of a :class:`~partnership_model.Register`, or for a set of
them reported together (a study whose involvement the register records as
several engagements), and returns a :class:`ChecklistDraft`: for each item, an
:class:`ItemStatus` (answered from the register, partly, or not answerable
from it), a draft text in English and in French, the register values the text
used (:class:`DraftValue`) and, unless the item is answered, what the team must
add.

What each item can draw from a register is declared in the checklist data
(:attr:`~partnership_model.checklists.ChecklistItem.register_answers`); turning
register facts into report sentences is this library's reading of the items. A
draft is a starting point for the team, never a finished report. French texts
follow French typography (no-break spaces before ``:`` and inside ``« »``,
narrow ones before ``;``, ``?`` and ``!``).

The definitions quoted for a degree of engagement are this library's own
summaries of the Montreal model, with the bibliography keys of their sources.
:mod:`partnership_model.draft_output` writes a draft as Markdown or JSON.

Examples:
    >>> from partnership_model.drafting import draft_checklist
    >>> from partnership_model.examples import load_register
    >>> register = load_register()
    >>> research = [e.id for e in register if e.domain.value == "research"]
    >>> draft = draft_checklist(register, research[0])
    >>> [(d.item_id, d.status.value) for d in draft.items]  # doctest: +NORMALIZE_WHITESPACE
    [('1', 'not_answerable'), ('2', 'partly'), ('3', 'not_answerable'),
     ('4', 'not_answerable'), ('5', 'not_answerable')]
    >>> both = draft_checklist(register, engagement_ids=research)
    >>> both.engagement_ids == tuple(research)
    True
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from partnership_model import _validators as v
from partnership_model._checklist_rules import record, to_tuple
from partnership_model._enums import Lang, check_lang
from partnership_model._i18n import NBSP, typeset
from partnership_model.checklists import (
    Checklist,
    ChecklistItem,
    RegisterCoverage,
    gripp2,
)
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Register
from partnership_model.vocabulary import EngagementDomain

__all__ = [
    "ChecklistDraft",
    "DraftValue",
    "ItemDraft",
    "ItemStatus",
    "draft_checklist",
    "research_engagement",
]


def _fr(text: str) -> str:
    """Set *text* in French typography (France's rules)."""
    return typeset(text, "fr")


def __dir__() -> list[str]:
    return __all__


class ItemStatus(enum.Enum):
    """How much of a checklist item a register answers (weakest first)."""

    #: The register holds nothing for the item; the team writes it.
    NOT_ANSWERABLE = "not_answerable"
    #: The draft answers part of the item; the team completes it.
    PARTLY = "partly"
    #: The draft answers the item from register facts (to be checked by the team).
    ANSWERED = "answered"

    def label(self, lang: Lang = "en") -> str:
        """A short label of the status in *lang*.

        Examples:
            >>> ItemStatus.PARTLY.label("fr")
            'Réponse partielle du registre'
        """
        return _STATUS_LABELS[self][check_lang(lang)]


_STATUS_LABELS: Mapping[ItemStatus, Mapping[str, str]] = {
    ItemStatus.NOT_ANSWERABLE: {
        "en": "Not answerable from the register",
        "fr": "Hors de portée du registre",
    },
    ItemStatus.PARTLY: {
        "en": "Partly answered by the register",
        "fr": "Réponse partielle du registre",
    },
    ItemStatus.ANSWERED: {
        "en": "Answered by the register",
        "fr": "Réponse fournie par le registre",
    },
}


@attrs.frozen(kw_only=True)
class DraftValue:
    """Register values a draft text was built from.

    Attributes:
        field: Where the values sit in an engagement, as a record path
            (``"research_stages"``, ``"participants[*].role"``); ``"sources"``
            for the bibliography keys of the definitions quoted.
        values: The values, as JSON tokens or ISO dates, in register order.
        engagement_id: The engagement the values were read from; ``None`` for
            values that come from this library (bibliography keys).
    """

    field: str = attrs.field(validator=v.identifier)
    values: tuple[str, ...] = attrs.field(converter=to_tuple, validator=v.texts)
    engagement_id: str | None = attrs.field(
        default=None, validator=v.optional_identifier
    )


@attrs.frozen(kw_only=True)
class ItemDraft:
    """The draft answer to one checklist item.

    Attributes:
        item_id: The checklist item's id.
        status: How much of the item the register answers.
        text_en: The draft text in English; for an item the register cannot
            answer, what the team must report. When several engagements are
            drafted together, facts of each engagement are on a line of
            their own.
        text_fr: The same in French.
        values: The register values the text used.
        to_add_en: What the team must still add, in English (``None`` when the
            item is answered).
        to_add_fr: The same in French.
    """

    item_id: str = attrs.field(validator=v.identifier)
    status: ItemStatus = attrs.field(validator=v.member_of(ItemStatus))
    text_en: str = attrs.field(validator=v.text)
    text_fr: str = attrs.field(validator=v.text)
    values: tuple[DraftValue, ...] = attrs.field(
        default=(), converter=to_tuple, validator=v.instances_of(DraftValue)
    )
    to_add_en: str | None = attrs.field(default=None, validator=v.optional_text)
    to_add_fr: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        if (self.to_add_en is None) != (self.to_add_fr is None):
            raise InvalidRecordError(
                "to_add_fr" if self.to_add_fr is None else "to_add_en",
                None,
                "to_add_en and to_add_fr are given together or not at all",
                code="missing_translation",
            )
        if (self.status is ItemStatus.ANSWERED) != (self.to_add_en is None):
            raise InvalidRecordError(
                "to_add_en",
                self.to_add_en,
                "an item has something left to add exactly when it is not answered",
                code="status_mismatch",
            )

    def text(self, lang: Lang = "en") -> str:
        """The draft text in *lang*."""
        return self.text_en if check_lang(lang) == "en" else self.text_fr

    def to_add(self, lang: Lang = "en") -> str | None:
        """What the team must still add, in *lang*."""
        return self.to_add_en if check_lang(lang) == "en" else self.to_add_fr


def _engagements(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    v.instances_of(Engagement)(_instance, attribute, value)
    if not value:
        raise InvalidRecordError(attribute.name, value, "must not be empty")
    seen: set[str] = set()
    engagements: tuple[Engagement, ...] = value  # type: ignore[assignment]
    for index, engagement in enumerate(engagements):
        if engagement.id in seen:
            raise DuplicateIdError(
                f"{attribute.name}[{index}]", engagement.id, "engagement listed twice"
            )
        seen.add(engagement.id)


@attrs.frozen(kw_only=True)
class ChecklistDraft:
    """A checklist drafted for one research engagement or a set of them.

    A draft carries the checklist and the engagements it was drawn from, so
    that it can be written out (:mod:`partnership_model.draft_output`) without
    the register.

    Attributes:
        checklist: The checklist drafted.
        engagements: The engagements the draft is about, in the order given.
        items: One draft per checklist item, in checklist order.
    """

    checklist: Checklist = attrs.field(validator=record(Checklist))
    engagements: tuple[Engagement, ...] = attrs.field(
        converter=to_tuple, validator=_engagements
    )
    items: tuple[ItemDraft, ...] = attrs.field(
        converter=to_tuple, validator=v.instances_of(ItemDraft)
    )

    def __attrs_post_init__(self) -> None:
        drafted = [draft.item_id for draft in self.items]
        expected = [item.id for item in self.checklist.items]
        if drafted != expected:
            raise InvalidRecordError(
                "items",
                tuple(drafted),
                f"a draft has one item per checklist item, in checklist order: "
                f"{', '.join(expected)}",
                code="items_mismatch",
            )

    @property
    def checklist_id(self) -> str:
        """The checklist's id."""
        return self.checklist.id

    @property
    def engagement_ids(self) -> tuple[str, ...]:
        """The ids of the engagements drafted, in the order given."""
        return tuple(engagement.id for engagement in self.engagements)

    @property
    def items_to_verify(self) -> int:
        """Items of the published checklist missing from its data, so from the draft.

        See :attr:`~partnership_model.checklists.Checklist.items_to_verify`.
        """
        return self.checklist.items_to_verify

    def item(self, item_id: str) -> ItemDraft:
        """Return the draft of one item.

        Raises:
            UnknownReferenceError: No item has this id.
        """
        for draft in self.items:
            if draft.item_id == item_id:
                return draft
        raise UnknownReferenceError(
            item_id, "checklist item", accepted=[d.item_id for d in self.items]
        )

    def status_counts(self) -> dict[ItemStatus, int]:
        """How many items have each status (every status present, weakest first)."""
        counts = Counter(draft.status for draft in self.items)
        return {status: counts[status] for status in ItemStatus}


# -- drafting ------------------------------------------------------------------------


def _not_answerable(item: ChecklistItem, text_en: str, text_fr: str) -> ItemDraft:
    return ItemDraft(
        item_id=item.id,
        status=ItemStatus.NOT_ANSWERABLE,
        text_en=f"{text_en} To report: {item.summary_en}",
        text_fr=_fr(f"{text_fr} À rapporter{NBSP}: {item.summary_fr}"),
        to_add_en=item.summary_en,
        to_add_fr=_fr(item.summary_fr),
    )


def _draft_item(item: ChecklistItem, engagements: tuple[Engagement, ...]) -> ItemDraft:
    from partnership_model import _draft_parts  # noqa: PLC0415 - one-way import

    if not item.answerable:
        return _not_answerable(
            item,
            "Not recorded in a partnership register.",
            "Non consigné dans un registre de partenariat.",
        )
    drafted = _draft_parts.draft_parts(item.register_answers, engagements)
    if all(coverage is RegisterCoverage.NONE for coverage in drafted.coverages):
        several = len(engagements) > 1
        return _not_answerable(
            item,
            "The register holds no data for this item for "
            + ("these engagements." if several else "this engagement."),
            "Le registre ne contient encore aucune donnée utile à cet item pour "
            + ("ces engagements." if several else "cet engagement."),
        )
    answered = item.register_coverage is RegisterCoverage.FULL and all(
        coverage is RegisterCoverage.FULL for coverage in drafted.coverages
    )
    values = drafted.values
    text_en = drafted.text_en
    text_fr = _fr(drafted.text_fr)
    if answered:
        return ItemDraft(
            item_id=item.id,
            status=ItemStatus.ANSWERED,
            text_en=text_en,
            text_fr=text_fr,
            values=values,
        )
    return ItemDraft(
        item_id=item.id,
        status=ItemStatus.PARTLY,
        text_en=text_en,
        text_fr=text_fr,
        values=values,
        to_add_en=f"Complete what the register does not record. The item asks: {item.summary_en}",
        to_add_fr=_fr(
            "Compléter ce que le registre ne consigne pas. L'item demande "
            f"de{NBSP}: {item.summary_fr}"
        ),
    )


def _is_research(engagement: Engagement) -> bool:
    return engagement.domain is EngagementDomain.RESEARCH


def research_engagement(
    register: Register, engagement_id: str, field: str = "engagement_id"
) -> Engagement:
    """Return the research engagement *engagement_id* of *register*.

    Args:
        register: The register to look in.
        engagement_id: The id of one of its research engagements.
        field: The argument named in errors (``"engagement_ids[2]"``...).

    Raises:
        UnknownReferenceError: No engagement has this id; the error lists the
            register's research engagements.
        InvalidRecordError: The engagement exists but is not a research
            engagement (code ``"not_research"``); the error lists the ones that are.
    """
    research = [e.id for e in register.engagements if _is_research(e)]
    try:
        engagement = register.engagement(engagement_id)
    except UnknownReferenceError:
        raise UnknownReferenceError(
            engagement_id, "research engagement", field, accepted=research
        ) from None
    if not _is_research(engagement):
        listed = ", ".join(research) if research else "none in this register"
        raise InvalidRecordError(
            field,
            engagement_id,
            f"engagement {engagement_id!r} is in the {engagement.domain.value} domain, "
            f"not research; research engagements: {listed}",
            code="not_research",
        )
    return engagement


def _requested_ids(
    engagement_id: str | None, engagement_ids: Iterable[str] | None
) -> list[tuple[str, str]]:
    """The ids asked for, each with the argument to name in errors."""
    if engagement_id is not None and engagement_ids is not None:
        raise RecordTypeError(
            "engagement_ids",
            engagement_ids,
            "give engagement_id or engagement_ids, not both",
        )
    if engagement_ids is None:
        if engagement_id is None:
            raise RecordTypeError(
                "engagement_id",
                None,
                "give the id of a research engagement (engagement_id) or several "
                "(engagement_ids)",
            )
        v.check_identifier("engagement_id", engagement_id)
        return [(engagement_id, "engagement_id")]
    if isinstance(engagement_ids, str | bytes) or not isinstance(
        engagement_ids, Iterable
    ):
        raise RecordTypeError(
            "engagement_ids",
            engagement_ids,
            "expected a sequence of engagement ids (a single id goes in engagement_id)",
        )
    requested: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, each in enumerate(engagement_ids):
        where = f"engagement_ids[{index}]"
        v.check_identifier(where, each)
        if each in seen:
            raise DuplicateIdError(where, each, "engagement id listed twice")
        seen.add(each)
        requested.append((each, where))
    if not requested:
        raise InvalidRecordError(
            "engagement_ids", (), "give at least one engagement id", code="empty"
        )
    return requested


def draft_checklist(
    register: Register,
    engagement_id: str | None = None,
    checklist: Checklist | None = None,
    *,
    engagement_ids: Iterable[str] | None = None,
) -> ChecklistDraft:
    """Draft *checklist* (default: the GRIPP2 short form) for research engagements.

    Give one engagement (*engagement_id*) or several reported together
    (*engagement_ids*, for a study whose involvement the register records as
    several engagements): facts of each engagement (people, stages and
    degrees, leadership, period) are then given engagement by engagement, and
    an item is answered only if every engagement answers it.

    Args:
        register: The register holding the engagements.
        engagement_id: The id of a research engagement of *register*.
        checklist: The checklist to draft; defaults to
            :func:`~partnership_model.checklists.gripp2` ``("short")``.
        engagement_ids: The ids of several research engagements of
            *register*, in the order the draft should give them (instead of
            *engagement_id*).

    Returns:
        One :class:`ItemDraft` per checklist item, in checklist order.

    Raises:
        RecordTypeError: *register* is not a Register, *checklist* not a
            Checklist, an id is not a string, or neither or both of
            *engagement_id* and *engagement_ids* are given.
        UnknownReferenceError: No engagement has an id given (the error names
            the argument and lists the research engagements).
        InvalidRecordError: An engagement is not a research engagement (code
            ``"not_research"``; the error lists the ones that are), or
            *engagement_ids* is empty (code ``"empty"``).
        DuplicateIdError: *engagement_ids* lists an id twice.
    """
    if not isinstance(register, Register):
        raise RecordTypeError("register", register, "expected a Register")
    if checklist is None:
        checklist = gripp2("short")
    elif not isinstance(checklist, Checklist):
        raise RecordTypeError("checklist", checklist, "expected a Checklist")
    engagements = tuple(
        research_engagement(register, each, field)
        for each, field in _requested_ids(engagement_id, engagement_ids)
    )
    return ChecklistDraft(
        checklist=checklist,
        engagements=engagements,
        items=[_draft_item(item, engagements) for item in checklist.items],
    )
