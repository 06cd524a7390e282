"""Benchmarks of registers: loading, dumping, matrix, import, scaling (issues 7 and 13).

Each measure runs the library and its raw baseline alternately in the same
process (see ``_harness.compare``); data comes from a fixed seed.

* load: ``from_json(text, Register)`` (parse, check every rule, build records
  through their constructors) of 20,000 engagements against ``json.loads(text)``
  of the same text, the garbage collector paused around both (the library
  itself never touches it); target <= 10x (issue 13: a stock cattrs converter
  with validators). Shown alongside: the same with the collector running, and,
  for scale, a pre-built ``jsonschema.Draft202012Validator`` validating the
  same documents (measured on a sample and scaled linearly, no target).
* dump: ``to_json(register)`` against ``json.dumps`` of the equivalent dicts,
  20,000 engagements; target <= 2x.
* matrix: ``EngagementMatrix.from_engagements`` over 1,000,000 engagements
  against a ``collections.Counter`` of their (level, degree) pairs; target <= 2x.
* import, in fresh interpreters, against ``import attrs, cattrs, networkx``:
  ``import partnership_model`` then resolving every public name, target <=
  1.25x; a bare ``import partnership_model``, target < 0.5x. All three read
  bytecode from one cache filled by an untimed first run, as an installed
  package does (``PYTHONDONTWRITEBYTECODE`` would otherwise make our modules,
  and only ours, compile at every run).
* scaling: each of load, dump and matrix at a 10x smaller size; the ratio of
  the library's times must stay <= 11x for 10x the data.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable

from _harness import Result, Timing, compare

from partnership_model import (
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    Leadership,
    Participant,
    Person,
    RecognitionModality,
    Register,
    ResearchStage,
    Role,
    StageDegree,
    from_json,
    to_dict,
    to_json,
)
from partnership_model.dates import PartialDate

SEED = 20261123


def make_register(n_engagements: int, *, seed: int = SEED) -> Register:
    """A synthetic register: 3-5 participants per engagement, one person per 5 engagements."""
    rng = random.Random(seed)
    n_people = max(10, n_engagements // 5)
    people = [Person(id=f"person-{i:07d}") for i in range(n_people)]
    roles = list(Role)
    domains = list(EngagementDomain)
    levels = list(EngagementLevel)
    degrees = list(EngagementDegree)
    leaderships = list(Leadership)
    stages = list(ResearchStage)
    engagements = []
    for i in range(n_engagements):
        chosen = rng.sample(range(n_people), rng.randint(3, 5))
        participants = [
            Participant(
                person_id=f"person-{p:07d}",
                role=rng.choice(roles),
                decision_role=rng.random() < 0.3,
            )
            for p in chosen
        ]
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        end = start + dt.timedelta(days=rng.randrange(1, 700))
        research = [
            StageDegree(stage=stage, degree=rng.choice(degrees))
            for stage in rng.sample(stages, rng.randint(0, 2))
        ]
        precision = rng.random()  # a third of the engagements dated to the month
        engagements.append(
            Engagement(
                id=f"engagement-{i:07d}",
                title=f"Comité d'amélioration n° {i}",
                domain=rng.choice(domains),
                level=rng.choice(levels),
                degree=max((s.degree for s in research), default=rng.choice(degrees)),
                leadership=rng.choice(leaderships),
                participants=participants,
                description="Patients partenaires et professionnels co-construisent le projet.",
                start=PartialDate(start.year, start.month)
                if precision < 1 / 3
                else start,
                end=PartialDate(end.year, end.month) if precision < 1 / 3 else end,
                research_stages=research,
                recognition=rng.sample(list(RecognitionModality), rng.randint(0, 2)),
                sources=("SSAQuebec2023",),
            )
        )
    return Register(name="synthetic register", people=people, engagements=engagements)


def make_engagements(n: int, *, seed: int = SEED) -> list[Engagement]:
    """*n* light engagements (one shared participant tuple) for the matrix benchmark."""
    rng = random.Random(seed)
    participants = (Participant(person_id="p", role=Role.PATIENT_PARTNER),)
    levels = list(EngagementLevel)
    degrees = list(EngagementDegree)
    domains = list(EngagementDomain)
    gc.disable()
    try:
        return [
            Engagement(
                id=f"e{i}",
                title="t",
                domain=rng.choice(domains),
                level=rng.choice(levels),
                degree=rng.choice(degrees),
                leadership=Leadership.CO_LED,
                participants=participants,
            )
            for i in range(n)
        ]
    finally:
        gc.enable()


def _load(size: int, repeat: int) -> tuple[Result, Result, Result]:
    register = make_register(size)
    text = to_json(register)
    assert from_json(text, Register) == register  # noqa: S101 - sanity check
    lib, base = compare(
        _paused(lambda: from_json(text, Register)),
        _paused(lambda: json.loads(text)),
        repeat=repeat,
    )
    load = Result(
        name="3. load register JSON (parse+check+build)",
        size=f"{size:,} engagements",
        library=lib,
        baseline=base,
        target_ratio=10.0,
        note=(
            f"{len(text) / 2**20:.0f} MiB of JSON; baseline json.loads; the "
            "collector paused around both"
        ),
    )
    running_lib, running_base = compare(
        lambda: from_json(text, Register), lambda: json.loads(text), repeat=repeat
    )
    running = Result(
        name="3. (both with the collector running)",
        size=f"{size:,} engagements",
        library=running_lib,
        baseline=running_base,
        target_ratio=None,
        note="for reference: the same, the garbage collector left on",
    )
    reference = _schema_reference(text, base.median)
    return load, running, reference


def _paused(fn: Callable[[], object]) -> Callable[[], object]:
    """*fn* with the collector paused while it runs (the benchmark's, not the library's)."""

    def run() -> object:
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()

    return run


def _schema_reference(text: str, loads_median: float) -> Result:
    """The reference jsonschema validator on a sample of the same documents, scaled."""
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - the test extra installs it
        return Result(
            "3. (reference jsonschema validator)",
            "skipped",
            Timing([1]),
            Timing([1]),
            None,
        )
    from partnership_model.schema import json_schema

    data = json.loads(text)
    validator = jsonschema.Draft202012Validator(json_schema(Register))
    engagements = data["engagements"]
    sample_size = min(len(engagements), 500)
    sample = {**data, "engagements": engagements[:sample_size]}
    start = time.perf_counter()
    validator.validate(sample)
    elapsed = (time.perf_counter() - start) * len(engagements) / sample_size
    return Result(
        name="3. (reference jsonschema validator alone)",
        size=f"{len(engagements):,} (scaled from {sample_size:,})",
        library=Timing([elapsed]),
        baseline=Timing([loads_median]),
        target_ratio=None,
        note="for scale only: schema validation of the same documents vs json.loads",
    )


def _dump(size: int, repeat: int) -> Result:
    register = make_register(size)
    dicts = to_dict(register)
    lib, base = compare(
        lambda: to_json(register),
        lambda: json.dumps(dicts, ensure_ascii=False, separators=(",", ":")),
        repeat=repeat,
    )
    return Result(
        name="3. dump register to JSON",
        size=f"{size:,} engagements",
        library=lib,
        baseline=base,
        target_ratio=2.0,
        note="baseline json.dumps of the equivalent dicts",
    )


def _matrix(size: int, repeat: int) -> Result:
    engagements = make_engagements(size)
    lib, base = compare(
        lambda: EngagementMatrix.from_engagements(engagements),
        lambda: Counter((e.level, e.degree) for e in engagements),
        repeat=repeat,
    )
    return Result(
        name="4. Montreal matrix",
        size=f"{size:,} engagements",
        library=lib,
        baseline=base,
        target_ratio=2.0,
        note="baseline Counter over (level, degree) pairs",
    )


def _import_time(statement: str, repeat: int, env: dict[str, str]) -> Timing:
    timing = Timing()
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True, env=env)  # noqa: S603
        timing.times.append(time.perf_counter() - start)
    return timing


def _bytecode_cached(folder: str) -> dict[str, str]:
    """An environment in which imports read bytecode cached in *folder*.

    An installed package and its dependencies are imported from cached
    bytecode, but a source checkout run with ``PYTHONDONTWRITEBYTECODE`` set
    (as in some containers) compiles our modules at every import while the
    dependencies' bytecode was cached at install: an unfair baseline. Every
    statement below imports from one bytecode cache (``PYTHONPYCACHEPREFIX``),
    filled by a first, untimed run.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = folder
    return env


