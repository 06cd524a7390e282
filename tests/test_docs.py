"""Tests of the documentation sources and generators, without building the docs.

The Sphinx build (``sphinx-build -n -W``) checks links and runs the examples;
these tests check coverage, fast:

* every name of ``partnership_model.__all__`` is documented by an ``automodule``
  (or explicit ``auto*``) directive of the API reference pages, and would be
  rendered there (autodoc skips members without documentation);
* the glossary generator covers every member of every vocabulary;
* the bibliography generator covers every key, and every key that is cited;
* the CLI, schema and API-index generators cover what they document.
"""

from __future__ import annotations

import argparse
import enum
import importlib
import importlib.util
import inspect
import re
import sys
import zlib
from collections.abc import Iterator, Mapping
from functools import cache
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sphinx.pycode import ModuleAnalyzer

import partnership_model
from partnership_model._enums import Vocabulary
from partnership_model.bibliography import BIBLIOGRAPHY

DOCS = Path(__file__).resolve().parent.parent / "docs"
API_PAGES = DOCS / "reference" / "api"


def _load_generator() -> ModuleType:
    """Import ``docs/_ext/pm_generate.py`` (the docs tree is not a package)."""
    name = "pm_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, DOCS / "_ext" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


GEN: Any = _load_generator()


# -- (1) every public name is in the API reference --------------------------------


_DIRECTIVE = re.compile(r"^\.\. (auto\w+|py:\w+):: *(\S+)\s*$")
_OPTION = re.compile(r"^\s+:([\w-]+):\s*(.*)$")


def _rst_blocks(markdown: str) -> Iterator[str]:
    """The bodies of the ``{eval-rst}`` blocks of a MyST page."""
    yield from re.findall(r"^```\{eval-rst\}\n(.*?)^```", markdown, re.M | re.S)


@cache
def _attribute_docs(module_name: str) -> frozenset[str]:
    """Module-level names that have a doc comment or docstring in the source."""
    docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
    return frozenset(name for (scope, name) in docs if scope == "")


def _rendered_by_automodule(module: ModuleType, name: str) -> bool:
    """Whether ``automodule`` with ``:members:`` (no undoc-members) renders *name*."""
    obj = getattr(module, name)
    if inspect.isclass(obj) or inspect.isroutine(obj):
        return bool(inspect.getdoc(obj))
    return name in _attribute_docs(module.__name__)


def documented_objects(pages: Mapping[str, str]) -> set[tuple[str, str]]:
    """``(module, name)`` pairs the API pages document, read from their directives.

    A small stand-in for the inventory Sphinx would build: ``automodule`` with
    members (the default here) documents the module's ``__all__`` minus
    ``:exclude-members:`` (and only members autodoc would render); explicit
    ``auto*`` and ``py:*`` directives document their object, in the module of
    the latest ``automodule``.
    """
    documented: set[tuple[str, str]] = set()
    for text in pages.values():
        for block in _rst_blocks(text):
            current: str | None = None
            lines = block.splitlines()
            for index, line in enumerate(lines):
                match = _DIRECTIVE.match(line)
                if match is None:
                    continue
                directive, target = match.groups()
                options: dict[str, str] = {}
                for option_line in lines[index + 1 :]:
                    option = _OPTION.match(option_line)
                    if option is None:
                        break
                    options[option[1]] = option[2]
                if directive == "automodule":
                    current = target
                    if "no-members" in options:
                        continue
                    module = importlib.import_module(target)
                    excluded = {
                        n.strip()
                        for n in options.get("exclude-members", "").split(",")
                        if n.strip()
                    }
                    documented.update(
                        (target, name)
                        for name in getattr(module, "__all__", ())
                        if name not in excluded
                        and _rendered_by_automodule(module, name)
                    )
                elif directive.startswith(("auto", "py:")) and directive != "py:module":
                    module_name, _, name = target.rpartition(".")
                    if not module_name:
                        if current is None:
                            continue
                        module_name = current
                    documented.add((module_name, name))
    return documented


def missing_public_names(pages: Mapping[str, str]) -> list[str]:
    """Names of ``partnership_model.__all__`` that no API page documents."""
    documented = documented_objects(pages)
    missing = []
    for name in partnership_model.__all__:
        obj = getattr(partnership_model, name)
        found = ("partnership_model", name) in documented or any(
            documented_name == name
            and getattr(importlib.import_module(module_name), name, None) is obj
            for module_name, documented_name in documented
        )
        if not found:
            missing.append(name)
    return missing


