"""Tests of partnership_model.plotting_time (skipped without matplotlib)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from partnership_model.ecology import Actor, EcologyGraph, Relation  # noqa: E402
from partnership_model.exceptions import RecordTypeError  # noqa: E402
from partnership_model.plotting_time import (  # noqa: E402
    SERIES_COLOURS,
    plot_series,
    plot_waves,
)
from partnership_model.timeline import Period, series  # noqa: E402
from partnership_model.vocabulary import RelationType, Role  # noqa: E402

day = dt.date


def _ecology() -> EcologyGraph:
    return EcologyGraph(
        actors=[
            Actor.from_role("p1", Role.PATIENT, label="Émilie"),
            Actor.from_role("p2", Role.PATIENT),
            Actor.from_role("c1", Role.CLINICIAN),
            Actor.from_role("d1", Role.DECISION_MAKER),
        ],
        relations=[
            Relation(
                source="p1", target="p2", start=day(2019, 1, 1), end=day(2019, 12, 31)
            ),
            Relation(
                source="p1", target="c1", start=day(2019, 6, 1), end=day(2020, 6, 30)
            ),
            Relation(source="c1", target="d1", start=day(2021, 1, 1)),
        ],
    )


def _hex(rgba: Any) -> set[str]:
    return {
        "#" + "".join(f"{round(float(x) * 255):02x}" for x in c[:3])
        for c in np.atleast_2d(rgba)
    }


def test_plot_series_stacks_the_shares() -> None:
    found = series(_ecology(), "year")
    figure = plot_series(found)
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    bars: list[Any] = [c for c in axes.containers if isinstance(c, BarContainer)]
    assert len(bars) == len(RelationType)
    for kind, container in zip(RelationType, bars, strict=True):
        heights = [patch.get_height() for patch in container.patches]
        assert heights == pytest.approx([s.shares[kind] or 0.0 for s in found])
        assert _hex(container.patches[0].get_facecolor()) == {SERIES_COLOURS[kind]}
    tops = [sum(c.patches[i].get_height() for c in bars) for i in range(len(found))]
    # 2019 to 2021 have relations (shares sum to 1); none is empty here.
    assert tops == pytest.approx([1.0, 1.0, 1.0])
    labels = [t.get_text() for t in axes.get_xticklabels()]
    assert labels == ["2019", "2020", "2021"]
    assert "n = 2" in [t.get_text() for t in axes.texts]


def test_plot_series_shows_an_empty_period_without_a_bar() -> None:
    found = series(_ecology(), [("gap", day(2020, 7, 1), day(2020, 12, 31))])
    (axes,) = plot_series(found, lang="fr").axes
    bars: list[Any] = list(axes.containers)
    assert all(p.get_height() == 0 for c in bars for p in c.patches)
    assert [t.get_text() for t in axes.texts] == ["n = 0"]
    assert axes.get_title() == "Types de relations au fil du temps"


def test_plot_waves_keeps_each_actor_in_place() -> None:
    figure = plot_waves(
        _ecology(),
        ("2019", day(2019, 1, 1), day(2019, 12, 31)),
        Period(label="2021", start=day(2021, 1, 1), end=day(2021, 12, 31)),
        with_labels=True,
    )
    left, right = figure.axes
    assert left.get_title().startswith("2019: 2 relations, 3 actors")
    assert right.get_title().startswith("2021: 1 relations, 2 actors")

    def offsets(axes: Any) -> set[tuple[float, float]]:
        found: set[tuple[float, float]] = set()
        for collection in axes.collections:
            if isinstance(collection, PathCollection):
                points: Any = collection.get_offsets()
                found |= {(round(x, 9), round(y, 9)) for x, y in points}
        return found

    # The same four actors, at the same places, in both panels.
    assert offsets(left) == offsets(right)
    assert len(offsets(left)) == 4
    right_edges = [c for c in right.collections if isinstance(c, LineCollection)]
    assert _hex(right_edges[0].get_colors()) == {"#000000"}  # c1-d1 links


def test_plot_arguments_are_checked() -> None:
    with pytest.raises(RecordTypeError):
        plot_series("series")  # type: ignore[arg-type]
    with pytest.raises(RecordTypeError):
        plot_waves(
            "graph",  # type: ignore[arg-type]
            ("a", day(2020, 1, 1), day(2020, 1, 1)),
            ("b", day(2020, 1, 1), day(2020, 1, 1)),
        )
    with pytest.raises(RecordTypeError) as caught:
        plot_waves(
            _ecology(),
            ("a", day(2020, 1, 1)),  # type: ignore[arg-type]
            ("b", day(2020, 1, 1), day(2020, 1, 1)),
        )
    assert caught.value.field == "first"


_SCRIPT = """
import datetime as dt, sys
import matplotlib
matplotlib.use("Agg")
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.plotting_time import plot_series, plot_waves
from partnership_model.timeline import series
from partnership_model.vocabulary import Role

day = dt.date
actors = [Actor.from_role(f"a{i}", role) for i, role in enumerate(list(Role) * 2)]
relations = [
    Relation(source=f"a{i}", target=f"a{(i * 7 + 3) % len(actors)}",
             start=day(2018 + i % 4, 1 + i % 12, 1), end=day(2022, 12, 31))
    for i in range(len(actors)) if i != (i * 7 + 3) % len(actors)
]
graph = EcologyGraph(actors, relations)
out = sys.argv[1]
plot_series(series(graph, "year"), path=f"{out}/series.png")
plot_series(series(graph, "year"), path=f"{out}/series.svg")
plot_waves(graph, ("w1", day(2018, 1, 1), day(2019, 12, 31)),
           ("w2", day(2021, 1, 1), day(2021, 12, 31)), path=f"{out}/waves.png",
           with_labels=True)
plot_waves(graph, ("w1", day(2018, 1, 1), day(2019, 12, 31)),
           ("w2", day(2021, 1, 1), day(2021, 12, 31)), path=f"{out}/waves.svg")
"""


def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    """Fixed layout seed, sorted drawing order, no date: the same bytes every run.

    The two runs use different hash seeds, so an order that depends on
    hashing would show.
    """
    outputs = []
    for hash_seed in ("1", "2"):
        folder = tmp_path / hash_seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        completed = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", textwrap.dedent(_SCRIPT), str(folder)],
            capture_output=True,
            check=False,
            text=True,
            env=env,
        )
        assert completed.returncode == 0, completed.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert sorted(outputs[0]) == ["series.png", "series.svg", "waves.png", "waves.svg"]
    assert outputs[0] == outputs[1]
    assert b"<dc:date>" not in outputs[0]["waves.svg"]
    assert b"Software" not in outputs[0]["series.png"]
