"""Plots of the ecology over time (needs the ``plot`` extra).

* :func:`plot_series` draws a :class:`~partnership_model.timeline.TimeSeries`:
  the share of bonding, bridging and linking relations in each period, as
  stacked bars, with the number of relations above each bar.
* :func:`plot_waves` draws the ecology over two periods side by side, every
  actor at the same place in both panels, so that what appeared and what
  disappeared can be seen.

As in :mod:`partnership_model.plotting`, matplotlib is imported inside the
functions, figures are made without :mod:`matplotlib.pyplot`, and the colours
are those of figure 2 of Boivin et al. (2022, ``Boivin2022``). The drawings
are reproducible: the layout has a fixed seed, actors and relations are drawn
in sorted order (never in an order that depends on hashing), and a figure
saved through *path* embeds no date or software version, so two runs write
identical bytes (PNG and SVG; SVG element ids use a fixed salt).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from partnership_model._enums import Lang, check_lang
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import RecordTypeError
from partnership_model.plotting import ECOLOGY_COLOURS
from partnership_model.timeline import Period, TimeSeries
from partnership_model.vocabulary import ActorKind, RelationType, Sphere

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["SERIES_COLOURS", "plot_series", "plot_waves"]


def __dir__() -> list[str]:
    return __all__


SERIES_COLOURS: Final = {
    RelationType.BONDING: "#b7b7b7",
    RelationType.BRIDGING: ECOLOGY_COLOURS[RelationType.BRIDGING],
    RelationType.LINKING: ECOLOGY_COLOURS[RelationType.LINKING],
}
"""Colours of the relation types in :func:`plot_series`.

