"""Tests of the HTML report (``render_report(report, "html", lang)``).

The page is parsed with the standard library's HTML parser to check what a
browser would build from it: one page, its language, no script, nothing to
fetch, every text from the register shown as text. ``test_report_in_chromium``
then renders it in a real browser (headless Chromium), where it must look
like something and say nothing on the console.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings, strategies as st

from headless_chromium import browser, require_chromium
from html_page import Page, a4_pages, ink
from partnership_model import _report_html
from partnership_model._html import escape
from partnership_model._i18n import LANGUAGE_TAGS, Lang
from partnership_model._report_view import view
from partnership_model.cli import main
from partnership_model.ecology import EcologyGraph
from partnership_model.examples import load_register
from partnership_model.records import Register
from partnership_model.report import (
    REPORT_FORMATS,
    build_report,
    render_report,
    report_to_html,
)
from partnership_model.serialization import write_json
from partnership_model.strategies import reports

HOSTILE = (
    '<script>window.pwned = 1</script>" onmouseover="window.pwned = 2" '
    '\'><img src=x onerror="window.pwned = 3"></style></title><!-- \u0007 ]]>'
)


@pytest.fixture(scope="module")
def example_html() -> dict[str, str]:
    report = build_report(load_register())
    return {lang: render_report(report, "html", lang) for lang in ("en", "fr-CA")}


def hostile_register() -> Register:
    register = load_register()
    organisations = [
        attrs.evolve(register.organisations[0], name=HOSTILE),
        *register.organisations[1:],
    ]
    engagements = list(register.engagements)
    engagements[0] = attrs.evolve(engagements[0], id="<b>e1</b>&\"'")
    return attrs.evolve(
        register, name=HOSTILE, organisations=organisations, engagements=engagements
    )


def test_html_is_a_report_format() -> None:
    assert "html" in REPORT_FORMATS


def test_one_self_contained_page(example_html: dict[str, str]) -> None:
    """A page with its style inline, no script and nothing to fetch."""
    for lang, markup in example_html.items():
        page = Page(markup)
        assert page.doctype == "DOCTYPE html"
        assert page.one("html").attributes["lang"] == lang
        assert page.all("meta")[0].attributes == {"charset": "utf-8"}
        policy = next(
            m.attributes["content"]
            for m in page.all("meta")
            if m.attributes.get("http-equiv") == "Content-Security-Policy"
        )
        assert policy is not None
        assert "default-src 'none'" in policy
        assert page.all("script") == []
        assert page.all("link") == []
        assert page.all("iframe") == []
        assert len(page.all("style")) == 1
        style = page.one("style").text
        assert "@page" in style
        assert "size: A4" in style
        assert "@import" not in style
        assert re.findall(r"url\(", style) == []
        # Every reference stays inside the page: fragments or data: URIs.
        for element in page.elements:
            for name, value in element.attributes.items():
                if name in {"href", "src", "xlink:href", "action"} and value:
                    assert value.startswith(("#", "data:")), (element.tag, value)
                assert not name.startswith("on"), (element.tag, name)
        assert "http://" not in markup.replace("http://www.w3.org/", "")
        assert "https://" not in markup


def test_figures_are_inline_svg_with_unique_ids(example_html: dict[str, str]) -> None:
    """The heat map and the ecology; ids unique; every reference resolves."""
    markup = example_html["en"]
    page = Page(markup)
    svgs = page.all("svg")
    assert len(svgs) == 2
    ids = [e.attributes["id"] for e in page.elements if "id" in e.attributes]
    assert len(ids) == len(set(ids))
    references = re.findall(r'(?:href="#|url\(#)([^")]+)', markup)
    assert references
    assert set(references) <= set(ids)
    for svg in svgs:
        assert svg.attributes["role"] == "img"
        assert svg.attributes["aria-labelledby"] in ids
    captions = [c.text for c in page.all("figcaption")]
    assert "Montreal matrix as a heat map" in captions[0]
    assert "Boivin et al. (2022)" in captions[1]
    sections = [s.attributes["id"] for s in page.all("section")]
    assert sections == [
        "section-matrix",
        "section-research_matrix",
        "section-ecology",
        "section-findings",
    ]
    assert "<!--" not in markup  # matplotlib's text comments are dropped
    assert "<?xml" not in markup


def test_the_tables_show_the_report(example_html: dict[str, str]) -> None:
    """The cells of the matrix table are the report's counts."""
    report = build_report(load_register())
    page = Page(example_html["en"])
    table = page.all("table")[0]
    document = report.matrix.to_document("en")
    start = page.elements.index(table)
    rows = [e for e in page.elements[start:] if e.tag == "tr"][1:4]
    for row, counts, label in zip(
        rows, document["counts"], document["row_labels"], strict=True
    ):
        cells = row.text.split("\n")[0]
        assert cells.startswith(label)
        assert cells.removeprefix(label) == "".join(str(n) for n in counts) + str(
            sum(counts)
        )


