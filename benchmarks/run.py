"""Run the benchmark suite: ``python benchmarks/run.py [--quick] [--only NAME]``.

Each ``bench_*.py`` module next to this file exposes
``run(*, scale: float, repeat: int) -> list[Result]`` (``scale`` multiplies the
sizes the issue sets: 100,000 actors and 1,000,000 relations; 100,000 and
1,000,000 engagements; for ``bench_timeline``, 1,000,000 dated relations over 20
periods, issue 17). Every benchmark measures the
library and its raw baseline in the same process run, reports medians, the ratio
library/baseline and peak memory, and the whole run is written as JSON.

``--quick`` uses small sizes for CI smoke runs: it proves the benchmarks work, but
its ratios are not the published figures (fixed costs dominate at small sizes).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from _harness import Result  # noqa: E402


def _modules(only: str | None) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        names = [n for n in names if only in n]
    return names


def _fmt_bytes(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n else "-"


def _print(results: list[Result]) -> None:
    header = (
        f"{'benchmark':<44} {'size':<22} {'library':>9} {'baseline':>9} "
        f"{'ratio':>6} {'target':>7} {'mem ratio':>9}  ok"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        target = f"<={r.target_ratio:g}" if r.target_ratio is not None else "-"
        memory = f"{r.memory_ratio:.2f}" if r.memory_ratio is not None else "-"
        print(
            f"{r.name:<44} {r.size:<22} {r.library.median:>8.3f}s "
            f"{r.baseline.median:>8.3f}s {r.ratio:>6.2f} {target:>7} {memory:>9}  "
            f"{'yes' if r.passed else 'NO'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="sizes ten times smaller (CI smoke run)"
    )
    parser.add_argument(
        "--scale", type=float, default=None, help="multiply every size (default 1.0)"
    )
    parser.add_argument("--only", help="run only the modules whose name contains this")
    parser.add_argument(
        "--repeat", type=int, default=None, help="repetitions per measure"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a target is missed"
    )
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 5)
    scale = args.scale if args.scale is not None else (0.1 if args.quick else 1.0)
    if scale <= 0:
        parser.error("--scale must be positive")

    results: list[Result] = []
    started = time.time()
    for name in _modules(args.only):
        module = importlib.import_module(name)
        print(f"== {name}", flush=True)
        results.extend(module.run(scale=scale, repeat=repeat))
    _print(results)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "quick": args.quick,
        "scale": scale,
        "repeat": repeat,
        "python": sys.version,
        "platform": platform.platform(),
        "seconds": round(time.time() - started, 1),
        "results": [r.as_dict() for r in results],
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    if args.check and not all(r.passed for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