def _api_pages() -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(API_PAGES.glob("*.md"))
    }


def test_every_public_name_is_in_the_api_reference() -> None:
    assert missing_public_names(_api_pages()) == []


def test_the_coverage_check_notices_a_missing_page() -> None:
    pages = _api_pages()
    del pages["privacy.md"]

    assert missing_public_names(pages) == ["pseudonymize"]


def test_the_coverage_check_notices_an_excluded_member() -> None:
    pages = _api_pages()
    pages["records.md"] = pages["records.md"].replace(
        ".. automodule:: partnership_model.records",
        ".. automodule:: partnership_model.records\n   :exclude-members: Register",
    )

    assert missing_public_names(pages) == ["Register"]


def test_the_coverage_check_notices_an_undocumented_constant() -> None:
    pages = {"package.md": "```{eval-rst}\n.. automodule:: partnership_model\n```\n"}

    assert "__version__" in missing_public_names(pages)


def test_every_public_module_has_an_api_page() -> None:
    modules = {module for module, _ in documented_objects(_api_pages())}
    text = "\n".join(_api_pages().values())

    for module in GEN.PUBLIC_MODULES:
        assert f".. automodule:: {module}\n" in text, module
    assert set(GEN.PUBLIC_MODULES) <= modules | {"partnership_model.cli"}


def test_public_modules_are_every_non_underscore_module() -> None:
    package = Path(partnership_model.__file__).parent
    on_disk = {
        f"partnership_model.{path.stem}"
        for path in package.glob("*.py")
        if not path.stem.startswith("_")
    }

    assert set(GEN.PUBLIC_MODULES) == on_disk


def test_the_api_index_lists_every_public_name() -> None:
    index = GEN.api_index_markdown()

    for name in partnership_model.__all__:
        assert f"`{name} <" in index, name


def test_public_locations_point_at_the_defining_module() -> None:
    locations = GEN.public_locations()

    assert locations["Register"] == "partnership_model.records"
    assert locations["SCHEMA_VERSION"] == "partnership_model.records"
    assert locations["EcologyGraph"] == "partnership_model.ecology"
    assert locations["__version__"] == "partnership_model"
    assert set(locations) == set(partnership_model.__all__)


# -- (2) the glossary covers every member of every vocabulary ----------------------


def _vocabularies_in_public_modules() -> set[type[enum.Enum]]:
    found: set[type[enum.Enum]] = set()
    for module_name in GEN.PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if (
                inspect.isclass(obj)
                and issubclass(obj, Vocabulary)
                and len(obj.__members__) > 0
            ):
                found.add(obj)
    return found


def test_the_glossary_covers_every_vocabulary() -> None:
    expected = _vocabularies_in_public_modules()

    assert set(GEN.glossary_vocabularies()) == expected
    assert len(GEN.glossary_vocabularies()) == len(expected)


@pytest.mark.parametrize(
    "vocabulary",
    sorted(_vocabularies_in_public_modules(), key=attrgetter("__name__")),
    ids=lambda v: getattr(v, "__name__", repr(v)),
)
def test_the_glossary_covers_every_member(vocabulary: type[Vocabulary]) -> None:
    glossary = GEN.glossary_markdown()
    section = GEN.vocabulary_markdown(vocabulary)

    assert section in glossary
    assert f"({GEN.glossary_label(vocabulary)})=" in section
    for member in vocabulary:
        term = member.term
        assert f"({GEN.glossary_label(vocabulary, member)})=" in section
        assert f"`{member.value}`" in section
        for text in (
            member.label("en"),
            member.label("fr"),
            member.definition("en"),
            member.definition("fr"),
        ):
            assert GEN.escape(text) in section, (member, text)
        for key in term.sources:
            assert f"<{GEN.bib_label(key)}>" in section


def test_the_glossary_flags_interpretive_terms() -> None:
    from partnership_model import EngagementDegree

    section = GEN.vocabulary_markdown(EngagementDegree)
    rows = section.split("\n* - ")[2:]  # after the header row

    flags = ["yes / oui" in row for row in rows]
    assert flags == [member.interpretive for member in EngagementDegree]


# -- (3) the bibliography covers every key ------------------------------------------


