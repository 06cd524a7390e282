"""Tests of partnership_model.plotting (skipped without matplotlib)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from partnership_model import (  # noqa: E402
    ActorKind,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    RelationType,
    Role,
    Sphere,
)
from partnership_model.ecology import Actor, EcologyGraph  # noqa: E402
from partnership_model.exceptions import RecordTypeError  # noqa: E402
from partnership_model.plotting import (  # noqa: E402
    ECOLOGY_COLOURS,
    draw_ecology,
    plot_matrix,
)


def ecology() -> EcologyGraph:
    """One relation of each type and both actor kinds."""
    return EcologyGraph(
        actors=[
            Actor.from_role("p1", Role.PATIENT, label="Émilie"),
            Actor.from_role("p2", Role.PATIENT),
            Actor.from_role("c1", Role.CLINICIAN),
            Actor.from_role("c2", Role.RESEARCHER),
            Actor.from_role("d1", Role.DECISION_MAKER),
            Actor.from_role(
                "t1", Role.THIRD_PARTY, kind=ActorKind.ORGANISATION, label="Tiers"
            ),
        ],
        relations=[
            ("p1", "p2"),
            ("c1", "c2"),
            ("p1", "c1"),
            ("c1", "d1"),
            ("c1", "d1"),
            ("t1", "p2"),
        ],
    )


def _colours(collection: object) -> set[str]:
    if isinstance(collection, PathCollection):
        rgba = collection.get_facecolor()
    else:
        assert isinstance(collection, LineCollection)
        rgba = collection.get_colors()
    return {
        "#" + "".join(f"{round(float(x) * 255):02x}" for x in c[:3])
        for c in np.atleast_2d(rgba)
    }


def test_draw_ecology_uses_the_colours_of_figure_2(tmp_path: Path) -> None:
    """Yellow community, blue professionals, green bridging, black linking."""
    figure = draw_ecology(ecology(), path=tmp_path / "ecology.png")
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    nodes = [c for c in axes.collections if isinstance(c, PathCollection)]
    edges = [c for c in axes.collections if isinstance(c, LineCollection)]
    node_colours = set().union(*(_colours(c) for c in nodes))
    assert {"#f2c500", "#1f6fb4"} == node_colours
    assert len(nodes) == 2  # circles for persons, squares for organisations
    edge_colours = set().union(*(_colours(c) for c in edges))
    assert {
        ECOLOGY_COLOURS[Sphere.COMMUNITY],
        ECOLOGY_COLOURS[Sphere.PROFESSIONAL],
        ECOLOGY_COLOURS[RelationType.BRIDGING],
        ECOLOGY_COLOURS[RelationType.LINKING],
    } == edge_colours
    widths = sorted(float(w) for c in edges for w in np.atleast_1d(c.get_linewidth()))
    assert widths[-1] > widths[0]  # the doubled relation is thicker
    assert (tmp_path / "ecology.png").read_bytes().startswith(b"\x89PNG")
    labels = {text.get_text() for text in axes.texts}
    assert {"Émilie", "Tiers", "p2"} <= labels


def test_draw_ecology_legend_is_bilingual(tmp_path: Path) -> None:
    """French labels in the legend and title; SVG output."""
    figure = draw_ecology(
        ecology(), path=tmp_path / "ecology.svg", lang="fr", with_labels=False
    )
    (axes,) = figure.axes
    legend = axes.get_legend()
    assert legend is not None
    entries = [text.get_text() for text in legend.get_texts()]
    assert "Membres de la communauté" in entries
    assert RelationType.BRIDGING.label("fr") in entries
    assert RelationType.LINKING.label("fr") in entries
    assert axes.get_title() == "Écologie de l'engagement"
    assert len(axes.texts) == 0
    assert b"<svg" in (tmp_path / "ecology.svg").read_bytes()[:500]


def test_draw_ecology_on_given_axes_and_empty_graphs() -> None:
    """Drawing on existing axes returns their figure; empty graphs draw."""
    figure = Figure()
    axes = figure.add_subplot()
    assert figure is draw_ecology(ecology(), ax=axes)
    assert isinstance(draw_ecology(EcologyGraph()), Figure)
    with pytest.raises(RecordTypeError):
        draw_ecology("graph")  # type: ignore[arg-type]


def test_plot_matrix_writes_counts_and_labels(tmp_path: Path) -> None:
    """Each cell shows its count; ticks are labelled in the chosen language."""
    counts = ((0, 1, 2, 3), (4, 5, 6, 7), (8, 9, 10, 11))
    matrix = EngagementMatrix(counts=counts, domain=EngagementDomain.RESEARCH)
    figure = plot_matrix(matrix, path=tmp_path / "matrix.png", lang="fr")
    axes = figure.axes[0]
    cells = {text.get_text() for text in axes.texts}
    assert {str(n) for row in counts for n in row} == cells
    assert [d.label("fr") for d in EngagementDegree] == [
        t.get_text() for t in axes.get_xticklabels()
    ]
    assert [level.label("fr") for level in reversed(EngagementLevel)] == [
        t.get_text() for t in axes.get_yticklabels()
    ]
    assert EngagementDomain.RESEARCH.label("fr") in axes.get_title()
    image = axes.images[0].get_array()
    assert image is not None
    assert image[0][3] == 11  # macro row on top, partnership column last
    assert (tmp_path / "matrix.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(RecordTypeError):
        plot_matrix(counts)  # type: ignore[arg-type]


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, the error says how to install it."""
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError, match=r'pip install "partnership-model\[plot\]"'):
        draw_ecology(ecology())


def test_core_import_does_not_import_matplotlib() -> None:
    """Importing the package, or its plotting module, leaves matplotlib alone."""
    code = (
        "import sys, partnership_model, partnership_model.plotting\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603


@pytest.mark.parametrize("lang", ["fr", "fr-CA"])
def test_french_titles_are_set_in_french_typography(lang: str) -> None:
    """Titles come from the message catalogue, with a no-break space before ':'."""
    matrix = EngagementMatrix.from_engagements([], domain=EngagementDomain.RESEARCH)
    axes = plot_matrix(matrix, lang=lang).axes[0]  # type: ignore[arg-type]
    assert axes.get_title() == (
        "Matrice de Montréal\u00a0: engagements par niveau et degré (Recherche)"
    )
    assert axes.get_xlabel() == "Degré"
    english = plot_matrix(EngagementMatrix.from_engagements([])).axes[0]
    assert english.get_title() == "Montreal matrix: engagements by level and degree"
