"""The example register over time, generated when the documentation is built.

:func:`time_markdown` writes the series of summary measures of the example
register's dated relations (one period per calendar year) and the comparison
of its first and last years; :func:`write_time_figures` draws them. Both read
:func:`partnership_model.examples.load_register`, so they follow its dates
(three of its cases are dated); should the register record fewer than two
years, the page says so and draws nothing.
"""

from __future__ import annotations

from pathlib import Path

from partnership_model import EcologyGraph
from partnership_model.examples import load_register
from partnership_model.timeline import TimeSeries, compare_periods, series
from partnership_model.vocabulary import RelationType

FIGURES = ("time-series.png", "time-waves.png")


def _series() -> tuple[EcologyGraph, TimeSeries]:
    graph = EcologyGraph.from_engagements(load_register())
    return graph, series(graph, "year")


def _cell(value: float | None, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def time_markdown() -> str:
    """The register's yearly series and its first-and-last-year comparison, as MyST."""
    graph, found = _series()
    dated = graph.number_of_relations - found.undated
    intro = (
        f"The example register's ecology has {graph.number_of_relations} relations, "
        f"{dated} of them dated and {found.undated} undated "
        "(kept out of every period and counted apart).\n"
    )
    if len(found) < 2:
        return (
            intro
            + "\nIts engagements record too few dates for a series of periods yet: "
            "the sources of most cases give no precise dates, and the register "
            "leaves them empty rather than invent them. This section fills in by "
            "itself when the register is recoded with dates.\n"
        )
    kinds = list(RelationType)
    header = (
        "| Year | Relations | "
        + " | ".join(f"{k.label('en')} (share)" for k in kinds)
        + " | E-I (sphere) | Actors | Brokers | Unlinked to public authority |"
    )
    rows = [header, "|" + "---|" * (len(kinds) + 6)]
    rows.extend(
        f"| {summary.period.label} | {summary.relations} | "
        + " | ".join(_cell(summary.shares[k], "{:.0%}") for k in kinds)
        + f" | {_cell(summary.ei_index, '{:+.2f}')} | {summary.actors} | "
        f"{len(summary.brokers)} | {len(summary.unlinked_to_public_authority)} |"
        for summary in found
    )
    first, last = found[0].period, found[-1].period
    change = compare_periods(graph, first, last)

    def moves(counts: dict[RelationType, int]) -> str:
        return (
            ", ".join(f"{n} {k.label('en').lower()}" for k, n in counts.items() if n)
            or "none"
        )

    return (
        intro
        + "\n"
        + "\n".join(rows)
        + "\n\n"
        + f"From {first.label} to {last.label}: relations gained: {moves(dict(change.gained))}; "
        f"lost: {moves(dict(change.lost))}; kept: {moves(dict(change.kept))}. "
        f"{_actors(len(change.became_brokers))} became brokers and "
        f"{len(change.stopped_brokering)} stopped brokering.\n\n"
        "```{figure} /_generated/figures/time-series.png\n"
        ":alt: Stacked bars of the share of each relation type, year by year.\n\n"
        "The example register's relation types, year by year.\n"
        "```\n\n"
        "```{figure} /_generated/figures/time-waves.png\n"
        ":alt: The example register's ecology in its first and last years, side by side.\n\n"
        f"The ecology in {first.label} and in {last.label}, each actor at the same place.\n"
        "```\n"
    )


def write_time_figures(directory: Path) -> list[Path]:
    """Draw the register's series and its first and last years (when dated)."""
    from partnership_model.plotting_time import (  # noqa: PLC0415 - needs matplotlib
        plot_series,
        plot_waves,
    )

    graph, found = _series()
    if len(found) < 2:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    series_path = directory / FIGURES[0]
    waves_path = directory / FIGURES[1]
    plot_series(found, path=series_path)
    plot_waves(graph, found[0].period, found[-1].period, path=waves_path)
    return [series_path, waves_path]


def _actors(count: int) -> str:
    """*count* actors, in English with its plural."""
    return f"{count} actor" if count == 1 else f"{count} actors"
