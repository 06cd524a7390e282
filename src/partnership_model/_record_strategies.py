"""Hypothesis strategies for the records: identifiers, texts, dates, registers.

The building blocks every other strategy draws from (identifiers, free text,
dates, vocabulary members) and the strategies of the register and of the
records it holds: people, organisations, participants, research stages,
engagements. :mod:`partnership_model.strategies` re-exports the public ones;
the strategies of the documents built from a register (reports, checklists,
the ecology, the SKOS export) are written there, on top of these.

This module imports hypothesis unguarded: :mod:`partnership_model.strategies`
imports it first and says which extra to install when it is missing.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from typing import TypeVar

from hypothesis import strategies as st

from partnership_model.dates import PartialDate
from partnership_model.records import (
    Engagement,
    Organisation,
    Participant,
    Person,
    Register,
    StageDegree,
)
from partnership_model.vocabulary import (
    Authority,
    ContributionSought,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    ExperienceCapacity,
    HealthConditionKind,
    KnowledgeType,
    Leadership,
    ProjectPhase,
    RecognitionModality,
    ResearchStage,
    Role,
    Sphere,
    TiersAction,
    TogetherActivity,
)

__all__ = [
    "date_spans",
    "dates",
    "engagements",
    "identifiers",
    "members",
    "organisations",
    "partial_dates",
    "participants",
    "people",
    "registers",
    "stage_degrees",
    "texts",
]

E = TypeVar("E", bound=enum.Enum)

_ID_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "Pd", "Pc"),
)


def identifiers() -> st.SearchStrategy[str]:
    """Valid identifiers: 1-40 letters, digits, dashes or underscores (any script).

    They are in Unicode normalisation form C, as the records keep identifiers.
    """
    return st.text(_ID_ALPHABET, min_size=1, max_size=40).map(
        lambda text: unicodedata.normalize("NFC", text)
    )


def texts(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """Non-blank free text with accents, emoji and punctuation."""
    alphabet = st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x7f"
    )
    return st.text(alphabet, min_size=1, max_size=max_size).filter(str.strip)


def dates() -> st.SearchStrategy[dt.date]:
    """Dates between 1950 and 2100."""
    return st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Partial dates between 1950 and 2100: a year, a month or a day."""
    day = draw(dates())
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@st.composite
def date_spans(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None]:
    """A start and an end, either unknown, the end never entirely before the start."""
    start = draw(st.none() | partial_dates())
    end = draw(st.none() | partial_dates())
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return start, end


def members(cls: type[E]) -> st.SearchStrategy[E]:
    """Any member of the vocabulary *cls*."""
    return st.sampled_from(list(cls))


def people() -> st.SearchStrategy[Person]:
    """Valid :class:`~partnership_model.Person` records."""
    return st.builds(
        Person,
        id=identifiers(),
        display_name=st.none() | texts(),
        note=st.none() | texts(),
    )


def organisations() -> st.SearchStrategy[Organisation]:
    """Valid :class:`~partnership_model.Organisation` records."""
    return st.builds(
        Organisation,
        id=identifiers(),
        name=texts(),
        sphere=members(Sphere),
        authority=st.none() | members(Authority),
        role=st.none() | members(Role),
        note=st.none() | texts(),
    )


@st.composite
def participants(
    draw: st.DrawFn, *, person_ids: st.SearchStrategy[str] | None = None
) -> Participant:
    """Valid :class:`~partnership_model.Participant` records.

    Args:
        draw: Supplied by hypothesis.
        person_ids: Where to draw the person id from (default: any identifier).
    """
    role = draw(members(Role))
    return Participant(
        person_id=draw(person_ids if person_ids is not None else identifiers()),
        role=role,
        sphere=draw(st.just(role.sphere) | members(Sphere)),
        authority=draw(st.just(role.authority) | members(Authority)),
        display_name=draw(st.none() | texts()),
        decision_role=draw(st.booleans()),
        contributions_sought=draw(st.frozensets(members(ContributionSought))),
        knowledge_types=draw(st.frozensets(members(KnowledgeType))),
        experience_capacities=draw(st.frozensets(members(ExperienceCapacity))),
        health_condition_kinds=draw(st.frozensets(members(HealthConditionKind))),
    )


