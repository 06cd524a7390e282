"""Tests of language tags, regional variants and French typography."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import assume, given, strategies as st

from partnership_model import VocabularyError, _i18n
from partnership_model._i18n import (
    LANGUAGE_TAGS,
    NBSP,
    NNBSP,
    check_lang,
    format_decimal,
    format_integer,
    format_percent,
    locale,
    typeset,
)

SPACES = {" ", "\t", NBSP, NNBSP}
FRENCH_TEXT = st.text(
    st.sampled_from(list("abcé 0123456789:;!?%«»().,'/\u00a0\u202f")), max_size=40
)


def test_doctests() -> None:
    assert doctest.testmod(_i18n).failed == 0


@pytest.mark.parametrize(
    ("given_tag", "tag", "language"),
    [
        ("en", "en", "en"),
        ("EN", "en", "en"),
        ("fr", "fr", "fr"),
        ("fr-FR", "fr-FR", "fr"),
        ("fr_fr", "fr-FR", "fr"),
        ("fr-CA", "fr-CA", "fr"),
        ("Fr-Ca", "fr-CA", "fr"),
    ],
)
def test_tags_are_normalised(given_tag: str, tag: str, language: str) -> None:
    where = locale(given_tag)
    assert (where.tag, where.language) == (tag, language)
    assert check_lang(given_tag) == language
    assert where.tag in LANGUAGE_TAGS


@pytest.mark.parametrize("bad", ["de", "en-GB", "fr-BE", "", " fr", None, 1, b"fr"])
def test_unknown_tags_are_refused_with_the_accepted_list(bad: object) -> None:
    with pytest.raises(VocabularyError) as caught:
        locale(bad)
    assert caught.value.accepted == LANGUAGE_TAGS
    assert caught.value.vocabulary == "language"


def test_lookup_falls_back_from_region_to_language() -> None:
    assert locale("fr-CA").lookup_tags == ("fr-CA", "fr")
    assert locale("fr").lookup_tags == ("fr",)
    assert locale("fr-CA").quebec
    assert not locale("fr-FR").quebec


@pytest.mark.parametrize(
    ("text", "france", "quebec"),
    [
        ("Titre : suite", "Titre\u00a0: suite", "Titre\u00a0: suite"),
        ("Titre: suite", "Titre\u00a0: suite", "Titre\u00a0: suite"),
        ("oui ; non", "oui\u202f; non", "oui; non"),
        ("Vraiment ?", "Vraiment\u202f?", "Vraiment?"),
        ("Enfin !", "Enfin\u202f!", "Enfin!"),
        ("Quoi ?!", "Quoi\u202f?!", "Quoi?!"),
        ("37 %", "37\u00a0%", "37\u00a0%"),
        ("37%", "37\u00a0%", "37\u00a0%"),
        ("« Partenariat »", "«\u00a0Partenariat\u00a0»", "«\u00a0Partenariat\u00a0»"),
        ("(voir 'x' ?)", "(voir 'x'\u202f?)", "(voir 'x'?)"),
    ],
)
def test_french_typography(text: str, france: str, quebec: str) -> None:
    assert typeset(text, "fr") == france
    assert typeset(text, "fr-FR") == france
    assert typeset(text, "fr-CA") == quebec


@pytest.mark.parametrize(
    "text",
    [
        "https://example.org/a?b=1",
        "10:30",
        "a != b",
        "![figure](x.png)",
        ": au début",
        "`$.terms.peer_helper.label.fr`",
    ],
)
def test_marks_that_are_not_punctuation_are_left_alone(text: str) -> None:
    assert typeset(text, "fr") == text


@given(FRENCH_TEXT, st.sampled_from(LANGUAGE_TAGS))
def test_typesetting_is_idempotent(text: str, lang: str) -> None:
    once = typeset(text, lang)  # type: ignore[arg-type]
    assert typeset(once, lang) == once  # type: ignore[arg-type]


@given(FRENCH_TEXT, st.sampled_from(LANGUAGE_TAGS))
def test_typesetting_changes_spaces_only(text: str, lang: str) -> None:
    result = typeset(text, lang)  # type: ignore[arg-type]
    assert [c for c in result if c not in SPACES] == [
        c for c in text if c not in SPACES
    ]


@given(FRENCH_TEXT)
def test_english_is_never_changed(text: str) -> None:
    assert typeset(text, "en") == text


@given(FRENCH_TEXT)
def test_france_and_quebec_differ_only_by_narrow_spaces(text: str) -> None:
    assume(NNBSP not in text)
    assert typeset(text, "fr").replace(NNBSP, "") == typeset(text, "fr-CA")


def test_numbers() -> None:
    assert format_integer(4578, "fr") == f"4{NNBSP}578"
    assert format_integer(4578, "en") == "4578"
    assert format_integer(1234567, "fr-CA") == f"1{NNBSP}234{NNBSP}567"
    assert format_decimal(0.25, "fr", signed=True) == "+0,25"
    assert format_decimal(-1234.5, "fr", digits=1) == f"-1{NNBSP}234,5"
    assert format_decimal(0.25, "en", signed=True) == "+0.25"
    assert format_percent(0.37, "fr") == f"37{NBSP}%"
    assert format_percent(0.37, "en") == "37%"
    assert format_percent(1 / 3, "fr", digits=1) == f"33,3{NBSP}%"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouped_integers_read_back(value: int) -> None:
    text = format_integer(value, "fr")
    assert int(text.replace(NNBSP, "")) == value
    assert all(len(group) <= 3 for group in text.lstrip("-").split(NNBSP))


# -- the command line's French report ---------------------------------------------------


def test_the_french_report_is_set_in_french_typography(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from partnership_model.cli import main

    assert main(["report", "--lang", "fr"]) == 0
    france = capsys.readouterr().out
    assert f"acteurs{NBSP}: " in france
    assert f"{NBSP}%)" in france
    assert " : " not in france.replace(f"{NBSP}:", "")
    assert main(["report", "--lang", "fr", "--since", "2020"]) == 0
    france = capsys.readouterr().out
    assert f"chevauchent{NNBSP}; sans date" in france
    assert main(["report", "--lang", "fr-CA", "--since", "2020"]) == 0
    quebec = capsys.readouterr().out
    assert "chevauchent; sans date" in quebec
    assert NNBSP not in quebec
    assert main(["report", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert NBSP not in english
    assert "actors: " in english
