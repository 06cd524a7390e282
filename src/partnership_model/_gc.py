"""Private helper: pause the cyclic garbage collector during bulk work."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, restoring its previous state after.

    Bulk loads and dumps allocate millions of container objects and create no
    reference cycles, so collection passes only rescan a growing heap again and
    again (they are triggered by the sheer number of allocations). Nesting is
    safe: only the outermost block re-enables the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
