"""Pages and figures generated from the package itself, so they cannot drift.

Each ``*_markdown`` function returns a MyST Markdown page (or fragment) built
from the library's own data: the vocabularies (bilingual glossary), the
bibliography, the JSON Schemas, the command-line parser and the public API.
:func:`write_all` writes them, and the figures drawn from the example register,
under ``docs/_generated/`` (git-ignored); the hand-written pages include them.

Nothing here needs Sphinx, so the tests import these functions directly
(``tests/test_docs.py``).
"""

from __future__ import annotations

import argparse
import enum
import importlib
import importlib.util
import inspect
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import partnership_model
from partnership_model import (
    EcologyGraph,
    EngagementMatrix,
    crosswalks,
    metrics,
)
from partnership_model._enums import OrderedVocabulary
from partnership_model._termfiles import terms_file
from partnership_model.assessment import RULES
from partnership_model.bibliography import BIBLIOGRAPHY
from partnership_model.cli import build_parser
from partnership_model.examples import load_register
from partnership_model.plotting import draw_ecology, plot_matrix
from partnership_model.schema import SCHEMA_FILES, schema_text, shipped_schema_path
from partnership_model.vocabulary import (
    PROPOSED_KNOWLEDGE_SOURCES,
    VOCABULARIES,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    ProjectPhase,
    RelationType,
    ResearchStage,
    Role,
)

# -- helpers -------------------------------------------------------------------------

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}<>|#$])")
# Runs of layout whitespace; the no-break spaces of French typography are kept.
_LAYOUT_SPACES = re.compile(r"[ \t\r\n]+")

#: The public modules of the package, in the order the API reference lists them.
PUBLIC_MODULES: tuple[str, ...] = (
    "partnership_model.vocabulary",
    "partnership_model.crosswalks",
    "partnership_model.skos",
    "partnership_model.terms_csv",
    "partnership_model.records",
    "partnership_model.dates",
    "partnership_model.matrix",
    "partnership_model.assessment",
    "partnership_model.checklists",
    "partnership_model.drafting",
    "partnership_model.draft_output",
    "partnership_model.ecology",
    "partnership_model.policy",
    "partnership_model.metrics",
    "partnership_model.significance",
    "partnership_model.ego",
    "partnership_model.timeline",
    "partnership_model.exchange",
    "partnership_model.dynamic_gexf",
    "partnership_model.serialization",
    "partnership_model.spreadsheet",
    "partnership_model.frames",
    "partnership_model.schema",
    "partnership_model.jsonld",
    "partnership_model.report",
    "partnership_model.privacy",
    "partnership_model.plotting",
    "partnership_model.plotting_time",
    "partnership_model.strategies",
    "partnership_model.examples",
    "partnership_model.bibliography",
    "partnership_model.exceptions",
    "partnership_model.cli",
)


