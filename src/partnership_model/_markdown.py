"""Markdown that user data cannot break: escaped text and inline code spans."""

from __future__ import annotations

import re

__all__ = ["code_span", "escape"]

_KEEP_SPACES = frozenset("\u00a0\u202f")
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape(text: str) -> str:
    r"""Text safe to place in a Markdown paragraph, heading, list item or table cell.

    Line breaks and other spaces become plain spaces (no-break spaces are
    kept), markup characters are backslash-escaped, and what would start a
    list or a heading at the start of a line is escaped too.

    Examples:
        >>> escape("# 1. *not* a | heading")
        '\\# 1. \\*not\\* a \\| heading'
        >>> escape("1. first")
        '1\\. first'
    """
    flat = "".join(
        " " if c.isspace() and c not in _KEEP_SPACES else c for c in text
    ).strip()
    escaped = _MARKUP.sub(r"\\\1", flat)
    return _LINE_START.sub(
        lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped
    )


def code_span(text: str) -> str:
    """An inline code span holding *text* whatever backticks it contains.

    Examples:
        >>> code_span("a`b")
        '``a`b``'
    """
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
