"""A small local Sphinx extension for the partnership_model documentation.

* ``builder-inited``: writes the generated pages and figures
  (:func:`pm_generate.write_all`) under ``docs/_generated/`` before Sphinx
  looks for source files, so the glossary, bibliography, schemas, CLI
  reference and figures always come from the installed package.
* ``missing-reference``: resolves the short public paths docstrings use
  (``partnership_model.Register``) to where the object is documented
  (``partnership_model.records.Register``), and the bare names of annotations
  that only exist for type checkers (``Axes``, ``Figure``) to their projects'
  objects. Everything else is left to Sphinx and intersphinx, so nitpicky
  mode still reports every reference that resolves nowhere.
* ``autodoc-process-bases``: hides private base classes from "Bases:" lines.
* ``include-read``: keeps the text of the changelog's links to the issue
  tracker, which have no target inside the documentation.
"""

from __future__ import annotations

import importlib
import re
import typing
from pathlib import Path
from typing import Any

import attrs
import pm_generate
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.ext import intersphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

#: Names that annotations spell through ``if TYPE_CHECKING:`` imports or
#: module aliases (when autodoc cannot evaluate them), and what they stand for.
SHORT_NAMES: dict[str, str] = {
    "Axes": "matplotlib.axes.Axes",
    "Figure": "matplotlib.figure.Figure",
    "dt.date": "datetime.date",
    "nx.Graph": "networkx.Graph",
    "nx.MultiGraph": "networkx.MultiGraph",
    "st.SearchStrategy": "hypothesis.strategies.SearchStrategy",
    "st.DrawFn": "hypothesis.strategies.DrawFn",
}


def _generate(app: Sphinx) -> None:
    directory = Path(app.srcdir) / "_generated"
    written = pm_generate.write_all(directory)
    LOGGER.info("partnership_model: %d generated file(s) updated", len(written))


def _aliases(target: str, context: str | None, locations: dict[str, str]) -> list[str]:
    """Where *target* may be documented, most likely first (without *target*).

    Short public paths (``partnership_model.Register``) and bare public names
    (``Register``, ``Role.sphere``) map to the module documenting them;
    *context* (the module of the docstring) qualifies other bare names.
    """
    result: list[str] = []
    if target in SHORT_NAMES:
        result.append(SHORT_NAMES[target])
    head, _, rest = target.partition(".")
    if head == "partnership_model" and rest:
        head, _, rest = rest.partition(".")
    module = locations.get(head)
    if module is not None and module != "partnership_model":
        result.append(f"{module}.{head}" + (f".{rest}" if rest else ""))
    if context and not target.startswith("partnership_model"):
        result.append(f"{context}.{target}")
    return [name for name in result if name != target]


def _lookup(dotted: str) -> object | None:
    """Import the object named *dotted*, or return None."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for part in parts[split:]:
                obj = getattr(obj, part)
        except AttributeError:
            return None
        return obj
    return None


def _has_attribute(owner: object, name: str) -> bool:
    """Whether the class *owner* has the field, attribute or property *name*."""
    if not isinstance(owner, type):
        return False
    if attrs.has(owner) and name in attrs.fields_dict(owner):
        return True
    return hasattr(owner, name) or name in getattr(owner, "__annotations__", {})


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve the public aliases described in the module docstring.

    Attributes documented in a class's ``Attributes:`` section (attrs fields
    and exception attributes) have no entry of their own: a reference to one
    links to its class, after checking that the class really has it.
    """
    if node.get("refdomain") != "py":
        return None
    locations: dict[str, str] = app.config.pm_public_locations
    domain: Any = env.get_domain("py")
    reftype: str = node["reftype"]
    target: str = node["reftarget"]
    context = node.get("py:module")
    klass = node.get("py:class")

    def attempt(name: str, kind: str) -> nodes.reference | None:
        alias = node.deepcopy()
        alias["reftarget"] = name
        found: nodes.reference | None = domain.resolve_xref(
            env, node["refdoc"], app.builder, kind, name, alias, contnode
        )
        if found is None and not name.startswith("partnership_model"):
            found = intersphinx.missing_reference(app, env, alias, contnode)
        return found

    candidates = _aliases(target, context, locations)
    for name in candidates:
        found = attempt(name, reftype)
        if found is not None:
            return found
    if reftype == "class":
        # Type aliases (``Lang``) are documented as data.
        for name in [target, *candidates]:
            if name.startswith("partnership_model"):
                found = attempt(name, "data")
                if found is not None:
                    return found
    if reftype in ("attr", "data"):
        owner_name, _, attribute = target.rpartition(".")
        if owner_name:
            owners = [owner_name, *_aliases(owner_name, context, locations)]
        elif context and klass:
            owners = [f"{context}.{klass}"]
        else:
            owners = []
        for owner in owners:
            if _has_attribute(_lookup(owner), attribute):
                found = attempt(owner, "class")
                if found is not None:
                    return found
    return None


def _public_bases(
    app: Sphinx, name: str, obj: object, options: object, bases: list[object]
) -> None:
    """Hide private base classes (``_Grid[...]``) from "Bases:" lines."""
    bases[:] = [
        base
        for base in bases
        if not getattr(typing.get_origin(base) or base, "__name__", "").startswith("_")
    ]


#: Links the changelog makes relative to the repository's web page
#: (``[#4](../../issues/4)``): they have no target inside the documentation.
_REPOSITORY_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)+(?:issues|pull)/\d+\)")


def _changelog_links(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    """Keep the text of the changelog's repository links, drop the link."""
    if relative_path.name == "CHANGELOG.md":
        content[0] = _REPOSITORY_LINK.sub(r"\1", content[0])


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the generator and the reference resolver."""
    app.add_config_value(
        "pm_public_locations", pm_generate.public_locations(), "env", types=(dict,)
    )
    app.connect("builder-inited", _generate)
    app.connect("missing-reference", _resolve)
    app.connect("autodoc-process-bases", _public_bases)
    app.connect("include-read", _changelog_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