def escape(text: str) -> str:
    """Escape *text* so that MyST renders it literally (no emphasis, no links).

    Line breaks and runs of spaces become one space; no-break spaces (French
    typography) are kept.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _LAYOUT_SPACES.sub(" ", text).strip())


def slug(text: str) -> str:
    """A label-safe, lowercase version of *text*."""
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-")


def bib_label(key: str) -> str:
    """The label of a bibliography entry (see :func:`bibliography_markdown`)."""
    return f"bib-{slug(key)}"


def glossary_label(vocabulary: type[enum.Enum], member: enum.Enum | None = None) -> str:
    """The label of a vocabulary section, or of one member, in the glossary."""
    base = f"glossary-{slug(vocabulary.__name__)}"
    return base if member is None else f"{base}-{slug(str(member.value))}"


def summary(obj: object) -> str:
    """The first paragraph of the docstring of *obj*, on one line."""
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


def _write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write *content* to *path* unless it is already there; return whether written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


# -- glossary ------------------------------------------------------------------------


class GlossaryGroup(NamedTuple):
    """A group of vocabularies the glossary presents together."""

    title: str
    intro: str
    vocabularies: tuple[type[enum.Enum], ...]


def glossary_groups() -> tuple[GlossaryGroup, ...]:
    """Every vocabulary the glossary covers, grouped as the page shows them.

    That is :data:`partnership_model.vocabulary.VOCABULARIES`, the brokerage
    roles of :mod:`partnership_model.metrics` and the terms of the other
    frameworks in :mod:`partnership_model.crosswalks`.
    """
    return (
        GlossaryGroup(
            "Montreal model and Ecology of Engagement",
            "The vocabularies records and graphs are built from "
            "({py:mod}`partnership_model.vocabulary`).",
            tuple(VOCABULARIES),
        ),
        GlossaryGroup(
            "Network measures",
            "The brokerage roles counted by "
            "{py:func}`~partnership_model.metrics.brokerage_roles`.",
            (metrics.BrokerageRole,),
        ),
        GlossaryGroup(
            "Other frameworks (crosswalks)",
            "The terms of the frameworks {py:mod}`partnership_model.crosswalks` "
            "maps the Montreal model to. The terms are those frameworks'; "
            "every correspondence with the Montreal model is this library's "
            "interpretation (see {doc}`/explanation/interpretive`).",
            (
                crosswalks.CarmanContinuum,
                crosswalks.CarmanLevel,
                crosswalks.IAP2Level,
                crosswalks.ArnsteinGroup,
                crosswalks.ArnsteinRung,
            ),
        ),
    )


def glossary_vocabularies() -> tuple[type[enum.Enum], ...]:
    """Every vocabulary the glossary covers, in page order."""
    return tuple(v for group in glossary_groups() for v in group.vocabularies)


def _sources_markdown(keys: Iterable[str]) -> str:
    return ", ".join(f"{{ref}}`{key} <{bib_label(key)}>`" for key in keys)


def _cell(first: str, *rest: str) -> list[str]:
    """The lines of one list-table cell (continuation lines indented)."""
    lines = [f"  - {first}"]
    for paragraph in rest:
        lines += ["", f"    {paragraph}"]
    return lines


def vocabulary_markdown(vocabulary: type[enum.Enum]) -> str:
    """The glossary section of one vocabulary: a bilingual table of its members.

    Labels and definitions are shown as :meth:`label` and :meth:`definition`
    return them (French in France's typography); the section names the data
    file a translator or reviewer edits to correct them.
    """
    name = vocabulary.__name__
    ordered = issubclass(vocabulary, OrderedVocabulary)
    kind = "ordered, weakest first" if ordered else "unordered"
    lines = [
        f"({glossary_label(vocabulary)})=",
        f"### {name}",
        "",
        (
            f"{{py:class}}`{vocabulary.__module__}.{name}` ({kind}). "
            f"{escape(summary(vocabulary))}"
        ),
        "",
        f"Data file: `src/partnership_model/data/{terms_file(vocabulary)}`.",
        "",
        ":::{list-table}",
        ":header-rows: 1",
        ":widths: 16 32 32 14 6",
        "",
        "* - Value",
        "  - English",
        "  - Français",
        "  - Sources",
        "  - Interpretive / interprétatif",
    ]
    for member in vocabulary:
        term: Any = member.term  # type: ignore[attr-defined]
        value = [f"({glossary_label(vocabulary, member)})=", f"`{member.value}`"]
        if term.aliases:
            value.append(
                "*Also read:* " + ", ".join(escape(alias) for alias in term.aliases)
            )
        lines.append(f"* - {value[0]}")
        lines.append(f"    {value[1]}")
        for extra in value[2:]:
            lines += ["", f"    {extra}"]
        proposed = set(term.proposed_labels)
        label_en = f"**{escape(term.label('en'))}**" + (
            " (our translation)" if "en" in proposed else ""
        )
        label_fr = f"**{escape(term.label('fr'))}**" + (
            " (traduction proposée)" if "fr" in proposed else ""
        )
        regional = [
            f"*{variant.tag} :* {escape(term.label(variant.tag))}"
            for variant in term.variants
            if variant.label is not None
        ]
        lines += _cell(label_en, escape(term.definition("en")))
        lines += _cell(label_fr, *regional, escape(term.definition("fr")))
        lines += _cell(_sources_markdown(term.sources))
        lines += _cell("yes / oui" if term.interpretive else "no / non")
    lines += [":::", ""]
    return "\n".join(lines)


def glossary_markdown() -> str:
    """The body of the bilingual glossary page, every vocabulary included."""
    parts: list[str] = []
    for group in glossary_groups():
        parts += [f"## {group.title}", "", group.intro, ""]
        parts += [vocabulary_markdown(v) for v in group.vocabularies]
    return "\n".join(parts)


# -- bibliography --------------------------------------------------------------------


def citing_vocabularies() -> dict[str, list[tuple[type[enum.Enum], int]]]:
    """For each bibliography key, the vocabularies citing it and how many terms do."""
    result: dict[str, list[tuple[type[enum.Enum], int]]] = {}
    for vocabulary in glossary_vocabularies():
        counts: dict[str, int] = {}
        for member in vocabulary:
            for key in member.term.sources:  # type: ignore[attr-defined]
                counts[key] = counts.get(key, 0) + 1
        for key, count in counts.items():
            result.setdefault(key, []).append((vocabulary, count))
    return result


def citing_rules() -> dict[str, list[str]]:
    """For each bibliography key, the codes of the assessment rules citing it."""
    result: dict[str, list[str]] = {}
    for rule in RULES:
        for key in rule.sources:
            result.setdefault(key, []).append(rule.code)
    return result


def cited_keys() -> set[str]:
    """Every key cited by a vocabulary term or an assessment rule."""
    return set(citing_vocabularies()) | set(citing_rules())


def reference_markdown(key: str) -> str:
    """The bibliography entry of one key: full reference, link, notes, citations."""
    ref = BIBLIOGRAPHY[key]
    year = f" ({ref.year})" if ref.year is not None else ""
    citation = f"{escape(ref.byline)}{year}. {escape(ref.title.rstrip('.'))}."
    if ref.container:
        tail = ""
        if ref.details:
            separator = ref.details_suffix.removesuffix(ref.details)
            tail = separator + escape(ref.details)
        citation += f" *{escape(ref.container)}*{tail}."
    elif ref.details:
        citation += f" {escape(ref.details)}."
    lines = [f"({bib_label(key)})=", f"```{{rubric}} {key}", "```", "", citation, ""]
    facts: list[str] = [f"**Kind:** {ref.kind}"]
    if ref.doi:
        facts.append(f"**DOI:** [{ref.doi}](https://doi.org/{ref.doi})")
    if ref.url:
        facts.append(f"**URL:** <{ref.url}>")
    if ref.pmid:
        facts.append(f"**PMID:** {ref.pmid}")
    if ref.pmcid:
        facts.append(f"**PMCID:** {ref.pmcid}")
    if not ref.doi and not ref.url:
        facts.append("**Link:** none recorded")
    if ref.note:
        facts.append(f"**Verification note:** {escape(ref.note)}")
    vocabularies = citing_vocabularies().get(key, [])
    if vocabularies:
        cited = ", ".join(
            f"{{ref}}`{v.__name__} <{glossary_label(v)}>` ({n} term{'s' * (n > 1)})"
            for v, n in vocabularies
        )
        facts.append(f"**Cited in the glossary by:** {cited}")
    rules = citing_rules().get(key, [])
    if rules:
        facts.append(
            "**Cited by the assessment rules:** "
            + ", ".join(f"`{code}`" for code in rules)
        )
    lines += [f"- {fact}" for fact in facts]
    lines.append("")
    return "\n".join(lines)


def bibliography_keys() -> list[str]:
    """Every key of :data:`partnership_model.bibliography.BIBLIOGRAPHY`, page order."""
    return sorted(BIBLIOGRAPHY, key=str.casefold)


def bibliography_markdown() -> str:
    """The body of the bibliography page: every reference, alphabetically by key.

    Raises:
        KeyError: A vocabulary term or an assessment rule cites a key that
            is not in the bibliography.
    """
    missing = sorted(cited_keys() - set(BIBLIOGRAPHY))
    if missing:
        msg = f"cited but not in the bibliography: {', '.join(missing)}"
        raise KeyError(msg)
    return "\n".join(reference_markdown(key) for key in bibliography_keys())


# -- JSON Schemas --------------------------------------------------------------------


def schema_names() -> list[str]:
    """The document types with a schema: the shipped files and ``SCHEMA_FILES``."""
    directory = shipped_schema_path("register").parent
    shipped = [
        p.name.removesuffix(".schema.json") for p in directory.glob("*.schema.json")
    ]
    return sorted(set(shipped) | set(SCHEMA_FILES), key=lambda n: (n != "register", n))


def _def_anchor(schema_name: str, definition: str) -> str:
    return f"schema-{slug(schema_name)}-{slug(definition)}"


def _type_markdown(schema_name: str, fragment: Mapping[str, Any]) -> str:
    """A short, linked description of the type of one property."""
    if "$ref" in fragment:
        target = str(fragment["$ref"]).rsplit("/", 1)[-1]
        return f"[{target}](#{_def_anchor(schema_name, target)})"
    for combinator, joiner in (
        ("allOf", " and "),
        ("anyOf", " or "),
        ("oneOf", " or "),
    ):
        if combinator in fragment and "enum" not in fragment:
            return joiner.join(
                _type_markdown(schema_name, part) for part in fragment[combinator]
            )
    if "const" in fragment:
        return f"`{json.dumps(fragment['const'])}`"
    kind = fragment.get("type")
    if kind == "array":
        items = _type_markdown(schema_name, fragment.get("items", {}))
        unique = ", unique" if fragment.get("uniqueItems") else ""
        return f"array of {items}{unique}"
    if isinstance(kind, list):
        return " or ".join(f"`{k}`" for k in kind)
    if kind is not None:
        extra = []
        if "minimum" in fragment:
            extra.append(f"≥ {fragment['minimum']}")
        return f"`{kind}`" + (f" ({', '.join(extra)})" if extra else "")
    return "any"


def _properties_table(schema_name: str, schema: Mapping[str, Any]) -> list[str]:
    properties: Mapping[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    lines = [
        ":::{list-table}",
        ":header-rows: 1",
        ":widths: 20 30 10 40",
        "",
        "* - Property",
        "  - Type",
        "  - Required",
        "  - Description",
    ]
    for name, fragment in properties.items():
        lines += [
            f"* - `{name}`",
            f"  - {_type_markdown(schema_name, fragment)}",
            f"  - {'yes' if name in required else 'no'}",
            f"  - {escape(str(fragment.get('description', '')))}",
        ]
    lines += [":::", ""]
    if schema.get("additionalProperties") is False:
        lines += ["No other property is allowed (`additionalProperties: false`).", ""]
    return lines


def _vocabulary_table(
    definition: Mapping[str, Any], french: Mapping[str, Any]
) -> list[str]:
    """Values and labels; the French ones come from the French twin's ``title``."""
    lines = [
        ":::{list-table}",
        ":header-rows: 1",
        ":widths: 30 35 35",
        "",
        "* - Value",
        "  - English label (`title`)",
        "  - French label (`title` in the French twin)",
    ]
    french_titles = {o["const"]: o.get("title", "") for o in french.get("oneOf", ())}
    for option in definition.get("oneOf", ()):
        lines += [
            f"* - `{option['const']}`",
            f"  - {escape(str(option.get('title', '')))}",
            f"  - {escape(str(french_titles.get(option['const'], '')))}",
        ]
    lines += [":::", ""]
    return lines


def _constraints(definition: Mapping[str, Any]) -> str:
    parts = [f"`{definition['type']}`"] if "type" in definition else []
    parts.extend(
        f"`{key}`: `{definition[key]}`"
        for key in ("format", "minLength", "maxLength", "minimum")
        if key in definition
    )
    if "pattern" in definition:
        parts.append("a `pattern` (see the JSON below)")
    return ", ".join(parts)


def schema_markdown(name: str) -> str:
    """One page per document schema: readable tables, then the schema as JSON."""
    text = schema_text(name)
    schema: dict[str, Any] = json.loads(text)
    french: dict[str, Any] = json.loads(schema_text(name, language="fr"))
    title = str(schema.get("title", name))
    shipped = shipped_schema_path(name)
    lines = [
        f"(schema-{slug(name)})=",
        f"# {title} schema (`{name}`)",
        "",
        escape(str(schema.get("description", ""))),
        "",
        f"- **`$id`:** `{schema['$id']}` (an identifier, not an address to fetch)",
        f"- **`$schema`:** `{schema['$schema']}`",
        (
            f"- **Print it:** `partnership-model schema --type {name}`, or "
            f"`json_schema({title})` in Python"
        ),
    ]
    if shipped.exists():
        lines.append(
            f"- **Shipped file:** `partnership_model/schemas/{shipped.name}` "
            "(installed with the package)"
        )
    lines.append(
        f"- **French twin:** `{french['$id']}`, shipped as "
        f"`partnership_model/schemas/fr/{name}.schema.json` "
        f"(`partnership-model schema --type {name} --lang fr`): the same validation "
        "keywords, annotated in French"
    )
    lines += [
        "",
        (
            "The tables below are generated from the schema at build time. "
            "The definitions of vocabulary values, in English and French, are in "
            "the {doc}`/reference/glossary`."
        ),
        "",
        "## Top-level properties",
        "",
        *_properties_table(name, schema),
        "## Definitions (`$defs`)",
        "",
    ]
    vocabulary_names = {v.__name__ for v in glossary_vocabularies()}
    for definition_name, definition in schema.get("$defs", {}).items():
        lines += [
            f"({_def_anchor(name, definition_name)})=",
            f"### {definition_name}",
            "",
            escape(str(definition.get("description", ""))),
            "",
        ]
        if definition.get("type") == "object":
            lines += _properties_table(name, definition)
        elif "oneOf" in definition and "enum" in definition:
            lines += _vocabulary_table(
                definition, french.get("$defs", {}).get(definition_name, {})
            )
            if definition_name in vocabulary_names:
                link = f"<glossary-{slug(definition_name)}>"
                lines += [
                    f"Definitions: {{ref}}`{definition_name} in the glossary {link}`.",
                    "",
                ]
        else:
            lines += [f"Constraints: {_constraints(definition)}.", ""]
    lines += [
        "## The schema as JSON",
        "",
        "```json",
        text.rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(lines)


# -- command line --------------------------------------------------------------------


def _subcommands(
    parser: argparse.ArgumentParser,
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _argument_rows(parser: argparse.ArgumentParser) -> list[tuple[str, str, str]]:
    """(argument, meaning, accepted values) for each argument of *parser*."""
    rows: list[tuple[str, str, str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        if action.option_strings:
            name = ", ".join(action.option_strings)
            if action.nargs != 0:
                name += f" {action.metavar or action.dest.upper()}"
        else:
            name = action.metavar if isinstance(action.metavar, str) else action.dest
            if action.nargs in ("+", "*"):
                name += " ..."
        values: list[str] = []
        if action.choices is not None:
            values.append(", ".join(f"`{choice}`" for choice in action.choices))
        if action.nargs == "?":
            values.append("optional")
        elif action.nargs == "+":
            values.append("one or more")
        elif action.nargs == 0:
            values.append("flag")
        rows.append((name, escape(action.help or ""), "; ".join(values)))
    return rows


def _help_text(parser: argparse.ArgumentParser) -> str:
    parser.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=88)
    return parser.format_help().rstrip()


def cli_markdown() -> str:
    """The command reference, one section per subcommand, from ``build_parser()``."""
    parser = build_parser()
    lines = ["```console", f"$ {parser.prog} --help", _help_text(parser), "```", ""]
    for command, subparser in _subcommands(parser):
        lines += [
            f"(cli-{slug(command)})=",
            f"## `{parser.prog} {command}`",
            "",
            escape(subparser.description or ""),
            "",
            ":::{list-table}",
            ":header-rows: 1",
            ":widths: 25 50 25",
            "",
            "* - Argument",
            "  - Meaning",
            "  - Values",
        ]
        for name, text, values in _argument_rows(subparser):
            lines += [f"* - `{name}`", f"  - {text}", f"  - {values}"]
        lines += [
            ":::",
            "",
            "```console",
            f"$ {parser.prog} {command} --help",
            _help_text(subparser),
            "```",
            "",
        ]
    return "\n".join(lines)


def cli_commands() -> list[str]:
    """The subcommands the CLI reference documents."""
    return [name for name, _ in _subcommands(build_parser())]


# -- API index -----------------------------------------------------------------------


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def _kind(obj: object) -> str:
    if isinstance(obj, type):
        if issubclass(obj, Warning):
            return "warning"
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "vocabulary"
        return "class"
    if callable(obj):
        return "function"
    return "constant"


def public_locations() -> dict[str, str]:
    """Map each name of ``partnership_model.__all__`` to the module documenting it.

    A name is documented in the public module that defines it (or, for
    constants, the first public module listing it in its ``__all__``);
    ``__version__`` is documented on the package itself.

    Raises:
        LookupError: A public name is listed by no public module.
    """
    modules = [_module(name) for name in PUBLIC_MODULES]
    result: dict[str, str] = {}
    for name in partnership_model.__all__:
        obj = getattr(partnership_model, name)
        if name == "__version__":
            result[name] = "partnership_model"
            continue
        owner = (
            getattr(obj, "__module__", None)
            if isinstance(obj, type) or callable(obj)
            else None
        )
        candidates = [
            m
            for m in modules
            if name in getattr(m, "__all__", ()) and getattr(m, name) is obj
        ]
        chosen = next((m for m in candidates if m.__name__ == owner), None)
        if chosen is None and candidates:
            chosen = candidates[0]
        if chosen is None:
            msg = f"partnership_model.{name} is listed by no public module"
            raise LookupError(msg)
        result[name] = chosen.__name__
    return result


def api_index_markdown() -> str:
    """A table of every name of ``partnership_model.__all__``, linked to its entry."""
    locations = public_locations()
    lines = [
        ":::{list-table}",
        ":header-rows: 1",
        ":widths: 30 14 56",
        "",
        "* - Name",
        "  - Kind",
        "  - Summary",
    ]
    for name in sorted(
        partnership_model.__all__, key=lambda n: n.lstrip("_").casefold()
    ):
        obj = getattr(partnership_model, name)
        target = f"{locations[name]}.{name}"
        role = "py:data" if _kind(obj) == "constant" else "py:obj"
        text = summary(obj) if _kind(obj) != "constant" else ""
        if name == "__version__":
            text = "The version of the installed package."
        lines += [
            f"* - {{{role}}}`{name} <{target}>`",
            f"  - {_kind(obj)}",
            f"  - {escape(text)}",
        ]
    lines += [":::", ""]
    return "\n".join(lines)


# -- tables of the interpretive mappings ----------------------------------------------


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], widths: str) -> str:
    lines = [":::{list-table}", ":header-rows: 1", f":widths: {widths}", ""]
    lines.append(f"* - {header[0]}")
    lines += [f"  - {cell}" for cell in header[1:]]
    for row in rows:
        lines.append(f"* - {row[0]}")
        lines += [f"  - {cell}" for cell in row[1:]]
    lines += [":::", ""]
    return "\n".join(lines)


def _term(member: enum.Enum) -> str:
    """A member as a link to its glossary row: ``value`` (English label)."""
    label = member.label("en")  # type: ignore[attr-defined]
    return (
        f"{{ref}}`{member.value} <{glossary_label(type(member), member)}>` "
        f"({escape(label)})"
    )


def domain_fields_markdown() -> str:
    """Each Quebec domain with the Montreal field this library places it in."""
    return _table(
        ("Domain (`EngagementDomain`)", "Montreal field (`EngagementDomain.field`)"),
        ((_term(domain), _term(domain.field)) for domain in EngagementDomain),
        "50 50",
    )


def role_profiles_markdown() -> str:
    """Each role with its default sphere and authority."""
    return _table(
        (
            "Role",
            "Sphere (`Role.sphere`)",
            "Default authority (`Role.authority`)",
            "Flagged",
        ),
        (
            (
                _term(role),
                f"`{role.sphere.value}`",
                f"`{role.authority.value}`",
                "interpretive" if role.interpretive else "",
            )
            for role in Role
        ),
        "40 20 26 14",
    )


#: The rows of the sensitivity table: a label, the policy, whether
#: organisations take part.
SENSITIVITY_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("default", "default", True),
    ("default, people only (`include_organisations=False`)", "default", False),
    ("caption reading", "caption_reading", True),
    ("release 1.0 (legacy)", "legacy_1_0", True),
)


def sensitivity_markdown() -> str:
    """The example register's relation counts and E-I index under several policies.

    Computed from :func:`partnership_model.examples.load_register` when the
    documentation is built, never written by hand.
    """
    from partnership_model import ClassificationPolicy  # noqa: PLC0415

    register = load_register()
    rows = []
    shares: dict[RelationType, list[float]] = {kind: [] for kind in RelationType}
    sphere_ei: set[str] = set()
    for label, name, organisations in SENSITIVITY_ROWS:
        graph = EcologyGraph.from_engagements(
            register,
            policy=ClassificationPolicy.named(name),
            include_organisations=organisations,
        )
        counts = metrics.relation_counts(graph)
        total = graph.number_of_relations
        for kind in RelationType:
            shares[kind].append(counts[kind] / total if total else 0.0)
        ei = f"{metrics.ei_index(graph):+.2f}"
        if organisations:
            sphere_ei.add(ei)
        rows.append(
            (
                label,
                f"`{name}`",
                str(total),
                *(str(counts[kind]) for kind in RelationType),
                ei,
                f"{metrics.ei_index(graph, partition='authority'):+.2f}",
            )
        )
    table = _table(
        (
            "Reading",
            "Policy",
            "Relations",
            *(kind.label("en") for kind in RelationType),
            "E-I (sphere)",
            "E-I (authority)",
        ),
        rows,
        "28 14 10 10 10 10 9 9",
    )

    def spread(kind: RelationType) -> str:
        return f"{min(shares[kind]):.0%} to {max(shares[kind]):.0%}"

    ei_text = (
        f"stays at {next(iter(sphere_ei))}"
        if len(sphere_ei) == 1
        else f"moves between {min(sphere_ei)} and {max(sphere_ei)}"
    )
    return (
        f"{table}\n"
        f"On the example register, the reading alone moves the share of linking "
        f"relations from {spread(RelationType.LINKING)} and that of bonding from "
        f"{spread(RelationType.BONDING)}, while the E-I index over spheres of the "
        f"whole register {ei_text}: report the policy with every count of bonding "
        "and linking relations, and treat a difference between two ecologies that is "
        "smaller than this spread as a property of the rules, not of the "
        "ecosystems.\n"
    )


def example_register_markdown() -> str:
    """The example register case by case: its coding, dates, sources and coding notes.

    Read from :func:`partnership_model.examples.load_register` and
    :func:`partnership_model.examples.coding_notes` when the documentation is
    built, so the page follows the data files.
    """
    from partnership_model.examples import coding_notes  # noqa: PLC0415

    register = load_register()
    notes = coding_notes()

    def dates(engagement: Any) -> str:
        start, end = engagement.start, engagement.end
        if start is None and end is None:
            return "undated"
        return f"{start or '…'} to {end or '(no end)'}"

    def domains(engagement: Any) -> str:
        extra = sorted(d.value for d in engagement.secondary_domains)
        return f"`{engagement.domain.value}`" + (
            f" (also {', '.join(f'`{d}`' for d in extra)})" if extra else ""
        )

    rows = (
        (
            f"{{ref}}`{e.id} <case-{slug(e.id)}>`",
            domains(e),
            f"`{e.level.value}`",
            f"`{e.degree.value}`"
            + (
                " (stages: "
                + ", ".join(
                    f"`{i.stage.value}` {i.degree.value}" for i in e.research_stages
                )
                + ")"
                if e.research_stages
                else ""
            ),
            f"`{e.leadership.value}`" if e.leadership else "not recorded",
            escape(dates(e)),
            ", ".join(f"{{ref}}`{k} <{bib_label(k)}>`" for k in e.sources),
        )
        for e in register
    )
    table = _table(
        ("Case", "Domain", "Level", "Degree", "Leadership", "Dates", "Sources"),
        rows,
        "20 16 8 18 10 12 16",
    )
    sections = []
    for engagement in register:
        note = notes[engagement.id]
        sections.append(
            f"(case-{slug(engagement.id)})=\n"
            f"### {escape(engagement.title)}\n\n"
            f"`{engagement.id}`: {escape(engagement.description or '')}\n\n"
            f"{escape(note.text('en'))}\n\n"
            f"> {escape(note.text('fr'))}\n"
        )
    return table + "\n" + "\n".join(sections)


def knowledge_sources_markdown() -> str:
    """Each knowledge type with the source of learning this library proposes."""
    return _table(
        ("Knowledge type", "Proposed source of learning"),
        ((_term(k), _term(v)) for k, v in PROPOSED_KNOWLEDGE_SOURCES.items()),
        "50 50",
    )


def upstream_markdown() -> str:
    """Which research stages and project phases count as upstream involvement."""
    rows = [
        (_term(member), "yes" if member.is_upstream else "no")
        for member in (*ProjectPhase, *ResearchStage)
    ]
    return _table(("Stage or phase", "Upstream (`is_upstream`)"), rows, "70 30")


def _targets(correspondence: Any) -> str:
    if correspondence.targets:
        return ", ".join(
            _term(t if isinstance(t, enum.Enum) else t.continuum)
            for t in correspondence.targets
        )
    if correspondence.leadership is not None:
        return f"none; leadership {_term(correspondence.leadership)}"
    return "none"


def crosswalk_markdown() -> str:
    """The crosswalks from each Montreal degree, then back from each other framework."""
    forward = _table(
        ("Montreal degree", "Carman continuum", "IAP2", "Arnstein"),
        (
            (
                _term(degree),
                _targets(crosswalks.to_carman(degree, EngagementLevel.MICRO)),
                _targets(crosswalks.to_iap2(degree)),
                _targets(crosswalks.to_arnstein(degree))
                + (
                    "; if judged tokenistic: "
                    + _targets(crosswalks.to_arnstein(degree, tokenistic=True))
                    if degree is EngagementDegree.COLLABORATION
                    else ""
                ),
            )
            for degree in EngagementDegree
        ),
        "22 26 26 26",
    )
    levels = _table(
        ("Montreal level", "Carman level"),
        (
            (
                _term(level),
                _term(
                    crosswalks.to_carman(EngagementDegree.PARTNERSHIP, level)
                    .targets[0]
                    .level
                ),
            )
            for level in EngagementLevel
        ),
        "50 50",
    )
    inverses: tuple[tuple[Any, type[enum.Enum]], ...] = (
        (crosswalks.from_carman, crosswalks.CarmanContinuum),
        (crosswalks.from_iap2, crosswalks.IAP2Level),
        (crosswalks.from_arnstein, crosswalks.ArnsteinRung),
    )
    back_rows = [
        (_term(member), _targets(inverse(member)), escape(inverse(member).note_en))
        for inverse, framework in inverses
        for member in framework
    ]
    back = _table(("Term", "Montreal degree", "Why"), back_rows, "28 28 44")
    return "\n".join(
        [
            "**From the Montreal model**",
            "",
            forward,
            levels,
            "**Back to the Montreal model**",
            "",
            back,
        ]
    )


def rules_markdown() -> str:
    """The built-in assessment rules: code, severity, message and sources."""
    return _table(
        ("Code", "Severity", "What it flags", "Sources"),
        (
            (
                f"`{rule.code}`",
                f"`{rule.severity.value}`",
                escape(rule.message_en),
                _sources_markdown(rule.sources),
            )
            for rule in RULES
        ),
        "22 10 48 20",
    )


# -- figures -------------------------------------------------------------------------


def _pm_time() -> ModuleType:
    """The sibling ``pm_time.py`` (the example register over time; not a package)."""
    name = "pm_time"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("pm_time.py")
        )
        assert spec is not None  # noqa: S101 - the file is beside this one
        assert spec.loader is not None  # noqa: S101
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


