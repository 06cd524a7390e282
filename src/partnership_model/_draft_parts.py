"""Private: what register data says for each answer kind of a checklist item.

:func:`part` turns the facts of one or several research engagements into the
contribution of one :class:`~partnership_model.checklists.AnswerKind` to an
item's draft: a coverage, an English and a French text, and the register values
used. :mod:`partnership_model.drafting` assembles the parts of an item.

Facts that belong to one engagement (its people, stages and degree, leadership,
period) are given engagement by engagement when several are drafted together;
the definition of the degrees and the framework are given once for the set.
Turning register facts into report sentences is this library's reading of the
checklist items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from partnership_model._enums import Lang
from partnership_model._i18n import NBSP, NNBSP
from partnership_model.checklists import AnswerKind, RegisterCoverage
from partnership_model.drafting import DraftValue
from partnership_model.records import Engagement
from partnership_model.vocabulary import (
    EngagementDegree,
    ResearchStage,
    Role,
    Sphere,
)


@attrs.frozen
class Part:
    """What one answer kind contributes to an item's draft."""

    coverage: RegisterCoverage
    text_en: str = ""
    text_fr: str = ""
    values: tuple[DraftValue, ...] = ()


NOTHING = Part(RegisterCoverage.NONE)


def stage_degrees(
    engagement: Engagement,
) -> tuple[tuple[ResearchStage, EngagementDegree], ...]:
    """Each research stage with the degree recorded for it, in research order.

    Format 1.1 gives each stage its own degree (format 1.0 documents are read
    with every stage at the engagement's degree).
    """
    return tuple(
        sorted((item.stage, item.degree) for item in engagement.research_stages)
    )


def _value(field: str, values: Iterable[str], engagement: Engagement) -> DraftValue:
    return DraftValue(field=field, values=tuple(values), engagement_id=engagement.id)


def _role_counts(roles: Iterable[Role], lang: Lang) -> str:
    counts = Counter(roles)
    return ", ".join(f"{role.label(lang)} ({n})" for role, n in counts.items())


# -- one engagement -------------------------------------------------------------------


def _people_and_roles(engagement: Engagement) -> Part:
    participants = engagement.participants
    if not participants:
        return NOTHING
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
        _value(
            "participants[*].role", (p.role.value for p in participants), engagement
        ),
        _value(
            "participants[*].sphere", (p.sphere.value for p in participants), engagement
        ),
    )
    coverage = RegisterCoverage.FULL if community else RegisterCoverage.PARTIAL
    return Part(coverage, " ".join(en), " ".join(fr), values)


def _stages_and_degrees(engagement: Engagement) -> Part:
    pairs = stage_degrees(engagement)
    if not pairs:
        return NOTHING
    en = "Degree of engagement at each research stage: " + "; ".join(
        f"{s.label('en')}: {d.label('en')}" for s, d in pairs
    )
    fr = f"Degré d'engagement à chaque étape de la recherche{NBSP}: " + (
        f"{NNBSP}; ".join(f"{s.label('fr')}{NBSP}: {d.label('fr')}" for s, d in pairs)
    )
    values = [
        _value("research_stages[*].stage", (s.value for s, _ in pairs), engagement),
        _value("research_stages[*].degree", (d.value for _, d in pairs), engagement),
    ]
    en, fr = en + ".", fr + "."
    joined = engagement.partners_joined_at
    if joined is not None:
        en += f" Partners joined at this project phase: {joined.label('en')}."
        fr += f" Phase du projet où les partenaires sont arrivés{NBSP}: {joined.label('fr')}."
        values.append(_value("partners_joined_at", [joined.value], engagement))
    return Part(RegisterCoverage.FULL, en, fr, tuple(values))


