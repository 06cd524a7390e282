"""Tests of the crosswalks to Carman, IAP2 and Arnstein."""

from __future__ import annotations

import pytest

from partnership_model import EngagementDegree, EngagementLevel, Leadership
from partnership_model.crosswalks import (
    ArnsteinGroup,
    ArnsteinRung,
    CarmanContinuum,
    CarmanLevel,
    IAP2Level,
    from_arnstein,
    from_carman,
    from_iap2,
    to_arnstein,
    to_carman,
    to_iap2,
)


@pytest.mark.parametrize("degree", list(EngagementDegree))
@pytest.mark.parametrize("level", list(EngagementLevel))
def test_every_crosswalk_is_flagged_and_explained(
    degree: EngagementDegree, level: EngagementLevel
) -> None:
    for result in (to_carman(degree, level), to_iap2(degree), to_arnstein(degree)):
        assert result.interpretive
        assert result.source is degree
        assert result.note("en")
        assert result.note("fr")
        assert result.note("en") != result.note("fr")


def test_information_has_no_carman_counterpart() -> None:
    result = to_carman(EngagementDegree.INFORMATION, EngagementLevel.MACRO)
    assert not result.has_counterpart
    assert result.targets == ()


def test_carman_cells_follow_degree_and_level_monotonically() -> None:
    degrees = [d for d in EngagementDegree if d is not EngagementDegree.INFORMATION]
    continua = [
        to_carman(d, EngagementLevel.MICRO).targets[0].continuum for d in degrees
    ]
    assert continua == sorted(continua) == list(CarmanContinuum)
    levels = [
        to_carman(EngagementDegree.CONSULTATION, lv).targets[0].level
        for lv in EngagementLevel
    ]
    assert levels == list(CarmanLevel)


def test_carman_round_trip() -> None:
    for continuum in CarmanContinuum:
        (degree,) = from_carman(continuum).targets
        assert to_carman(degree, EngagementLevel.MESO).targets[0].continuum is continuum


def test_iap2_collaboration_is_a_range() -> None:
    assert to_iap2(EngagementDegree.COLLABORATION).targets == (
        IAP2Level.INVOLVE,
        IAP2Level.COLLABORATE,
    )
    assert to_iap2(EngagementDegree.PARTNERSHIP).targets == (IAP2Level.COLLABORATE,)


def test_no_degree_maps_to_empower() -> None:
    for degree in EngagementDegree:
        assert IAP2Level.EMPOWER not in to_iap2(degree).targets


def test_empower_is_patient_led_leadership_not_a_degree() -> None:
    result = from_iap2(IAP2Level.EMPOWER)
    assert result.targets == ()
    assert result.leadership is Leadership.PATIENT_LED


def test_iap2_inverse_is_consistent() -> None:
    for level in IAP2Level:
        for degree in from_iap2(level).targets:
            assert level in to_iap2(degree).targets


def test_arnstein_collaboration_only_placation_when_tokenistic() -> None:
    assert to_arnstein(EngagementDegree.COLLABORATION).targets == ()
    assert to_arnstein(EngagementDegree.COLLABORATION, tokenistic=True).targets == (
        ArnsteinRung.PLACATION,
    )
    assert to_arnstein(EngagementDegree.PARTNERSHIP).targets == (
        ArnsteinRung.PARTNERSHIP,
    )


@pytest.mark.parametrize("rung", list(ArnsteinRung))
def test_arnstein_rungs_back_to_montreal(rung: ArnsteinRung) -> None:
    result = from_arnstein(rung)
    if rung.group is ArnsteinGroup.NONPARTICIPATION:
        assert result.targets == ()
        assert result.leadership is None
    elif rung > ArnsteinRung.PARTNERSHIP:
        assert result.targets == ()
        assert result.leadership is Leadership.PATIENT_LED
    else:
        assert len(result.targets) == 1


def test_arnstein_groups() -> None:
    groups = [rung.group for rung in ArnsteinRung]
    assert (
        groups
        == [ArnsteinGroup.NONPARTICIPATION] * 2
        + [ArnsteinGroup.TOKENISM] * 3
        + [ArnsteinGroup.CITIZEN_POWER] * 3
    )
