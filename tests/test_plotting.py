"""Tests of partnership_model.plotting (skipped without matplotlib)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
from itertools import combinations
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
from partnership_model._messages import message  # noqa: E402
from partnership_model._plot_labels import LABEL_LIMIT, short_label  # noqa: E402
from partnership_model.cli import main  # noqa: E402
from partnership_model.ecology import Actor, EcologyGraph  # noqa: E402
from partnership_model.examples import load_register  # noqa: E402
from partnership_model.exceptions import (  # noqa: E402
    InvalidRecordError,
    RecordTypeError,
)
from partnership_model.plotting import (  # noqa: E402
    ECOLOGY_COLOURS,
    FIGURE_FORMATS,
    draw_ecology,
    figure_bytes,
    figure_format,
    plot_matrix,
)
from partnership_model.serialization import write_json  # noqa: E402


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
        ecology(), path=tmp_path / "ecology.svg", lang="fr", labels=False
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


# -- legend, labels ------------------------------------------------------------------


def test_the_legend_names_persons_and_organisations() -> None:
    """Circles are persons, squares organisations: the legend says so, in French too."""
    for lang in ("en", "fr"):
        legend = draw_ecology(ecology(), lang=lang).axes[0].get_legend()
        assert legend is not None
        entries = {
            text.get_text(): handle
            for text, handle in zip(
                legend.get_texts(), legend.legend_handles, strict=True
            )
        }
        person = entries[ActorKind.PERSON.label(lang)]
        organisation = entries[ActorKind.ORGANISATION.label(lang)]
        assert person.get_marker() == "o"  # type: ignore[union-attr]
        assert organisation.get_marker() == "s"  # type: ignore[union-attr]


def _example_figure(**options: object) -> Figure:
    graph = EcologyGraph.from_engagements(load_register())
    return draw_ecology(graph, **options)  # type: ignore[arg-type]


def test_labels_of_the_example_actors_neither_overlap_nor_leave_the_drawing() -> None:
    """Every label drawn is clear of the others, of every actor and of the edges.

    Boxes are measured with the figure's renderer, as a reader sees them;
    the labels left out are counted in the note above the drawing.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    figure = _example_figure()
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    figure.draw(renderer)
    (axes,) = figure.axes
    boxes = [text.get_window_extent(renderer) for text in axes.texts]
    assert all(not a.overlaps(b) for a, b in combinations(boxes, 2))
    frame = axes.get_window_extent(renderer)
    page = figure.bbox
    for box in boxes:
        # Inside the drawing, and so inside the figure.
        assert tuple(Bbox.union([box, frame]).extents) == tuple(frame.extents)
        assert tuple(Bbox.union([box, page]).extents) == tuple(page.extents)
    # No label covers an actor's marker.
    radius = max(
        float(np.sqrt(size)) / 2 * figure.dpi / 72
        for c in axes.collections
        if isinstance(c, PathCollection)
        for size in c.get_sizes()
    )
    centres = [
        axes.transData.transform(offset)
        for c in axes.collections
        if isinstance(c, PathCollection)
        for offset in np.asarray(c.get_offsets())
    ]
    actors = EcologyGraph.from_engagements(load_register()).number_of_actors
    assert len(centres) == actors
    for box in boxes:
        for x, y in centres:
            assert not (
                box.x0 < x + radius
                and x - radius < box.x1
                and box.y0 < y + radius
                and y - radius < box.y1
            )
    legend = axes.get_legend()
    assert legend is not None
    assert all(not box.overlaps(legend.get_window_extent(renderer)) for box in boxes)
    # Measured on the 71 actors of the first example register: 70 labelled;
    # at least five in six must stay labelled.
    left_out = actors - len(boxes)
    assert len(boxes) >= actors * 5 // 6
    expected = (
        message("plotting.labels_left_out", "en", count=left_out) if left_out else ""
    )
    assert axes.get_title(loc="right") == expected
    assert all(len(text.get_text()) <= LABEL_LIMIT for text in axes.texts)
    # Organisations are labelled first, shortened to their acronym.
    labels = {text.get_text() for text in axes.texts}
    assert {"CI3P", "CN2R", "Oncopole"} <= labels


