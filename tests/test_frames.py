"""Tests of the pandas data frames of registers, findings and matrices."""

from __future__ import annotations

import doctest
import sys

import pytest
from hypothesis import given, settings

pd = pytest.importorskip("pandas")

from partnership_model import (  # noqa: E402 - after the skip
    EngagementDegree,
    EngagementLevel,
    EngagementMatrix,
    Register,
    ResearchEngagementMatrix,
    ResearchStage,
    Severity,
    assess,
    frames,
    strategies as pms,
)
from partnership_model._sheet_layout import layout  # noqa: E402
from partnership_model.examples import load_register  # noqa: E402
from partnership_model.frames import (  # noqa: E402
    engagements_frame,
    findings_frame,
    matrix_frame,
    participants_frame,
    research_stages_frame,
)

EXAMPLE = load_register()


def test_doctests() -> None:
    result = doctest.testmod(frames, optionflags=doctest.ELLIPSIS)

    assert result.attempted > 0
    assert result.failed == 0


def test_engagements_have_one_row_and_one_column_per_field() -> None:
    frame = engagements_frame(EXAMPLE)
    table = layout().table("Register.engagements")

    assert frame.index.tolist() == [e.id for e in EXAMPLE]
    assert frame.index.name == "id"
    expected = [
        name
        for c in table.columns
        if c.key != "id"
        for name in (
            (c.key, f"{c.key}_earliest", f"{c.key}_latest")
            if c.kind == "date"
            else (c.key,)
        )
    ]
    assert frame.columns.tolist()[: len(expected)] == expected
    assert {"organisations", "sources", "research_stages"} <= set(frame.columns)


def test_vocabulary_columns_are_ordered_categoricals_of_the_whole_vocabulary() -> None:
    frame = engagements_frame(EXAMPLE)

    assert frame.degree.cat.categories.tolist() == list(EngagementDegree.values())
    assert frame.degree.cat.ordered
    assert not frame.domain.cat.ordered
    at_least = sum(e.degree >= EngagementDegree.COLLABORATION for e in EXAMPLE)
    assert int((frame.degree >= "collaboration").sum()) == at_least
    assert frame.sort_values("level").level.tolist() == sorted(
        (e.level.value for e in EXAMPLE), key=lambda v: EngagementLevel(v).rank
    )


def test_labels_in_a_language() -> None:
    frame = engagements_frame(EXAMPLE, lang="fr")

    assert frame.degree.cat.categories.tolist() == [
        d.label("fr") for d in EngagementDegree
    ]
    assert frame.loc[EXAMPLE.engagements[0].id, "degree"] == (
        EXAMPLE.engagements[0].degree.label("fr")
    )


def test_missing_values_stay_missing() -> None:
    frame = engagements_frame(EXAMPLE)

    assert str(frame.trained_together.dtype) == "boolean"
    assert frame.trained_together.isna().sum() == sum(
        e.trained_together is None for e in EXAMPLE
    )
    assert frame.start.isna().sum() == sum(e.start is None for e in EXAMPLE)
    assert str(frame.start.dtype) == "string"
    assert pd.api.types.is_datetime64_any_dtype(frame.start_earliest)
    assert pd.api.types.is_datetime64_any_dtype(frame.end_latest)
    assert frame.end_latest.isna().sum() == sum(e.end is None for e in EXAMPLE)


@settings(max_examples=30)
@given(register=pms.registers())
def test_frames_agree_with_the_records(register: Register) -> None:
    engagements = engagements_frame(register)
    participants = participants_frame(register)

    assert len(engagements) == len(register)
    assert engagements.degree.astype(object).tolist() == [
        e.degree.value for e in register
    ]
    assert [set(a) for a in engagements.activities] == [
        {x.value for x in e.activities} for e in register
    ]
    assert len(participants) == sum(len(e.participants) for e in register)
    assert participants.engagement_id.tolist() == [
        e.id for e in register for _ in e.participants
    ]
    assert participants.role.astype(object).tolist() == [
        p.role.value for e in register for p in e.participants
    ]
    assert participants.decision_role.tolist() == [
        p.decision_role for e in register for p in e.participants
    ]
    # Partial dates keep their precision; the days they cover are exact.
    assert [None if pd.isna(v) else v for v in engagements.start] == [
        None if e.start is None else e.start.isoformat() for e in register
    ]
    assert [None if pd.isna(v) else v.date() for v in engagements.end_latest] == [
        None if e.end is None else e.end.latest for e in register
    ]
    stages = research_stages_frame(register)
    assert list(
        zip(stages.engagement_id, stages.stage, stages.degree, strict=True)
    ) == [
        (e.id, s.stage.value, s.degree.value)
        for e in register
        for s in e.research_stages
    ]
    assert stages.degree.cat.ordered
    assert [len(pairs) for pairs in engagements.research_stages] == [
        len(e.research_stages) for e in register
    ]


def test_an_iterable_of_engagements_is_accepted() -> None:
    frame = participants_frame(EXAMPLE.engagements[:2])

    assert set(frame.engagement_id) == {e.id for e in EXAMPLE.engagements[:2]}


def test_findings() -> None:
    findings = assess(EXAMPLE)
    frame = findings_frame(findings, lang="fr")

    assert len(frame) == len(findings)
    assert frame.code.tolist() == [f.code for f in findings]
    assert frame.message.tolist() == [f.message("fr") for f in findings]
    assert frame.severity.cat.categories.tolist() == list(Severity.values())
    assert frame.severity.cat.ordered
    assert len(findings_frame([])) == 0


def test_matrices() -> None:
    matrix = EngagementMatrix.from_engagements(EXAMPLE)
    research = ResearchEngagementMatrix.from_engagements(EXAMPLE)
    frame = matrix_frame(matrix)
    stages = matrix_frame(research, lang="fr")

    for level in EngagementLevel:
        for degree in EngagementDegree:
            assert frame.loc[level.value, degree.value] == matrix.count(
                level=level, degree=degree
            )
    assert frame.index.name == "level"
    assert frame.columns.name == "degree"
    assert stages.index.tolist() == [s.label("fr") for s in ResearchStage]
    assert int(stages.to_numpy().sum()) == research.total


def test_without_pandas_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(ImportError, match=r"partnership-model\[pandas\]"):
        engagements_frame(EXAMPLE)
