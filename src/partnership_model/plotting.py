"""Drawings of the ecology and of the Montreal matrix (needs the ``plot`` extra).

matplotlib is imported inside the functions, never when
:mod:`partnership_model` is imported; without it they raise an
:class:`ImportError` that names ``pip install "partnership-model[plot]"``.
Both functions draw on a :class:`matplotlib.figure.Figure` created directly,
not through :mod:`matplotlib.pyplot`: no window opens, no figure is left
registered with pyplot, and they work on servers with no display. Both return
the figure and save it when given a path; the suffix picks the format, one of
:data:`FIGURE_FORMATS` (``.png``, ``.svg`` or ``.pdf``).

**Reproducible.** The same input gives the same bytes, from one run, process
or machine to the next (with the same matplotlib): the layout has a seed,
actors and relations are laid out and drawn in sorted order (never in an
order that depends on hashing, so ``PYTHONHASHSEED`` changes nothing), a saved
file embeds no date and no software version, and SVG element ids come from a
fixed salt. A file is written atomically: a reader never sees half of it.

The ecology uses the colours of figure 2 of Boivin et al. (2022,
``Boivin2022``): community members in yellow, professionals in blue, bonding
relations in the colour of their sphere, bridging relations in green and
linking relations in black; persons are circles and organisations squares.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from warnings import warn

from partnership_model import _plot_layout
from partnership_model._files import write_atomically
from partnership_model._i18n import Lang, locale
from partnership_model._messages import message
from partnership_model._plot_labels import place_labels, short_label
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
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

__all__ = [
    "DEFAULT_DPI",
    "ECOLOGY_COLOURS",
    "FIGURE_FORMATS",
    "MAX_DPI",
    "draw_ecology",
    "figure_bytes",
    "figure_format",
    "plot_matrix",
]


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

FIGURE_FORMATS: Final = ("png", "svg", "pdf")
"""The formats a drawing is saved in, picked by the suffix of its path."""

DEFAULT_DPI: Final = 100
"""Resolution of a new figure and of a saved PNG, in dots per inch."""

MAX_DPI: Final = 1200
"""The highest resolution accepted (a larger one asks for gigabytes of pixels)."""

_SALT: Final = "partnership_model"
_OUTLINE: Final = "#333333"
_KIND_FACE: Final = "#ffffff"
# Drawing sizes, in points (matplotlib's marker sizes are areas, in points²).
_SMALL_GRAPH: Final = 30
_FONT_SIZE: Final = 7.0


# -- checks and saving -------------------------------------------------------------------


def figure_format(path: str | os.PathLike[str]) -> str:
    """The format a drawing saved at *path* is written in (``"png"``...).

    Raises:
        InvalidRecordError: The suffix of *path* is not one of
            :data:`FIGURE_FORMATS` (code ``"figure_format"``); a path
            without a suffix is refused rather than given one.

    Examples:
        >>> figure_format("matrice.SVG")
        'svg'
    """
    suffix = Path(os.fspath(path)).suffix
    name = suffix.removeprefix(".").lower()
    if name not in FIGURE_FORMATS:
        *head, last = (f".{each}" for each in FIGURE_FORMATS)
        accepted = f"{', '.join(head)} or {last}"
        found = f"the suffix {suffix!r}" if suffix else "no suffix"
        raise InvalidRecordError(
            "path",
            os.fspath(path),
            f"a drawing is saved as {accepted} (the suffix picks the format); "
            f"the path has {found}",
            code="figure_format",
        )
    return name


def _check_seed(seed: object) -> int:
    if type(seed) is not int:
        raise RecordTypeError("seed", seed, "expected an int")
    if not 0 <= seed < 2**32:
        raise InvalidRecordError("seed", seed, "expected an int from 0 to 2**32 - 1")
    return seed


def _check_dpi(dpi: object) -> float:
    if type(dpi) not in (int, float):
        raise RecordTypeError("dpi", dpi, "expected a number of dots per inch")
    value = float(dpi)  # type: ignore[arg-type]
    if not (math.isfinite(value) and 10 <= value <= MAX_DPI):
        raise InvalidRecordError(
            "dpi", dpi, f"expected a resolution from 10 to {MAX_DPI} dots per inch"
        )
    return value


def _check_labels(labels: object, with_labels: object) -> bool:
    if with_labels is not None:
        warn(
            "draw_ecology(with_labels=...) is deprecated: use labels=...",
            DeprecationWarning,
            stacklevel=3,
        )
        labels = with_labels
    if type(labels) is not bool:
        raise RecordTypeError("labels", labels, "expected True or False")
    return labels


def figure_bytes(figure: Figure, format: str, dpi: float) -> bytes:  # noqa: A002
    """*figure* in *format*, the same bytes for the same figure (no date, no version).

    SVG text is drawn as paths (it looks the same without the fonts), and its
    element ids are derived from a fixed salt.
    """
    import matplotlib  # noqa: PLC0415 - optional extra

    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {
            "CreationDate": None,
            "ModDate": None,
            "Producer": None,
            "Creator": None,
        },
    }[format]
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": _SALT, "svg.fonttype": "path"}):
        figure.savefig(buffer, format=format, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def _save(
    figure: Figure, path: str | os.PathLike[str] | None, kind: str | None, dpi: float
) -> None:
    if path is not None and kind is not None:
        write_atomically(
            Path(os.fspath(path)), figure_bytes(figure, kind, dpi), overwrite=True
        )


def _new_figure(
    ax: Axes | None, size: tuple[float, float], dpi: float
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
    figure = Figure(figsize=size, dpi=dpi, layout="constrained")
    return figure, figure.add_subplot()


# -- the ecology -------------------------------------------------------------------------


def _ecology_size(extent: tuple[float, float, float, float]) -> tuple[float, float]:
    """Figure size for a layout: 8 inches wide, as tall as its cells need."""
    x0, y0, x1, y1 = extent
    width = 8.0
    ratio = (y1 - y0) / (x1 - x0) if x1 > x0 else 1.0
    return width, min(14.0, max(4.5, (width - 0.4) * ratio + 1.6))


def _legend_handles(lang: Lang) -> list[Any]:
    from matplotlib.lines import Line2D  # noqa: PLC0415 - optional extra

    def marker(shape: str, face: str, label: str) -> Line2D:
        return Line2D(
            [],
            [],
            marker=shape,
            linestyle="",
            markerfacecolor=face,
            markeredgecolor=_OUTLINE,
            markersize=8,
            label=label,
        )

    handles: list[Any] = [
        marker("o", ECOLOGY_COLOURS[sphere], sphere.label(lang)) for sphere in Sphere
    ]
    handles += [
        marker("o", _KIND_FACE, ActorKind.PERSON.label(lang)),
        marker("s", _KIND_FACE, ActorKind.ORGANISATION.label(lang)),
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
    return handles


def draw_ecology(
    graph: EcologyGraph,
    *,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
    seed: int = 0,
    dpi: float = DEFAULT_DPI,
    lang: Lang = "en",
    labels: bool = True,
    with_labels: bool | None = None,
) -> Figure:
    """Draw the ecology in the colours of Boivin et al. (2022), figure 2.

    Each connected group of actors is placed by its own spring layout
    (seeded, so the drawing is reproducible), the groups on a grid, largest
    first; persons are circles, organisations squares. Each pair of related
    actors is drawn once, with a width growing with the number of relations
    between them (all relations of a pair share one type, as types follow
    from the two actors). The legend, under the drawing, names the spheres,
    the two kinds of actor and the relation types in *lang*.

    **Labels.** An actor is labelled with its label, or its id, shortened to
    24 characters (a name ending with an acronym in parentheses becomes the
    acronym). Labels never overlap an actor, another label or the legend, and
    never run off the drawing: they are placed one at a time, organisations
    first, then persons from the most connected, each at the first of eight
    positions around its actor where it fits. When the drawing is crowded,
    the labels that find no room (those of the least connected actors) are
    left out, and a note above the drawing says how many.

    Args:
        graph: The ecology.
        ax: Draw on these axes instead of a new figure.
        path: Save the figure there; the suffix picks the format (``.png``,
            ``.svg`` or ``.pdf``).
        seed: Seed of the layout (an int from 0 to 2**32 - 1).
        dpi: Resolution of the new figure and of a saved PNG, in dots per
            inch (10 to :data:`MAX_DPI`).
        lang: A language tag: ``"en"``, ``"fr"``, ``"fr-FR"`` or ``"fr-CA"``.
        labels: Whether to label the actors.
        with_labels: Deprecated name of *labels*.

    Returns:
        The matplotlib figure.

    Raises:
        RecordTypeError: *graph* is not an EcologyGraph, or an argument has
            the wrong type.
        InvalidRecordError: *path* has no suffix of :data:`FIGURE_FORMATS`
            (code ``"figure_format"``), or *seed* or *dpi* is out of range.
        ImportError: matplotlib is not installed.

    .. versionchanged:: 0.1.0
       *dpi* added; *with_labels* renamed *labels*; labels placed without
       overlap; a legend entry for persons and organisations.
    """
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    lang = locale(lang).tag
    seed = _check_seed(seed)
    resolution = _check_dpi(dpi)
    labelled = _check_labels(labels, with_labels)
    format = None if path is None else figure_format(path)  # noqa: A001

    actors = {actor.id: actor for actor in sorted(graph.actors(), key=_actor_id)}
    widths: dict[tuple[str, str], int] = {}
    colours: dict[tuple[str, str], str] = {}
    for item in graph.relations():
        pair = (min(item.source, item.target), max(item.source, item.target))
        widths[pair] = widths.get(pair, 0) + 1
        if item.primary is RelationType.BONDING:
            colours[pair] = ECOLOGY_COLOURS[actors[item.source].sphere]
        else:
            colours[pair] = ECOLOGY_COLOURS[item.primary]
    pairs = sorted(widths)
    placed = _plot_layout.layout(
        _plot_layout.components(list(actors), pairs), pairs, seed
    )
    position = placed.position
    figure, axes = _new_figure(ax, _ecology_size(placed.extent), resolution)
    small = len(actors) <= _SMALL_GRAPH
    node_size = 300.0 if small else 150.0
    _draw_network(
        axes,
        actors=actors,
        pairs=pairs,
        widths=widths,
        colours=colours,
        position=position,
        node_size=node_size,
    )
    x0, y0, x1, y1 = placed.extent
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    axes.set_aspect("equal", adjustable="box")
    axes.set_axis_off()
    title = axes.set_title(message("plotting.ecology", lang))
    legend = axes.legend(
        handles=_legend_handles(lang),
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=4,
        fontsize=7,
        frameon=False,
    )
    note = None
    if labelled and actors:
        degree = dict.fromkeys(actors, 0)
        for source, target in pairs:
            degree[source] += 1
            degree[target] += 1
        order = sorted(
            actors.values(),
            key=lambda a: (a.kind is not ActorKind.ORGANISATION, -degree[a.id], a.id),
        )
        # The note is written with its longest text first, so that the layout
        # keeps room for it whatever the count turns out to be.
        note = axes.set_title(
            message("plotting.labels_left_out", lang, count=len(actors)),
            loc="right",
            fontsize=_FONT_SIZE,
        )
        _, left_out = place_labels(
            figure,
            axes,
            [
                (position[a.id], short_label(a.label or a.id), placed.cell[a.id])
                for a in order
            ],
            radius=math.sqrt(node_size) / 2,
            font_size=_FONT_SIZE,
            reserved=(legend, title, note),
        )
        text = (
            message("plotting.labels_left_out", lang, count=left_out)
            if left_out
            else ""
        )
        note.set_text(text)
    _save(figure, path, format, resolution)
    return figure


def _actor_id(actor: Any) -> str:
    return str(actor.id)


def _draw_network(
    axes: Axes,
    *,
    actors: dict[str, Any],
    pairs: list[tuple[str, str]],
    widths: dict[tuple[str, str], int],
    colours: dict[tuple[str, str], str],
    position: dict[str, tuple[float, float]],
    node_size: float,
) -> None:
    """Relations, then actors (circles, squares), in sorted order."""
    from matplotlib.collections import LineCollection  # noqa: PLC0415

    if pairs:
        axes.add_collection(
            LineCollection(
                [(position[a], position[b]) for a, b in pairs],
                colors=[colours[p] for p in pairs],
                linewidths=[1.0 + 0.8 * (widths[p] - 1) for p in pairs],
                zorder=1,
            )
        )
    for kind, marker in ((ActorKind.PERSON, "o"), (ActorKind.ORGANISATION, "s")):
        members = [a for a in actors.values() if a.kind is kind]
        if members:
            axes.scatter(
                [position[a.id][0] for a in members],
                [position[a.id][1] for a in members],
                s=node_size,
                c=[ECOLOGY_COLOURS[a.sphere] for a in members],
                marker=marker,
                edgecolors=_OUTLINE,
                linewidths=1.0,
                zorder=2,
            )


# -- the Montreal matrix -----------------------------------------------------------------


def plot_matrix(
    matrix: EngagementMatrix,
    *,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
    dpi: float = DEFAULT_DPI,
    lang: Lang = "en",
) -> Figure:
    """Draw the Montreal matrix as a heat map with the counts in the cells.

    Rows are the levels (macro on top, as the model is usually drawn),
    columns the degrees (information to partnership), both labelled in
    *lang*; the colour bar gives the number of engagements.

    Args:
        matrix: An :class:`~partnership_model.EngagementMatrix`.
        ax: Draw on these axes instead of a new figure.
        path: Save the figure there; the suffix picks the format (``.png``,
            ``.svg`` or ``.pdf``).
        dpi: Resolution of the new figure and of a saved PNG, in dots per
            inch (10 to :data:`MAX_DPI`).
        lang: A language tag: ``"en"``, ``"fr"``, ``"fr-FR"`` or ``"fr-CA"``.

    Returns:
        The matplotlib figure.

    Raises:
        RecordTypeError: *matrix* is not an EngagementMatrix.
        InvalidRecordError: *path* has no suffix of :data:`FIGURE_FORMATS`
            (code ``"figure_format"``), or *dpi* is out of range.
        ImportError: matplotlib is not installed.

    .. versionchanged:: 0.1.0
       *dpi* added.
    """
    if not isinstance(matrix, EngagementMatrix):
        raise RecordTypeError("matrix", matrix, "expected an EngagementMatrix")
    lang = locale(lang).tag
    resolution = _check_dpi(dpi)
    format = None if path is None else figure_format(path)  # noqa: A001
    figure, axes = _new_figure(ax, (8.0, 4.5), resolution)
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
    _save(figure, path, format, resolution)
    return figure
