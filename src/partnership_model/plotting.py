"""Drawings of the ecology and of the Montreal matrix (needs the ``plot`` extra).

matplotlib is imported inside the functions, never when
:mod:`partnership_model` is imported; without it they raise an
:class:`ImportError` that names ``pip install "partnership-model[plot]"``.
Both functions draw on a :class:`matplotlib.figure.Figure` created directly,
not through :mod:`matplotlib.pyplot`: no window opens, no figure is left
registered with pyplot (networkx's drawing helpers do import it), and they
work on servers with no display. Both return the figure and save it when
given a path (the suffix, ``.png`` or ``.svg``, picks the format).

The ecology uses the colours of figure 2 of Boivin et al. (2022,
``Boivin2022``): community members in yellow, professionals in blue, bonding
relations in the colour of their sphere, bridging relations in green and
linking relations in black.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any, Final

from partnership_model._i18n import Lang, locale
from partnership_model._messages import message
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import RecordTypeError
from partnership_model.matrix import EngagementMatrix
from partnership_model.vocabulary import (
    ActorKind,
    EngagementDegree,
    EngagementLevel,
    RelationType,
    Sphere,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ECOLOGY_COLOURS", "draw_ecology", "plot_matrix"]


def __dir__() -> list[str]:
    return __all__


ECOLOGY_COLOURS: Final = {
    Sphere.COMMUNITY: "#f2c500",
    Sphere.PROFESSIONAL: "#1f6fb4",
    RelationType.BRIDGING: "#2e9e44",
    RelationType.LINKING: "#000000",
}
"""Colours of the ecology drawing, after figure 2 of ``Boivin2022``.

Spheres colour the actors and the bonding relations among them; bridging and
linking relations have their own colours.
"""


def _pyplot_free_figure(
    ax: Axes | None, size: tuple[float, float]
) -> tuple[Figure, Axes]:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra
    except ImportError as error:  # pragma: no cover - exercised without matplotlib
        msg = 'drawing needs matplotlib: pip install "partnership-model[plot]"'
        raise ImportError(msg) from error
    if ax is not None:
        figure = ax.get_figure()
        if figure is None:  # pragma: no cover - axes always belong to a figure
            msg = "the axes do not belong to a figure"
            raise ValueError(msg)
        return figure, ax  # type: ignore[return-value]
    figure = Figure(figsize=size, layout="constrained")
    return figure, figure.add_subplot()


def _save(figure: Figure, path: str | os.PathLike[str] | None) -> None:
    if path is not None:
        figure.savefig(os.fspath(path))


def _layout(graph: Any, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout of each connected group, the groups laid out on a grid.

    A single spring layout of a disconnected ecology (one cluster per
    project) pushes the clusters apart and crushes each of them into a
    point; laying each one out in its own cell keeps relations visible.
    """
    import networkx as nx  # noqa: PLC0415 - only needed here

    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    columns = max(1, math.ceil(math.sqrt(len(components))))
    position: dict[str, tuple[float, float]] = {}
    for index, component in enumerate(components):
        row, column = divmod(index, columns)
        centre = (2.2 * column, -2.2 * row)
        if len(component) == 1:
            (only,) = component
            position[only] = centre
            continue
        local = nx.spring_layout(
            graph.subgraph(component), seed=seed, center=centre, scale=0.9
        )
        for node, (x, y) in local.items():
            position[node] = (float(x), float(y))
    return position


