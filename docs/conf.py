"""Sphinx configuration for the partnership_model documentation.

Build (both run in CI, warnings are errors)::

    sphinx-build -n -W --keep-going -b html docs docs/_build/html
    sphinx-build -n -W --keep-going -b doctest docs docs/_build/doctest

Generated at build time, never committed (``docs/_generated/``): the
intersphinx inventories (``_ext/pm_inventories.py``), and the glossary,
bibliography, JSON Schema pages, CLI reference, API index and figures
(``_ext/pm_generate.py``, run by the local extension ``_ext/pm_sphinx.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

import pm_inventories  # noqa: E402

import partnership_model  # noqa: E402

project = "partnership_model"
author = "partnership_model developers"
copyright = "2026, partnership_model developers"
release = partnership_model.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "pm_sphinx",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_ext"]
# Generated fragments are included by hand-written pages, never built alone; the
# schema pages (_generated/schemas/) are real pages, in the JSON Schemas toctree.
exclude_patterns += ["_generated/*.md", "_generated/tables", "_generated/inventories"]

# -- MyST -------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_substitutions = {"release": release}
myst_heading_anchors = 3

# -- autodoc and napoleon --------------------------------------------------------------------
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
napoleon_use_rtype = False

# -- doctest -----------------------------------------------------------------------------------
doctest_global_setup = """
import partnership_model
from hypothesis import HealthCheck as _HealthCheck, settings as _settings

# As in tests/conftest.py: a loaded, shared machine must not fail a doctest
# because generating examples was slow (the examples themselves are checked).
_settings.register_profile(
    "docs", deadline=None, suppress_health_check=[_HealthCheck.too_slow]
)
_settings.load_profile("docs")
"""

# -- intersphinx, without network ----------------------------------------------------------
# Small inventories of the objects these pages link to are written at build time
# and mapped to the projects' real documentation (see _ext/pm_inventories.py).
intersphinx_mapping = pm_inventories.write_inventories(
    DOCS / "_generated" / "inventories"
)

# -- nitpicky mode ------------------------------------------------------------------------------
nitpicky = True
nitpick_ignore = [
    # Type variables of generic classes and functions: not public names.
    ("py:class", "partnership_model._enums.E"),
    ("py:class", "partnership_model.crosswalks.T"),
    ("py:obj", "partnership_model.crosswalks.T"),
    ("py:class", "partnership_model.matrix.R"),
    ("py:obj", "partnership_model.matrix.R"),
    ("py:class", "partnership_model.serialization.T"),
    ("py:class", "partnership_model.strategies.E"),
    ("py:class", "partnership_model._record_strategies.E"),
    ("py:class", "partnership_model.timeline._T"),
    ("py:obj", "partnership_model.timeline._T"),
    ("py:class", "_T"),  # the same, as autodoc writes it in select_in_window
    # WindowSelection's type variable, since it moved with it to the private half.
    ("py:class", "partnership_model._timeline_periods._T"),
    ("py:obj", "partnership_model._timeline_periods._T"),
    # Private type aliases that appear in signatures autodoc cannot evaluate
    # (networkx classes are not subscriptable at run time); each parameter's
    # description lists the accepted values.
    ("py:class", "BinarySource"),
    ("py:class", "ExtraPolicy"),
    ("py:class", "MismatchPolicy"),
    ("py:class", "RelationLike"),
]

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"partnership_model {release}"
html_static_path: list[str] = []
