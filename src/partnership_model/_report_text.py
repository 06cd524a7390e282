"""Plain-text and Markdown layouts of a report's view (see :mod:`._report_view`).

Each function lays out the blocks of a :class:`~._report_view.View`; the words
come from the view, already in the report's language and typography.
"""

from __future__ import annotations

from partnership_model._markdown import code_span, escape
from partnership_model._report_view import (
    Block,
    Facts,
    Findings,
    Note,
    Table,
    View,
)
from partnership_model._tables import aligned

__all__ = ["markdown", "text"]


# -- plain text -----------------------------------------------------------------------


def _text_block(view: View, block: Block) -> list[str]:
    if isinstance(block, Table):
        return [aligned(block.header, block.body, block.footer)]
    if isinstance(block, Facts):
        return [f"  {view.label_value(label, value)}" for label, value in block.items]
    if isinstance(block, Note):
        return [f"({block.text})"]
    lines: list[str] = []
    if not block.groups:
        lines.append(f"  {block.empty}")
    for group in block.groups:
        label = f"[{group.severity_label}] {group.code} ({len(group.engagement_ids)})"
        lines.append(f"  {view.label_value(label, ', '.join(group.engagement_ids))}")
        lines.append(f"      {group.message}")
    return lines


def text(view: View) -> str:
    """The report as plain text: a title underlined, then each section."""
    lines = [view.title, "=" * len(view.title), view.summary, ""]
    for section in view.sections:
        lines += [section.heading, ""]
        previous: Block | None = None
        for block in section.blocks:
            if previous is not None and not isinstance(block, Note):
                lines.append("")
            lines += _text_block(view, block)
            previous = block
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- Markdown -------------------------------------------------------------------------


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def _markdown_block(view: View, block: Block) -> list[str]:
    if isinstance(block, Table):
        footer = tuple(f"**{escape(cell)}**" for cell in block.footer)
        return [
            _row(block.header),
            "|---|" + "---:|" * (len(block.header) - 1),
            *(_row(line) for line in block.body),
            "| " + " | ".join(footer) + " |",
        ]
    if isinstance(block, Facts):
        return [
            f"- {escape(view.label_value(label, value))}"
            for label, value in block.items
        ]
    if isinstance(block, Note):
        return [f"*{escape(block.text)}*"]
    return _markdown_findings(view, block)


def _markdown_findings(view: View, block: Findings) -> list[str]:
    if not block.groups:
        return [escape(block.empty)]
    return [
        "- "
        + view.label_value(
            f"**{escape(group.severity_label)}** {code_span(group.code)} "
            f"({len(group.engagement_ids)})",
            f"{escape(group.message)} "
            + ", ".join(code_span(i) for i in group.engagement_ids),
        )
        for group in block.groups
    ]


def markdown(view: View) -> str:
    """The report as Markdown: a level-1 title, a level-2 heading per section."""
    lines = [f"# {escape(view.title)}", "", f"{escape(view.summary)}.", ""]
    for section in view.sections:
        lines += [f"## {escape(section.heading)}", ""]
        for block in section.blocks:
            lines += [*_markdown_block(view, block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
