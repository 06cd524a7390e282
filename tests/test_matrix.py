"""Tests of the Montreal and research-engagement matrices."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, strategies as st

from partnership_model import (
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    InvalidRecordError,
    Leadership,
    RecordTypeError,
    Register,
    ResearchEngagementMatrix,
    ResearchStage,
    strategies as pms,
)
from partnership_model.examples import load_register


@given(pms.registers(max_engagements=15), st.none() | pms.members(EngagementDomain))
def test_cells_sum_to_the_engagements_and_equal_a_brute_force_recount(
    register: Register, domain: EngagementDomain | None
) -> None:
    matrix = EngagementMatrix.from_engagements(register, domain=domain)
    kept = [e for e in register.engagements if domain is None or e.domain is domain]
    assert matrix.total == len(kept)
    assert sum(cell.count for cell in matrix) == len(kept)
    for level in EngagementLevel:
        for degree in EngagementDegree:
            expected = sum(1 for e in kept if e.level is level and e.degree is degree)
            assert matrix.count(level=level, degree=degree) == expected
        assert matrix.level_total(level) == sum(1 for e in kept if e.level is level)
    for degree in EngagementDegree:
        assert matrix.degree_total(degree) == sum(1 for e in kept if e.degree is degree)


@given(pms.registers(max_engagements=15))
def test_research_matrix_counts_each_stage_of_each_engagement(
    register: Register,
) -> None:
    matrix = ResearchEngagementMatrix.from_engagements(register)
    expected: Counter[tuple[ResearchStage, EngagementDegree]] = Counter(
        (item.stage, item.degree)
        for e in register.engagements
        for item in e.research_stages
    )
    for stage in ResearchStage:
        for degree in EngagementDegree:
            assert matrix.count(stage=stage, degree=degree) == expected[stage, degree]
    assert matrix.total == sum(len(e.research_stages) for e in register.engagements)
    assert matrix.without_stage == sum(
        1 for e in register.engagements if not e.research_stages
    )


def test_research_matrix_counts_each_stage_at_its_own_degree() -> None:
    """An engagement partner in design and consulted on dissemination counts once in each cell."""
    from partnership_model import (
        Engagement,
        EngagementDomain,
        EngagementLevel,
        StageDegree,
    )

    engagement = Engagement(
        id="trial",
        title="Trial",
        domain=EngagementDomain.RESEARCH,
        level=EngagementLevel.MESO,
        degree=EngagementDegree.PARTNERSHIP,
        research_stages=[
            StageDegree(
                stage=ResearchStage.DESIGN, degree=EngagementDegree.PARTNERSHIP
            ),
            StageDegree(
                stage=ResearchStage.DISSEMINATION,
                degree=EngagementDegree.CONSULTATION,
            ),
        ],
    )
    matrix = ResearchEngagementMatrix.from_engagements([engagement])
    assert (
        matrix.count(stage=ResearchStage.DESIGN, degree=EngagementDegree.PARTNERSHIP)
        == 1
    )
    assert (
        matrix.count(
            stage=ResearchStage.DISSEMINATION, degree=EngagementDegree.CONSULTATION
        )
        == 1
    )
    assert matrix.total == 2
    assert matrix.degree_total(EngagementDegree.PARTNERSHIP) == 1


@given(pms.registers(max_engagements=10))
def test_matrix_does_not_depend_on_order(register: Register) -> None:
    forward = EngagementMatrix.from_engagements(register.engagements)
    backward = EngagementMatrix.from_engagements(reversed(register.engagements))
    assert forward == backward
    assert hash(forward) == hash(backward)


def test_cells_iterate_in_level_then_degree_order() -> None:
    matrix = EngagementMatrix.from_engagements(load_register())
    keys = [(cell.row, cell.degree) for cell in matrix.cells()]
    assert keys == [(lv, d) for lv in EngagementLevel for d in EngagementDegree]


def test_matrices_differ_when_counts_differ() -> None:
    register = load_register()
    full = EngagementMatrix.from_engagements(register)
    research = EngagementMatrix.from_engagements(
        register, domain=EngagementDomain.RESEARCH
    )
    assert full != research
    assert research.total == sum(
        1 for e in register if e.domain is EngagementDomain.RESEARCH
    )


def test_text_and_rows_in_both_languages() -> None:
    matrix = EngagementMatrix.from_engagements(load_register())
    text_fr = matrix.to_text("fr")
    assert "Partenariat" in text_fr
    assert "Niveau" in text_fr
    lines = matrix.to_text().splitlines()
    assert lines[0].startswith("Level")
    assert lines[-1].split()[-1] == str(len(load_register()))
    rows = matrix.to_rows("fr")
    assert [row["Niveau"] for row in rows] == [lv.label("fr") for lv in EngagementLevel]
    assert sum(int(row["Total"]) for row in rows) == matrix.total
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    assert buffer.getvalue().count("\n") == 4


def test_non_engagements_are_refused() -> None:
    with pytest.raises(RecordTypeError) as caught:
        EngagementMatrix.from_engagements(["e1"])  # type: ignore[list-item]
    assert caught.value.field == "engagements[0]"


@pytest.mark.parametrize(
    "counts", [(), ((1, 2, 3, 4),) * 2, ((1, 2, 3, -1),) * 3, ((1, 2, 3, 4.0),) * 3]
)
def test_counts_are_validated(counts: object) -> None:
    with pytest.raises(InvalidRecordError):
        EngagementMatrix(counts=counts)  # type: ignore[arg-type]


def test_direct_construction_equals_built_matrix() -> None:
    one = Engagement(
        id="x",
        title="t",
        domain=EngagementDomain.RESEARCH,
        level=EngagementLevel.MACRO,
        degree=EngagementDegree.CONSULTATION,
        leadership=Leadership.CO_LED,
    )
    built = EngagementMatrix.from_engagements([one])
    direct = EngagementMatrix(counts=((0, 0, 0, 0), (0, 0, 0, 0), (0, 1, 0, 0)))
    assert built == direct


@given(pms.registers(max_engagements=10), st.sampled_from(["en", "fr", "fr-CA"]))
def test_the_document_carries_labels_and_agrees_with_the_counts(
    register: Register, lang: str
) -> None:
    research = ResearchEngagementMatrix.from_engagements(register)
    matrices: list[Any] = [EngagementMatrix.from_engagements(register), research]
    for matrix in matrices:
        document = matrix.to_document(lang)
        rows = list(matrix._rows)
        assert document["rows"] == [row.value for row in rows]
        assert document["row_labels"] == [row.label(lang) for row in rows]
        assert document["columns"] == [d.value for d in EngagementDegree]
        assert document["column_labels"] == [
            d.label(lang)  # type: ignore[arg-type]
            for d in EngagementDegree
        ]
        assert document["counts"] == [list(row) for row in matrix.counts]
        assert document["row_totals"] == [matrix.row_total(row) for row in rows]
        assert document["column_totals"] == [
            matrix.column_total(d) for d in EngagementDegree
        ]
        assert document["total"] == matrix.total
    assert research.to_document()["without_stage"] == research.without_stage


def test_french_rendering_groups_thousands_and_uses_french_headings() -> None:
    counts = ((1234, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 5))
    matrix = EngagementMatrix(counts=counts)
    text = matrix.to_text("fr")
    assert text.splitlines()[0].startswith("Niveau")
    assert "1\u202f234" in text
    assert text.splitlines()[-1].split()[-1] == "239"  # 1 239 total, grouped
    assert "1234" in matrix.to_text("en")
    assert "Niveau" in matrix.to_rows("fr")[0]
    assert (
        "Étape de recherche"
        in (ResearchEngagementMatrix.from_engagements([]).to_rows("fr")[0])
    )
