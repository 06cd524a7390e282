"""Tests of the register records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given

from partnership_model import (
    Authority,
    DuplicateIdError,
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    InvalidRecordError,
    Leadership,
    Organisation,
    Participant,
    PartnershipModelError,
    Person,
    RecordTypeError,
    Register,
    ResearchStage,
    Role,
    Sphere,
    StageDegree,
    UnknownReferenceError,
    strategies as pms,
)
from partnership_model.dates import PartialDate

D = EngagementDegree


def stage(name: ResearchStage, degree: EngagementDegree) -> StageDegree:
    return StageDegree(stage=name, degree=degree)


def engagement(**overrides: Any) -> Engagement:
    fields: dict[str, Any] = {
        "id": "e1",
        "title": "Quality committee",
        "domain": EngagementDomain.CARE_AND_SERVICES,
        "level": EngagementLevel.MESO,
        "degree": EngagementDegree.COLLABORATION,
        "leadership": Leadership.PROFESSIONAL_LED,
    }
    fields.update(overrides)
    return Engagement(**fields)


def test_participant_defaults_come_from_the_role() -> None:
    manager = Participant(person_id="m", role=Role.MANAGER)
    assert manager.sphere is Role.MANAGER.sphere
    assert manager.authority is Role.MANAGER.authority is Authority.MANAGERIAL
    assert manager.display_name is None
    assert manager.decision_role is False


def test_participant_overrides_the_role_defaults() -> None:
    partner = Participant(
        person_id="p", role=Role.PATIENT_PARTNER, authority=Authority.PUBLIC_AUTHORITY
    )
    assert partner.authority is Authority.PUBLIC_AUTHORITY
    assert partner.sphere is Sphere.COMMUNITY


def test_participant_level_is_a_deprecated_alias_of_authority() -> None:
    """level= maps micro, meso, macro to member, managerial, public authority."""
    for level, authority in zip(EngagementLevel, Authority, strict=True):
        with pytest.warns(DeprecationWarning, match="Participant"):
            old = Participant(person_id="p", role=Role.PATIENT, level=level)
        assert old.authority is authority
        with pytest.warns(DeprecationWarning, match="Participant.authority"):
            assert old.level is level
    with pytest.raises(InvalidRecordError) as info:
        Participant(
            person_id="p",
            role=Role.PATIENT,
            authority=Authority.MEMBER,
            level=EngagementLevel.MICRO,
        )
    assert info.value.code == "ambiguous"


def test_organisation_authority_is_optional_and_level_deprecated() -> None:
    """An organisation states an authority only when it holds one."""
    association = Organisation(id="a", name="A", sphere=Sphere.COMMUNITY)
    assert association.authority is None
    with pytest.warns(DeprecationWarning, match="Organisation.level"):
        assert association.level is None
    with pytest.warns(DeprecationWarning, match="authority=Authority.PUBLIC_AUTHORITY"):
        ministry = Organisation(
            id="m", name="M", sphere=Sphere.PROFESSIONAL, level=EngagementLevel.MACRO
        )
    assert ministry.authority is Authority.PUBLIC_AUTHORITY
    with pytest.raises(RecordTypeError):
        Organisation(id="m", name="M", sphere=Sphere.PROFESSIONAL, authority="member")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("person_id", "", InvalidRecordError),
        ("person_id", " p1", InvalidRecordError),
        ("person_id", "p\n1", InvalidRecordError),
        ("person_id", 7, RecordTypeError),
        ("person_id", "x" * 201, InvalidRecordError),
        ("role", "patient_partner", RecordTypeError),
        ("role", EngagementLevel.MICRO, RecordTypeError),
        ("sphere", "community", RecordTypeError),
        ("authority", 1, RecordTypeError),
        ("authority", "member", RecordTypeError),
        ("display_name", "   ", InvalidRecordError),
        ("decision_role", 1, RecordTypeError),
    ],
)
def test_invalid_participant_names_the_field(
    field: str, value: object, error: type[InvalidRecordError]
) -> None:
    fields: dict[str, Any] = {"person_id": "p1", "role": Role.PATIENT_PARTNER}
    fields[field] = value
    with pytest.raises(error) as caught:
        Participant(**fields)
    assert caught.value.field == field
    assert caught.value.value == value
    assert isinstance(caught.value, PartnershipModelError)
    assert isinstance(caught.value, ValueError)


def test_wrong_type_errors_are_type_errors_too() -> None:
    with pytest.raises(TypeError):
        Participant(person_id="p1", role="citizen")  # type: ignore[arg-type]


def test_engagement_accepts_lists_and_stores_tuples_and_sets() -> None:
    e = engagement(
        participants=[Participant(person_id="p1", role=Role.CITIZEN)],
        research_stages=[stage(ResearchStage.DESIGN, D.COLLABORATION)],
        secondary_domains=[EngagementDomain.RESEARCH, EngagementDomain.RESEARCH],
        organisations=["o1"],
    )
    assert type(e.participants) is tuple
    assert e.research_stages == (stage(ResearchStage.DESIGN, D.COLLABORATION),)
    assert e.secondary_domains == frozenset({EngagementDomain.RESEARCH})
    assert e.organisations == ("o1",)


def test_end_before_start_is_refused() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        engagement(start=dt.date(2024, 5, 2), end=dt.date(2024, 5, 1))
    assert caught.value.field == "end"
    assert caught.value.code == "date_order"
    engagement(start=dt.date(2024, 5, 2), end=dt.date(2024, 5, 2))


def test_dates_are_partial_dates_kept_as_precise_as_given() -> None:
    """A datetime.date becomes a partial date known to the day; a year stays a year."""
    e = engagement(start=dt.date(2021, 1, 15), end=PartialDate(2021))
    assert e.start == PartialDate(2021, 1, 15)
    assert e.start is not None
    assert e.start.to_date() == dt.date(2021, 1, 15)
    assert e.end == PartialDate(2021)
    assert e.end is not None
    assert e.end.precision == "year"


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (PartialDate(2020, 6), PartialDate(2020), True),  # ended later in 2020
        (PartialDate(2021, 1, 15), PartialDate(2021, 1), True),
        (PartialDate(2021), PartialDate(2020, 12), False),  # entirely before
        (PartialDate(2021, 2), PartialDate(2021, 1, 31), False),
    ],
)
def test_an_end_is_refused_only_when_it_is_entirely_before_the_start(
    start: PartialDate, end: PartialDate, ok: bool
) -> None:
    if ok:
        engagement(start=start, end=end)
        return
    with pytest.raises(InvalidRecordError) as caught:
        engagement(start=start, end=end)
    assert (caught.value.field, caught.value.code) == ("end", "date_order")


def test_datetimes_are_not_dates() -> None:
    with pytest.raises(RecordTypeError) as caught:
        engagement(start=dt.datetime(2024, 5, 2, 10, 0))
    assert caught.value.field == "start"


def test_each_research_stage_carries_its_degree() -> None:
    """The engagement's degree is the highest of its stages' (GRIPP2 4c-4d)."""
    e = engagement(
        degree=D.PARTNERSHIP,
        research_stages=[
            stage(ResearchStage.DESIGN, D.PARTNERSHIP),
            stage(ResearchStage.DISSEMINATION, D.CONSULTATION),
        ],
    )
    assert e.degree_at(ResearchStage.DISSEMINATION) is D.CONSULTATION
    assert e.degree_at(ResearchStage.DATA_COLLECTION) is None
    assert e.stages == {ResearchStage.DESIGN, ResearchStage.DISSEMINATION}
    with pytest.raises(InvalidRecordError) as caught:
        engagement(
            degree=D.COLLABORATION,
            research_stages=[stage(ResearchStage.DESIGN, D.PARTNERSHIP)],
        )
    assert (caught.value.field, caught.value.code) == ("degree", "stage_degree")
    with pytest.raises(InvalidRecordError) as caught:
        engagement(
            degree=D.COLLABORATION,
            research_stages=[
                stage(ResearchStage.DESIGN, D.COLLABORATION),
                stage(ResearchStage.DESIGN, D.CONSULTATION),
            ],
        )
    assert (caught.value.field, caught.value.code) == (
        "research_stages[1].stage",
        "duplicate_stage",
    )


def test_bare_research_stages_are_refused_with_a_hint() -> None:
    """Format 1.0's set of stages has no degrees: the error says what to give."""
    with pytest.raises(RecordTypeError, match="StageDegree") as caught:
        engagement(research_stages=[ResearchStage.DESIGN])
    assert caught.value.field == "research_stages"


