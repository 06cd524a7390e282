"""Tests of partnership_model.drafting: checklist drafts from a register."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

from partnership_model import drafting, strategies as pms
from partnership_model.checklists import (
    AnswerKind,
    Checklist,
    RegisterCoverage,
    gripp2,
    load_checklist,
)
from partnership_model.drafting import (
    ChecklistDraft,
    DraftValue,
    ItemDraft,
    ItemStatus,
    draft_checklist,
    research_engagement,
)
from partnership_model.examples import load_register
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Participant, Register
from partnership_model.vocabulary import (
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    ProjectPhase,
    ResearchStage,
    Role,
)

FIXTURES = Path(__file__).parent / "checklists"
REGISTER = load_register()
RESEARCH = [e.id for e in REGISTER if e.domain is EngagementDomain.RESEARCH]


def _research(**changes: object) -> Engagement:
    fields: dict[str, object] = {
        "id": "trial",
        "title": "A trial co-designed with patients",
        "domain": EngagementDomain.RESEARCH,
        "level": EngagementLevel.MESO,
        "degree": EngagementDegree.COLLABORATION,
        "leadership": Leadership.CO_LED,
        "participants": [
            Participant(person_id="p1", role=Role.PATIENT_PARTNER, decision_role=True),
            Participant(person_id="p2", role=Role.FAMILY_CAREGIVER),
            Participant(person_id="r1", role=Role.RESEARCHER, decision_role=True),
        ],
        "research_stages": [
            ResearchStage.ANALYSIS_INTERPRETATION,
            ResearchStage.DESIGN,
        ],
        "start": dt.date(2024, 1, 15),
        "end": dt.date(2025, 6, 30),
        "partners_joined_at": ProjectPhase.DESIGN,
    }
    fields.update(changes)
    return Engagement(**fields)  # type: ignore[arg-type]


def _draft(
    engagement: Engagement, checklist: Checklist | None = None
) -> ChecklistDraft:
    return draft_checklist(
        Register.from_engagements([engagement]), engagement.id, checklist
    )


def test_the_example_register_has_research_engagements() -> None:
    assert len(RESEARCH) >= 2


@pytest.mark.parametrize("engagement_id", RESEARCH)
@pytest.mark.parametrize("form", ["short", "long"])
def test_every_research_engagement_of_the_example_drafts_in_both_languages(
    engagement_id: str, form: str
) -> None:
    checklist = gripp2(form)  # type: ignore[arg-type]
    draft = draft_checklist(REGISTER, engagement_id, checklist)

    assert draft.checklist_id == checklist.id
    assert draft.engagement_id == engagement_id
    assert [d.item_id for d in draft.items] == [i.id for i in checklist.items]
    assert draft.items_to_verify == checklist.items_to_verify
    for item in draft.items:
        assert item.text("en") == item.text_en
        assert item.text("fr") == item.text_fr
        assert item.text_en != item.text_fr
    assert sum(draft.status_counts().values()) == len(checklist.items)


def test_the_default_checklist_is_the_short_form() -> None:
    assert draft_checklist(REGISTER, RESEARCH[0]).checklist_id == "gripp2-sf"


def test_items_the_register_cannot_answer_say_what_to_report() -> None:
    checklist = gripp2("long")
    draft = _draft(_research(), checklist)

    for item in checklist.items:
        result = draft.item(item.id)
        if not item.answerable:
            assert result.status is ItemStatus.NOT_ANSWERABLE
            assert item.summary_en in result.text_en
            assert item.summary_fr in result.text_fr
            assert result.to_add("en") == item.summary_en
            assert result.values == ()


def test_people_and_roles_are_counted_by_side() -> None:
    result = _draft(_research(), gripp2("long")).item("4b")

    assert result.status is ItemStatus.PARTLY  # characteristics are not recorded
    assert "3 participants" in result.text_en
    assert f"{Role.PATIENT_PARTNER.label('en')} (1)" in result.text_en
    assert f"{Role.RESEARCHER.label('fr')} (1)" in result.text_fr
    assert (
        DraftValue(
            field="participants[*].role",
            values=("patient_partner", "family_caregiver", "researcher"),
        )
        in result.values
    )


def test_stages_are_listed_in_research_order_with_the_recorded_degree() -> None:
    engagement = _research()
    result = _draft(engagement, gripp2("long")).item("4c")

    stages = DraftValue(
        field="research_stages", values=("design", "analysis_interpretation")
    )
    assert stages in result.values
    assert (
        DraftValue(field="degree", values=("collaboration", "collaboration"))
        in result.values
    )
    assert DraftValue(field="partners_joined_at", values=("design",)) in result.values
    design = ResearchStage.DESIGN.label("en")
    analysis = ResearchStage.ANALYSIS_INTERPRETATION.label("en")
    assert result.text_en.index(design) < result.text_en.index(analysis)
    # One degree for the whole engagement (format 1.0): the stage items are partly answered.
    assert result.status is ItemStatus.PARTLY
    assert "not one per stage" in result.text_en


def test_per_stage_degrees_answer_the_stage_items(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Swapping to per-stage degrees is a change of ``_stage_degrees`` only."""

    def per_stage(
        engagement: Engagement,
    ) -> tuple[tuple[tuple[ResearchStage, EngagementDegree], ...], bool]:
        pairs = (
            (ResearchStage.DESIGN, EngagementDegree.PARTNERSHIP),
            (ResearchStage.ANALYSIS_INTERPRETATION, EngagementDegree.CONSULTATION),
        )
        return pairs, True

    monkeypatch.setattr(drafting, "_stage_degrees", per_stage)
    draft = _draft(_research(), gripp2("long"))

    for item_id in ("4c", "4d"):
        result = draft.item(item_id)
        assert result.status is ItemStatus.ANSWERED
        assert f"{ResearchStage.DESIGN.label('en')}: Partnership" in result.text_en
        assert result.to_add_en is None
    definition = draft.item("2a")
    assert (
        EngagementDegree.PARTNERSHIP.definition("en").rstrip(".") in definition.text_en
    )
    assert (
        EngagementDegree.CONSULTATION.definition("en").rstrip(".") in definition.text_en
    )