_BASELINE_IMPORT = "import attrs, cattrs, networkx"
_BARE_IMPORT = "import partnership_model"
_FULL_IMPORT = "import partnership_model as pm; [getattr(pm, n) for n in pm.__all__]"


def _imports(repeat: int) -> list[Result]:
    runs = max(repeat * 2, 7)
    base = Timing()
    lib = Timing()
    full = Timing()
    with tempfile.TemporaryDirectory() as cache:
        env = _bytecode_cached(cache)
        for statement in (_BASELINE_IMPORT, _FULL_IMPORT):  # fill the cache
            _import_time(statement, 1, env)
        for _ in range(runs):  # interleave the three so noise hits all of them
            base.times += _import_time(_BASELINE_IMPORT, 1, env).times
            lib.times += _import_time(_BARE_IMPORT, 1, env).times
            full.times += _import_time(_FULL_IMPORT, 1, env).times
    return [
        Result(
            name="5. import partnership_model",
            size="fresh interpreter",
            library=lib,
            baseline=base,
            target_ratio=0.5,
            note="bare import, lazy namespace; baseline: import attrs, cattrs, networkx (interpreter start-up included in both; bytecode cached for all)",
        ),
        Result(
            name="5. import and resolve every public name",
            size="fresh interpreter",
            library=full,
            baseline=base,
            target_ratio=1.25,
            note="the whole API loaded once: our modules on top of attrs, cattrs and networkx",
        ),
    ]