def test_secondary_domains_never_hold_the_primary_domain() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        engagement(secondary_domains=[EngagementDomain.CARE_AND_SERVICES])
    assert (caught.value.field, caught.value.code) == (
        "secondary_domains",
        "duplicate_domain",
    )


def test_leadership_may_be_unrecorded() -> None:
    assert engagement(leadership=None).leadership is None
    assert (
        Engagement(
            id="e",
            title="t",
            domain=EngagementDomain.RESEARCH,
            level=EngagementLevel.MICRO,
            degree=D.INFORMATION,
        ).leadership
        is None
    )


def test_several_broken_rules_are_all_listed_on_the_error() -> None:
    """The constructor raises the first; a note lists every one (for the loader)."""
    from partnership_model import _validators

    with pytest.raises(InvalidRecordError) as caught:
        engagement(
            start=PartialDate(2024),
            end=PartialDate(2023),
            secondary_domains=[EngagementDomain.CARE_AND_SERVICES],
        )
    assert caught.value.code == "date_order"
    found = _validators.violations(caught.value)
    assert [getattr(e, "code", None) for e in found] == [
        "date_order",
        "duplicate_domain",
    ]
    assert any("duplicate_domain" not in note for note in caught.value.__notes__)


def test_a_participant_records_what_the_seeds_name() -> None:
    from partnership_model import (
        ContributionSought,
        ExperienceCapacity,
        HealthConditionKind,
        KnowledgeType,
    )

    p = Participant(
        person_id="p",
        role=Role.PATIENT_PARTNER,
        contributions_sought=[ContributionSought.PERSPECTIVE],
        knowledge_types={KnowledgeType.EMBODIED},
        experience_capacities=[ExperienceCapacity.CAREGIVER],
        health_condition_kinds=[HealthConditionKind.MENTAL],
    )
    assert p.contributions_sought == {ContributionSought.PERSPECTIVE}
    assert p.health_condition_kinds == {HealthConditionKind.MENTAL}
    assert Participant(person_id="q", role=Role.CITIZEN).knowledge_types == set()
    with pytest.raises(RecordTypeError) as caught:
        Participant(person_id="p", role=Role.CITIZEN, knowledge_types=["embodied"])  # type: ignore[list-item]
    assert caught.value.field == "knowledge_types"