def test_an_engagement_without_stages_cannot_answer_the_stage_items() -> None:
    draft = _draft(_research(research_stages=[]), gripp2("long"))

    assert draft.item("4c").status is ItemStatus.NOT_ANSWERABLE
    assert "no data" in draft.item("4c").text_en
    # 4d still gets the leadership from the register.
    assert draft.item("4d").status is ItemStatus.PARTLY


def test_leadership_and_decision_roles() -> None:
    result = _draft(_research(), gripp2("long")).item("4d")

    assert Leadership.CO_LED.label("en") in result.text_en
    assert (
        "1 of 2 on the community side, 1 of 1 on the professional side"
        in result.text_en
    )
    assert DraftValue(field="leadership", values=("co_led",)) in result.values


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2024, 1, 15), dt.date(2025, 6, 30), "from 2024-01-15 to 2025-06-30"),
        (dt.date(2024, 1, 15), None, "started on 2024-01-15"),
        (None, dt.date(2025, 6, 30), "ended on 2025-06-30"),
    ],
)
def test_the_period_is_reported_when_recorded(
    start: dt.date | None, end: dt.date | None, expected: str
) -> None:
    result = _draft(_research(start=start, end=end), gripp2("long")).item("4a")

    assert expected in result.text_en
    dates = [v for v in result.values if v.field in {"start", "end"}]
    assert [d.values[0] for d in dates] == [d.isoformat() for d in (start, end) if d]


def test_the_definition_of_involvement_cites_its_sources() -> None:
    result = _draft(_research(), gripp2("long")).item("2a")

    degree = EngagementDegree.COLLABORATION
    assert degree.definition("en").rstrip(".") in result.text_en
    assert degree.definition("fr").rstrip(".") in result.text_fr
    assert DraftValue(field="sources", values=degree.sources) in result.values
    assert (
        result.status is ItemStatus.PARTLY
    )  # comparable studies are the team's to add


def test_a_fully_covered_item_is_answered() -> None:
    # A user checklist whose item A1 is fully answered by people and roles.
    checklist = load_checklist(FIXTURES / "minimal.json")
    draft = _draft(_research(), checklist)

    assert draft.item("A1").status is ItemStatus.ANSWERED
    assert draft.item("A1").to_add_en is None
    assert draft.item("A2").status is ItemStatus.NOT_ANSWERABLE
    assert draft.status_counts() == {
        ItemStatus.NOT_ANSWERABLE: 1,
        ItemStatus.PARTLY: 0,
        ItemStatus.ANSWERED: 1,
    }


def test_no_community_participant_makes_people_a_partial_answer() -> None:
    engagement = _research(
        participants=[Participant(person_id="r1", role=Role.RESEARCHER)]
    )
    checklist = load_checklist(FIXTURES / "minimal.json")
    result = _draft(engagement, checklist).item("A1")

    assert result.status is ItemStatus.PARTLY
    assert "No participant is recorded on the community side" in result.text_en