def _leadership(engagement: Engagement) -> Part:
    lead = engagement.leadership
    community = engagement.community_participants
    professional = engagement.professional_participants
    c_deciders = sum(p.decision_role for p in community)
    p_deciders = sum(p.decision_role for p in professional)
    lead_en = "not recorded" if lead is None else lead.label("en")
    lead_fr = "non consigné" if lead is None else lead.label("fr")
    sides_en = "; ".join(
        f"{deciders} of {len(side)} on the {name} side"
        if side
        else f"no participant recorded on the {name} side"
        for name, side, deciders in (
            ("community", community, c_deciders),
            ("professional", professional, p_deciders),
        )
    )
    sides_fr = f"{NNBSP}; ".join(
        f"{deciders} sur {len(side)} du côté {name}"
        if side
        else f"aucun participant consigné du côté {name}"
        for name, side, deciders in (
            ("de la communauté", community, c_deciders),
            ("professionnel", professional, p_deciders),
        )
    )
    en = f"Leadership: {lead_en}. Participants holding a decision role: {sides_en}."
    fr = (
        f"Leadership{NBSP}: {lead_fr}. Participants ayant un rôle "
        f"décisionnel{NBSP}: {sides_fr}."
    )
    decisions = _value(
        "participants[*].decision_role",
        ("true" if p.decision_role else "false" for p in engagement.participants),
        engagement,
    )
    if lead is None:
        return Part(RegisterCoverage.PARTIAL, en, fr, (decisions,))
    values = (_value("leadership", [lead.value], engagement), decisions)
    return Part(RegisterCoverage.FULL, en, fr, values)


def _period(engagement: Engagement) -> Part:
    start, end = engagement.start, engagement.end
    if start is None and end is None:
        return NOTHING
    values = []
    by_day = all(d is None or d.precision == "day" for d in (start, end))
    if start is not None and end is not None:
        en = f"The engagement ran from {start.isoformat()} to {end.isoformat()}."
        fr = (
            f"L'engagement s'est déroulé du {start.isoformat()} au {end.isoformat()}."
            if by_day
            else f"L'engagement s'est déroulé de {start.isoformat()} à {end.isoformat()}."
        )
    elif start is not None:
        on = ("on", "le") if by_day else ("in", "en")
        en = f"The engagement started {on[0]} {start.isoformat()}."
        fr = f"L'engagement a commencé {on[1]} {start.isoformat()}."
    else:
        assert end is not None  # noqa: S101 - one of the two is set
        on = ("on", "le") if by_day else ("in", "en")
        en = f"The engagement ended {on[0]} {end.isoformat()}."
        fr = f"L'engagement a pris fin {on[1]} {end.isoformat()}."
    if start is not None:
        values.append(_value("start", [start.isoformat()], engagement))
    if end is not None:
        values.append(_value("end", [end.isoformat()], engagement))
    both = start is not None and end is not None
    coverage = RegisterCoverage.FULL if both else RegisterCoverage.PARTIAL
    return Part(coverage, en, fr, tuple(values))


_PER_ENGAGEMENT: dict[AnswerKind, Callable[[Engagement], Part]] = {
    AnswerKind.PEOPLE_AND_ROLES: _people_and_roles,
    AnswerKind.STAGES_AND_DEGREES: _stages_and_degrees,
    AnswerKind.LEADERSHIP: _leadership,
    AnswerKind.PERIOD: _period,
}


def _heading(engagement: Engagement, lang: Lang) -> str:
    """``Title (id): `` before an engagement's facts in a draft of several."""
    title = " ".join(engagement.title.split())
    colon = ":" if lang == "en" else f"{NBSP}:"
    return f"{title} ({engagement.id}){colon} "


def _combined(parts: Sequence[Part]) -> RegisterCoverage:
    """One answer kind over several engagements: full only if full for each."""
    if all(p.coverage is RegisterCoverage.NONE for p in parts):
        return RegisterCoverage.NONE
    if all(p.coverage is RegisterCoverage.FULL for p in parts):
        return RegisterCoverage.FULL
    return RegisterCoverage.PARTIAL


# -- the set as a whole ---------------------------------------------------------------


def _degrees_of(engagement: Engagement) -> list[EngagementDegree]:
    """The degrees an engagement was recorded at (its stages', else its own)."""
    pairs = stage_degrees(engagement)
    return sorted({d for _, d in pairs} or {engagement.degree})


def _definition_of_involvement(engagements: Sequence[Engagement]) -> Part:
    used = [_degrees_of(engagement) for engagement in engagements]
    degrees = sorted({degree for each in used for degree in each})
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
    values = [
        *(
            _value("degree", (d.value for d in each), engagement)
            for engagement, each in zip(engagements, used, strict=True)
        ),
        DraftValue(field="sources", values=tuple(sources)),
    ]
    return Part(
        RegisterCoverage.FULL,
        " ".join(text + "." for text in en),
        " ".join(text + "." for text in fr),
        tuple(values),
    )


