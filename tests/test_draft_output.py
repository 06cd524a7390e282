"""Tests of partnership_model.draft_output: checklist drafts as Markdown and JSON."""

from __future__ import annotations

import datetime as dt
import doctest
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from headless_chromium import browser, require_chromium
from html_page import Page, a4_pages, ink
from partnership_model import draft_output, strategies as pms
from partnership_model._i18n import typeset
from partnership_model.checklists import gripp2
from partnership_model.draft_output import (
    DRAFT_FORMAT_VERSION,
    DRAFT_FORMATS,
    draft_document,
    draft_schema,
    draft_to_html,
    draft_to_json,
    draft_to_markdown,
    render_draft,
)
from partnership_model.drafting import ChecklistDraft, ItemStatus, draft_checklist
from partnership_model.examples import load_register
from partnership_model.exceptions import RecordTypeError, VocabularyError
from partnership_model.records import Engagement, Participant, Register, StageDegree
from partnership_model.report import build_report, report_to_html
from partnership_model.vocabulary import (
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    ResearchStage,
    Role,
)

REGISTER = load_register()
RESEARCH = [e.id for e in REGISTER if e.domain is EngagementDomain.RESEARCH]
VALIDATOR = jsonschema.Draft202012Validator(draft_schema())


def _examples() -> list[ChecklistDraft]:
    drafts = []
    for checklist in (gripp2("short"), gripp2("long")):
        drafts += [draft_checklist(REGISTER, i, checklist) for i in RESEARCH]
        drafts.append(
            draft_checklist(REGISTER, engagement_ids=RESEARCH, checklist=checklist)
        )
    return drafts


EXAMPLES = _examples()


def _errors(document: object) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


# -- the JSON document and its schema ------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = draft_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"]["const"] == DRAFT_FORMAT_VERSION


def test_the_schema_is_a_fresh_copy() -> None:
    draft_schema()["title"] = "changed"
    assert draft_schema()["title"] != "changed"


@pytest.mark.parametrize(
    "draft", EXAMPLES, ids=lambda d: f"{d.checklist_id}-{'+'.join(d.engagement_ids)}"
)
def test_every_example_draft_validates_against_the_schema(
    draft: ChecklistDraft,
) -> None:
    document = draft_document(draft)
    assert _errors(document) == []
    # What is written is what is validated.
    assert json.loads(draft_to_json(draft)) == document
    assert json.loads(render_draft(draft, "json")) == document


@settings(max_examples=40)
@given(
    pms.checklist_drafts(
        checklist_strategy=pms.checklists()
        | st.sampled_from([gripp2(), gripp2("long")])
    )
)
def test_every_generated_draft_validates_against_the_schema(
    draft: ChecklistDraft,
) -> None:
    document = draft_document(draft)
    assert _errors(document) == []
    assert json.loads(draft_to_json(draft, indent=None)) == document


def test_the_document_holds_every_item_with_its_status_texts_and_values() -> None:
    draft = draft_checklist(REGISTER, engagement_ids=RESEARCH, checklist=gripp2("long"))
    document = draft_document(draft)
    checklist = draft.checklist

    assert document["schema_version"] == DRAFT_FORMAT_VERSION
    assert document["document"] == "checklist_draft"
    assert document["generator"].startswith("partnership_model ")
    assert document["checklist"]["id"] == "gripp2-lf"
    assert document["checklist"]["complete"] is False
    assert document["checklist"]["items_in_data"] == len(checklist.items)
    assert document["checklist"]["items_to_verify"] == checklist.items_to_verify
    assert (
        document["checklist"]["items_in_data"]
        + document["checklist"]["items_to_verify"]
        == document["checklist"]["expected_item_count"]
    )
    assert [e["id"] for e in document["engagements"]] == RESEARCH
    assert [s["id"] for s in document["sections"]] == [s.id for s in checklist.sections]
    assert document["status_counts"] == {
        status.value: count for status, count in draft.status_counts().items()
    }
    assert [i["id"] for i in document["items"]] == [i.id for i in checklist.items]
    for entry, result in zip(document["items"], draft.items, strict=True):
        item = checklist.item(result.item_id)
        assert entry["status"] == result.status.value
        assert entry["text"] == {"en": result.text_en, "fr": result.text_fr}
        assert entry["asks"] == {"en": item.summary_en, "fr": item.summary_fr}
        assert entry["register_answers"] == [k.value for k in item.register_answers]
        assert entry["section"] == item.section
        if result.to_add_en is None:
            assert entry["to_add"] is None
        else:
            assert entry["to_add"] == {"en": result.to_add_en, "fr": result.to_add_fr}
        assert [
            (v["field"], v["engagement_id"], tuple(v["values"]))
            for v in entry["values"]
        ] == [(v.field, v.engagement_id, v.values) for v in result.values]


