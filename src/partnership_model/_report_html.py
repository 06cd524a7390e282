"""The HTML layout of a report's view, with its figures (see :mod:`._report_view`).

:func:`html` lays the blocks of a :class:`~._report_view.View` out as one
self-contained page (:func:`partnership_model._html.page`), every text
escaped; :func:`charts` draws the figures the page shows under the matrix and
the ecology sections, as inline SVG: the heat map of the Montreal matrix and
the drawing of the ecology (:mod:`partnership_model.plotting`). Without
matplotlib, or for an ecology too large to draw on a page, a note says so in
place of the figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from partnership_model._html import escape, inline_svg, page
from partnership_model._i18n import Lang
from partnership_model._messages import message
from partnership_model._report_view import (
    Block,
    Facts,
    Findings,
    Note,
    Table,
    View,
)
from partnership_model._version import __version__

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from partnership_model._report_records import Report

__all__ = ["MAX_DRAWN_ACTORS", "charts", "html"]

MAX_DRAWN_ACTORS: Final = 400
"""Largest ecology the HTML report draws; a larger one gets a note instead."""

_GENERATOR: Final = f"partnership_model {__version__}"
_COLUMN: Final = 'scope="col"'
_NUMBER_COLUMN: Final = 'scope="col" class="number"'


# -- figures ------------------------------------------------------------------------


def _figure(figure: Figure, name: str, caption: str) -> str:
    from partnership_model.plotting import figure_bytes  # noqa: PLC0415

    svg = figure_bytes(figure, "svg", 100).decode("utf-8")
    caption_id = f"caption-{name}"
    return (
        f'<figure class="chart" id="figure-{name}">\n'
        f"{inline_svg(svg, prefix=f'fig-{name}', labelled_by=caption_id)}\n"
        f'<figcaption id="{caption_id}">{escape(caption)}</figcaption>\n'
        "</figure>\n"
    )


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>\n'


def charts(report: Report, lang: Lang) -> dict[str, str]:
    """The markup of the figure (or note) to show in each section, by section id.

    The heat map of :attr:`Report.matrix <partnership_model.report.Report.matrix>`
    goes under the matrix; the drawing of the ecology of the covered
    engagements (when the report knows them, and they have actors) under the
    ecology summary.
    """
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415 - networkx

    try:
        from partnership_model.plotting import draw_ecology, plot_matrix  # noqa: PLC0415

        shown = {
            "matrix": _figure(
                plot_matrix(report.matrix, lang=lang),
                "matrix",
                message("report.figure_matrix", lang),
            )
        }
    except ImportError:
        return {"matrix": _note(message("report.figures_unavailable", lang))}
    actors = report.ecology.actors
    if report.covered is not None and actors:
        if actors > MAX_DRAWN_ACTORS:
            shown["ecology"] = _note(
                message("report.ecology_too_large", lang, count=actors)
            )
        else:
            graph = EcologyGraph.from_engagements(
                report.covered, policy=report.ecology.policy
            )
            shown["ecology"] = _figure(
                draw_ecology(graph, lang=lang),
                "ecology",
                message("report.figure_ecology", lang),
            )
    return shown


# -- layout -------------------------------------------------------------------------


def _cells(cells: tuple[str, ...], tag: str, *, first_row_header: bool) -> str:
    parts = []
    for index, cell in enumerate(cells):
        if index == 0 and first_row_header:
            parts.append(f'<th scope="row">{escape(cell)}</th>')
        else:
            parts.append(f'<{tag} class="number">{escape(cell)}</{tag}>')
    return "<tr>" + "".join(parts) + "</tr>\n"


def _table(block: Table) -> str:
    head = "".join(
        f"<th {_NUMBER_COLUMN if index else _COLUMN}>{escape(cell)}</th>"
        for index, cell in enumerate(block.header)
    )
    body = "".join(_cells(row, "td", first_row_header=True) for row in block.body)
    return (
        '<div class="table-wrap"><table>\n'
        f"<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}</tbody>\n"
        f"<tfoot>\n{_cells(block.footer, 'td', first_row_header=True)}</tfoot>\n"
        "</table></div>\n"
    )


def _facts(block: Facts) -> str:
    items = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>\n"
        for label, value in block.items
    )
    return f'<dl class="facts">\n{items}</dl>\n'


def _findings(block: Findings) -> str:
    if not block.groups:
        return f"<p>{escape(block.empty)}</p>\n"
    items = []
    for group in block.groups:
        ids = ", ".join(f"<code>{escape(i)}</code>" for i in group.engagement_ids)
        items.append(
            f'<li class="severity-{escape(group.severity.value)}">'
            f'<span class="badge">{escape(group.severity_label)}</span> '
            f"<code>{escape(group.code)}</code> ({len(group.engagement_ids)})<br>\n"
            f"{escape(group.message)}<br>\n"
            f'<span class="ids">{ids}</span></li>\n'
        )
    return '<ul class="findings">\n' + "".join(items) + "</ul>\n"


def _block(block: Block) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Note):
        return _note(block.text)
    return _findings(block)


def html(view: View, figures: Mapping[str, str]) -> str:
    """The report as one HTML page; *figures* (markup) go at the end of their section."""
    sections = []
    for section in view.sections:
        name = escape(section.id)
        blocks = "".join(_block(block) for block in section.blocks)
        sections.append(
            f'<section id="section-{name}" aria-labelledby="heading-{name}">\n'
            f'<h2 id="heading-{name}">{escape(section.heading)}</h2>\n'
            f"{blocks}{figures.get(section.id, '')}</section>\n"
        )
    body = (
        '<header class="page">\n'
        f"<h1>{escape(view.title)}</h1>\n"
        f'<p class="summary">{escape(view.summary)}.</p>\n'
        "</header>\n"
        f"<main>\n{''.join(sections)}</main>\n"
        '<footer class="page">\n'
        f"<p>{escape(message('report.written_by', view.lang, generator=_GENERATOR))}</p>\n"
        "</footer>\n"
    )
    return page(lang=view.lang, title=view.title, body=body, generator=_GENERATOR)
