"""Actor labels on the ecology drawing: shortened, and placed where they fit.

A drawing of a large ecology cannot show every actor's full name: written at
each actor, names overlap one another and run off the edges. Here each label
is first shortened (:func:`short_label`), then labels are placed one at a
time, most connected actors first (:func:`place_labels`): each tries eight
positions around its actor and takes the first one that stays inside the
drawing and inside the cell of the actor's group (so that it is never read
as another group's label), and overlaps no actor, no label already placed and
no reserved area (the legend, the title, a note). A label with no such position is left out, and counted, so
that the drawing can say how many are missing. Positions are measured with
the figure's own renderer once its layout is settled, so the result does not
depend on luck; the order is fixed (priority, then id), so the same graph
always gets the same labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

__all__ = ["LABEL_LIMIT", "Box", "place_labels", "short_label"]

Box = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` in data coordinates."""

LABEL_LIMIT: Final = 24
"""Longest label drawn, in characters; longer ones are shortened."""

_ACRONYM = re.compile(r"\(([^\s()]{2,12})\)$")

# Positions around an actor, tried in this order: (dx, dy) as multiples of the
# distance from the actor's centre, and the text's alignment.
_CANDIDATES: Final[tuple[tuple[float, float, Any, Any], ...]] = (
    (1.0, 0.0, "left", "center"),
    (-1.0, 0.0, "right", "center"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
    (1.0, 1.0, "left", "bottom"),
    (-1.0, 1.0, "right", "bottom"),
    (1.0, -1.0, "left", "top"),
    (-1.0, -1.0, "right", "top"),
)


def short_label(text: str, limit: int = LABEL_LIMIT) -> str:
    r"""*text* on one line, at most *limit* characters.

    A name ending with an acronym in parentheses is shortened to the acronym;
    other names are cut after a whole word, with an ellipsis; an id (no
    space) keeps its start and its end, which tells numbered ids apart.

    Examples:
        >>> short_label("Centre national de ressources et de résilience (CN2R)")
        'CN2R'
        >>> short_label("Ministère de la Santé et des Services sociaux du Québec")
        'Ministère de la Santé…'
        >>> short_label("a-very-long-identifier-of-an-actor-7")
        'a-very-long-iden…actor-7'
        >>> short_label("Émilie\nTremblay")
        'Émilie Tremblay'
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    acronym = _ACRONYM.search(flat)
    if acronym is not None:
        return acronym.group(1)
    if " " in flat:
        kept = ""
        for word in flat.split(" "):
            candidate = f"{kept} {word}" if kept else word
            if len(candidate) > limit - 1:
                break
            kept = candidate
        return (kept or flat[: limit - 1]) + "…"
    tail = (limit - 1) // 3
    return flat[: limit - 1 - tail] + "…" + flat[-tail:]


def place_labels(
    figure: Figure,
    axes: Axes,
    labels: Sequence[tuple[tuple[float, float], str, Box]],
    *,
    radius: float,
    font_size: float,
    reserved: Iterable[Any] = (),
) -> tuple[list[Text], int]:
    """Write *labels* where they fit; return the texts written and how many did not.

    Args:
        figure: The figure of *axes*; its layout is settled first.
        axes: Where the actors are drawn.
        labels: ``((x, y), text, (x0, y0, x1, y1))`` in data coordinates, most
            important first: where the actor is, its label, and the box the
            label must stay in (the cell of the actor's group).
        radius: The actors' marker radius, in points (labels start beyond it).
        font_size: Font size of the labels, in points.
        reserved: Artists (legend, note...) whose area labels must not cover.

    Returns:
        The texts placed, and the number of labels left out for lack of room.
    """
    from matplotlib.transforms import Bbox  # noqa: PLC0415 - optional extra

    figure.draw_without_rendering()
    renderer = _renderer(figure)
    bounds = axes.get_window_extent(renderer)
    pixels = figure.dpi / 72.0
    half = radius * pixels
    obstacles: list[Bbox] = []
    for (x, y), _, _ in labels:
        cx, cy = axes.transData.transform((x, y))
        obstacles.append(Bbox.from_extents(cx - half, cy - half, cx + half, cy + half))
    obstacles += [artist.get_window_extent(renderer) for artist in reserved]
    gap = radius + 1.5
    placed: list[Text] = []
    left_out = 0
    for (x, y), text, cell in labels:
        corners = axes.transData.transform([cell[:2], cell[2:]])
        area = Bbox.intersection(Bbox(corners), bounds) or bounds
        label = axes.text(
            x,
            y,
            text,
            fontsize=font_size,
            parse_math=False,
            in_layout=False,
            clip_on=False,
            zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.4},
        )
        box = _first_fit(
            label, axes, gap=gap, renderer=renderer, area=area, obstacles=obstacles
        )
        if box is None:
            label.remove()
            left_out += 1
            continue
        obstacles.append(box)
        placed.append(label)
    return placed, left_out


def _renderer(figure: Figure) -> Any:
    """The renderer *figure* is drawn with; an Agg canvas is attached if it has none.

    A figure made without pyplot has a bare canvas, which cannot measure
    text; an Agg canvas (no display needed) can, and saving still picks the
    canvas of each format.
    """
    canvas: Any = figure.canvas
    if not hasattr(canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import (  # noqa: PLC0415
            FigureCanvasAgg,
        )

        canvas = FigureCanvasAgg(figure)
    return canvas.get_renderer()


def _first_fit(
    label: Text,
    axes: Axes,
    *,
    gap: float,
    renderer: Any,
    area: Bbox,
    obstacles: list[Bbox],
) -> Bbox | None:
    """Move *label* to the first candidate position that fits; its box, or None."""
    from matplotlib.transforms import offset_copy  # noqa: PLC0415 - optional extra

    figure: Any = axes.get_figure()
    for dx, dy, horizontal, vertical in _CANDIDATES:
        label.set_transform(
            offset_copy(
                axes.transData, fig=figure, x=dx * gap, y=dy * gap, units="points"
            )
        )
        label.set_horizontalalignment(horizontal)
        label.set_verticalalignment(vertical)
        box = label.get_window_extent(renderer).padded(1.0)
        inside = (
            box.x0 >= area.x0
            and box.x1 <= area.x1
            and box.y0 >= area.y0
            and box.y1 <= area.y1
        )
        if inside and not (obstacles and box.count_overlaps(obstacles)):
            return box
    return None