def test_french_typography_and_undefined_measures() -> None:
    """No-break spaces, decimal comma; an undefined E-I index says why."""
    report = build_report(load_register())
    french = Page(report_to_html(report, "fr"))
    assert french.one("h1").text.startswith("Rapport de partenariat\u00a0:")
    facts = dict(
        zip(
            (dt.text for dt in french.all("dt")),
            (dd.text for dd in french.all("dd")),
            strict=True,
        )
    )
    assert facts["indice E-I de la partition communauté/professionnels"] == "+0,04"
    empty = build_report(Register(name="vide"))
    for lang, expected in (
        ("en", "n/a (no relations)"),
        ("fr", "s.o. (aucune relation)"),
    ):
        page = Page(report_to_html(empty, lang))  # type: ignore[arg-type]
        values = [dd.text for dd in page.all("dd")]
        assert expected in values
        assert page.all("svg") != []  # the (empty) heat map is still drawn
        assert "figure-ecology" not in [
            f.attributes.get("id") for f in page.all("figure")
        ]


def test_hostile_text_is_shown_as_text() -> None:
    """Script, attribute and style injections, controls and a lone surrogate."""
    report = build_report(hostile_register())
    markup = report_to_html(report)
    page = Page(markup)
    assert page.all("script") == []
    assert page.all("img") == []
    assert len(page.all("style")) == 1
    assert len(page.all("title")) == 1
    assert all(
        not name.startswith("on") for e in page.elements for name in e.attributes
    )
    shown = HOSTILE.replace("\u0007", "\ufffd")
    assert page.one("h1").text == f"Partnership report: {shown}"
    assert page.one("title").text == f"Partnership report: {shown}"
    assert "<b>e1</b>&\"'" in page.all("ul")[0].text
    # The organisation's name is drawn in the ecology, never written as markup.
    assert "window.pwned" not in "".join(s.text for s in page.all("svg"))


def test_escape_keeps_what_html_can_carry() -> None:
    """Markup characters become references; controls and lone surrogates U+FFFD."""
    text = "<a href='x'>&amp;</a>\u0000\u0085\udcff\ufffe\t\n é \u00a0 \U0001f600"
    escaped = escape(text)
    assert escaped == (
        "&lt;a href=&#x27;x&#x27;&gt;&amp;amp;&lt;/a&gt;\ufffd\ufffd\ufffd\ufffd"
        "\t\n é \u00a0 \U0001f600"
    )
    escaped.encode("utf-8")
    assert html.unescape(escaped) == re.sub("[\x00\x85\udcff\ufffe]", "\ufffd", text)


def test_the_same_report_gives_the_same_bytes(tmp_path: Path) -> None:
    """Across processes with different hash seeds (the figures included)."""
    register = tmp_path / "register.json"
    write_json(load_register(), register)
    pages = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"report-{hash_seed}.html"
        completed = subprocess.run(  # noqa: S603 - our own interpreter
            [
                sys.executable,
                "-m",
                "partnership_model",
                "report",
                str(register),
                "--format",
                "html",
                "--lang",
                "fr",
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout == f"wrote {out}\n"
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    assert pages[0].startswith(b'<!DOCTYPE html>\n<html lang="fr">')


def test_without_matplotlib_a_note_replaces_the_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    page = Page(report_to_html(build_report(load_register()), "fr"))
    assert page.all("svg") == []
    notes = [p.text for p in page.all("p") if p.attributes.get("class") == "note"]
    assert any('pip install "partnership-model[plot]"' in note for note in notes)


def test_large_or_unknown_ecologies_are_not_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = build_report(load_register())
    by_hand = attrs.evolve(report, covered=None)
    assert by_hand == report  # covered is not compared
    assert len(Page(report_to_html(by_hand)).all("svg")) == 1
    actors = EcologyGraph.from_engagements(load_register()).number_of_actors
    monkeypatch.setattr(_report_html, "MAX_DRAWN_ACTORS", actors - 1)
    page = Page(report_to_html(report))
    assert len(page.all("svg")) == 1
    notes = [p.text for p in page.all("p") if p.attributes.get("class") == "note"]
    expected = f"The ecology has {actors} actors: too many to draw legibly"
    assert expected in " ".join(notes)


@settings(max_examples=25, deadline=None)
@given(report=reports(), lang=st.sampled_from(LANGUAGE_TAGS))
def test_any_report_lays_out_as_one_page(report: object, lang: Lang) -> None:
    """Whatever the register holds, the page parses to the view's texts."""
    shown = view(report, lang)  # type: ignore[arg-type]
    page = Page(_report_html.html(shown, {}))
    assert page.one("html").attributes["lang"] == lang
    assert page.all("script") == []
    expected = re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]",
        "\ufffd",
        shown.title,
    )
    assert page.one("h1").text == expected
    assert [h.text for h in page.all("h2")] == [s.heading for s in shown.sections]


