"""Shared measuring code for the benchmark suite (see ``run.py``).

Every benchmark times the library and a raw baseline *in the same process run*,
several repetitions each, alternating the two so that machine noise hits both,
and reports medians, the ratio library/baseline and peak memory.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Timing:
    """Repeated wall-clock measurements of one callable."""

    times: list[float] = field(default_factory=list)
    peak_bytes: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Result:
    """One benchmark: the library against its baseline."""

    name: str
    size: str
    library: Timing
    baseline: Timing
    target_ratio: float | None
    target_memory_ratio: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.library.median / self.baseline.median

    @property
    def memory_ratio(self) -> float | None:
        if not self.library.peak_bytes or not self.baseline.peak_bytes:
            return None
        return self.library.peak_bytes / self.baseline.peak_bytes

    @property
    def passed(self) -> bool:
        ok = self.target_ratio is None or self.ratio <= self.target_ratio
        memory = self.memory_ratio
        if self.target_memory_ratio is not None and memory is not None:
            ok = ok and memory <= self.target_memory_ratio
        return ok

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["library"]["median"] = self.library.median
        data["baseline"]["median"] = self.baseline.median
        data["ratio"] = self.ratio
        data["memory_ratio"] = self.memory_ratio
        data["passed"] = self.passed
        return data


def _time_once(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - start
    return elapsed, value


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated (tracemalloc) while *fn* runs, its result included."""
    gc.collect()
    tracemalloc.start()
    try:
        value = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del value
    gc.collect()
    return peak


def compare(
    library: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int,
    memory: bool = False,
) -> tuple[Timing, Timing]:
    """Time *library* and *baseline* alternately, *repeat* times each."""
    lib, base = Timing(), Timing()
    for _ in range(repeat):
        elapsed, value = _time_once(baseline)
        base.times.append(elapsed)
        del value
        elapsed, value = _time_once(library)
        lib.times.append(elapsed)
        del value
    if memory:
        base.peak_bytes = peak_memory(baseline)
        lib.peak_bytes = peak_memory(library)
    return lib, base
