"""Draft a reporting checklist, such as GRIPP2, from a partnership register.

A register already knows much of what a report of patient and public
involvement must say: who took part and in which roles, at which research
stages and at which degree, who led, since when. :func:`draft_checklist` goes
through the items of a :class:`~partnership_model.checklists.Checklist` for one
research engagement of a :class:`~partnership_model.Register` and returns, for
each item, an :class:`ItemStatus` (answered from the register, partly, or not
answerable from it), a draft text in English and in French, and the register
values the text used (:class:`DraftValue`). Items the register cannot answer
say what the team must write.

What each item can draw from a register is declared in the checklist data
(:attr:`~partnership_model.checklists.ChecklistItem.register_answers`); turning
register facts into report sentences is this library's reading of the items. A
draft is a starting point for the team, never a finished report.

The definitions quoted for a degree of engagement are this library's own
summaries of the Montreal model, with the bibliography keys of their sources.

Examples:
    >>> from partnership_model.drafting import draft_checklist
    >>> from partnership_model.examples import load_register
    >>> register = load_register()
    >>> research = [e.id for e in register if e.domain.value == "research"]
    >>> draft = draft_checklist(register, research[0])
    >>> [(d.item_id, d.status.value) for d in draft.items]  # doctest: +NORMALIZE_WHITESPACE
    [('1', 'not_answerable'), ('2', 'partly'), ('3', 'not_answerable'),
     ('4', 'not_answerable'), ('5', 'not_answerable')]
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable

import attrs

from partnership_model import _validators as v
from partnership_model._checklist_rules import to_tuple
from partnership_model._enums import Lang, check_lang
from partnership_model.checklists import (
    AnswerKind,
    Checklist,
    ChecklistItem,
    RegisterCoverage,
    gripp2,
)
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Register
from partnership_model.vocabulary import (
    EngagementDegree,
    EngagementDomain,
    ResearchStage,
    Role,
    Sphere,
)

__all__ = [
    "ChecklistDraft",
    "DraftValue",
    "ItemDraft",
    "ItemStatus",
    "draft_checklist",
    "research_engagement",
]


def __dir__() -> list[str]:
    return __all__


NBSP = "\u00a0"  # French: before ':' and inside « »
NNBSP = "\u202f"  # French: before ';', '?', '!'


class ItemStatus(enum.Enum):
    """How much of a checklist item a register answers (weakest first)."""

    #: The register holds nothing for the item; the team writes it.
    NOT_ANSWERABLE = "not_answerable"
    #: The draft answers part of the item; the team completes it.
    PARTLY = "partly"
    #: The draft answers the item from register facts (to be checked by the team).
    ANSWERED = "answered"


@attrs.frozen(kw_only=True)
class DraftValue:
    """Register values a draft text was built from.

    Attributes:
        field: Where the values sit in the engagement, as a record path
            (``"research_stages"``, ``"participants[*].role"``).
        values: The values, as JSON tokens or ISO dates, in register order.
    """

    field: str = attrs.field(validator=v.identifier)
    values: tuple[str, ...] = attrs.field(converter=to_tuple, validator=v.texts)


@attrs.frozen(kw_only=True)
class ItemDraft:
    """The draft answer to one checklist item.

    Attributes:
        item_id: The checklist item's id.
        status: How much of the item the register answers.
        text_en: The draft text in English; for an item the register cannot
            answer, what the team must report.
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

    def text(self, lang: Lang = "en") -> str:
        """The draft text in *lang*."""
        return self.text_en if check_lang(lang) == "en" else self.text_fr

    def to_add(self, lang: Lang = "en") -> str | None:
        """What the team must still add, in *lang*."""
        return self.to_add_en if check_lang(lang) == "en" else self.to_add_fr


@attrs.frozen(kw_only=True)
class ChecklistDraft:
    """A checklist drafted for one engagement.

    Attributes:
        checklist_id: The checklist's id.
        engagement_id: The engagement the draft is about.
        items: One draft per checklist item, in checklist order.
        items_to_verify: Items of the published checklist that are not in the
            checklist data yet (see
            :attr:`~partnership_model.checklists.Checklist.items_to_verify`);
            the draft cannot cover them.
    """

    checklist_id: str = attrs.field(validator=v.identifier)
    engagement_id: str = attrs.field(validator=v.identifier)
    items: tuple[ItemDraft, ...] = attrs.field(
        converter=to_tuple, validator=v.instances_of(ItemDraft)
    )
    items_to_verify: int = attrs.field(default=0, validator=v.count)

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


