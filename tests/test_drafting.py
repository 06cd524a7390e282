"""Tests of partnership_model.drafting: checklist drafts from a register."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

from partnership_model import _draft_parts, strategies as pms
from partnership_model._i18n import typeset
from partnership_model.checklists import (
    Checklist,
    RegisterCoverage,
    gripp2,
    load_checklist,
)
from partnership_model.dates import PartialDate
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
    DuplicateIdError,
    InvalidRecordError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Participant, Register, StageDegree
from partnership_model.vocabulary import (
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    ProjectPhase,
    ResearchStage,
    Role,
)


def is_french(text: str) -> bool:
    return typeset(text, "fr") == text


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
            StageDegree(
                stage=ResearchStage.ANALYSIS_INTERPRETATION,
                degree=EngagementDegree.CONSULTATION,
            ),
            StageDegree(
                stage=ResearchStage.DESIGN, degree=EngagementDegree.COLLABORATION
            ),
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
    assert draft.engagement_ids == (engagement_id,)
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
            engagement_id="trial",
        )
        in result.values
    )


def test_stages_are_listed_in_research_order_with_their_own_degrees() -> None:
    """Format 1.1 records a degree per stage: the stage items are answered."""
    engagement = _research()
    result = _draft(engagement, gripp2("long")).item("4c")

    stages = DraftValue(
        field="research_stages[*].stage",
        values=("design", "analysis_interpretation"),
        engagement_id="trial",
    )
    assert stages in result.values
    assert (
        DraftValue(
            field="research_stages[*].degree",
            values=("collaboration", "consultation"),
            engagement_id="trial",
        )
        in result.values
    )
    assert (
        DraftValue(
            field="partners_joined_at", values=("design",), engagement_id="trial"
        )
        in result.values
    )
    design = ResearchStage.DESIGN.label("en")
    analysis = ResearchStage.ANALYSIS_INTERPRETATION.label("en")
    assert result.text_en.index(design) < result.text_en.index(analysis)
    assert result.status is ItemStatus.ANSWERED
    assert f"{design}: Collaboration" in result.text_en


def test_per_stage_degrees_answer_the_stage_items() -> None:
    """The stage items (4c, 4d) read each stage's own degree, and 2a defines each."""
    engagement = _research(
        degree=EngagementDegree.PARTNERSHIP,
        research_stages=[
            StageDegree(
                stage=ResearchStage.DESIGN, degree=EngagementDegree.PARTNERSHIP
            ),
            StageDegree(
                stage=ResearchStage.ANALYSIS_INTERPRETATION,
                degree=EngagementDegree.CONSULTATION,
            ),
        ],
    )
    assert _draft_parts.stage_degrees(engagement) == (
        (ResearchStage.DESIGN, EngagementDegree.PARTNERSHIP),
        (ResearchStage.ANALYSIS_INTERPRETATION, EngagementDegree.CONSULTATION),
    )
    draft = _draft(engagement, gripp2("long"))

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
        "1 of 2 on the community side; 1 of 1 on the professional side"
        in result.text_en
    )
    assert (
        DraftValue(field="leadership", values=("co_led",), engagement_id="trial")
        in result.values
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2024, 1, 15), dt.date(2025, 6, 30), "from 2024-01-15 to 2025-06-30"),
        (dt.date(2024, 1, 15), None, "started on 2024-01-15"),
        (None, dt.date(2025, 6, 30), "ended on 2025-06-30"),
        (PartialDate(2024), PartialDate(2025, 6), "from 2024 to 2025-06"),
        (PartialDate(2020, 11), None, "started in 2020-11"),
    ],
)
def test_the_period_is_reported_when_recorded(
    start: dt.date | PartialDate | None,
    end: dt.date | PartialDate | None,
    expected: str,
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


# -- French typography -----------------------------------------------------------------


@pytest.mark.parametrize("form", ["short", "long"])
def test_french_drafts_follow_french_typography(form: str) -> None:
    draft = _draft(_research(), gripp2(form))  # type: ignore[arg-type]

    for result in draft.items:
        for text in (result.text_fr, result.to_add_fr or ""):
            assert is_french(text), text
            assert not re.search(r"[^\u00a0]:", text), text
            assert not re.search(r"[^\u202f][;?!]", text), text
        # The English texts keep English spacing.
        assert "\u00a0" not in result.text_en
        assert "\u202f" not in result.text_en


# -- several engagements reported together ----------------------------------------------


def _pair(**second: object) -> Register:
    first = _research()
    other = _research(
        id="panel",
        title="A patient panel\nfor the same trial",
        level=EngagementLevel.MACRO,
        degree=EngagementDegree.CONSULTATION,
        leadership=Leadership.PROFESSIONAL_LED,
        participants=[Participant(person_id="p3", role=Role.PATIENT_PARTNER)],
        research_stages=[
            StageDegree(
                stage=ResearchStage.DISSEMINATION, degree=EngagementDegree.CONSULTATION
            )
        ],
        start=None,
        end=None,
        partners_joined_at=None,
    )
    return Register.from_engagements([first, attrs.evolve(other, **second)])  # type: ignore[arg-type]


def test_the_example_research_engagements_draft_together() -> None:
    draft = draft_checklist(REGISTER, engagement_ids=RESEARCH, checklist=gripp2("long"))

    assert draft.engagement_ids == tuple(RESEARCH)
    assert [e.id for e in draft.engagements] == RESEARCH
    people = draft.item("4b")
    assert people.text_en.count("\n") == len(RESEARCH) - 1
    for engagement_id in RESEARCH:
        assert f"({engagement_id}):" in people.text_en
        assert f"({engagement_id})\u00a0:" in people.text_fr
        assert any(v.engagement_id == engagement_id for v in people.values)
    assert draft_checklist(
        REGISTER, engagement_ids=list(reversed(RESEARCH))
    ).engagement_ids == tuple(reversed(RESEARCH))


def test_one_id_in_a_set_is_the_same_draft_as_one_id() -> None:
    alone = draft_checklist(REGISTER, RESEARCH[0], gripp2("long"))
    as_set = draft_checklist(
        REGISTER, engagement_ids=(i for i in RESEARCH[:1]), checklist=gripp2("long")
    )
    assert as_set == alone


def test_facts_of_each_engagement_are_on_their_own_line() -> None:
    draft = draft_checklist(
        _pair(), engagement_ids=["trial", "panel"], checklist=gripp2("long")
    )

    stages = draft.item("4c")
    first, second = stages.text_en.split("\n")
    assert first.startswith("A trial co-designed with patients (trial): ")
    # Whitespace inside a title is collapsed so that each engagement keeps one line.
    assert second.startswith("A patient panel for the same trial (panel): ")
    assert ResearchStage.DISSEMINATION.label("en") in second
    assert {v.engagement_id for v in stages.values} == {"trial", "panel"}
    # The facts of the kinds an item draws on are gathered on each engagement's line.
    design = draft.item("4a")
    trial, panel = design.text_en.split("\n")
    assert "The register lists 3 participants" in trial
    assert "The engagement ran from 2024-01-15 to 2025-06-30" in trial
    assert "The register lists 1 participant." in panel
    assert "The engagement" not in panel  # no period recorded for the panel
    assert design.status is ItemStatus.PARTLY
    assert design.text_fr.split("\n")[1].startswith(
        "A patient panel for the same trial (panel)\u00a0: "
    )


def test_the_set_is_answered_only_when_every_engagement_answers() -> None:
    both = draft_checklist(
        _pair(), engagement_ids=["trial", "panel"], checklist=gripp2("long")
    )
    assert both.item("4c").status is ItemStatus.ANSWERED

    one_without = draft_checklist(
        _pair(research_stages=[]),
        engagement_ids=["trial", "panel"],
        checklist=gripp2("long"),
    )
    assert one_without.item("4c").status is ItemStatus.PARTLY
    assert "(panel): nothing recorded." in one_without.item("4c").text_en


def test_no_engagement_of_the_set_has_the_data() -> None:
    register = Register.from_engagements(
        [_research(research_stages=[]), _research(id="b", research_stages=[])]
    )
    result = draft_checklist(
        register, engagement_ids=["trial", "b"], checklist=gripp2("long")
    ).item("4c")

    assert result.status is ItemStatus.NOT_ANSWERABLE
    assert "for these engagements" in result.text_en
    assert "pour ces engagements" in result.text_fr


def test_the_definition_and_framework_cover_the_whole_set() -> None:
    draft = draft_checklist(
        _pair(), engagement_ids=["trial", "panel"], checklist=gripp2("long")
    )

    definition = draft.item("2a")
    for degree in (EngagementDegree.CONSULTATION, EngagementDegree.COLLABORATION):
        assert degree.definition("en").rstrip(".") in definition.text_en
        assert definition.text_en.count(f"“{degree.label('en')}”") == 1
    degrees = {
        v.engagement_id: v.values for v in definition.values if v.field == "degree"
    }
    assert degrees == {
        "trial": ("consultation", "collaboration"),
        "panel": ("consultation",),
    }
    sources = [v for v in definition.values if v.field == "sources"]
    assert len(sources) == 1
    assert sources[0].engagement_id is None

    framework = draft.item("2b")
    meso, macro = (
        level.label("en") for level in (EngagementLevel.MESO, EngagementLevel.MACRO)
    )
    assert f"at the {meso} and {macro} levels" in framework.text_en
    assert "aux niveaux" in framework.text_fr
    alone = _draft(_research(), gripp2("long")).item("2b")
    assert "au niveau" in alone.text_fr
    assert "aux niveaux" not in alone.text_fr


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


@pytest.mark.parametrize(
    ("kwargs", "error", "field", "code"),
    [
        ({"engagement_ids": []}, InvalidRecordError, "engagement_ids", "empty"),
        (
            {"engagement_ids": ["trial", "panel", "trial"]},
            DuplicateIdError,
            "engagement_ids[2]",
            "duplicate_id",
        ),
        ({"engagement_ids": "trial"}, RecordTypeError, "engagement_ids", "wrong_type"),
        ({"engagement_ids": 3}, RecordTypeError, "engagement_ids", "wrong_type"),
        (
            {"engagement_ids": ["trial", 3]},
            RecordTypeError,
            "engagement_ids[1]",
            "wrong_type",
        ),
        (
            {"engagement_id": "trial", "engagement_ids": ["panel"]},
            RecordTypeError,
            "engagement_ids",
            "wrong_type",
        ),
        ({}, RecordTypeError, "engagement_id", "wrong_type"),
        ({"engagement_id": ""}, InvalidRecordError, "engagement_id", "invalid"),
    ],
)
def test_bad_engagement_arguments_are_refused_where_they_are(
    kwargs: dict[str, object], error: type[InvalidRecordError], field: str, code: str
) -> None:
    with pytest.raises(error) as caught:
        draft_checklist(_pair(), **kwargs)  # type: ignore[arg-type]
    assert type(caught.value) is error
    assert caught.value.field == field
    assert caught.value.code == code


def test_a_bad_id_in_a_set_is_named_by_its_position() -> None:
    with pytest.raises(UnknownReferenceError) as unknown:
        draft_checklist(_pair(), engagement_ids=["trial", "nope"])
    assert unknown.value.field == "engagement_ids[1]"
    assert unknown.value.accepted == ("trial", "panel")

    care = _research(id="care", domain=EngagementDomain.CARE_AND_SERVICES)
    register = Register.from_engagements([_research(), care])
    with pytest.raises(InvalidRecordError) as not_research:
        draft_checklist(register, engagement_ids=["trial", "care"])
    assert not_research.value.field == "engagement_ids[1]"
    assert not_research.value.code == "not_research"


def test_drafts_and_item_drafts_hold_their_invariants() -> None:
    draft = draft_checklist(_pair(), engagement_ids=["trial", "panel"])
    with pytest.raises(InvalidRecordError) as mismatch:
        attrs.evolve(draft, items=draft.items[1:])
    assert mismatch.value.code == "items_mismatch"
    with pytest.raises(InvalidRecordError, match="must not be empty"):
        attrs.evolve(draft, engagements=())
    with pytest.raises(DuplicateIdError) as twice:
        attrs.evolve(draft, engagements=[*draft.engagements, draft.engagements[0]])
    assert twice.value.field == "engagements[2]"
    with pytest.raises(RecordTypeError):
        attrs.evolve(draft, checklist="gripp2-sf")  # type: ignore[arg-type]

    answered = ItemDraft(
        item_id="1", status=ItemStatus.ANSWERED, text_en="a", text_fr="b"
    )
    with pytest.raises(InvalidRecordError) as status:
        attrs.evolve(answered, to_add_en="x", to_add_fr="y")
    assert status.value.code == "status_mismatch"
    with pytest.raises(InvalidRecordError) as status:
        attrs.evolve(answered, status=ItemStatus.PARTLY)
    assert status.value.code == "status_mismatch"
    with pytest.raises(InvalidRecordError) as half:
        attrs.evolve(answered, status=ItemStatus.PARTLY, to_add_en="x")
    assert half.value.code == "missing_translation"


def test_status_labels_exist_in_both_languages() -> None:
    labels = {(s, lang): s.label(lang) for s in ItemStatus for lang in ("en", "fr")}
    assert len(set(labels.values())) == len(labels)


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
def _research_registers(draw: st.DrawFn) -> tuple[Register, list[str]]:
    """A register and the ids of 1 to 3 of its engagements, made research ones."""
    register = draw(pms.registers(max_engagements=2, max_people=4))
    person_ids = st.sampled_from([p.id for p in register.people])
    generated = [
        draw(pms.engagements(person_ids=person_ids))
        for _ in range(draw(st.integers(1, 3)))
    ]
    drafted = [
        attrs.evolve(
            engagement,
            id=f"drafted-{index}",
            domain=EngagementDomain.RESEARCH,
            secondary_domains=engagement.secondary_domains
            - {EngagementDomain.RESEARCH},
            organisations=(),
        )
        for index, engagement in enumerate(generated)
    ]
    others = [e for e in register.engagements if not e.id.startswith("drafted-")]
    ids = [e.id for e in drafted]
    return (
        Register(
            engagements=[*others, *drafted],
            people=register.people,
            organisations=register.organisations,
        ),
        draw(st.permutations(ids)),
    )


_FIELDS = {f.name for f in attrs.fields(Engagement)} | {"sources"}


@given(
    _research_registers(),
    pms.checklists() | st.sampled_from([gripp2("short"), gripp2("long")]),
)
def test_drafts_are_consistent_with_the_checklist(
    case: tuple[Register, list[str]], checklist: Checklist
) -> None:
    register, engagement_ids = case
    draft = draft_checklist(
        register, engagement_ids=engagement_ids, checklist=checklist
    )

    assert draft.engagement_ids == tuple(engagement_ids)
    assert len(draft.items) == len(checklist.items)
    for item, result in zip(checklist.items, draft.items, strict=True):
        assert isinstance(result, ItemDraft)
        assert result.item_id == item.id
        assert is_french(result.text_fr)
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
            assert (value.engagement_id is None) == (value.field == "sources")
            if value.engagement_id is not None:
                assert value.engagement_id in engagement_ids
        # Facts of one engagement, in a draft of several: every engagement gets its line.
        facts = [
            v for v in result.values if v.field not in {"degree", "level", "sources"}
        ]
        if len(engagement_ids) > 1 and facts:
            for engagement_id in engagement_ids:
                assert f"({engagement_id}): " in result.text_en
