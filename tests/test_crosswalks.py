"""Tests of the crosswalks to Carman, IAP2 and Arnstein."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from partnership_model import EngagementDegree, EngagementLevel, Leadership
from partnership_model.crosswalks import (
    ArnsteinGroup,
    ArnsteinRung,
    CarmanContinuum,
    CarmanLevel,
    IAP2Level,
    check_crosswalks,
    from_arnstein,
    from_carman,
    from_iap2,
    to_arnstein,
    to_carman,
    to_iap2,
)
from partnership_model.exceptions import DataFileError


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


# -- the crosswalks file and its load-time check ------------------------------------


def shipped() -> dict[str, Any]:
    path = resources.files("partnership_model").joinpath("data", "crosswalks.json")
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def test_the_shipped_file_passes_its_schema_and_its_check() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = resources.files("partnership_model").joinpath("data")
    schema = json.loads(data.joinpath("crosswalks.schema.json").read_text("utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(shipped())) == []
    tables = check_crosswalks(shipped())
    assert set(tables) == set(shipped()["crosswalks"])


def problems_of(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(DataFileError) as caught:
        check_crosswalks(document)
    assert caught.value.file == "crosswalks.json"
    return [(p.path, p.code) for p in caught.value.problems]


def _entries(document: dict[str, Any], name: str) -> dict[str, Any]:
    entries: dict[str, Any] = document["crosswalks"][name]["entries"]
    return entries


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["crosswalks"].pop("to_iap2"),
            ("$.crosswalks.to_iap2", "missing_key"),
        ),
        (
            lambda d: d["crosswalks"].update(to_iap3={}),
            ("$.crosswalks.to_iap3", "unknown_key"),
        ),
        (
            lambda d: d["crosswalks"]["to_iap2"].update(to="CarmanLevel"),
            ("$.crosswalks.to_iap2.to", "wrong_vocabulary"),
        ),
        (
            lambda d: _entries(d, "to_iap2").update(
                cooperation=_entries(d, "to_iap2")["partnership"]
            ),
            ("$.crosswalks.to_iap2.entries.cooperation", "unknown_member"),
        ),
        (
            lambda d: _entries(d, "to_iap2").pop("consultation"),
            ("$.crosswalks.to_iap2.entries", "missing_member"),
        ),
        (
            lambda d: _entries(d, "to_iap2")["partnership"].update(
                targets=["empowerment"]
            ),
            ("$.crosswalks.to_iap2.entries.partnership.targets[0]", "unknown_member"),
        ),
        (
            lambda d: _entries(d, "to_iap2")["collaboration"].update(
                targets=["collaborate", "involve"]
            ),
            ("$.crosswalks.to_iap2.entries.collaboration.targets", "invalid_value"),
        ),
        (
            lambda d: _entries(d, "to_iap2")["partnership"].update(note="nowhere"),
            ("$.crosswalks.to_iap2.entries.partnership.note", "unknown_note"),
        ),
        (
            lambda d: _entries(d, "to_iap2")["partnership"].pop("note"),
            ("$.crosswalks.to_iap2.entries.partnership.note", "missing_key"),
        ),
        (
            lambda d: d["notes"].update(spare={"en": "Spare.", "fr": "De rechange."}),
            ("$.notes.spare", "unused_note"),
        ),
        (
            lambda d: d["notes"]["iap2_inverse"].pop("fr"),
            ("$.notes.iap2_inverse.fr", "missing_key"),
        ),
        (
            lambda d: _entries(d, "from_iap2")["empower"].update(leadership="patients"),
            ("$.crosswalks.from_iap2.entries.empower.leadership", "unknown_member"),
        ),
        (
            lambda d: _entries(d, "to_iap2")["collaboration"].update(
                if_tokenistic={"targets": [], "note": "iap2_aligned"}
            ),
            ("$.crosswalks.to_iap2.entries.collaboration.if_tokenistic", "unknown_key"),
        ),
    ],
    ids=lambda value: value[1] if isinstance(value, tuple) else "",
)
def test_the_check_refuses_each_fault(
    edit: Callable[[dict[str, Any]], object], expected: tuple[str, str]
) -> None:
    document = shipped()
    edit(document)
    assert expected in problems_of(document)


def test_notes_are_typeset_in_french() -> None:
    note = to_carman(EngagementDegree.INFORMATION, EngagementLevel.MICRO).note("fr")
    assert "consultation\u00a0: l'information" in note
    assert (
        note.replace("\u00a0", " ")
        == to_carman(EngagementDegree.INFORMATION, EngagementLevel.MICRO).note_fr
    )
    assert "consultation\u00a0: l'information" in to_carman(
        EngagementDegree.INFORMATION, EngagementLevel.MICRO
    ).note("fr-CA")


def test_arnstein_speaks_french_as_its_published_translation() -> None:
    assert [rung.label("fr") for rung in ArnsteinRung] == [
        "Manipulation",
        "Thérapie",
        "Information",
        "Consultation",
        "Réassurance",
        "Partenariat",
        "Délégation de pouvoir",
        "Contrôle citoyen",
    ]
    assert [group.label("fr") for group in ArnsteinGroup] == [
        "Non-participation",
        "Coopération symbolique",
        "Pouvoir effectif des citoyens",
    ]
    assert ArnsteinRung.parse("apaisement") is ArnsteinRung.PLACATION
    assert ArnsteinRung.parse("conciliation") is ArnsteinRung.PLACATION
    assert all("DonzelotEpstein2006" in rung.sources for rung in ArnsteinRung)