def _valid() -> dict[str, Any]:
    return draft_document(draft_checklist(REGISTER, RESEARCH[0]))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d.pop("items"),
        lambda d: d.update(schema_version="2.0"),
        lambda d: d.update(extra=1),
        lambda d: d.update(engagements=[]),
        lambda d: d["items"][0].update(status="maybe"),
        lambda d: d["items"][0].update(to_add=None),  # not answerable: must say what
        lambda d: d["items"][1]["text"].pop("fr"),
        lambda d: d["items"][1]["values"][0].update(engagement_id=""),
        lambda d: d["status_counts"].update(answered=-1),
    ],
)
def test_the_schema_refuses_broken_documents(spoil: Any) -> None:
    document = _valid()
    assert _errors(document) == []
    spoil(document)
    assert _errors(document)


def test_an_answered_item_has_nothing_to_add_in_the_schema() -> None:
    document = _valid()
    item = document["items"][1]
    item["status"] = "answered"
    assert _errors(document)
    item["to_add"] = None
    assert _errors(document) == []


# -- Markdown ----------------------------------------------------------------------------

_MD = MarkdownIt("commonmark").enable("table")


def _headings(markdown: str) -> list[tuple[str, str]]:
    tokens = _MD.parse(markdown)
    return [
        (token.tag, tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("form", ["short", "long"])
def test_markdown_has_one_heading_per_section_and_item(lang: str, form: str) -> None:
    checklist = gripp2(form)  # type: ignore[arg-type]
    draft = draft_checklist(REGISTER, RESEARCH[0], checklist)
    markdown = draft_to_markdown(draft, lang)  # type: ignore[arg-type]
    headings = _headings(markdown)

    assert headings[0][0] == "h1"
    assert checklist.label(lang) in headings[0][1]  # type: ignore[arg-type]
    sections = [text for tag, text in headings if tag == "h2"]
    items = [text for tag, text in headings if tag == "h3"]
    assert len(sections) == len(checklist.sections)
    assert len(items) == len(checklist.items)
    for text, item in zip(items, checklist.items, strict=True):
        assert item.id in text
        if item.topic is not None:
            assert str(item.topic if lang == "en" else item.topic_fr) in text
    for result in draft.items:
        assert result.status.label(lang) in markdown  # type: ignore[arg-type]


def test_markdown_says_when_the_checklist_is_incomplete() -> None:
    long = draft_to_markdown(draft_checklist(REGISTER, RESEARCH[0], gripp2("long")))
    short = draft_to_markdown(draft_checklist(REGISTER, RESEARCH[0], gripp2("short")))

    assert "Incomplete checklist: 17 of the 34 published items" in long
    assert "Incomplete" not in short
    french = draft_to_markdown(
        draft_checklist(REGISTER, RESEARCH[0], gripp2("long")), "fr"
    )
    assert "Liste incomplète\u00a0: 17 des 34 items publiés" in french


def test_markdown_gives_texts_what_to_add_and_values() -> None:
    draft = draft_checklist(REGISTER, RESEARCH[0], gripp2("long"))
    markdown = draft_to_markdown(draft)
    text = _MD.render(markdown)

    result = draft.item("4b")
    assert result.status is ItemStatus.PARTLY
    assert "<strong>To add</strong>:" in text
    assert "<code>participants[*].role</code> (<code>oncopole-committee</code>)" in text
    assert "patient_partner" in text  # escaped in Markdown, plain once rendered
    counts = draft.status_counts()
    for status, count in counts.items():
        assert (
            f'<td>{status.label("en")}</td>\n<td style="text-align:right">{count}</td>'
            in text
        )


def test_french_markdown_follows_french_typography() -> None:
    draft = draft_checklist(REGISTER, engagement_ids=RESEARCH, checklist=gripp2("long"))
    markdown = draft_to_markdown(draft, "fr")

    # The register's titles and the cited work's English title are quoted as
    # written; every other line is the library's text, in French typography.
    titles = [REGISTER.engagement(e).title for e in RESEARCH]
    titles.append(draft.checklist.citation.title)
    for line in markdown.splitlines():
        markup = line.startswith("| ---")  # a table's alignment row, not text
        if not markup and not any(title in line for title in titles):
            assert typeset(line, "fr") == line, line
    assert "**Statut**\u00a0:" in markdown
    assert "«\u00a0" in markdown
    assert "\u202f;" in markdown
    assert "\u00a0" not in draft_to_markdown(draft, "en").replace(
        draft.checklist.citation.text(), ""
    )


def _hostile() -> Register:
    title = (
        "# Title *bold* <script>alert(1)</script> | [link](http://x) & `code`\n- item"
    )
    engagement = Engagement(
        id="a`b",
        title=title,
        domain=EngagementDomain.RESEARCH,
        level=EngagementLevel.MESO,
        degree=EngagementDegree.COLLABORATION,
        leadership=Leadership.CO_LED,
        participants=[Participant(person_id="p1", role=Role.PATIENT_PARTNER)],
        research_stages=[
            StageDegree(
                stage=ResearchStage.DESIGN, degree=EngagementDegree.COLLABORATION
            )
        ],
        start=dt.date(2024, 1, 1),
    )
    second = Engagement(
        id="1. two",
        title="1. Numbered > quoted",
        domain=EngagementDomain.RESEARCH,
        level=EngagementLevel.MESO,
        degree=EngagementDegree.CONSULTATION,
        leadership=Leadership.PROFESSIONAL_LED,
        research_stages=[
            StageDegree(
                stage=ResearchStage.DESIGN, degree=EngagementDegree.CONSULTATION
            )
        ],
    )
    return Register.from_engagements([engagement, second])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_user_text_cannot_inject_markup(lang: str) -> None:
    draft = draft_checklist(
        _hostile(), engagement_ids=["a`b", "1. two"], checklist=gripp2("long")
    )
    markdown = draft_to_markdown(draft, lang)  # type: ignore[arg-type]
    tokens = _MD.parse(markdown)
    kinds = {token.type for token in tokens}
    inline = [child for token in tokens for child in token.children or ()]

    assert "html_block" not in kinds
    assert "html_inline" not in {child.type for child in inline}
    assert "link_open" not in {child.type for child in inline}
    assert "ordered_list_open" not in kinds
    assert "blockquote_open" in kinds  # ours: the notice
    # Headings: the title, the sections and the items, none from the user's text.
    assert len(_headings(markdown)) == 1 + len(draft.checklist.sections) + len(
        draft.items
    )
    html = _MD.render(markdown)
    assert "&lt;script&gt;" in html
    assert "<code>a`b</code>" in html
    assert "# Title *bold*" in html


@pytest.mark.parametrize("fmt", DRAFT_FORMATS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_render_draft_dispatches_and_ends_with_a_newline(fmt: str, lang: str) -> None:
    draft = draft_checklist(REGISTER, RESEARCH[1])
    out = render_draft(draft, fmt, lang)  # type: ignore[arg-type]

    assert out.endswith("\n")
    assert not out.endswith("\n\n")
    if fmt == "markdown":
        assert out == draft_to_markdown(draft, lang)  # type: ignore[arg-type]
    elif fmt == "html":
        assert out == draft_to_html(draft, lang)  # type: ignore[arg-type]
    else:
        assert json.loads(out) == draft_document(draft)


def test_bad_arguments_are_refused() -> None:
    draft = draft_checklist(REGISTER, RESEARCH[0])
    with pytest.raises(VocabularyError) as caught:
        render_draft(draft, "pdf")
    assert caught.value.accepted == DRAFT_FORMATS
    with pytest.raises(VocabularyError):
        render_draft(draft, "markdown", "de")  # type: ignore[arg-type]
    with pytest.raises(VocabularyError):
        draft_to_markdown(draft, "de")  # type: ignore[arg-type]
    not_a_draft: Any = {"items": []}
    for function in (
        draft_document,
        draft_to_json,
        draft_to_markdown,
        draft_to_html,
        render_draft,
    ):
        with pytest.raises(RecordTypeError):
            function(not_a_draft)


def test_every_language_has_every_word() -> None:
    # The words live in the message catalogue (data/messages/draft.json), whose
    # load-time check refuses a message without its English or French text.
    english = draft_output._words("en")
    french = draft_output._words("fr")
    assert set(english) == set(french) == set(draft_output._LABELS)
    assert english["to_add"] != french["to_add"]


def test_the_module_examples() -> None:
    assert doctest.testmod(draft_output).failed == 0


# -- HTML ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr", "fr-CA"])
def test_html_has_the_markdown_report_s_structure(lang: str) -> None:
    """One page: the title, a heading per section and item, statuses and values."""
    draft = draft_checklist(REGISTER, engagement_ids=RESEARCH, checklist=gripp2("long"))
    markup = draft_to_html(draft, lang)  # type: ignore[arg-type]
    page = Page(markup)
    assert page.one("html").attributes["lang"] == lang[:2]
    assert page.all("script") == []
    title = "GRIPP2 long form: draft" if lang == "en" else "GRIPP2, version longue"
    assert page.one("h1").text.startswith(title)
    assert page.one("title").text == page.one("h1").text
    assert len(page.all("h2")) == len(draft.checklist.sections)
    assert len(page.all("h3")) == len(draft.items)
    statuses = [
        e.attributes["class"]
        for e in page.all("span")
        if "badge" in (e.attributes.get("class") or "")
    ]
    assert statuses == [f"badge status-{d.status.value}" for d in draft.items]
    assert [p.text for p in page.all("p") if p.attributes.get("class") == "warning"]
    listed = re.findall(r'<ul class="values">\n(.*?)</ul>', markup, re.S)
    assert [block.count("<li>") for block in listed] == [
        len(d.values) for d in draft.items if d.values
    ]
    engagements = [li.text for li in page.all("li")][: len(RESEARCH)]
    assert [text.rsplit(" (", 1)[1] for text in engagements] == [
        f"{i})" for i in RESEARCH
    ]


def test_html_shares_the_report_s_look() -> None:
    """The style sheet and the page skeleton of the HTML report."""
    draft = draft_checklist(REGISTER, RESEARCH[0])
    report = build_report(REGISTER)
    draft_page, report_page = Page(draft_to_html(draft)), Page(report_to_html(report))
    assert draft_page.one("style").text == report_page.all("style")[0].text
    assert [m.attributes for m in draft_page.all("meta")][:2] == [
        m.attributes for m in report_page.all("meta")
    ][:2]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_escapes_user_text(lang: str) -> None:
    draft = draft_checklist(
        _hostile(), engagement_ids=["a`b", "1. two"], checklist=gripp2("long")
    )
    markup = draft_to_html(draft, lang)  # type: ignore[arg-type]
    page = Page(markup)
    assert page.all("script") == []
    assert all(not n.startswith("on") for e in page.elements for n in e.attributes)
    titles = [e.title for e in draft.engagements]
    listed = [li.text for li in page.all("li")][: len(titles)]
    assert [text.rsplit(" (", 1)[0] for text in listed] == titles


def test_html_in_chromium(tmp_path: Path) -> None:
    """The long-form draft renders: ink on screen, no console error, A4 print."""
    chromium = require_chromium()
    draft = draft_checklist(REGISTER, engagement_ids=RESEARCH, checklist=gripp2("long"))
    path = tmp_path / "gripp2.html"
    path.write_text(draft_to_html(draft, "fr"), encoding="utf-8")
    with browser(chromium, tmp_path / "profile") as chrome:
        seen = chrome.open(
            path, evaluate={"h3": "document.querySelectorAll('h3').length"}
        )
    assert seen.console_errors == []
    assert seen.requests == [seen.url]
    assert seen.values["h3"] == len(draft.items)
    assert ink(seen.screenshot) > 0.03
    assert a4_pages(seen.pdf) >= 3
