"""Tests of the example register of real cases."""

from __future__ import annotations

from partnership_model import Register, Sphere
from partnership_model.bibliography import BIBLIOGRAPHY
from partnership_model.examples import load_register


def test_the_example_register_has_at_least_15_cited_real_cases() -> None:
    register = load_register()
    assert isinstance(register, Register)
    assert len(register) >= 15
    for engagement in register:
        assert engagement.sources, engagement.id
        assert all(key in BIBLIOGRAPHY for key in engagement.sources), engagement.id
        assert engagement.description


def test_people_are_anonymised() -> None:
    register = load_register()
    assert all(person.display_name is None for person in register.people)
    for engagement in register:
        assert all(p.display_name is None for p in engagement.participants)


def test_the_register_is_cached_and_immutable() -> None:
    assert load_register() is load_register()
    assert hash(load_register())


def test_the_named_cases_are_there() -> None:
    ids = {e.id for e in load_register()}
    for case in (
        "covid-triage-protocol",
        "oncopole-committee",
        "udem-courses",
        "ligue-resource-patients-testimony",
        "cn2r-lille",
        "eclair-clara",
    ):
        assert case in ids


def test_every_engagement_engages_the_community() -> None:
    for engagement in load_register():
        assert any(p.sphere is Sphere.COMMUNITY for p in engagement.participants)


def test_the_covid_case_counts_four_patients() -> None:
    covid = load_register().engagement("covid-triage-protocol")
    assert len(covid.community_participants) == 4