#: Engagements of the example register shown in the detailed ecology drawing.
DETAIL_ENGAGEMENTS: tuple[str, ...] = (
    "peer-companions-clinic",
    "sante-quebec-transition",
    "sustainable-health-chair",
)


def write_figures(directory: Path) -> list[Path]:
    """Draw the example register's ecology and Montreal matrix as PNG files."""
    import matplotlib  # noqa: PLC0415 - optional: only the figures need it

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # noqa: PLC0415

    register = load_register()
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(figure: Figure, name: str) -> None:
        path = directory / name
        figure.savefig(path, dpi=110, metadata={"Software": None})
        written.append(path)

    # Sized by draw_ecology for its groups of actors (8 inches wide).
    save(draw_ecology(EcologyGraph.from_engagements(register)), "ecology.png")

    detail = EcologyGraph.from_engagements(
        [register.engagement(e) for e in DETAIL_ENGAGEMENTS],
        organisations=register.organisations,
    )
    detail_figure = Figure(figsize=(9, 6), layout="constrained")
    draw_ecology(detail, ax=detail_figure.add_subplot())
    save(detail_figure, "ecology-detail.png")

    matrix = EngagementMatrix.from_engagements(register)
    for lang, name in (("en", "matrix.png"), ("fr", "matrix-fr.png")):
        save(plot_matrix(matrix, lang=lang), name)  # type: ignore[arg-type]
    written += _pm_time().write_time_figures(directory)
    return written