def test_duplicate_person_in_one_engagement_is_refused() -> None:
    p = Participant(person_id="p1", role=Role.CITIZEN)
    q = Participant(person_id="p1", role=Role.CLINICIAN)
    with pytest.raises(DuplicateIdError) as caught:
        engagement(participants=[p, q])
    assert caught.value.field == "participants[1].person_id"
    assert caught.value.value == "p1"


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("participants", ["p1"], "participants[0]"),
        ("participants", "p1", "participants"),
        ("organisations", ["o1", "o1"], "organisations[1]"),
        ("research_stages", ["design"], "research_stages[0]"),
        ("domain", None, "domain"),
        ("title", "", "title"),
        ("sources", [""], "sources[0]"),
        ("trained_together", "yes", "trained_together"),
    ],
)
def test_invalid_engagement_names_the_field(
    field: str, value: object, where: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        engagement(**{field: value})
    assert caught.value.field == where


def test_records_are_immutable() -> None:
    e = engagement()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        e.title = "changed"  # type: ignore[misc]
    changed = attrs.evolve(e, title="changed")
    assert changed.title == "changed"
    assert e.title == "Quality committee"


def test_evolve_revalidates() -> None:
    with pytest.raises(InvalidRecordError):
        attrs.evolve(engagement(), title="  ")


def test_participant_views() -> None:
    e = engagement(
        participants=[
            Participant(person_id="a", role=Role.PATIENT_PARTNER),
            Participant(person_id="b", role=Role.CLINICIAN),
        ],
        research_stages=[
            stage(ResearchStage.RESEARCH_GOVERNANCE, D.COLLABORATION),
            stage(ResearchStage.ANALYSIS_INTERPRETATION, D.CONSULTATION),
        ],
    )
    assert [p.person_id for p in e.community_participants] == ["a"]
    assert [p.person_id for p in e.professional_participants] == ["b"]
    assert e.earliest_research_stage is ResearchStage.ANALYSIS_INTERPRETATION
    assert engagement().earliest_research_stage is None


# -- register -----------------------------------------------------------------------


def test_register_requires_every_reference_to_resolve() -> None:
    e = engagement(participants=[Participant(person_id="p1", role=Role.CITIZEN)])
    with pytest.raises(UnknownReferenceError) as caught:
        Register(engagements=[e])
    assert caught.value.field == "engagements[0].participants[0].person_id"
    assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownReferenceError) as caught:
        Register(engagements=[engagement(organisations=["o9"])])
    assert caught.value.field == "engagements[0].organisations[0]"