def test_no_labels_and_the_deprecated_with_labels() -> None:
    assert len(draw_ecology(ecology()).axes[0].texts) == 6
    figure = draw_ecology(ecology(), labels=False)
    assert len(figure.axes[0].texts) == 0
    with pytest.warns(DeprecationWarning, match="labels="):
        figure = draw_ecology(ecology(), with_labels=False)
    assert len(figure.axes[0].texts) == 0
    with pytest.raises(RecordTypeError):
        draw_ecology(ecology(), labels="yes")  # type: ignore[arg-type]


def test_hostile_labels_are_drawn_as_plain_text() -> None:
    """A dollar sign is not mathtext, a line break is a space, a long name is cut."""
    graph = EcologyGraph(
        actors=[
            Actor.from_role("p1", Role.PATIENT, label="$\\frac{1}{0$ fonds"),
            Actor.from_role("p2", Role.PATIENT, label="Line one\nline two"),
            Actor.from_role("p3", Role.CLINICIAN, label="x" * 500),
        ],
        relations=[("p1", "p2"), ("p2", "p3")],
    )
    figure = draw_ecology(graph)
    figure_bytes(figure, "png", 50)  # drawing must not fail
    texts = {text.get_text() for text in figure.axes[0].texts}
    assert "$\\frac{1}{0$ fonds" in texts
    assert "Line one line two" in texts
    assert len(max(texts, key=len)) == LABEL_LIMIT


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Hospices civils de Lyon", "Hospices civils de Lyon"),
        (
            "Centre d'innovation du partenariat avec les patients et le public (CI3P)",
            "CI3P",
        ),
        ("Plateforme Patients partenaires des HUG", "Plateforme Patients…"),
        ("cn2r-community-member-1-with-a-long-tail", "cn2r-community-m…ng-tail"),
        ("Unbreakablenamewithoutanyspaceatall andmore", "Unbreakablenamewithouta…"),
        ("  spaced\t\tout  ", "spaced out"),
    ],
)
def test_short_labels(text: str, short: str) -> None:
    """Acronyms, whole words, or the start and end of an id; one line."""
    assert short_label(text) == short
    assert len(short_label(text)) <= LABEL_LIMIT


# -- reproducible files, seed, dpi, formats --------------------------------------------

_SCRIPT = """
import sys
from partnership_model import EcologyGraph, EngagementMatrix
from partnership_model.examples import load_register
from partnership_model.plotting import draw_ecology, figure_bytes, plot_matrix

register = load_register()
graph = EcologyGraph.from_engagements(register)
out = sys.argv[1]
figure = draw_ecology(graph, path=f"{out}/ecology.png", lang="fr")
for suffix in ("svg", "pdf"):
    with open(f"{out}/ecology.{suffix}", "wb") as file:
        file.write(figure_bytes(figure, suffix, 100))
draw_ecology(graph, path=f"{out}/seeded.png", seed=7, dpi=60, labels=False)
plot_matrix(EngagementMatrix.from_engagements(register), path=f"{out}/matrix.svg")
"""