def _framework(engagements: Sequence[Engagement]) -> Part:
    levels = sorted({engagement.level for engagement in engagements})
    where_en = " and ".join(level.label("en") for level in levels)
    where_fr = " et ".join(level.label("fr") for level in levels)
    plural = "s" if len(levels) > 1 else ""
    pluriel = "x" if len(levels) > 1 else ""
    en = (
        "The register describes the involvement with the Montreal model of patient "
        f"partnership: a degree on its continuum of engagement, at the "
        f"{where_en} level{plural} (Pomey2015); and the people involved by sphere "
        "and role, after the Ecology of Engagement (Boivin2022)."
    )
    fr = (
        "Le registre décrit la participation selon le modèle de Montréal du "
        "partenariat patient, soit un degré sur son continuum d'engagement, au"
        f"{pluriel} niveau{pluriel} {where_fr} (Pomey2015){NNBSP}; et les personnes "
        "engagées par sphère et par rôle, d'après l'écologie de l'engagement "
        "(Boivin2022)."
    )
    values = (
        *(_value("level", [e.level.value], e) for e in engagements),
        DraftValue(field="sources", values=("Pomey2015", "Boivin2022")),
    )
    return Part(RegisterCoverage.FULL, en, fr, values)


_FOR_THE_SET: dict[AnswerKind, Callable[[Sequence[Engagement]], Part]] = {
    AnswerKind.DEFINITION_OF_INVOLVEMENT: _definition_of_involvement,
    AnswerKind.FRAMEWORK: _framework,
}


@attrs.frozen
class Drafted:
    """What register data says for all the answer kinds of one item.

    Attributes:
        coverages: The coverage of each answer kind, in the item's order.
        text_en: The text; with several engagements, the facts of each on a
            line of its own, then what holds for the set.
        text_fr: The same in French.
        values: The register values used.
    """

    coverages: tuple[RegisterCoverage, ...]
    text_en: str
    text_fr: str
    values: tuple[DraftValue, ...]


def draft_parts(
    kinds: Sequence[AnswerKind], engagements: Sequence[Engagement]
) -> Drafted:
    """What register data of *engagements* says for the answer kinds of an item."""
    grid = {
        kind: [_PER_ENGAGEMENT[kind](engagement) for engagement in engagements]
        for kind in kinds
        if kind in _PER_ENGAGEMENT
    }
    whole = {
        kind: _FOR_THE_SET[kind](engagements) for kind in kinds if kind in _FOR_THE_SET
    }
    coverages = tuple(
        _combined(grid[kind])
        if kind in grid
        else whole[kind].coverage
        if kind in whole
        else RegisterCoverage.NONE
        for kind in kinds
    )
    if len(engagements) == 1:
        # One engagement: the parts in the item's order, in one paragraph.
        parts = [
            grid[kind][0] if kind in grid else whole.get(kind, NOTHING)
            for kind in kinds
        ]
        found = [p for p in parts if p.coverage is not RegisterCoverage.NONE]
        return Drafted(
            coverages,
            " ".join(p.text_en for p in found),
            " ".join(p.text_fr for p in found),
            tuple(value for p in found for value in p.values),
        )
    en: list[str] = []
    fr: list[str] = []
    values: list[DraftValue] = []
    if any(_combined(row) is not RegisterCoverage.NONE for row in grid.values()):
        for index, engagement in enumerate(engagements):
            found = [
                row[index]
                for row in grid.values()
                if row[index].coverage is not RegisterCoverage.NONE
            ]
            en.append(
                _heading(engagement, "en")
                + (" ".join(p.text_en for p in found) or "nothing recorded.")
            )
            fr.append(
                _heading(engagement, "fr")
                + (" ".join(p.text_fr for p in found) or "rien n'est consigné.")
            )
            values.extend(value for p in found for value in p.values)
    for p in whole.values():
        en.append(p.text_en)
        fr.append(p.text_fr)
        values.extend(p.values)
    return Drafted(coverages, "\n".join(en), "\n".join(fr), tuple(values))
