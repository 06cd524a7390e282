"""Small local intersphinx inventories, written at build time.

The documentation links to objects of other projects (the Python standard
library, networkx, attrs, cattrs, matplotlib, hypothesis, jsonschema, rdflib,
pandas). The
build machines have no network access, so instead of downloading each
project's ``objects.inv`` we write a small inventory per project, listing only
the objects these pages refer to, each mapped to its address in that
project's published documentation. :func:`write_inventories` returns the
``intersphinx_mapping`` that points Sphinx at those files.

To link to a new external object, add a line to :data:`INVENTORIES`; the
build fails (nitpicky mode) until you do.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import NamedTuple


class Entry(NamedTuple):
    """One object of an inventory."""

    name: str
    role: str  # "py:class", "py:function", "py:exception", "py:data"...
    uri: str  # relative to the project's base URL, anchor included


class Project(NamedTuple):
    """The published documentation of one project."""

    title: str
    version: str
    base_url: str
    entries: tuple[Entry, ...]


def _py(names: str, role: str, page: str, *, anchor_prefix: str = "") -> list[Entry]:
    """Entries whose anchor is their (prefixed) name on one page."""
    return [
        Entry(name, role, f"{page}#{anchor_prefix}{name}") for name in names.split()
    ]


def _python() -> tuple[Entry, ...]:
    entries: list[Entry] = []
    entries += _py(
        "Exception ValueError KeyError TypeError ImportError OSError "
        "RecursionError AttributeError LookupError ExceptionGroup "
        "Warning UserWarning DeprecationWarning",
        "py:exception",
        "library/exceptions.html",
    )
    entries += _py(
        "str bytes bytearray tuple list dict set frozenset memoryview",
        "py:class",
        "library/stdtypes.html",
    )
    entries += _py("int float bool object type", "py:class", "library/functions.html")
    entries += _py(
        "max min sorted callable repr isinstance len iter",
        "py:function",
        "library/functions.html",
    )
    entries += _py("None True False", "py:data", "library/constants.html")
    entries += _py(
        "enum.Enum enum.IntEnum enum.StrEnum", "py:class", "library/enum.html"
    )
    entries += _py("enum.unique", "py:function", "library/enum.html")
    entries += _py(
        "datetime.date datetime.datetime", "py:class", "library/datetime.html"
    )
    entries += _py(
        " ".join(
            f"collections.abc.{name}"
            for name in [
                "Iterable",
                "Iterator",
                "Mapping",
                "MutableMapping",
                "Sequence",
                "Callable",
                "Hashable",
                "Collection",
                "Set",
                "Generator",
            ]
        ),
        "py:class",
        "library/collections.abc.html",
    )
    entries += _py(
        "collections.Counter collections.OrderedDict",
        "py:class",
        "library/collections.html",
    )
    entries += _py(
        "typing.Any typing.Literal typing.Self typing.TypeAlias typing.Final "
        "typing.Optional typing.Union typing.ClassVar typing.Callable",
        "py:data",
        "library/typing.html",
    )
    entries += _py(
        "typing.Generic typing.TypeVar typing.IO typing.TextIO typing.BinaryIO "
        "typing.Protocol typing.NamedTuple",
        "py:class",
        "library/typing.html",
    )
    entries += _py("typing.overload", "py:function", "library/typing.html")
    entries += _py("os.PathLike", "py:class", "library/os.html")
    entries += _py("os.fspath", "py:function", "library/os.html")
    entries += _py("pathlib.Path", "py:class", "library/pathlib.html")
    entries += _py("io.StringIO io.BytesIO", "py:class", "library/io.html")
    entries += _py("argparse.ArgumentParser", "py:class", "library/argparse.html")
    entries += _py(
        "types.MappingProxyType types.ModuleType", "py:class", "library/types.html"
    )
    entries += _py("functools.cached_property", "py:class", "library/functools.html")
    entries += _py("warnings.warn", "py:function", "library/warnings.html")
    entries += _py("json.dumps json.loads", "py:function", "library/json.html")
    entries += _py("hmac.new", "py:function", "library/hmac.html")
    entries += [
        Entry(module, "py:module", f"library/{module}.html#module-{module}")
        for module in [
            "csv",
            "json",
            "enum",
            "datetime",
            "hmac",
            "hashlib",
            "warnings",
            "argparse",
            "io",
            "doctest",
            "tempfile",
            "typing",
            "collections.abc",
        ]
    ]
    return tuple(entries)


def _networkx() -> tuple[Entry, ...]:
    entries: list[Entry] = [
        Entry("networkx", "py:module", "index.html#module-networkx")
    ]
    for cls, page in (
        ("Graph", "graph"),
        ("DiGraph", "digraph"),
        ("MultiGraph", "multigraph"),
        ("MultiDiGraph", "multidigraph"),
    ):
        uri = f"reference/classes/{page}.html#networkx.{cls}"
        # Annotations resolve to the defining module's path.
        entries += [
            Entry(f"networkx.{cls}", "py:class", uri),
            Entry(f"networkx.classes.{page}.{cls}", "py:class", uri),
        ]
    for function, module, section in (
        ("read_graphml", "readwrite.graphml", "readwrite"),
        ("write_graphml", "readwrite.graphml", "readwrite"),
        ("read_gexf", "readwrite.gexf", "readwrite"),
        ("write_gexf", "readwrite.gexf", "readwrite"),
        ("node_link_data", "readwrite.json_graph", "readwrite"),
        ("node_link_graph", "readwrite.json_graph", "readwrite"),
        ("betweenness_centrality", "algorithms.centrality", "algorithms"),
        ("connected_components", "algorithms.components", "algorithms"),
    ):
        full = f"networkx.{module}.{function}"
        uri = f"reference/{section}/generated/{full}.html#{full}"
        entries += [
            Entry(f"networkx.{function}", "py:function", uri),
            Entry(full, "py:function", uri),
        ]
    entries.append(
        Entry(
            "networkx.spring_layout",
            "py:function",
            "reference/generated/networkx.drawing.layout.spring_layout.html"
            "#networkx.drawing.layout.spring_layout",
        )
    )
    return tuple(entries)


def _attrs() -> tuple[Entry, ...]:
    entries = _py(
        "attrs.evolve attrs.frozen attrs.define attrs.field attrs.fields "
        "attrs.asdict attrs.validators.instance_of",
        "py:function",
        "api.html",
    )
    entries += _py("attrs.Attribute attrs.Factory", "py:class", "api.html")
    entries += [Entry("attrs", "py:module", "api.html#module-attrs")]
    return tuple(entries)


def _cattrs() -> tuple[Entry, ...]:
    return (
        Entry("cattrs.Converter", "py:class", "cattrs.html#cattrs.Converter"),
        Entry(
            "cattrs.converters.Converter", "py:class", "cattrs.html#cattrs.Converter"
        ),
        Entry("cattrs", "py:module", "cattrs.html#module-cattrs"),
    )


def _matplotlib() -> tuple[Entry, ...]:
    figure = "api/_as_gen/matplotlib.figure.Figure.html#matplotlib.figure.Figure"
    axes = "api/_as_gen/matplotlib.axes.Axes.html#matplotlib.axes.Axes"
    return (
        Entry("matplotlib.figure.Figure", "py:class", figure),
        Entry("matplotlib.axes.Axes", "py:class", axes),
        Entry("matplotlib.axes._axes.Axes", "py:class", axes),
        Entry(
            "matplotlib.pyplot",
            "py:module",
            "api/pyplot_summary.html#module-matplotlib.pyplot",
        ),
        Entry(
            "matplotlib",
            "py:module",
            "api/matplotlib_configuration_api.html#module-matplotlib",
        ),
    )


def _hypothesis() -> tuple[Entry, ...]:
    strategies = "reference/strategies.html"
    search = f"{strategies}#hypothesis.strategies.SearchStrategy"
    return (
        Entry("hypothesis.strategies.SearchStrategy", "py:class", search),
        # Annotations resolve to the class's defining (private) module.
        Entry(
            "hypothesis.strategies._internal.strategies.SearchStrategy",
            "py:class",
            search,
        ),
        Entry(
            "hypothesis.strategies.DrawFn",
            "py:class",
            f"{strategies}#hypothesis.strategies.DrawFn",
        ),
        Entry(
            "hypothesis.strategies._internal.core.DrawFn",
            "py:class",
            f"{strategies}#hypothesis.strategies.DrawFn",
        ),
        Entry(
            "hypothesis.strategies.composite",
            "py:function",
            f"{strategies}#hypothesis.strategies.composite",
        ),
        Entry("hypothesis.given", "py:function", "reference/api.html#hypothesis.given"),
        Entry(
            "hypothesis.strategies",
            "py:module",
            f"{strategies}#module-hypothesis.strategies",
        ),
    )


def _jsonschema() -> tuple[Entry, ...]:
    page = "api/jsonschema/validators/index.html"
    return (
        Entry(
            "jsonschema.Draft202012Validator",
            "py:class",
            f"{page}#jsonschema.validators.Draft202012Validator",
        ),
        Entry(
            "jsonschema.validators.Draft202012Validator",
            "py:class",
            f"{page}#jsonschema.validators.Draft202012Validator",
        ),
        Entry("jsonschema", "py:module", "api/jsonschema/index.html#module-jsonschema"),
    )


def _rdflib() -> tuple[Entry, ...]:
    graph = "apidocs/rdflib.graph.html#rdflib.graph.Graph"
    return (
        Entry("rdflib.Graph", "py:class", graph),
        Entry("rdflib.graph.Graph", "py:class", graph),
        Entry("rdflib", "py:module", "apidocs/rdflib.html#module-rdflib"),
    )


def _pandas() -> tuple[Entry, ...]:
    return tuple(
        Entry(
            f"pandas.{name}",
            "py:class",
            f"reference/api/pandas.{name}.html#pandas.{name}",
        )
        for name in ("DataFrame", "Series", "Categorical")
    )


INVENTORIES: dict[str, Project] = {
    "python": Project("Python", "3.11", "https://docs.python.org/3.11/", _python()),
    "networkx": Project(
        "NetworkX", "3.6", "https://networkx.org/documentation/stable/", _networkx()
    ),
    "attrs": Project("attrs", "26.1", "https://www.attrs.org/en/stable/", _attrs()),
    "cattrs": Project("cattrs", "26.2", "https://catt.rs/en/stable/", _cattrs()),
    "matplotlib": Project(
        "Matplotlib", "3.11", "https://matplotlib.org/stable/", _matplotlib()
    ),
    "hypothesis": Project(
        "Hypothesis",
        "6",
        "https://hypothesis.readthedocs.io/en/latest/",
        _hypothesis(),
    ),
    "jsonschema": Project(
        "jsonschema",
        "4.26",
        "https://python-jsonschema.readthedocs.io/en/stable/",
        _jsonschema(),
    ),
    "rdflib": Project(
        "rdflib", "7.6", "https://rdflib.readthedocs.io/en/stable/", _rdflib()
    ),
    "pandas": Project("pandas", "3.1", "https://pandas.pydata.org/docs/", _pandas()),
}
"""The projects the documentation links to, and the objects it links to."""


def inventory_bytes(project: Project) -> bytes:
    """Return *project* as a Sphinx ``objects.inv`` (version 2) file."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project.title}\n"
        f"# Version: {project.version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    ).encode()
    lines = "".join(
        f"{entry.name} {entry.role} 1 {entry.uri} -\n"
        for entry in sorted(set(project.entries))
    )
    return header + zlib.compress(lines.encode())


def write_inventories(directory: Path) -> dict[str, tuple[str, str]]:
    """Write one ``<name>.inv`` per project; return the ``intersphinx_mapping``.

    Files are rewritten only when their content changes, so that Sphinx's
    inventory cache stays valid between builds.
    """
    directory.mkdir(parents=True, exist_ok=True)
    mapping: dict[str, tuple[str, str]] = {}
    for name, project in INVENTORIES.items():
        path = directory / f"{name}.inv"
        content = inventory_bytes(project)
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
        mapping[name] = (project.base_url, str(path))
    return mapping
