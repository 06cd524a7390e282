"""Where the ecology drawing puts its actors: one cell per connected group.

An ecology drawn from a register is mostly disconnected, one cluster per
project, joined where projects share an organisation. One spring layout of
the whole graph pushes the clusters apart and crushes each into a point; here
each connected group gets its own spring layout in its own cell, whose
height grows with the square root of the group's size (its area with the
number of actors) and which is wider than tall, leaving room for labels on
its sides; close actors are then pushed apart. The cells are packed in rows, largest first, into a
block about as wide as it is tall.

Everything is computed from graphs built in sorted order, so the result
depends on the seed only, never on hashing (``PYTHONHASHSEED``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import attrs

__all__ = ["Layout", "components", "layout"]

_RADIUS: Final = 0.45  # radius of a group of one actor; a group of n gets r·√n
_GAP: Final = 0.3  # space between two cells
_LABEL_ROOM: Final = 1.0  # extra width of a cell, for the labels on its sides
_SPREAD: Final = (
    0.8  # share of a cell's radius its actors spread over (room for labels)
)
_SPACING: Final = 0.32  # the least distance between two actors' centres


Box = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` in data coordinates."""


@attrs.frozen
class Layout:
    """Positions of the actors, and the cell of the group of each.

    Attributes:
        position: ``(x, y)`` of each actor.
        cell: The box of the cell of each actor's group (labels stay in it).
        extent: The box holding every cell.
    """

    position: dict[str, tuple[float, float]]
    cell: dict[str, Box]
    extent: Box


def components(
    nodes: Sequence[str], pairs: Sequence[tuple[str, str]]
) -> list[list[str]]:
    """Connected groups of actors, largest first, each sorted."""
    import networkx as nx  # noqa: PLC0415 - only needed here

    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(pairs)
    groups = [sorted(c) for c in nx.connected_components(simple)]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def _rows(widths: list[float], heights: list[float]) -> list[list[int]]:
    """Indices of the cells of each row, filled left to right up to a width.

    The width is chosen for a block about as wide as it is tall.
    """
    area = sum(w * h for w, h in zip(widths, heights, strict=True))
    limit = max(max(widths, default=0.0), 1.1 * math.sqrt(area))
    rows: list[list[int]] = []
    used = 0.0
    for index, width in enumerate(widths):
        if not rows or used + width > limit + 1e-9:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += width
    return rows


def _spaced(
    placed: dict[str, tuple[float, float]],
    group: Sequence[str],
    centre: tuple[float, float],
    radius: float,
) -> dict[str, tuple[float, float]]:
    """Push apart actors closer than the least spacing, staying within *radius*.

    A spring layout crowds the members of a clique around a hub onto one
    another; a few rounds of pushing each too-close pair apart (in sorted
    order, so deterministically), then pulling the group back within its
    radius, separate them.
    """
    cx, cy = centre
    points = {node: [placed[node][0] - cx, placed[node][1] - cy] for node in group}
    for _ in range(60):
        moved = False
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pa, pb = points[a], points[b]
                dx, dy = pb[0] - pa[0], pb[1] - pa[1]
                distance = math.hypot(dx, dy)
                if distance >= _SPACING:
                    continue
                moved = True
                if distance == 0.0:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (_SPACING - distance) / 2 / distance
                pa[0] -= dx * push
                pa[1] -= dy * push
                pb[0] += dx * push
                pb[1] += dy * push
        farthest = max(math.hypot(x, y) for x, y in points.values())
        if farthest > radius:
            for point in points.values():
                point[0] *= radius / farthest
                point[1] *= radius / farthest
        if not moved:
            break
    return {node: (cx + x, cy + y) for node, (x, y) in points.items()}


def layout(
    groups: Sequence[Sequence[str]], pairs: Sequence[tuple[str, str]], seed: int
) -> Layout:
    """Lay out *groups* (from :func:`components`) with the relations *pairs*."""
    import networkx as nx  # noqa: PLC0415 - only needed here

    group_of = {node: index for index, group in enumerate(groups) for node in group}
    radii = [_RADIUS * math.sqrt(len(group)) for group in groups]
    heights = [2 * r + _GAP for r in radii]
    widths = [h + _LABEL_ROOM for h in heights]
    position: dict[str, tuple[float, float]] = {}
    cell: dict[str, Box] = {}
    top = 0.0
    right = 0.0
    for row in _rows(widths, heights):
        height = max(heights[i] for i in row)
        left = 0.0
        for index in row:
            width = widths[index]
            box = (left, top - height, left + width, top)
            centre = (left + width / 2, top - height / 2)
            group = groups[index]
            if len(group) == 1:
                placed = {group[0]: centre}
            else:
                local: nx.Graph[str] = nx.Graph()
                local.add_nodes_from(group)
                local.add_edges_from(p for p in pairs if group_of[p[0]] == index)
                placed = {
                    node: (float(x), float(y))
                    for node, (x, y) in nx.spring_layout(
                        local,
                        seed=seed,
                        center=centre,
                        scale=_SPREAD * radii[index],
                    ).items()
                }
                placed = _spaced(placed, group, centre, _SPREAD * radii[index])
            for node in group:
                position[node] = placed[node]
                cell[node] = box
            left += width
        right = max(right, left)
        top -= height
    if not position:  # nothing to draw: a unit square
        return Layout(position={}, cell={}, extent=(0.0, -1.0, 1.0, 0.0))
    return Layout(position=position, cell=cell, extent=(0.0, top, right, 0.0))