@pytest.mark.parametrize("field", ["people", "organisations", "engagements"])
def test_register_ids_are_unique(field: str) -> None:
    items: dict[str, list[Any]] = {
        "people": [Person(id="x"), Person(id="x")],
        "organisations": [
            Organisation(id="x", name="A", sphere=Sphere.COMMUNITY),
            Organisation(id="x", name="B", sphere=Sphere.COMMUNITY),
        ],
        "engagements": [engagement(id="x"), engagement(id="x")],
    }
    kwargs: dict[str, Any] = {field: items[field]}
    with pytest.raises(DuplicateIdError) as caught:
        Register(**kwargs)
    assert caught.value.field == f"{field}[1].id"


def test_from_engagements_adds_people_once_with_their_display_name() -> None:
    e1 = engagement(
        id="e1",
        participants=[
            Participant(person_id="p1", role=Role.CITIZEN, display_name="Ana")
        ],
    )
    e2 = engagement(
        id="e2", participants=[Participant(person_id="p1", role=Role.CLINICIAN)]
    )
    register = Register.from_engagements([e1, e2], people=[Person(id="p0")])
    assert [p.id for p in register.people] == ["p0", "p1"]
    assert register.person("p1").display_name == "Ana"
    assert register.engagement("e2") is e2
    assert list(register) == [e1, e2]
    assert len(register) == 2
    with pytest.raises(UnknownReferenceError):
        register.person("nobody")
    with pytest.raises(UnknownReferenceError):
        register.organisation("none")
    with pytest.raises(UnknownReferenceError):
        register.engagement("none")


@given(pms.registers())
def test_generated_registers_are_valid_and_consistent(register: Register) -> None:
    people = {p.id for p in register.people}
    for e in register.engagements:
        assert {p.person_id for p in e.participants} <= people
        assert len({p.person_id for p in e.participants}) == len(e.participants)
    rebuilt = Register(
        engagements=list(register.engagements),
        people=list(register.people),
        organisations=list(register.organisations),
        name=register.name,
    )
    assert rebuilt == register
    assert hash(rebuilt) == hash(register)


@given(pms.engagements())
def test_engagement_equality_is_by_value(e: Engagement) -> None:
    assert attrs.evolve(e) == e
    assert attrs.evolve(e, title=e.title + "!") != e
