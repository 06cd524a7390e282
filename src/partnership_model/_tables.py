"""Plain-text tables: a header, a body and a footer of cells, aligned in columns."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["aligned"]


def aligned(
    header: Sequence[str],
    body: Sequence[Sequence[str]],
    footer: Sequence[str] | None = None,
) -> str:
    """Align cells in columns: the first to the left, the others (numbers) to the right.

    A rule of dashes separates the header from the body, and the body from
    the footer. Trailing spaces are removed.

    Examples:
        >>> print(aligned(["Level", "n"], [["Micro", "3"], ["Meso", "12"]], ["Total", "15"]))
        Level   n
        -----  --
        Micro   3
        Meso   12
        -----  --
        Total  15
    """
    table = [list(header), *(list(line) for line in body)]
    if footer is not None:
        table.append(list(footer))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]

    def render(line: Sequence[str]) -> str:
        first = line[0].ljust(widths[0])
        rest = (
            cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)
        )
        return "  ".join((first, *rest)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    lines = [render(header), rule, *(render(line) for line in body)]
    if footer is not None:
        lines += [rule, render(footer)]
    return "\n".join(lines)
