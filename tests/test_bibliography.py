"""Tests of the shipped bibliography."""

from __future__ import annotations

import re

import pytest

from partnership_model import PartnershipModelError
from partnership_model.bibliography import BIBLIOGRAPHY, Reference, reference


@pytest.mark.parametrize("ref", BIBLIOGRAPHY.values(), ids=lambda r: r.key)
def test_references_are_well_formed(ref: Reference) -> None:
    assert BIBLIOGRAPHY[ref.key] is ref
    assert ref.title.strip()
    if ref.doi is not None:
        assert re.fullmatch(r"10\.\d{4,9}/\S+", ref.doi)
        assert ref.link == f"https://doi.org/{ref.doi}"
    if ref.url is not None:
        assert ref.url.startswith(("http://", "https://"))
    citation = ref.citation()
    assert ref.title.rstrip(".") in citation
    if ref.year is not None:
        assert f"({ref.year})" in citation


def test_core_frameworks_carry_their_verified_dois() -> None:
    assert reference("Boivin2022").doi == "10.1111/hex.13571"
    assert reference("Carman2013").doi == "10.1377/hlthaff.2012.1133"
    assert reference("Karazivan2015").doi == "10.1097/ACM.0000000000000603"
    # The Pomey 2015 DOI could not be verified: it must not be recorded.
    assert reference("Pomey2015").doi is None


def test_unknown_key_raises_a_key_error_of_ours() -> None:
    with pytest.raises(KeyError):
        reference("Nobody1999")
    with pytest.raises(PartnershipModelError):
        reference("Nobody1999")