def test_report_command_writes_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--format html`` to stdout, or ``--out`` to a file named in the output."""
    assert main(["report", "--format", "html", "--lang", "fr-FR"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('<!DOCTYPE html>\n<html lang="fr-FR">')
    path = tmp_path / "rapport.html"
    assert main(["report", "--format", "markdown", "--out", str(path)]) == 0
    assert capsys.readouterr().out == f"wrote {path}\n"
    assert path.read_text(encoding="utf-8").startswith("# Partnership report")


# -- in a real browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


_CHECKS = {
    "lang": "document.documentElement.lang",
    "scripts": "document.scripts.length",
    "svgs": "document.querySelectorAll('svg').length",
    "pwned": "typeof window.pwned",
    "title": "document.title",
    "height": "document.documentElement.scrollHeight",
}

_A4_WIDTH = 680  # CSS pixels inside A4's 15 mm margins: 180 mm at 96 dpi
_FITS = {
    "overflow": "document.documentElement.scrollWidth - window.innerWidth",
    "widest_svg": (
        "Math.max(...Array.from(document.querySelectorAll('svg'),"
        " s => s.getBoundingClientRect().right))"
    ),
}


def test_report_in_chromium(chromium: str, tmp_path: Path) -> None:
    """Chromium renders the report: not blank, no console error, nothing fetched.

    The English and French reports of the example register, and a report of
    a register full of hostile text, are loaded in headless Chromium through
    the DevTools protocol; the console (console calls, uncaught exceptions,
    browser log errors, Content Security Policy violations) must stay
    silent, the only requests are the page and its data: images, the
    screenshot must hold ink, the print must be on A4 pages, and at the width
    of an A4 page no figure runs past the edge.
    """
    pages = {
        "en": report_to_html(build_report(load_register()), "en"),
        "fr": report_to_html(build_report(load_register()), "fr"),
        "hostile": report_to_html(build_report(hostile_register()), "fr-CA"),
    }
    canary = tmp_path / "canary.html"
    canary.write_text(
        "<!DOCTYPE html><html><body><script>console.error('canary')</script>"
        '<img src="http://127.0.0.1:9/none.png"></body></html>',
        encoding="utf-8",
    )
    with browser(chromium, tmp_path / "profile") as chrome:
        # The checks can fail: a page that logs an error and fetches an image
        # is caught, and an almost empty page has almost no ink.
        seen = chrome.open(canary)
        assert any("canary" in error for error in seen.console_errors)
        assert "http://127.0.0.1:9/none.png" in seen.requests
        assert ink(seen.screenshot) < 0.01
        for name, markup in pages.items():
            path = tmp_path / f"{name}.html"
            path.write_text(markup, encoding="utf-8")
            seen = chrome.open(path, evaluate=_CHECKS)
            assert seen.console_errors == [], (name, seen.console_errors)
            assert seen.requests[0] == seen.url
            assert all(url.startswith("data:") for url in seen.requests[1:])
            values = seen.values
            assert values["lang"] == {"en": "en", "fr": "fr"}.get(name, "fr-CA")
            assert values["scripts"] == 0
            assert values["svgs"] == 2
            assert values["pwned"] == "undefined"
            assert values["height"] > 3000
            inked = ink(seen.screenshot)
            assert inked > 0.03, (name, inked)
            assert a4_pages(seen.pdf) >= 3
            narrow = chrome.open(path, width=_A4_WIDTH, evaluate=_FITS)
            assert narrow.values["overflow"] <= 0
            assert narrow.values["widest_svg"] <= _A4_WIDTH
        assert json.dumps(values["title"]).startswith('"Rapport de partenariat')
