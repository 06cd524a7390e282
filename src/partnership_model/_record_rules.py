"""Private: the converters and the cross-field rules of the register records.

The field rules are declared on the records (:mod:`partnership_model.records`);
what a record checks across several of its fields is here, one generator per
record that yields every rule broken, so that a constructor raises the first
and the loader reports them all (see
:func:`partnership_model._validators.raise_violations`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from partnership_model import _validators as v
from partnership_model.dates import PartialDate, as_partial_date
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.vocabulary import (
    ContributionSought,
    EngagementDomain,
    ExperienceCapacity,
    HealthConditionKind,
    KnowledgeType,
    RecognitionModality,
    ResearchStage,
    TiersAction,
    TogetherActivity,
)

if TYPE_CHECKING:
    from partnership_model.records import (
        Engagement,
        Organisation,
        Participant,
        Person,
        Register,
        StageDegree,
    )


# -- typed converters (attrs' mypy plugin needs one per element type) ----------


def to_id(value: str) -> str:
    return v.nfc(value)


def to_optional_id(value: str | None) -> str | None:
    return v.nfc(value) if value is not None else None


def to_ids(value: Iterable[str]) -> tuple[str, ...]:
    return v.nfc_tuple(value)  # type: ignore[no-any-return]


def to_date(value: PartialDate | dt.date | None) -> PartialDate | None:
    return as_partial_date(value)  # type: ignore[no-any-return]


def participants(value: Iterable[Participant]) -> tuple[Participant, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def engagements(value: Iterable[Engagement]) -> tuple[Engagement, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def people(value: Iterable[Person]) -> tuple[Person, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def organisations(value: Iterable[Organisation]) -> tuple[Organisation, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def strings(value: Iterable[str]) -> tuple[str, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def stage_degrees(value: Iterable[StageDegree]) -> tuple[StageDegree, ...]:
    items = v.to_tuple(value)
    if type(items) is tuple and any(type(item) is ResearchStage for item in items):
        raise RecordTypeError(
            "research_stages",
            value,
            "since format 1.1 each research stage carries its degree: give "
            "StageDegree(stage=..., degree=...) items",
        )
    return items  # type: ignore[no-any-return]


def domains(value: Iterable[EngagementDomain]) -> frozenset[EngagementDomain]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def activities(value: Iterable[TogetherActivity]) -> frozenset[TogetherActivity]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def recognition(
    value: Iterable[RecognitionModality],
) -> frozenset[RecognitionModality]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def tiers_actions(value: Iterable[TiersAction]) -> frozenset[TiersAction]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def contributions(
    value: Iterable[ContributionSought],
) -> frozenset[ContributionSought]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def knowledge(value: Iterable[KnowledgeType]) -> frozenset[KnowledgeType]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def capacities(
    value: Iterable[ExperienceCapacity],
) -> frozenset[ExperienceCapacity]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


def conditions(
    value: Iterable[HealthConditionKind],
) -> frozenset[HealthConditionKind]:
    return v.to_frozenset(value)  # type: ignore[no-any-return]


# -- cross-field rules ------------------------------------------------------------


def engagement_errors(self: Engagement) -> Iterator[PartnershipModelError]:
    """Yield every rule of an engagement that involves several of its fields."""
    start, end = self.start, self.end
    if start is not None and end is not None and end.latest < start.earliest:
        yield InvalidRecordError(
            "end",
            end,
            f"the end date is before the start date {start}",
            code="date_order",
        )
    seen: set[str] = set()
    for index, participant in enumerate(self.participants):
        if participant.person_id in seen:
            yield DuplicateIdError(
                f"participants[{index}].person_id",
                participant.person_id,
                "this person already takes part in the engagement; record "
                "one participation per person",
                code="duplicate_participation",
            )
        seen.add(participant.person_id)
    if self.research_stages:
        yield from _stage_errors(self)
    if self.domain in self.secondary_domains:
        yield InvalidRecordError(
            "secondary_domains",
            self.domain.value,
            "the primary domain is not also a secondary domain",
            code="duplicate_domain",
        )


def _stage_errors(self: Engagement) -> Iterator[PartnershipModelError]:
    stages: set[ResearchStage] = set()
    for index, item in enumerate(self.research_stages):
        if item.stage in stages:
            yield InvalidRecordError(
                f"research_stages[{index}].stage",
                item.stage.value,
                "this stage is already listed; record one degree per stage",
                code="duplicate_stage",
            )
        stages.add(item.stage)
    highest = max(item.degree for item in self.research_stages)
    if self.degree is not highest:
        yield InvalidRecordError(
            "degree",
            self.degree.value,
            f"an engagement's degree is the highest of its research stages' "
            f"degrees, here {highest.value!r}",
            code="stage_degree",
        )


def register_errors(self: Register) -> Iterator[PartnershipModelError]:
    """Yield every duplicate id and every unresolved reference of a register."""
    person_ids: set[str] = set()
    yield from _duplicates("people", (p.id for p in self.people), person_ids)
    organisation_ids: set[str] = set()
    yield from _duplicates(
        "organisations", (o.id for o in self.organisations), organisation_ids
    )
    yield from _duplicates("engagements", (e.id for e in self.engagements), set())
    for e_index, engagement in enumerate(self.engagements):
        for p_index, participant in enumerate(engagement.participants):
            if participant.person_id not in person_ids:
                yield UnknownReferenceError(
                    participant.person_id,
                    "person",
                    f"engagements[{e_index}].participants[{p_index}].person_id",
                )
        for o_index, organisation_id in enumerate(engagement.organisations):
            if organisation_id not in organisation_ids:
                yield UnknownReferenceError(
                    organisation_id,
                    "organisation",
                    f"engagements[{e_index}].organisations[{o_index}]",
                )


def _duplicates(
    field: str, ids: Iterable[str], seen: set[str]
) -> Iterator[DuplicateIdError]:
    """Yield an error for each repeated id, filling *seen* with the ids met."""
    for index, identifier in enumerate(ids):
        if identifier in seen:
            yield DuplicateIdError(
                f"{field}[{index}].id", identifier, f"two {field} share this id"
            )
        seen.add(identifier)
