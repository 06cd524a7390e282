"""Write a checklist draft out: Markdown or HTML (English or French) and JSON.

A :class:`~partnership_model.drafting.ChecklistDraft` (for example a GRIPP2
draft made by :func:`~partnership_model.drafting.draft_checklist`) carries its
checklist and its engagements, so these functions need nothing else:

- :func:`draft_to_markdown` writes a report a team can paste into a manuscript
  and complete: one heading per section and item, the item's status, the draft
  text, what to add, and the register values used. French output follows
  French typography.
- :func:`draft_to_html` writes the same report as one self-contained HTML page
  with the look of the HTML partnership report
  (:func:`~partnership_model.report.report_to_html`): inline style, no
  script, nothing fetched from the network, A4 when printed.
- :func:`draft_document` returns the draft as a JSON-ready document (both
  languages, every item's status, texts, values used and what to add), whose
  format is described by the JSON Schema (Draft 2020-12) :func:`draft_schema`;
  :func:`draft_to_json` writes it as text.
- :func:`render_draft` picks one of :data:`DRAFT_FORMATS` by name (what a
  command line needs).

Markdown and HTML are two layouts of one language-specific view of the draft
(sections, items, labels). Both escape every text they did not write
themselves (engagement titles, checklist texts), so user data cannot inject
markup.

Examples:
    >>> from partnership_model.draft_output import draft_document, draft_to_markdown
    >>> from partnership_model.drafting import draft_checklist
    >>> from partnership_model.examples import load_register
    >>> draft = draft_checklist(load_register(), "oncopole-committee")
    >>> print(draft_to_markdown(draft).splitlines()[0])
    # GRIPP2 short form: draft from a partnership register
    >>> draft_to_markdown(draft, "fr").startswith("# GRIPP2, version courte\u00a0: ébauche")
    True
    >>> document = draft_document(draft)
    >>> document["schema_version"], document["status_counts"]
    ('1.0', {'not_answerable': 4, 'partly': 1, 'answered': 0})
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

import attrs

from partnership_model import _html
from partnership_model._enums import Lang, check_lang
from partnership_model._i18n import typeset
from partnership_model._markdown import code_span as _code, escape as _escape
from partnership_model._messages import message
from partnership_model._version import __version__
from partnership_model.checklists import ChecklistItem
from partnership_model.drafting import ChecklistDraft, ItemDraft, ItemStatus
from partnership_model.exceptions import RecordTypeError, VocabularyError

__all__ = [
    "DRAFT_FORMATS",
    "DRAFT_FORMAT_VERSION",
    "draft_document",
    "draft_schema",
    "draft_to_html",
    "draft_to_json",
    "draft_to_markdown",
    "render_draft",
]


def _fr(text: str) -> str:
    """Set *text* in French typography (France's rules)."""
    return typeset(text, "fr")


def __dir__() -> list[str]:
    return __all__


DRAFT_FORMAT_VERSION = "1.0"
"""Version of the JSON draft document format (:func:`draft_document`)."""


def _check_draft(draft: object) -> ChecklistDraft:
    if not isinstance(draft, ChecklistDraft):
        raise RecordTypeError("draft", draft, "expected a ChecklistDraft")
    return draft


def _bilingual(en: str | None, fr: str | None) -> dict[str, str] | None:
    if en is None or fr is None:
        return None
    return {"en": en, "fr": _fr(fr)}


# -- JSON --------------------------------------------------------------------------


def _item_document(draft: ChecklistDraft, result: ItemDraft) -> dict[str, Any]:
    item = draft.checklist.item(result.item_id)
    return {
        "id": item.id,
        "section": item.section,
        "topic": _bilingual(item.topic, item.topic_fr),
        "asks": _bilingual(item.summary_en, item.summary_fr),
        "register_answers": [kind.value for kind in item.register_answers],
        "status": result.status.value,
        "text": _bilingual(result.text_en, result.text_fr),
        "to_add": _bilingual(result.to_add_en, result.to_add_fr),
        "values": [
            {
                "field": value.field,
                "engagement_id": value.engagement_id,
                "values": list(value.values),
            }
            for value in result.values
        ],
    }


def draft_document(draft: ChecklistDraft) -> dict[str, Any]:
    """The draft as a JSON-ready document, in both languages.

    The document's format is described by :func:`draft_schema`; its
    ``schema_version`` is :data:`DRAFT_FORMAT_VERSION`.

    Raises:
        RecordTypeError: *draft* is not a ChecklistDraft.
    """
    draft = _check_draft(draft)
    checklist = draft.checklist
    citation = checklist.citation
    return {
        "schema_version": DRAFT_FORMAT_VERSION,
        "document": "checklist_draft",
        "generator": f"partnership_model {__version__}",
        "checklist": {
            "id": checklist.id,
            "guideline": checklist.guideline,
            "form": checklist.form,
            "title": _bilingual(checklist.title, checklist.title_fr),
            "complete": checklist.complete,
            "expected_item_count": checklist.expected_item_count,
            "items_in_data": len(checklist.items),
            "items_to_verify": checklist.items_to_verify,
            "citation": {
                "key": citation.key,
                "text": citation.text(),
                "doi": citation.doi,
                "url": citation.url,
            },
        },
        "engagements": [{"id": e.id, "title": e.title} for e in draft.engagements],
        "status_counts": {
            status.value: count for status, count in draft.status_counts().items()
        },
        "sections": [
            {"id": section.id, "title": _bilingual(section.title, section.title_fr)}
            for section in checklist.sections
        ],
        "items": [_item_document(draft, result) for result in draft.items],
    }


def draft_to_json(draft: ChecklistDraft, *, indent: int | None = 2) -> str:
    """The :func:`draft_document` of *draft* as JSON text (characters kept as is).

    Args:
        draft: The draft.
        indent: Indentation; ``None`` writes compact text.
    """
    separators = (",", ":") if indent is None else None
    return json.dumps(
        draft_document(draft), ensure_ascii=False, indent=indent, separators=separators
    )


@functools.cache
def _schema_text() -> str:
    resource = resources.files("partnership_model").joinpath(
        "data", "checklists", "checklist-draft.schema.json"
    )
    return resource.read_text(encoding="utf-8")


def draft_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of :func:`draft_document`, as a new dict.

    Examples:
        >>> draft_schema()["$id"]
        'urn:partnership-model:schema:checklist-draft:1.0'
    """
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


# -- one view of a draft in one language, for the text renderers --------------------


@attrs.frozen
class _Value:
    field: str
    engagement_id: str | None
    values: tuple[str, ...]


@attrs.frozen
class _Item:
    id: str
    heading: str
    asks: str
    status: ItemStatus
    status_label: str
    paragraphs: tuple[str, ...]
    to_add: str | None
    values: tuple[_Value, ...]


@attrs.frozen
class _Section:
    id: str
    title: str
    items: tuple[_Item, ...]


@attrs.frozen
class _View:
    """What a renderer shows of a draft, in one language; texts are not escaped."""

    lang: Lang
    words: Mapping[str, str]
    title: str
    checklist: str
    citation: str
    engagements: tuple[tuple[str, str], ...]
    incomplete: str | None
    counts: tuple[tuple[str, int], ...]
    sections: tuple[_Section, ...]


# Words of the rendered report; French ones pass through _fr() when used.
# The words of the rendered report that take no parameter (data/messages/draft.json).
_LABELS = (
    "engagement",
    "engagements",
    "checklist",
    "reference",
    "status",
    "count",
    "asks",
    "to_add",
    "values",
    "from_library",
)


def _words(lang: Lang) -> Mapping[str, str]:
    return {key: message(f"draft.{key}", lang) for key in _LABELS}


def _view(draft: ChecklistDraft, lang: Lang) -> _View:
    words = _words(lang)
    fr = lang == "fr"
    checklist = draft.checklist

    def local(en: str, fr_text: str) -> str:
        return _fr(fr_text) if fr else en

    results = {result.item_id: result for result in draft.items}
    by_section: dict[str, list[ChecklistItem]] = {s.id: [] for s in checklist.sections}
    for item in checklist.items:
        by_section[item.section].append(item)
    sections: list[_Section] = []
    for section in checklist.sections:
        items: list[_Item] = []
        for item in by_section[section.id]:
            result = results[item.id]
            topic = (
                local(item.topic, item.topic_fr or item.topic) if item.topic else None
            )
            heading = (
                message("draft.item_topic", lang, id=item.id, topic=topic)
                if topic
                else message("draft.item", lang, id=item.id)
            )
            to_add = result.to_add(lang)
            items.append(
                _Item(
                    id=item.id,
                    heading=heading,
                    asks=local(item.summary_en, item.summary_fr),
                    status=result.status,
                    status_label=local(
                        result.status.label("en"), result.status.label("fr")
                    ),
                    paragraphs=tuple(result.text(lang).split("\n")),
                    to_add=_fr(to_add) if fr and to_add is not None else to_add,
                    values=tuple(
                        _Value(v.field, v.engagement_id, v.values)
                        for v in result.values
                    ),
                )
            )
        if items:
            sections.append(
                _Section(
                    section.id, local(section.title, section.title_fr), tuple(items)
                )
            )
    name = local(checklist.title, checklist.title_fr)
    incomplete = None
    if not checklist.complete:
        incomplete = message(
            "draft.incomplete",
            lang,
            missing=checklist.items_to_verify,
            expected=checklist.expected_item_count,
        )
    return _View(
        lang=lang,
        words=words,
        title=message("draft.title", lang, checklist=name),
        checklist=f"{name} ({message('draft.items', lang, count=len(checklist.items))})",
        citation=checklist.citation.text(),
        engagements=tuple((e.id, e.title) for e in draft.engagements),
        incomplete=incomplete,
        counts=tuple(
            (local(status.label("en"), status.label("fr")), count)
            for status, count in draft.status_counts().items()
        ),
        sections=tuple(sections),
    )


# -- Markdown -----------------------------------------------------------------------


def _colon(view: _View) -> str:
    return ":" if view.lang == "en" else "\u00a0:"


def _label(view: _View, key: str, mark: str = "**") -> str:
    """A bold (or, with ``mark="*"``, italic) lead-in label and its colon."""
    return f"{mark}{_escape(view.words[key])}{mark}{_colon(view)}"


def _value_line(view: _View, value: _Value) -> str:
    source = (
        _code(value.engagement_id)
        if value.engagement_id is not None
        else _escape(view.words["from_library"])
    )
    listed = ", ".join(_escape(each) for each in value.values) or "\\-"
    return f"- {_code(value.field)} ({source}){_colon(view)} {listed}"


def _markdown(view: _View) -> str:
    lines = [f"# {_escape(view.title)}", ""]
    several = len(view.engagements) > 1
    lines += [_label(view, "engagements" if several else "engagement"), ""]
    lines.extend(
        f"- {_escape(title)} ({_code(eid)})" for eid, title in view.engagements
    )
    lines += [
        "",
        f"{_label(view, 'checklist')} {_escape(view.checklist)}",
        "",
        f"{_label(view, 'reference')} {_escape(view.citation)}",
        "",
        f"> {_escape(message('draft.notice', view.lang, generator=f'partnership_model {__version__}'))}",
        "",
    ]
    if view.incomplete is not None:
        lines += [f"> **{_escape(view.incomplete)}**", ""]
    lines += [
        f"| {view.words['status']} | {view.words['count']} |",
        "| --- | ---: |",
        *(f"| {_escape(label)} | {count} |" for label, count in view.counts),
        "",
    ]
    for section in view.sections:
        heading = message(
            "draft.section", view.lang, id=section.id, title=section.title
        )
        lines += [f"## {_escape(heading)}", ""]
        for item in section.items:
            lines += [f"### {_escape(item.heading)}", ""]
            if item.status is ItemStatus.ANSWERED:
                # Otherwise the text or what to add already quotes the summary.
                lines += [f"{_label(view, 'asks', '*')} {_escape(item.asks)}", ""]
            lines += [f"{_label(view, 'status')} {_escape(item.status_label)}", ""]
            for paragraph in item.paragraphs:
                lines += [_escape(paragraph), ""]
            if item.to_add is not None and item.status is not ItemStatus.NOT_ANSWERABLE:
                lines += [f"{_label(view, 'to_add')} {_escape(item.to_add)}", ""]
            if item.values:
                lines += [_label(view, "values"), ""]
                lines += [_value_line(view, value) for value in item.values]
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def draft_to_markdown(draft: ChecklistDraft, lang: Lang = "en") -> str:
    """The draft as a Markdown report in *lang* (``"en"`` or ``"fr"``).

    The report gives the engagements, the checklist and its reference, a
    notice that the draft is a starting point, a warning when the checklist
    data is incomplete, the count of items by status, then one heading per
    section and item with its status, the draft text, what to add and the
    register values used. An answered item also shows what it asks (our
    summary); for the others, the text or what to add already says it.

    Raises:
        RecordTypeError: *draft* is not a ChecklistDraft.
        VocabularyError: *lang* is not a supported language.
    """
    return _markdown(_view(_check_draft(draft), check_lang(lang)))


# -- HTML ---------------------------------------------------------------------------

_GENERATOR = f"partnership_model {__version__}"


def _html_label(view: _View, key: str, tag: str = "strong") -> str:
    """A bold (or, with ``tag="em"``, italic) lead-in label and its colon."""
    return f"<{tag}>{_html.escape(view.words[key])}</{tag}>{_colon(view)}"


def _html_value(view: _View, value: _Value) -> str:
    e = _html.escape
    source = (
        f"<code>{e(value.engagement_id)}</code>"
        if value.engagement_id is not None
        else e(view.words["from_library"])
    )
    listed = ", ".join(e(each) for each in value.values) or "\u2013"
    return f"<li><code>{e(value.field)}</code> ({source}){_colon(view)} {listed}</li>\n"


def _html_item(view: _View, item: _Item, number: str) -> list[str]:
    e = _html.escape
    parts = [
        f'<article class="item" id="item-{number}">\n',
        f"<h3>{e(item.heading)}</h3>\n",
    ]
    if item.status is ItemStatus.ANSWERED:
        parts.append(f"<p>{_html_label(view, 'asks', 'em')} {e(item.asks)}</p>\n")
    parts.append(
        f"<p>{_html_label(view, 'status')} "
        f'<span class="badge status-{item.status.value}">{e(item.status_label)}</span>'
        "</p>\n"
    )
    parts += [f"<p>{e(paragraph)}</p>\n" for paragraph in item.paragraphs if paragraph]
    if item.to_add is not None and item.status is not ItemStatus.NOT_ANSWERABLE:
        parts.append(f"<p>{_html_label(view, 'to_add')} {e(item.to_add)}</p>\n")
    if item.values:
        parts.append(f"<p>{_html_label(view, 'values')}</p>\n")
        parts.append('<ul class="values">\n')
        parts += [_html_value(view, value) for value in item.values]
        parts.append("</ul>\n")
    parts.append("</article>\n")
    return parts


def _html_page(view: _View) -> str:
    e = _html.escape
    several = len(view.engagements) > 1
    engagements = "".join(
        f"<li>{e(title)} (<code>{e(eid)}</code>)</li>\n"
        for eid, title in view.engagements
    )
    notice = message("draft.notice", view.lang, generator=_GENERATOR)
    parts = [
        '<header class="page">\n',
        f"<h1>{e(view.title)}</h1>\n",
        "</header>\n<main>\n",
        f"<p>{_html_label(view, 'engagements' if several else 'engagement')}</p>\n",
        f"<ul>\n{engagements}</ul>\n",
        f"<p>{_html_label(view, 'checklist')} {e(view.checklist)}</p>\n",
        f"<p>{_html_label(view, 'reference')} {e(view.citation)}</p>\n",
        f'<p class="notice">{e(notice)}</p>\n',
    ]
    if view.incomplete is not None:
        parts.append(f'<p class="warning"><strong>{e(view.incomplete)}</strong></p>\n')
    rows = "".join(
        f'<tr><th scope="row">{e(label)}</th><td class="number">{count}</td></tr>\n'
        for label, count in view.counts
    )
    parts.append(
        '<div class="table-wrap"><table>\n'
        f'<thead><tr><th scope="col">{e(view.words["status"])}</th>'
        f'<th scope="col" class="number">{e(view.words["count"])}</th></tr></thead>\n'
        f"<tbody>\n{rows}</tbody>\n</table></div>\n"
    )
    for index, section in enumerate(view.sections, start=1):
        heading = message(
            "draft.section", view.lang, id=section.id, title=section.title
        )
        parts += [
            f'<section id="section-{index}" aria-labelledby="heading-{index}">\n',
            f'<h2 id="heading-{index}">{e(heading)}</h2>\n',
        ]
        for number, item in enumerate(section.items, start=1):
            parts += _html_item(view, item, f"{index}-{number}")
        parts.append("</section>\n")
    parts += [
        "</main>\n",
        '<footer class="page">\n',
        f"<p>{e(message('report.written_by', view.lang, generator=_GENERATOR))}</p>\n",
        "</footer>\n",
    ]
    return _html.page(
        lang=view.lang, title=view.title, body="".join(parts), generator=_GENERATOR
    )


def draft_to_html(draft: ChecklistDraft, lang: Lang = "en") -> str:
    """The draft as one self-contained HTML page in *lang* (``"en"`` or ``"fr"``).

    The same report as :func:`draft_to_markdown`, with the look of the HTML
    partnership report (:func:`~partnership_model.report.report_to_html`):
    the style sheet inline (system fonts; A4 when printed), no script, and a
    Content Security Policy that forbids fetching anything, so the page
    reads the same offline. Every text from the register or the checklist
    is escaped. A regional tag (``"fr-CA"``) gives its language's text, set
    in France's typography, and the page's ``lang`` is that language.

    Raises:
        RecordTypeError: *draft* is not a ChecklistDraft.
        VocabularyError: *lang* is not a supported language.
    """
    return _html_page(_view(_check_draft(draft), check_lang(lang)))


def _json(draft: ChecklistDraft, lang: Lang) -> str:
    del lang  # the document holds both languages
    return draft_to_json(draft) + "\n"


_RENDERERS: dict[str, Callable[[ChecklistDraft, Lang], str]] = {
    "markdown": draft_to_markdown,
    "json": _json,
    "html": draft_to_html,
}

DRAFT_FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The names :func:`render_draft` accepts, in the order a user would try them."""


def render_draft(
    draft: ChecklistDraft,
    format: str = "markdown",  # noqa: A002 - the name of the CLI option
    lang: Lang = "en",
) -> str:
    """Write *draft* in one of :data:`DRAFT_FORMATS`.

    Args:
        draft: The draft.
        format: ``"markdown"``, ``"json"`` or ``"html"``.
        lang: Language of a Markdown or HTML report; a JSON document always
            holds both languages.

    Returns:
        The text, ending with a newline.

    Raises:
        RecordTypeError: *draft* is not a ChecklistDraft.
        VocabularyError: *format* or *lang* is not supported.
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise VocabularyError(format, "draft format", DRAFT_FORMATS)
    return renderer(_check_draft(draft), check_lang(lang))