# -- what a register says, one answer kind at a time -------------------------------


@attrs.frozen
class _Part:
    """What one answer kind contributes to an item's draft."""

    coverage: RegisterCoverage
    text_en: str = ""
    text_fr: str = ""
    values: tuple[DraftValue, ...] = ()


_NOTHING = _Part(RegisterCoverage.NONE)


def _stage_degrees(
    engagement: Engagement,
) -> tuple[tuple[tuple[ResearchStage, EngagementDegree], ...], bool]:
    """Each research stage with its degree, and whether degrees are per stage.

    Format 1.0 records one degree for the whole engagement, so every stage
    gets it and the second value is ``False``. When the register format gives
    each stage its own degree, only this function changes: it reads the
    per-stage list and returns ``True``.
    """
    stages = sorted(engagement.research_stages)
    return tuple((stage, engagement.degree) for stage in stages), False


def _labels(members: Iterable[enum.Enum], lang: Lang) -> str:
    return ", ".join(member.label(lang) for member in members)  # type: ignore[attr-defined]


def _role_counts(roles: Iterable[Role], lang: Lang) -> str:
    counts = Counter(roles)
    return ", ".join(f"{role.label(lang)} ({n})" for role, n in counts.items())


def _people_and_roles(engagement: Engagement) -> _Part:
    participants = engagement.participants
    if not participants:
        return _NOTHING
    community = [p.role for p in participants if p.sphere is Sphere.COMMUNITY]
    professional = [p.role for p in participants if p.sphere is Sphere.PROFESSIONAL]
    n = len(participants)
    plural = "s" if n > 1 else ""
    en = [f"The register lists {n} participant{plural}."]
    fr = [f"Le registre compte {n} participant{plural}."]
    if community:
        en.append(f"Community side: {_role_counts(community, 'en')}.")
        fr.append(f"Côté communauté{NBSP}: {_role_counts(community, 'fr')}.")
    else:
        en.append("No participant is recorded on the community side.")
        fr.append("Aucun participant n'est consigné du côté de la communauté.")
    if professional:
        en.append(f"Professional side: {_role_counts(professional, 'en')}.")
        fr.append(f"Côté professionnel{NBSP}: {_role_counts(professional, 'fr')}.")
    values = (
        DraftValue(
            field="participants[*].role", values=[p.role.value for p in participants]
        ),
        DraftValue(
            field="participants[*].sphere",
            values=[p.sphere.value for p in participants],
        ),
    )
    coverage = RegisterCoverage.FULL if community else RegisterCoverage.PARTIAL
    return _Part(coverage, " ".join(en), " ".join(fr), values)


def _stages_and_degrees(engagement: Engagement) -> _Part:
    pairs, per_stage = _stage_degrees(engagement)
    if not pairs:
        return _NOTHING
    if per_stage:
        en = "Degree of engagement at each research stage: " + "; ".join(
            f"{s.label('en')}: {d.label('en')}" for s, d in pairs
        )
        fr = f"Degré d'engagement à chaque étape de la recherche{NBSP}: " + (
            f"{NNBSP}; ".join(
                f"{s.label('fr')}{NBSP}: {d.label('fr')}" for s, d in pairs
            )
        )
        coverage = RegisterCoverage.FULL
    else:
        stages = [s for s, _ in pairs]
        degree = pairs[0][1]
        en = (
            f"Partners were engaged at these research stages: {_labels(stages, 'en')}. "
            f"Degree of engagement: {degree.label('en')} (one degree is recorded for "
            f"the whole engagement, not one per stage)"
        )
        fr = (
            f"Les partenaires ont été engagés à ces étapes de la recherche{NBSP}: "
            f"{_labels(stages, 'fr')}. Degré d'engagement{NBSP}: {degree.label('fr')} "
            f"(le registre consigne un seul degré pour tout l'engagement, et non un "
            f"par étape)"
        )
        coverage = RegisterCoverage.PARTIAL
    values = [
        DraftValue(field="research_stages", values=[s.value for s, _ in pairs]),
        DraftValue(field="degree", values=[d.value for _, d in pairs]),
    ]
    en, fr = en + ".", fr + "."
    joined = engagement.partners_joined_at
    if joined is not None:
        en += f" Partners joined at this project phase: {joined.label('en')}."
        fr += f" Phase du projet où les partenaires sont arrivés{NBSP}: {joined.label('fr')}."
        values.append(DraftValue(field="partners_joined_at", values=[joined.value]))
    return _Part(coverage, en, fr, tuple(values))


