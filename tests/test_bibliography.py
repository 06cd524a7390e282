"""Tests of the shipped bibliography (CSL-JSON) and of its load-time check."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib import resources
from typing import Any

import pytest

from partnership_model import PartnershipModelError
from partnership_model.bibliography import (
    BIBLIOGRAPHY,
    Reference,
    check_items,
    csl_items,
    reference,
)
from partnership_model.exceptions import DataFileError


def shipped_items() -> list[dict[str, Any]]:
    path = resources.files("partnership_model").joinpath("data", "bibliography.json")
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return items


ARTICLE: dict[str, Any] = {
    "id": "Doe2020",
    "type": "article-journal",
    "author": [{"family": "Doe", "given": "J"}, {"literal": "A Collective"}],
    "title": "A title",
    "container-title": "A Journal",
    "volume": "3",
    "issue": "2",
    "page": "10-20",
    "issued": {"date-parts": [[2020]]},
    "DOI": "10.1000/xyz",
}


def build(*items: dict[str, Any]) -> dict[str, Reference]:
    return check_items([copy.deepcopy(item) for item in items], file="test.json")


# -- the shipped file ----------------------------------------------------------------


def test_the_shipped_file_is_csl_json_that_passes_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = resources.files("partnership_model").joinpath("data")
    schema = json.loads(data.joinpath("bibliography.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (
        list(jsonschema.Draft202012Validator(schema).iter_errors(shipped_items())) == []
    )
    assert [i["id"] for i in shipped_items()] == list(BIBLIOGRAPHY)


def test_csl_items_is_a_copy_of_the_file() -> None:
    items = csl_items()
    assert items == shipped_items()
    items[0]["title"] = "changed"
    assert csl_items()[0]["title"] != "changed"
    assert type(items[0]) is dict


def test_the_bibliography_is_read_on_first_use_only() -> None:
    code = (
        "import partnership_model.bibliography as b; print(b.BIBLIOGRAPHY._data is None); "
        "b.reference('Boivin2022'); print(b.BIBLIOGRAPHY._data is None)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]


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


# -- rendering CSL-JSON as references -------------------------------------------------


def test_an_article_renders_as_before() -> None:
    (ref,) = build(ARTICLE).values()
    assert ref.authors == ("Doe J", "A Collective")
    assert ref.kind == "article"
    assert ref.container == "A Journal"
    assert ref.details == "3(2):10-20"
    assert ref.citation() == (
        "Doe J, A Collective (2020). A title. A Journal 3(2):10-20. "
        "https://doi.org/10.1000/xyz"
    )
    assert ref.link == "https://doi.org/10.1000/xyz"


def test_incomplete_author_lists_and_editors_render() -> None:
    vanier = reference("Vanier2014")
    assert not vanier.authors_complete
    assert vanier.byline.endswith(", et al.")
    assert vanier.container is not None
    assert vanier.container.startswith("Fulmer T, Gaines M (eds). Partnering with")
    book = reference("AlteringFrontiers2021")
    assert book.authors == ()
    assert book.byline == "Grenier C, Oiry E (eds)"
    assert "ISBN 978-1-78630-707-1" in book.citation()


def test_dates_genres_and_versions_render() -> None:
    assert reference("Karazivan2015").details == "April 2015; Perspective"
    assert reference("DumezLEsperance2024").details == "4 June 2024"
    assert reference("GH2024").details == "no. 633; February 2024"
    assert reference("MSSSTriage2020").details == (
        "version of 2020-11-02, updated 2021-12-21"
    )
    slides = reference("Berkesse2024Bern")
    assert slides.kind == "slides"
    assert slides.container == "Slide deck, CEPPP, Bern, 16 November 2024"
    assert reference("Boivin2022").pmcid == "PMC9615077"


# -- the corrections of the fidelity review (issue 12) -------------------------------


def test_the_corrected_citation_records() -> None:
    strathclyde = reference("Strathclyde2005")
    assert strathclyde.title == "Health by association"
    assert strathclyde.doi == "10.1093/ije/dyh409"
    assert strathclyde.note is not None
    assert "Szreter and Woolcock themselves" in strathclyde.note
    biaudet = reference("Biaudet2024")
    assert biaudet.title.startswith("Des patients impliqués dans le financement")
    assert biaudet.title.endswith("groupe de travail ECLAIR du Cancéropôle CLARA")
    assert biaudet.authors == (
        "Biaudet J",
        "Laroussi-Libeault L",
        "Michallet M",
        "Panse L",
        "Merle R",
    )
    ssa = reference("SSAQuebec2023")
    assert ssa.year is None
    assert ssa.note is not None
    assert "section heading" in ssa.note
    assert "inferred" in ssa.note
    pomey = reference("Pomey2015").note
    assert pomey is not None
    assert "Macy" in pomey
    assert "named" not in pomey


# -- the load-time check refuses each fault --------------------------------------------


def problems_of(*items: Any) -> list[tuple[str, str]]:
    with pytest.raises(DataFileError) as caught:
        check_items(list(items), file="bibliography.json")
    assert caught.value.file == "bibliography.json"
    return [(p.path, p.code) for p in caught.value.problems]


def edited(**changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(ARTICLE)
    for key, value in changes.items():
        if value is None:
            item.pop(key.replace("_", "-"), None)
        else:
            item[key.replace("_", "-")] = value
    return item


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (edited(title=None), ("$[0].title", "missing_key")),
        (edited(title=" "), ("$[0].title", "wrong_type")),
        (edited(type="blog"), ("$[0].type", "invalid_value")),
        (edited(id="Doe 2020"), ("$[0].id", "invalid_value")),
        (edited(DOI="https://doi.org/10.1000/xyz"), ("$[0].DOI", "invalid_value")),
        (edited(URL="www.example.org"), ("$[0].URL", "invalid_value")),
        (edited(abstract="Unread"), ("$[0].abstract", "unknown_key")),
        (edited(volume=3.5), ("$[0].volume", "wrong_type")),
        (edited(author=[{"family": "Doe"}]), ("$[0].author[0].given", "missing_key")),
        (
            edited(issued={"date-parts": [[2020, 13]]}),
            ("$[0].issued['date-parts']", "invalid_value"),
        ),
        (
            edited(custom={"authors-complete": "no"}),
            ("$[0].custom['authors-complete']", "wrong_type"),
        ),
        (edited(custom={"rating": 5}), ("$[0].custom.rating", "unknown_key")),
        ("not an item", ("$[0]", "wrong_type")),
    ],
    ids=lambda value: value[1] if isinstance(value, tuple) else "",
)
def test_the_check_refuses_each_fault(item: Any, expected: tuple[str, str]) -> None:
    assert expected in problems_of(item)


def test_two_references_with_one_key_are_refused() -> None:
    assert problems_of(ARTICLE, ARTICLE) == [("$[1].id", "duplicate_key")]


def test_the_file_must_be_an_array() -> None:
    assert problems_of_top({"Doe2020": ARTICLE}) == [("$", "wrong_type")]


def problems_of_top(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(DataFileError) as caught:
        check_items(document)
    return [(p.path, p.code) for p in caught.value.problems]


def test_every_fault_of_the_shipped_file_would_be_reported() -> None:
    items = shipped_items()
    items[3]["DOI"] = "not a doi"
    del items[5]["title"]
    found = problems_of_top(items)
    assert found == [("$[3].DOI", "invalid_value"), ("$[5].title", "missing_key")]