# -- everything ----------------------------------------------------------------------


def generated_pages() -> dict[str, str]:
    """Every generated page, by path relative to ``docs/_generated/``."""
    pages = {
        "glossary.md": glossary_markdown(),
        "bibliography.md": bibliography_markdown(),
        "cli.md": cli_markdown(),
        "api-index.md": api_index_markdown(),
        "tables/domain-fields.md": domain_fields_markdown(),
        "tables/role-profiles.md": role_profiles_markdown(),
        "tables/sensitivity.md": sensitivity_markdown(),
        "tables/example-register.md": example_register_markdown(),
        "tables/knowledge-sources.md": knowledge_sources_markdown(),
        "tables/upstream.md": upstream_markdown(),
        "tables/crosswalks.md": crosswalk_markdown(),
        "tables/rules.md": rules_markdown(),
        "tables/time.md": _pm_time().time_markdown(),
    }
    for name in schema_names():
        pages[f"schemas/{name}.md"] = schema_markdown(name)
    return pages


def write_all(directory: Path, *, figures: bool = True) -> list[Path]:
    """Write every generated page (and the figures) under *directory*.

    Files are rewritten only when their content changes, so an unchanged
    build stays incremental. Generated files that are no longer produced
    are removed.

    Returns:
        The paths written or rewritten.
    """
    written: list[Path] = []
    pages = generated_pages()
    for relative, text in pages.items():
        path = directory / relative
        if _write_if_changed(path, text):
            written.append(path)
    for stale in directory.glob("**/*.md"):
        if stale.relative_to(directory).as_posix() not in pages:
            stale.unlink()
    if figures:
        with tempfile.TemporaryDirectory() as scratch:
            for path in write_figures(Path(scratch)):
                target = directory / "figures" / path.name
                if _write_if_changed(target, path.read_bytes()):
                    written.append(target)
    return written


__all__ = [
    "PUBLIC_MODULES",
    "api_index_markdown",
    "bibliography_keys",
    "bibliography_markdown",
    "cli_commands",
    "cli_markdown",
    "example_register_markdown",
    "glossary_groups",
    "glossary_markdown",
    "glossary_vocabularies",
    "public_locations",
    "schema_markdown",
    "schema_names",
    "sensitivity_markdown",
    "vocabulary_markdown",
    "write_all",
    "write_figures",
]
