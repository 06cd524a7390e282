"""A typed, computable domain model of patient partnership in health.

``partnership_model`` gives tools that describe how patients, caregivers and
citizens take part in care, governance, research, teaching and policy one
shared, citable vocabulary: the Montreal model (engagement degree x level, in
five domains, with the roles of engaged people) and the Ecology of Engagement
(bonding, bridging and linking relations).

Everything listed in ``__all__`` is public and importable from here.

The package namespace is lazy: ``import partnership_model`` loads almost
nothing, and each public name is imported from its module the first time it is
used (:pep:`562`). ``from partnership_model import Register`` works as usual.
The names are listed once, in the type stub ``__init__.pyi`` next to this file:
type checkers read it, and ``lazy_loader.attach_stub`` (the scientific
Python convention of SPEC 1) builds the lazy lookup and ``__all__`` from it.
"""

from __future__ import annotations

import lazy_loader as _lazy

from partnership_model._version import __version__ as __version__


def _order(name: str) -> tuple[int, str]:
    """Constants, then classes, then functions (the order ruff sorts ``__all__`` in)."""
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


__getattr__, __dir__, _names = _lazy.attach_stub(__name__, __file__)
__all__ = sorted(_names, key=_order)  # noqa: PLE0605 - from the stub, see above