def _leadership(engagement: Engagement) -> _Part:
    lead = engagement.leadership
    community = engagement.community_participants
    professional = engagement.professional_participants
    c_deciders = sum(p.decision_role for p in community)
    p_deciders = sum(p.decision_role for p in professional)
    en = (
        f"Leadership: {lead.label('en')}. Participants holding a decision role: "
        f"{c_deciders} of {len(community)} on the community side, {p_deciders} of "
        f"{len(professional)} on the professional side."
    )
    fr = (
        f"Leadership{NBSP}: {lead.label('fr')}. Participants ayant un rôle "
        f"décisionnel{NBSP}: {c_deciders} sur {len(community)} du côté de la "
        f"communauté, {p_deciders} sur {len(professional)} du côté professionnel."
    )
    values = (
        DraftValue(field="leadership", values=[lead.value]),
        DraftValue(
            field="participants[*].decision_role",
            values=[
                "true" if p.decision_role else "false" for p in engagement.participants
            ],
        ),
    )
    return _Part(RegisterCoverage.FULL, en, fr, values)


def _period(engagement: Engagement) -> _Part:
    start, end = engagement.start, engagement.end
    if start is None and end is None:
        return _NOTHING
    values = []
    if start is not None and end is not None:
        en = f"The engagement ran from {start.isoformat()} to {end.isoformat()}."
        fr = f"L'engagement s'est déroulé du {start.isoformat()} au {end.isoformat()}."
    elif start is not None:
        en = f"The engagement started on {start.isoformat()}."
        fr = f"L'engagement a commencé le {start.isoformat()}."
    else:
        assert end is not None  # noqa: S101 - one of the two is set
        en = f"The engagement ended on {end.isoformat()}."
        fr = f"L'engagement a pris fin le {end.isoformat()}."
    if start is not None:
        values.append(DraftValue(field="start", values=[start.isoformat()]))
    if end is not None:
        values.append(DraftValue(field="end", values=[end.isoformat()]))
    both = start is not None and end is not None
    coverage = RegisterCoverage.FULL if both else RegisterCoverage.PARTIAL
    return _Part(coverage, en, fr, tuple(values))


def _definition_of_involvement(engagement: Engagement) -> _Part:
    pairs, _ = _stage_degrees(engagement)
    degrees = sorted({d for _, d in pairs} or {engagement.degree})
    en: list[str] = []
    fr: list[str] = []
    sources: list[str] = []
    for degree in degrees:
        keys = degree.sources
        sources.extend(k for k in keys if k not in sources)
        en.append(
            f"Degree “{degree.label('en')}”, as the Montreal model's continuum of "
            f"engagement describes it: {degree.definition('en')} "
            f"(sources: {', '.join(keys)})"
        )
        fr.append(
            f"Degré «{NBSP}{degree.label('fr')}{NBSP}», tel que le décrit le continuum "
            f"d'engagement du modèle de Montréal{NBSP}: {degree.definition('fr').rstrip('.')} "
            f"(sources{NBSP}: {', '.join(keys)})"
        )
    values = (
        DraftValue(field="degree", values=[d.value for d in degrees]),
        DraftValue(field="sources", values=sources),
    )
    return _Part(
        RegisterCoverage.FULL,
        " ".join(text + "." for text in en),
        " ".join(text + "." for text in fr),
        values,
    )


def _framework(engagement: Engagement) -> _Part:
    level = engagement.level
    en = (
        "The register describes the involvement with the Montreal model of patient "
        f"partnership: a degree on its continuum of engagement, at the "
        f"{level.label('en')} level (Pomey2015); and the people involved by sphere "
        "and role, after the Ecology of Engagement (Boivin2022)."
    )
    fr = (
        "Le registre décrit la participation selon le modèle de Montréal du "
        "partenariat patient, soit un degré sur son continuum d'engagement, au "
        f"niveau {level.label('fr')} (Pomey2015){NNBSP}; et les personnes engagées "
        "par sphère et par rôle, d'après l'écologie de l'engagement (Boivin2022)."
    )
    values = (
        DraftValue(field="level", values=[level.value]),
        DraftValue(field="sources", values=["Pomey2015", "Boivin2022"]),
    )
    return _Part(RegisterCoverage.FULL, en, fr, values)