def test_the_same_input_writes_the_same_bytes_whatever_the_hash_seed(
    tmp_path: Path,
) -> None:
    """Two processes with different PYTHONHASHSEED write identical files."""
    outputs = []
    for hash_seed in ("1", "2"):
        folder = tmp_path / hash_seed
        folder.mkdir()
        completed = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", textwrap.dedent(_SCRIPT), str(folder)],
            capture_output=True,
            check=False,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert completed.returncode == 0, completed.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert sorted(outputs[0]) == [
        "ecology.pdf",
        "ecology.png",
        "ecology.svg",
        "matrix.svg",
        "seeded.png",
    ]
    assert outputs[0] == outputs[1]
    assert b"<dc:date>" not in outputs[0]["ecology.svg"]
    assert b"Software" not in outputs[0]["ecology.png"]
    assert b"CreationDate" not in outputs[0]["ecology.pdf"]
    assert outputs[0]["seeded.png"] != outputs[0]["ecology.png"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_seed_moves_the_actors_and_dpi_scales_the_pixels() -> None:
    first = figure_bytes(draw_ecology(ecology(), seed=1, dpi=50), "png", 50)
    again = figure_bytes(draw_ecology(ecology(), seed=1, dpi=50), "png", 50)
    other = figure_bytes(draw_ecology(ecology(), seed=2, dpi=50), "png", 50)
    assert first == again
    assert first != other
    small = _png_size(
        figure_bytes(
            plot_matrix(EngagementMatrix.from_engagements([]), dpi=50), "png", 50
        )
    )
    large = _png_size(
        figure_bytes(
            plot_matrix(EngagementMatrix.from_engagements([]), dpi=100), "png", 100
        )
    )
    assert large == (2 * small[0], 2 * small[1])
    assert large == (800, 450)  # 8 x 4.5 inches at 100 dpi


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"seed": -1}, InvalidRecordError),
        ({"seed": 2**32}, InvalidRecordError),
        ({"seed": 1.5}, RecordTypeError),
        ({"seed": True}, RecordTypeError),
        ({"dpi": 0}, InvalidRecordError),
        ({"dpi": float("nan")}, InvalidRecordError),
        ({"dpi": 5000}, InvalidRecordError),
        ({"dpi": "100"}, RecordTypeError),
    ],
)
def test_bad_seed_or_dpi_is_refused(options: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        draw_ecology(ecology(), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["x.txt", "noext", "x.png.bak", ".png", "x."])
def test_a_path_without_a_figure_suffix_is_refused(name: str, tmp_path: Path) -> None:
    """Never a file written elsewhere than asked (``noext`` is not ``noext.png``)."""
    with pytest.raises(InvalidRecordError, match=r"\.png, \.svg or \.pdf") as caught:
        draw_ecology(ecology(), path=tmp_path / name)
    assert caught.value.code == "figure_format"
    with pytest.raises(InvalidRecordError):
        plot_matrix(EngagementMatrix.from_engagements([]), path=tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_figure_format_ignores_case() -> None:
    assert [figure_format(f"a.{f.upper()}") for f in FIGURE_FORMATS] == list(
        FIGURE_FORMATS
    )


# -- the plot command ----------------------------------------------------------------


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "register.json"
    write_json(load_register(), path)
    return path


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--out", "x.txt"],
            "x.txt: the file name must end with the image format, one of .png, .svg, .pdf",
        ),
        (["--out", "noext"], "noext: the file name must end"),
        (["--out", "x.png", "--dpi", "5"], "--dpi"),
        (["--out", "x.png", "--matrix", "--seed", "1"], "--matrix"),
        (["--out", "x.png", "--matrix", "--no-labels"], "--matrix"),
    ],
)
def test_plot_usage_errors_exit_2_and_write_nothing(
    argv: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["plot", *argv]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("seed", ["-1", "x", "4294967296"])
def test_plot_refuses_a_bad_seed(seed: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["plot", "--out", "x.png", "--seed", seed])
    assert caught.value.code == 2
    assert "--seed" in capsys.readouterr().err


def test_plot_writes_exactly_where_asked(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The options reach the drawing; the line printed names the file written."""
    out = tmp_path / "Ecology.PNG"
    argv = [str(register_file), "--out", str(out), "--seed", "3", "--dpi", "40"]
    assert main(["plot", *argv]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Ecology.PNG",
        "register.json",
    ]
    graph = EcologyGraph.from_engagements(load_register())
    expected = figure_bytes(draw_ecology(graph, seed=3, dpi=40), "png", 40)
    assert out.read_bytes() == expected
    bare = tmp_path / "bare.svg"
    assert main(["plot", str(register_file), "--out", str(bare), "--no-labels"]) == 0
    assert bare.read_bytes() == figure_bytes(
        draw_ecology(graph, labels=False), "svg", 100
    )
    pdf = tmp_path / "matrix.pdf"
    assert main(["plot", "--matrix", "--lang", "fr", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