def draw_ecology(
    graph: EcologyGraph,
    *,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
    seed: int = 0,
    lang: Lang = "en",
    with_labels: bool = True,
) -> Figure:
    """Draw the ecology in the colours of Boivin et al. (2022), figure 2.

    Actors are placed by a spring layout (seeded, so the drawing is
    reproducible); persons are circles, organisations squares. Each pair of
    related actors is drawn once, with a width growing with the number of
    relations between them (all relations of a pair share one type, as types
    follow from the two actors). A legend names the spheres and relation
    types in *lang*.

    Args:
        graph: The ecology.
        ax: Draw on these axes instead of a new figure.
        path: Save the figure there (PNG, SVG...).
        seed: Seed of the layout.
        lang: A language tag: ``"en"``, ``"fr"``, ``"fr-FR"`` or ``"fr-CA"``.
        with_labels: Write each actor's label (or id) next to it.

    Returns:
        The matplotlib figure.

    Raises:
        ImportError: matplotlib is not installed.
    """
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    lang = locale(lang).tag
    figure, axes = _pyplot_free_figure(ax, (8.0, 6.0))
    import networkx as nx  # noqa: PLC0415 - only needed here
    from matplotlib.lines import Line2D  # noqa: PLC0415 - optional extra

    actors = {actor.id: actor for actor in graph.actors()}
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(actors)
    widths: dict[tuple[str, str], int] = {}
    colours: dict[tuple[str, str], str] = {}
    for item in graph.relations():
        pair = (item.source, item.target)
        widths[pair] = widths.get(pair, 0) + 1
        if pair not in colours:
            if item.primary is RelationType.BONDING:
                colours[pair] = ECOLOGY_COLOURS[actors[item.source].sphere]
            else:
                colours[pair] = ECOLOGY_COLOURS[item.primary]
    simple.add_edges_from(widths)
    position = _layout(simple, seed)
    pairs = list(widths)
    nx.draw_networkx_edges(
        simple,
        position,
        edgelist=pairs,
        edge_color=[colours[p] for p in pairs],
        width=[1.0 + 0.8 * (widths[p] - 1) for p in pairs],
        ax=axes,
    )
    for kind, marker in ((ActorKind.PERSON, "o"), (ActorKind.ORGANISATION, "s")):
        members = [a for a in actors.values() if a.kind is kind]
        if members:
            nx.draw_networkx_nodes(
                simple,
                position,
                nodelist=[a.id for a in members],
                node_color=[ECOLOGY_COLOURS[a.sphere] for a in members],
                node_shape=marker,
                node_size=300,
                edgecolors="#333333",
                ax=axes,
            )
    if with_labels and actors:
        nx.draw_networkx_labels(
            simple,
            position,
            labels={a.id: a.label or a.id for a in actors.values()},
            font_size=8,
            ax=axes,
        )
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor=ECOLOGY_COLOURS[sphere],
            markeredgecolor="#333333",
            markersize=10,
            label=sphere.label(lang),
        )
        for sphere in Sphere
    ]
    handles += [
        Line2D(
            [],
            [],
            color=ECOLOGY_COLOURS[sphere],
            label=message(
                "plotting.bonding_of", lang, sphere=sphere.label(lang).lower()
            ),
        )
        for sphere in Sphere
    ]
    handles += [
        Line2D([], [], color=ECOLOGY_COLOURS[kind], label=kind.label(lang))
        for kind in (RelationType.BRIDGING, RelationType.LINKING)
    ]
    axes.legend(handles=handles, loc="best", fontsize=8, frameon=True)
    axes.set_title(message("plotting.ecology", lang))
    axes.set_axis_off()
    _save(figure, path)
    return figure


def plot_matrix(
    matrix: EngagementMatrix,
    *,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
    lang: Lang = "en",
) -> Figure:
    """Draw the Montreal matrix as a heat map with the counts in the cells.

    Rows are the levels (macro on top, as the model is usually drawn),
    columns the degrees (information to partnership), both labelled in
    *lang*; the colour bar gives the number of engagements.

    Args:
        matrix: An :class:`~partnership_model.EngagementMatrix`.
        ax: Draw on these axes instead of a new figure.
        path: Save the figure there (PNG, SVG...).
        lang: A language tag: ``"en"``, ``"fr"``, ``"fr-FR"`` or ``"fr-CA"``.

    Returns:
        The matplotlib figure.

    Raises:
        ImportError: matplotlib is not installed.
    """
    if not isinstance(matrix, EngagementMatrix):
        raise RecordTypeError("matrix", matrix, "expected an EngagementMatrix")
    lang = locale(lang).tag
    figure, axes = _pyplot_free_figure(ax, (8.0, 4.5))
    levels = list(reversed(EngagementLevel))
    degrees = list(EngagementDegree)
    grid = [[matrix.count(level=level, degree=d) for d in degrees] for level in levels]
    peak = max((max(row) for row in grid), default=0)
    image = axes.imshow(grid, cmap="Blues", vmin=0, vmax=max(peak, 1), aspect="auto")
    for row, counts in enumerate(grid):
        for column, count in enumerate(counts):
            axes.text(
                column,
                row,
                str(count),
                ha="center",
                va="center",
                color="white" if peak and count > peak / 2 else "black",
            )
    axes.set_xticks(range(len(degrees)), [d.label(lang) for d in degrees])
    axes.set_yticks(range(len(levels)), [level.label(lang) for level in levels])
    axes.set_xlabel(message("plotting.degree", lang))
    axes.set_ylabel(message("plotting.level", lang))
    if matrix.domain is None:
        title = message("plotting.matrix", lang)
    else:
        title = message(
            "plotting.matrix_in_domain", lang, domain=matrix.domain.label(lang)
        )
    axes.set_title(title)
    figure.colorbar(image, ax=axes, label=message("plotting.count", lang))
    _save(figure, path)
    return figure