def _scaling(
    name: str,
    measure: Callable[[int], Timing],
    large: int,
    *,
    target: float | None = 11.0,
) -> Result:
    small_timing = measure(large // 10)
    large_timing = measure(large)
    return Result(
        name=f"6. scaling: {name}",
        size=f"{large // 10:,} -> {large:,}",
        library=large_timing,
        baseline=small_timing,
        target_ratio=target,
        note="ratio = time at 10x the data / time at the base size",
    )


def _time(fn: Callable[[], object], repeat: int) -> Timing:
    timing = Timing()
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        timing.times.append(time.perf_counter() - start)
    return timing


def run(*, scale: float, repeat: int) -> list[Result]:
    """Run benchmarks 3-6 for registers; *scale* multiplies the issue's sizes."""
    n_load = round(20_000 * scale)
    n_matrix = round(1_000_000 * scale)
    results: list[Result] = []
    load, paused, reference = _load(n_load, repeat)
    results += [
        load,
        paused,
        reference,
        _dump(n_load, repeat),
        _matrix(n_matrix, repeat),
    ]
    results += _imports(repeat)

    def load_time(size: int) -> Timing:
        text = to_json(make_register(size))
        return _time(lambda: from_json(text, Register), repeat)

    def dump_time(size: int) -> Timing:
        register = make_register(size)
        return _time(lambda: to_json(register), repeat)

    def matrix_time(size: int) -> Timing:
        engagements = make_engagements(size)
        return _time(lambda: EngagementMatrix.from_engagements(engagements), repeat)

    def loads_time(size: int) -> Timing:
        text = to_json(make_register(size))
        return _time(lambda: json.loads(text), repeat)

    def dumps_time(size: int) -> Timing:
        data = to_dict(make_register(size))
        return _time(lambda: json.dumps(data, ensure_ascii=False), repeat)

    def counter_time(size: int) -> Timing:
        engagements = make_engagements(size)
        return _time(lambda: Counter((e.level, e.degree) for e in engagements), repeat)

    results.append(_scaling("load", load_time, n_load))
    results.append(_scaling("(json.loads baseline)", loads_time, n_load, target=None))
    results.append(_scaling("dump", dump_time, n_load))
    results.append(_scaling("(json.dumps baseline)", dumps_time, n_load, target=None))
    results.append(_scaling("matrix", matrix_time, n_matrix))
    results.append(_scaling("(Counter baseline)", counter_time, n_matrix, target=None))
    return results