_EXTRACTORS: dict[AnswerKind, Callable[[Engagement], _Part]] = {
    AnswerKind.PEOPLE_AND_ROLES: _people_and_roles,
    AnswerKind.STAGES_AND_DEGREES: _stages_and_degrees,
    AnswerKind.LEADERSHIP: _leadership,
    AnswerKind.PERIOD: _period,
    AnswerKind.DEFINITION_OF_INVOLVEMENT: _definition_of_involvement,
    AnswerKind.FRAMEWORK: _framework,
}


def _draft_item(item: ChecklistItem, engagement: Engagement) -> ItemDraft:
    if not item.answerable:
        return ItemDraft(
            item_id=item.id,
            status=ItemStatus.NOT_ANSWERABLE,
            text_en=f"Not recorded in a partnership register. To report: {item.summary_en}",
            text_fr=(
                f"Non consigné dans un registre de partenariat. À rapporter{NBSP}: "
                f"{item.summary_fr}"
            ),
            to_add_en=item.summary_en,
            to_add_fr=item.summary_fr,
        )
    parts = [_EXTRACTORS[kind](engagement) for kind in item.register_answers]
    found = [part for part in parts if part.coverage is not RegisterCoverage.NONE]
    if not found:
        return ItemDraft(
            item_id=item.id,
            status=ItemStatus.NOT_ANSWERABLE,
            text_en=(
                "The register holds no data for this item for this engagement. "
                f"To report: {item.summary_en}"
            ),
            text_fr=(
                "Le registre ne contient encore aucune donnée utile à cet item pour cet "
                f"engagement. À rapporter{NBSP}: {item.summary_fr}"
            ),
            to_add_en=item.summary_en,
            to_add_fr=item.summary_fr,
        )
    answered = item.register_coverage is RegisterCoverage.FULL and all(
        part.coverage is RegisterCoverage.FULL for part in parts
    )
    values = tuple(value for part in found for value in part.values)
    text_en = " ".join(part.text_en for part in found)
    text_fr = " ".join(part.text_fr for part in found)
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
        to_add_fr=(
            "Compléter ce que le registre ne consigne pas. L'item demande "
            f"de{NBSP}: {item.summary_fr}"
        ),
    )


def _is_research(engagement: Engagement) -> bool:
    return engagement.domain is EngagementDomain.RESEARCH


def research_engagement(register: Register, engagement_id: str) -> Engagement:
    """Return the research engagement *engagement_id* of *register*.

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
            engagement_id, "research engagement", "engagement_id", accepted=research
        ) from None
    if not _is_research(engagement):
        listed = ", ".join(research) if research else "none in this register"
        raise InvalidRecordError(
            "engagement_id",
            engagement_id,
            f"engagement {engagement_id!r} is in the {engagement.domain.value} domain, "
            f"not research; research engagements: {listed}",
            code="not_research",
        )
    return engagement


def draft_checklist(
    register: Register,
    engagement_id: str,
    checklist: Checklist | None = None,
) -> ChecklistDraft:
    """Draft *checklist* (default: the GRIPP2 short form) for one research engagement.

    Args:
        register: The register holding the engagement.
        engagement_id: The id of a research engagement of *register*.
        checklist: The checklist to draft; defaults to
            :func:`~partnership_model.checklists.gripp2` ``("short")``.

    Returns:
        One :class:`ItemDraft` per checklist item, in checklist order.

    Raises:
        RecordTypeError: *register* is not a Register or *checklist* not a
            Checklist.
        UnknownReferenceError: No engagement has this id (the error lists the
            research engagements).
        InvalidRecordError: The engagement is not a research engagement
            (code ``"not_research"``; the error lists the ones that are).
    """
    if not isinstance(register, Register):
        raise RecordTypeError("register", register, "expected a Register")
    if checklist is None:
        checklist = gripp2("short")
    elif not isinstance(checklist, Checklist):
        raise RecordTypeError("checklist", checklist, "expected a Checklist")
    engagement = research_engagement(register, engagement_id)
    return ChecklistDraft(
        checklist_id=checklist.id,
        engagement_id=engagement.id,
        items=[_draft_item(item, engagement) for item in checklist.items],
        items_to_verify=checklist.items_to_verify,
    )