def test_the_bibliography_covers_every_key() -> None:
    page = GEN.bibliography_markdown()

    assert GEN.bibliography_keys() == sorted(BIBLIOGRAPHY, key=str.casefold)
    for key, ref in BIBLIOGRAPHY.items():
        assert f"({GEN.bib_label(key)})=" in page, key
        assert f"```{{rubric}} {key}\n" in page, key
        assert GEN.escape(ref.title.rstrip(".")) in page, key
        if ref.doi:
            assert f"(https://doi.org/{ref.doi})" in page, key
        if ref.url:
            assert f"<{ref.url}>" in page, key
        if ref.note:
            assert GEN.escape(ref.note) in page, key


def test_every_cited_key_is_in_the_bibliography() -> None:
    assert GEN.cited_keys() <= set(BIBLIOGRAPHY)


def test_bibliography_labels_are_unique() -> None:
    labels = [GEN.bib_label(key) for key in BIBLIOGRAPHY]

    assert len(set(labels)) == len(labels)


def test_the_bibliography_refuses_a_cited_key_it_does_not_hold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(GEN, "cited_keys", lambda: {"Nobody1999"})

    with pytest.raises(KeyError, match="Nobody1999"):
        GEN.bibliography_markdown()


# -- other generators ---------------------------------------------------------------


def test_the_cli_reference_covers_every_command_and_option() -> None:
    from partnership_model.cli import build_parser

    page = GEN.cli_markdown()
    commands = GEN.cli_commands()

    subparsers = _subparsers(build_parser())
    assert commands == list(subparsers)
    assert {"report", "validate", "convert"} <= set(commands)
    for command in commands:
        assert f"## `partnership-model {command}`" in page
    for sub in subparsers.values():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            for option in action.option_strings:
                assert f"`{option}" in page, option


def _subparsers(parser: Any) -> dict[str, Any]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_there_is_a_schema_page_per_shipped_schema() -> None:
    from partnership_model.schema import shipped_schema_path

    directory = shipped_schema_path("register").parent
    shipped = {
        p.name.removesuffix(".schema.json") for p in directory.glob("*.schema.json")
    }

    assert shipped <= set(GEN.schema_names())
    pages = GEN.generated_pages()
    for name in GEN.schema_names():
        page = pages[f"schemas/{name}.md"]
        assert f"urn:partnership-model:schema:{name}:" in page


def test_schema_pages_describe_every_property() -> None:
    from partnership_model import Register
    from partnership_model.schema import json_schema

    page = GEN.schema_markdown("register")
    schema = json_schema(Register)

    for name in schema["properties"]:
        assert f"* - `{name}`" in page
    for definition_name, definition in schema["$defs"].items():
        assert f"### {definition_name}" in page
        for name in definition.get("properties", {}):
            assert f"* - `{name}`" in page


def test_inventories_are_valid_sphinx_inventories(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "pm_inventories", DOCS / "_ext" / "pm_inventories.py"
    )
    assert spec is not None
    assert spec.loader is not None
    inventories = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(inventories)

    mapping = inventories.write_inventories(tmp_path)

    assert set(mapping) == set(inventories.INVENTORIES)
    for name, (url, path) in mapping.items():
        assert url.startswith("https://")
        header, _, body = (
            Path(path)
            .read_bytes()
            .partition(b"# The remainder of this file is compressed using zlib.\n")
        )
        assert header.startswith(b"# Sphinx inventory version 2\n"), name
        lines = zlib.decompress(body).decode().splitlines()
        assert lines, name
        for line in lines:
            assert re.fullmatch(r"\S+ py:\w+ 1 \S+ -", line), line


# -- (6) the sensitivity table is computed, not written ----------------------------


def test_the_sensitivity_table_reports_each_reading_from_the_example_register() -> None:
    """Every named policy has a row whose counts are the library's, at build time."""
    from partnership_model import ClassificationPolicy, EcologyGraph, relation_counts
    from partnership_model.examples import load_register

    table = GEN.sensitivity_markdown()
    register = load_register()
    for name in ("default", "caption_reading", "legacy_1_0"):
        assert f"`{name}`" in table
        graph = EcologyGraph.from_engagements(
            register, policy=ClassificationPolicy.named(name)
        )
        counts = [str(n) for n in relation_counts(graph).values()]
        row = "\n".join(["  - " + c for c in [str(graph.number_of_relations), *counts]])
        assert row in table, name
    assert "report the policy" in table
    assert "tables/sensitivity.md" in GEN.generated_pages()