# -- French typography of our own sentences ----------------------------------------------

_OURS = {
    AnswerKind.PEOPLE_AND_ROLES,
    AnswerKind.STAGES_AND_DEGREES,
    AnswerKind.LEADERSHIP,
    AnswerKind.PERIOD,
    AnswerKind.FRAMEWORK,
    AnswerKind.NOT_ANSWERABLE,
}


def test_french_drafts_follow_french_typography() -> None:
    checklist = gripp2("long")
    draft = _draft(_research(), checklist)

    for item in checklist.items:
        # Definitions quoted from the vocabulary follow its own typography.
        if not set(item.register_answers) <= _OURS:
            continue
        text = draft.item(item.id).text_fr
        assert not re.search(r"[^\u00a0]:", text), text
        assert not re.search(r"[^\u202f];", text), text


# -- bad input -------------------------------------------------------------------------


def test_an_unknown_engagement_id_lists_the_research_engagements() -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        draft_checklist(REGISTER, "no-such-engagement")

    assert caught.value.accepted == tuple(RESEARCH)
    for engagement_id in RESEARCH:
        assert engagement_id in str(caught.value)
    assert isinstance(caught.value, KeyError)


def test_a_non_research_engagement_is_refused_with_the_research_ids() -> None:
    other = next(e for e in REGISTER if e.domain is not EngagementDomain.RESEARCH)

    with pytest.raises(InvalidRecordError) as caught:
        draft_checklist(REGISTER, other.id)

    assert caught.value.code == "not_research"
    assert caught.value.field == "engagement_id"
    assert other.domain.value in str(caught.value)
    for engagement_id in RESEARCH:
        assert engagement_id in str(caught.value)


def test_a_register_without_research_says_so() -> None:
    care = _research(domain=EngagementDomain.CARE_AND_SERVICES)
    register = Register.from_engagements([care])

    with pytest.raises(InvalidRecordError, match="none in this register"):
        research_engagement(register, care.id)
    with pytest.raises(UnknownReferenceError, match=r"known: none"):
        research_engagement(register, "x")


def test_wrong_argument_types_are_refused() -> None:
    with pytest.raises(RecordTypeError):
        draft_checklist([], "x")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        draft_checklist(REGISTER, RESEARCH[0], "gripp2")  # type: ignore[arg-type]


def test_draft_lookup_of_an_unknown_item_lists_the_items() -> None:
    draft = draft_checklist(REGISTER, RESEARCH[0])
    with pytest.raises(UnknownReferenceError) as caught:
        draft.item("9")
    assert caught.value.accepted == ("1", "2", "3", "4", "5")


# -- properties ------------------------------------------------------------------------


@st.composite
def _research_registers(draw: st.DrawFn) -> tuple[Register, str]:
    register = draw(pms.registers(max_engagements=2, max_people=4))
    engagement = draw(
        pms.engagements(person_ids=st.sampled_from([p.id for p in register.people]))
    )
    engagement = attrs.evolve(
        engagement,
        id="drafted-engagement",
        domain=EngagementDomain.RESEARCH,
        organisations=(),
    )
    others = [e for e in register.engagements if e.id != engagement.id]
    return (
        Register(
            engagements=[*others, engagement],
            people=register.people,
            organisations=register.organisations,
        ),
        engagement.id,
    )


_FIELDS = {f.name for f in attrs.fields(Engagement)} | {"sources"}


@given(
    _research_registers(),
    pms.checklists() | st.sampled_from([gripp2("short"), gripp2("long")]),
)
def test_drafts_are_consistent_with_the_checklist(
    case: tuple[Register, str], checklist: Checklist
) -> None:
    register, engagement_id = case
    draft = draft_checklist(register, engagement_id, checklist)

    assert len(draft.items) == len(checklist.items)
    for item, result in zip(checklist.items, draft.items, strict=True):
        assert isinstance(result, ItemDraft)
        assert result.item_id == item.id
        if not item.answerable:
            assert result.status is ItemStatus.NOT_ANSWERABLE
        if result.status is ItemStatus.ANSWERED:
            assert item.register_coverage is RegisterCoverage.FULL
            assert result.to_add_en is None
            assert result.to_add_fr is None
        else:
            assert result.to_add_en is not None
            assert result.to_add_fr is not None
        for value in result.values:
            assert value.field.split("[", 1)[0] in _FIELDS