Bridging green and linking black as in figure 2 of ``Boivin2022``; bonding,
which the figure colours by sphere, is grey here because a bar mixes both
spheres.
"""

_ABSENT: Final = "#e6e6e6"

_TITLES: Final = {
    "en": {
        "series": "Relation types over time",
        "share": "Share of relations",
        "period": "Period",
        "count": "n = {count}",
        "waves": "The ecology in two periods",
        "wave": "{label}: {relations} relations, {actors} actors",
        "absent": "absent from this period",
        "bonding_of": "Bonding among {sphere}",
    },
    "fr": {
        "series": "Types de relations au fil du temps",
        "share": "Part des relations",
        "period": "Période",
        "count": "n = {count}",
        "waves": "L’écologie sur deux périodes",
        "wave": "{label} : {relations} relations, {actors} acteurs",
        "absent": "absent de cette période",
        "bonding_of": "Attachement entre {sphere}",
    },
}


def _figure(
    ax: Axes | None, size: tuple[float, float], panels: int = 1
) -> tuple[Figure, list[Axes]]:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra
    except ImportError as error:  # pragma: no cover - exercised without matplotlib
        msg = 'plotting needs matplotlib: pip install "partnership-model[plot]"'
        raise ImportError(msg) from error
    if ax is not None:
        figure = ax.get_figure()
        if figure is None:  # pragma: no cover - axes always belong to a figure
            msg = "the axes do not belong to a figure"
            raise ValueError(msg)
        return figure, [ax]  # type: ignore[return-value]
    figure = Figure(figsize=size, layout="constrained")
    return figure, list(figure.subplots(1, panels, squeeze=False)[0])


def _save(figure: Figure, path: str | os.PathLike[str]) -> None:
    """Save *figure* at *path* without a date or a software version in it.

    The suffix picks the format. PNG and SVG files written this way are the
    same bytes from one run to the next.
    """
    import matplotlib  # noqa: PLC0415 - optional extra

    suffix = Path(path).suffix.lower()
    metadata: dict[str, Any] = {}
    if suffix == ".png":
        metadata = {"Software": None}
    elif suffix == ".svg":
        metadata = {"Date": None, "Creator": None}
    elif suffix == ".pdf":
        metadata = {
            "CreationDate": None,
            "ModDate": None,
            "Producer": None,
            "Creator": None,
        }
    with matplotlib.rc_context({"svg.hashsalt": "partnership_model"}):
        figure.savefig(os.fspath(path), metadata=metadata)


def plot_series(
    series: TimeSeries,
    *,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
    lang: Lang = "en",
) -> Figure:
    """Draw the share of each relation type in each period, as stacked bars.

    Each bar is one period of *series*, in its order, labelled with the
    period's label; the number of relations is written above it. A period
    without relations has no bar (its shares are undefined), only ``n = 0``.

    Args:
        series: What :func:`~partnership_model.timeline.series` returns.
        ax: Draw on these axes instead of a new figure.
        path: Save the figure there (PNG, SVG...), reproducibly.
        lang: ``"en"`` or ``"fr"``.

    Returns:
        The matplotlib figure.

    Raises:
        RecordTypeError: *series* is not a TimeSeries.
        ImportError: matplotlib is not installed.

    .. versionadded:: 0.2.0
    """
    if not isinstance(series, TimeSeries):
        raise RecordTypeError("series", series, "expected a TimeSeries")
    lang = check_lang(lang)
    titles = _TITLES[lang]
    width = max(6.0, 0.45 * len(series) + 2.5)
    figure, (axes,) = _figure(ax, (width, 4.5))
    positions = list(range(len(series)))
    bottom = [0.0] * len(series)
    for kind in RelationType:
        heights = [s.shares[kind] or 0.0 for s in series]
        axes.bar(
            positions,
            heights,
            bottom=bottom,
            color=SERIES_COLOURS[kind],
            edgecolor="white",
            linewidth=0.5,
            label=kind.label(lang),
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for position, summary in zip(positions, series, strict=True):
        axes.text(
            position,
            1.02 if summary.relations else 0.02,
            titles["count"].format(count=summary.relations),
            ha="center",
            va="bottom",
            fontsize=7,
        )
    axes.set_xticks(
        positions, [s.period.label for s in series], rotation=45, ha="right"
    )
    axes.set_ylim(0, 1.12)
    axes.set_ylabel(titles["share"])
    axes.set_xlabel(titles["period"])
    axes.set_title(titles["series"])
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    if path is not None:
        _save(figure, path)
    return figure


def _period(value: object, field: str) -> Period:
    if type(value) is Period:
        return value
    if type(value) is tuple and len(value) == 3:
        return Period(label=value[0], start=value[1], end=value[2])
    raise RecordTypeError(
        field, value, "expected a Period or a (label, start, end) tuple"
    )


def _positions(
    pairs: list[tuple[str, str]], nodes: list[str], seed: int
) -> dict[str, Any]:
    import networkx as nx  # noqa: PLC0415 - only needed here

    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(pairs)
    return dict(nx.spring_layout(simple, seed=seed))


def _edge_colour(kind: RelationType, sphere: Sphere) -> str:
    if kind is RelationType.BONDING:
        return ECOLOGY_COLOURS[sphere]
    return ECOLOGY_COLOURS[kind]


def _legend(titles: dict[str, str], lang: Lang) -> list[Any]:
    from matplotlib.lines import Line2D  # noqa: PLC0415 - optional extra

    def marker(colour: str, edge: str, label: str) -> Line2D:
        return Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor=colour,
            markeredgecolor=edge,
            markersize=8,
            label=label,
        )

    handles: list[Any] = [
        marker(ECOLOGY_COLOURS[sphere], "#333333", sphere.label(lang))
        for sphere in Sphere
    ]
    handles.append(marker(_ABSENT, "#bbbbbb", titles["absent"]))
    handles += [
        Line2D(
            [],
            [],
            color=ECOLOGY_COLOURS[sphere],
            label=titles["bonding_of"].format(sphere=sphere.label(lang).lower()),
        )
        for sphere in Sphere
    ]
    handles += [
        Line2D([], [], color=ECOLOGY_COLOURS[kind], label=kind.label(lang))
        for kind in (RelationType.BRIDGING, RelationType.LINKING)
    ]
    return handles


def plot_waves(
    graph: EcologyGraph,
    first: Period | tuple[str, dt.date, dt.date],
    second: Period | tuple[str, dt.date, dt.date],
    *,
    path: str | os.PathLike[str] | None = None,
    seed: int = 0,
    lang: Lang = "en",
    with_labels: bool = False,
) -> Figure:
    """Draw the ecology over two periods side by side, each actor at one place.

    Each panel is ``graph.during(period.start, period.end)`` (the window rule
    of :mod:`partnership_model.timeline`). The actors of both periods are
    laid out once, by a spring layout of the relations of both (seeded), so
    an actor sits at the same place in the two panels; in each panel the
    actors absent from that period are drawn as pale outlines. Relations are
    coloured as in :func:`~partnership_model.plotting.draw_ecology`: bonding
    in the colour of the sphere, bridging green, linking black.

    Args:
        graph: The ecology.
        first: The first period (a :class:`~partnership_model.timeline.Period`
            or ``(label, start, end)``).
        second: The second period.
        path: Save the figure there (PNG, SVG...), reproducibly.
        seed: Seed of the layout.
        lang: ``"en"`` or ``"fr"``.
        with_labels: Write each actor's label (or id) next to it.

    Returns:
        The matplotlib figure.

    Raises:
        RecordTypeError: *graph* is not an ecology, or a period is malformed.
        ImportError: matplotlib is not installed.

    .. versionadded:: 0.2.0
    """
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    lang = check_lang(lang)
    titles = _TITLES[lang]
    periods = [_period(first, "first"), _period(second, "second")]
    slices = [graph.during(p.start, p.end) for p in periods]
    figure, panels = _figure(None, (12.0, 5.5), panels=2)
    import networkx as nx  # noqa: PLC0415 - only needed here

    actors = {a.id: a for part in slices for a in part.actors()}
    nodes = sorted(actors)
    pair_types: list[dict[tuple[str, str], RelationType]] = []
    for part in slices:
        types: dict[tuple[str, str], RelationType] = {}
        for item in part.relations():
            pair = (min(item.source, item.target), max(item.source, item.target))
            types[pair] = item.primary
        pair_types.append(types)
    union = sorted({pair for types in pair_types for pair in types})
    position = _positions(union, nodes, seed)
    for axes, period, part, types in zip(
        panels, periods, slices, pair_types, strict=True
    ):
        present = sorted(a.id for a in part.actors())
        absent = [n for n in nodes if n not in set(present)]
        pairs = sorted(types)
        canvas: nx.Graph[str] = nx.Graph()
        canvas.add_nodes_from(nodes)
        canvas.add_edges_from(pairs)
        nx.draw_networkx_edges(
            canvas,
            position,
            edgelist=pairs,
            edge_color=[_edge_colour(types[p], actors[p[0]].sphere) for p in pairs],
            width=1.2,
            ax=axes,
        )
        if absent:
            nx.draw_networkx_nodes(
                canvas,
                position,
                nodelist=absent,
                node_color=_ABSENT,
                node_size=120,
                edgecolors="#bbbbbb",
                ax=axes,
            )
        for kind, marker in ((ActorKind.PERSON, "o"), (ActorKind.ORGANISATION, "s")):
            members = [n for n in present if actors[n].kind is kind]
            if members:
                nx.draw_networkx_nodes(
                    canvas,
                    position,
                    nodelist=members,
                    node_color=[ECOLOGY_COLOURS[actors[n].sphere] for n in members],
                    node_shape=marker,
                    node_size=160,
                    edgecolors="#333333",
                    ax=axes,
                )
        if with_labels and present:
            nx.draw_networkx_labels(
                canvas,
                position,
                labels={n: actors[n].label or n for n in present},
                font_size=7,
                ax=axes,
            )
        axes.set_title(
            titles["wave"].format(
                label=period.label,
                relations=part.number_of_relations,
                actors=part.number_of_actors,
            ),
            fontsize=10,
        )
        axes.set_axis_off()
    panels[-1].legend(
        handles=_legend(titles, lang),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
    )
    figure.suptitle(titles["waves"])
    if path is not None:
        _save(figure, path)
    return figure