@st.composite
def stage_degrees(draw: st.DrawFn, *, max_stages: int = 4) -> tuple[StageDegree, ...]:
    """Valid research stages of one engagement: distinct stages, each with a degree.

    Args:
        draw: Supplied by hypothesis.
        max_stages: Upper bound on the number of stages.
    """
    stages = draw(st.lists(members(ResearchStage), unique=True, max_size=max_stages))
    return tuple(
        StageDegree(stage=stage, degree=draw(members(EngagementDegree)))
        for stage in stages
    )


@st.composite
def engagements(
    draw: st.DrawFn,
    *,
    person_ids: st.SearchStrategy[str] | None = None,
    organisation_ids: st.SearchStrategy[str] | None = None,
    max_participants: int = 6,
) -> Engagement:
    """Valid :class:`~partnership_model.Engagement` records.

    Args:
        draw: Supplied by hypothesis.
        person_ids: Where to draw participants' person ids from.
        organisation_ids: Where to draw organisation ids from (default: none
            are listed).
        max_participants: Upper bound on the number of participants.
    """
    roster = draw(
        st.lists(
            participants(person_ids=person_ids),
            max_size=max_participants,
            unique_by=lambda p: p.person_id,
        )
    )
    organisation_list = (
        draw(st.lists(organisation_ids, max_size=3, unique=True))
        if organisation_ids is not None
        else []
    )
    start, end = draw(date_spans())
    stages = draw(stage_degrees())
    degree = (
        max(item.degree for item in stages)
        if stages
        else draw(members(EngagementDegree))
    )
    domain = draw(members(EngagementDomain))
    return Engagement(
        id=draw(identifiers()),
        title=draw(texts()),
        domain=domain,
        level=draw(members(EngagementLevel)),
        degree=degree,
        leadership=draw(st.none() | members(Leadership)),
        participants=roster,
        organisations=organisation_list,
        description=draw(st.none() | texts(max_size=200)),
        start=start,
        end=end,
        research_stages=stages,
        secondary_domains=draw(st.frozensets(members(EngagementDomain))) - {domain},
        activities=draw(st.frozensets(members(TogetherActivity))),
        recognition=draw(st.frozensets(members(RecognitionModality))),
        partners_joined_at=draw(st.none() | members(ProjectPhase)),
        trained_together=draw(st.none() | st.booleans()),
        evaluated_together=draw(st.none() | st.booleans()),
        tiers_actions=draw(st.frozensets(members(TiersAction))),
        sources=draw(st.lists(texts(), max_size=2)),
    )


@st.composite
def registers(
    draw: st.DrawFn, *, max_engagements: int = 8, max_people: int = 12
) -> Register:
    """Valid :class:`~partnership_model.Register` documents.

    Engagements draw their participants from the register's people and their
    organisations from its organisations, so every reference resolves; no
    organisation shares a person's id.

    Args:
        draw: Supplied by hypothesis.
        max_engagements: Upper bound on the number of engagements.
        max_people: Upper bound on the number of people.
    """
    people_list = draw(
        st.lists(people(), min_size=1, max_size=max_people, unique_by=lambda p: p.id)
    )
    taken = {person.id for person in people_list}
    # An organisation never shares a person's id, so that the register's
    # ecology (one actor per id) can be built too.
    organisation_list = draw(
        st.lists(
            organisations().filter(lambda o: o.id not in taken),
            max_size=4,
            unique_by=lambda o: o.id,
        )
    )
    person_ids = st.sampled_from([person.id for person in people_list])
    organisation_ids = (
        st.sampled_from([o.id for o in organisation_list])
        if organisation_list
        else None
    )
    engagement_list = draw(
        st.lists(
            engagements(person_ids=person_ids, organisation_ids=organisation_ids),
            max_size=max_engagements,
            unique_by=lambda e: e.id,
        )
    )
    return Register(
        engagements=engagement_list,
        people=people_list,
        organisations=organisation_list,
        name=draw(st.none() | texts()),
    )
