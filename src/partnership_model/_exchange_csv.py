"""Private: the CSV reader and writer of :mod:`partnership_model.exchange`.

Public under :mod:`partnership_model.exchange`, which re-exports them.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final, TypeAlias

from partnership_model._attributes import ExtraPolicy, MismatchPolicy
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import Problem, RecordTypeError, ValidationError
from partnership_model.policy import NAMED_POLICIES, ClassificationPolicy

__all__ = ["ACTOR_COLUMNS", "RELATION_COLUMNS", "read_csv", "write_csv"]

TextSource: TypeAlias = "str | os.PathLike[str] | IO[str]"

ACTOR_COLUMNS: Final = (
    "id",
    "sphere",
    "authority",
    "kind",
    "role",
    "label",
    "person_id",
)
"""Columns of the actors CSV file, in the order they are written.

Reading also accepts format 1.0's ``level`` column instead of ``authority``
(migrated, see the module documentation).
"""

RELATION_COLUMNS: Final = (
    "source",
    "target",
    "relation_type",
    "engagement_id",
    "degree",
    "start",
    "end",
    "policy",
)
"""Columns of the relations CSV file, in the order they are written."""

_READ_ACTOR_COLUMNS: Final = (*ACTOR_COLUMNS, "level")
_REQUIRED_ACTOR_COLUMNS: Final = ("id", "sphere")
_REQUIRED_RELATION_COLUMNS: Final = ("source", "target")


def _check_graph(graph: object) -> EcologyGraph:
    if not isinstance(graph, EcologyGraph):
        raise RecordTypeError("graph", graph, "expected an EcologyGraph")
    return graph


def _fail(path: str, message: str, code: str) -> ValidationError:
    return ValidationError([Problem(path, message, code)])


_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (OWASP advice)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def write_csv(
    graph: EcologyGraph,
    actors: TextSource,
    relations: TextSource,
    *,
    spreadsheet_safe: bool = False,
) -> None:
    """Write the ecology as two UTF-8 CSV files (or text streams).

    Columns are :data:`ACTOR_COLUMNS` and :data:`RELATION_COLUMNS`; values
    are vocabulary value tokens, ISO dates and empty cells for what is not
    set. ``relation_type`` holds the primary type, checked when read back;
    ``policy`` the classification policy, on every row: its name for a named
    policy, otherwise its attributes as a JSON object. (A graph without
    relations therefore records no policy.)

    A spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
    formula, so a crafted label could execute when the file is opened (CSV
    injection). With ``spreadsheet_safe=True`` such cells get a leading
    apostrophe, which spreadsheets hide; the file is then meant for people,
    not for :func:`read_csv`, which would keep the apostrophe. The default
    writes every value unchanged, so that reading the files back loses nothing.

    Args:
        graph: The ecology.
        actors: Path or text stream for the actors.
        relations: Path or text stream for the relations.
        spreadsheet_safe: Neutralise cells that a spreadsheet would run as
            formulas.
    """
    graph = _check_graph(graph)
    rows_of: Callable[[Iterator[list[str]]], Iterator[list[str]]] = (
        (lambda rows: ([_spreadsheet_safe(cell) for cell in row] for row in rows))
        if spreadsheet_safe
        else (lambda rows: rows)
    )

    def actor_rows() -> Iterator[list[str]]:
        for actor in graph.actors():
            yield [
                actor.id,
                actor.sphere.value,
                actor.authority.value if actor.authority is not None else "",
                actor.kind.value,
                actor.role.value if actor.role is not None else "",
                actor.label if actor.label is not None else "",
                actor.person_id if actor.person_id is not None else "",
            ]

    policy = _policy_text(graph.policy)

    def relation_rows() -> Iterator[list[str]]:
        for item in graph.relations():
            relation = item.relation
            yield [
                relation.source,
                relation.target,
                item.primary.value,
                relation.engagement_id or "",
                relation.degree.value if relation.degree is not None else "",
                relation.start.isoformat() if relation.start is not None else "",
                relation.end.isoformat() if relation.end is not None else "",
                policy,
            ]

    _write_rows(actors, ACTOR_COLUMNS, rows_of(actor_rows()))
    _write_rows(relations, RELATION_COLUMNS, rows_of(relation_rows()))


def _policy_text(policy: ClassificationPolicy) -> str:
    """A policy in one CSV cell: its name if it is a named policy, else JSON."""
    if NAMED_POLICIES.get(policy.name) == policy:
        return policy.name
    return json.dumps(policy.to_attributes(), ensure_ascii=False)


def _policy_attributes(text: str) -> dict[str, Any] | None:
    """Read a CSV policy cell back into policy attributes (a name or JSON)."""
    if not text.startswith("{"):
        return {"policy": text}
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _write_rows(
    target: TextSource, header: Iterable[str], rows: Iterable[list[str]]
) -> None:
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8", newline="") as stream:
            _write_rows(stream, header, rows)
        return
    writer = csv.writer(target)
    writer.writerow(header)
    writer.writerows(rows)


def _read_text(source: TextSource, default_name: str) -> tuple[str, str]:
    """Return the decoded text of *source* and its name for paths."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = path.name
        try:
            content: object = path.read_bytes()
        except OSError as error:
            raise _fail(name, f"cannot read the file: {error}", "io") from None
    elif hasattr(source, "read"):
        name = str(getattr(source, "name", default_name))
        if not name or name.isdigit():  # file descriptors have int names
            name = default_name
        content = source.read()
    else:
        raise RecordTypeError("source", source, "expected a path or a text stream")
    if isinstance(content, bytes):
        raw = content
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise _fail(
                f"{name}:{line}", "the file is not valid UTF-8", "encoding"
            ) from None
    if not isinstance(content, str):
        raise RecordTypeError("source", source, "expected text")
    return content.removeprefix("\ufeff"), name


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


class _CSVTable:
    """One parsed CSV file: its rows as (line, {column: cell}) pairs."""

    def __init__(
        self,
        text: str,
        name: str,
        *,
        known: tuple[str, ...],
        required: tuple[str, ...],
        extra: ExtraPolicy,
        problems: list[Problem],
    ) -> None:
        self.name = name
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.header_ok = True
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True
        )
        columns: list[str | None] | None = None
        line = 1
        try:
            for cells in reader:
                start, line = line, reader.line_num + 1
                if not any(cell.strip() for cell in cells):
                    continue
                if columns is None:
                    columns = self._header(
                        cells,
                        start,
                        known=known,
                        required=required,
                        extra=extra,
                        problems=problems,
                    )
                    continue
                self._row(cells, start, columns, problems)
        except csv.Error as error:
            # ``line`` is where the broken record starts (an unclosed quote
            # makes the reader run on to the end of the file).
            problems.append(
                Problem(f"{name}:{line}", f"malformed CSV: {error}", "csv_syntax")
            )
        if columns is None:
            problems.append(
                Problem(f"{name}:1", "the file has no header row", "missing")
            )
            self.header_ok = False

    def _header(
        self,
        cells: list[str],
        line: int,
        *,
        known: tuple[str, ...],
        required: tuple[str, ...],
        extra: ExtraPolicy,
        problems: list[Problem],
    ) -> list[str | None]:
        names = [cell.strip().lower() for cell in cells]
        columns: list[str | None] = []
        seen: set[str] = set()
        where = f"{self.name}:{line}"
        for name in names:
            if name in seen:
                problems.append(
                    Problem(where, f"column {name!r} appears twice", "duplicate_column")
                )
                self.header_ok = False
            seen.add(name)
            if name in known:
                columns.append(name)
            else:
                if name and extra == "raise":
                    problems.append(
                        Problem(
                            where,
                            f"unknown column {name!r}; expected: {', '.join(known)}",
                            "unknown_key",
                        )
                    )
                columns.append(None)
        for name in required:
            if name not in seen:
                problems.append(
                    Problem(
                        where, f"missing required column {name!r}", "missing_column"
                    )
                )
                self.header_ok = False
        return columns

    def _row(
        self,
        cells: list[str],
        line: int,
        columns: list[str | None],
        problems: list[Problem],
    ) -> None:
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            problems.append(
                Problem(
                    f"{self.name}:{line}",
                    f"{len(cells)} cells for {len(columns)} columns",
                    "extra_cells",
                )
            )
            return
        values: dict[str, str] = {}
        for column, cell in zip(columns, cells, strict=False):
            if column is None or not cell.strip():
                continue
            # Kept as typed: the field rules refuse an id or a date padded
            # with spaces, as they do in every other format.
            values[column] = cell
        self.rows.append((line, values))


def _file_line(path: str, _field: str) -> str:
    return path


def read_csv(
    actors: TextSource,
    relations: TextSource,
    *,
    policy: ClassificationPolicy | None = None,
    mismatch: MismatchPolicy = "raise",
    extra: ExtraPolicy = "raise",
) -> EcologyGraph:
    """Read an ecology from an actors CSV and a relations CSV.

    Headers are matched ignoring case and surrounding spaces; ``id`` and
    ``sphere`` (actors) and ``source`` and ``target`` (relations) are
    required, the other columns of :data:`ACTOR_COLUMNS` and
    :data:`RELATION_COLUMNS` optional; a person's row needs an
    ``authority``. A format-1.0 ``level`` column is migrated to authorities
    (reported in a :class:`~partnership_model.MigrationWarning`). Vocabulary
    cells are read leniently (values, English or French labels, aliases; case
    and accents ignored); dates must be ISO (``2024-03-31``); empty cells mean
    "not set". The ``policy`` cells, when present, must all name the same
    policy. A ``relation_type`` that disagrees with the type computed from the
    two actors is a problem (or a warning with ``mismatch="warn"``).

    Args:
        actors: Path or text stream of the actors file.
        relations: Path or text stream of the relations file.
        policy: The policy to classify with; ``None`` (default) takes the one
            the ``policy`` column records, or the default policy.
        mismatch: ``"raise"`` (default) or ``"warn"``, as in
            :meth:`EcologyGraph.from_networkx
            <partnership_model.ecology.EcologyGraph.from_networkx>`.
        extra: ``"raise"`` reports unknown columns; ``"ignore"`` skips them.

    Raises:
        ValidationError: Every problem of both files, each at ``file:line``:
            undecodable text, stray quotes, missing columns, unknown terms,
            bad dates, duplicate ids, unknown actors, disagreeing types.
    """
    problems: list[Problem] = []
    actor_text, actor_name = _read_text(actors, "actors.csv")
    relation_text, relation_name = _read_text(relations, "relations.csv")
    actor_table = _CSVTable(
        actor_text,
        actor_name,
        known=_READ_ACTOR_COLUMNS,
        required=_REQUIRED_ACTOR_COLUMNS,
        extra=extra,
        problems=problems,
    )
    relation_table = _CSVTable(
        relation_text,
        relation_name,
        known=RELATION_COLUMNS,
        required=_REQUIRED_RELATION_COLUMNS,
        extra=extra,
        problems=problems,
    )
    if not (actor_table.header_ok and relation_table.header_ok):
        raise ValidationError(problems)
    recorded: dict[str, tuple[str, str]] = {}  # policy cell -> first place
    for line, values in relation_table.rows:
        cell = values.pop("policy", None)
        if cell is not None and cell not in recorded:
            recorded[cell] = (f"{relation_name}:{line}", cell)
    policy_path, policy_attributes = relation_name, {}
    if len(recorded) > 1:
        places = "; ".join(f"{where}: {cell!r}" for where, cell in recorded.values())
        problems.append(
            Problem(
                relation_name,
                f"the policy column names several policies ({places}); one file "
                "holds relations classified by one policy",
                "ambiguous",
            )
        )
    elif recorded:
        ((policy_path, cell),) = recorded.values()
        found = _policy_attributes(cell)
        if isinstance(found, dict):
            policy_attributes = found
        else:
            problems.append(
                Problem(
                    policy_path,
                    f"policy: not a policy name nor a JSON object: {cell!r}",
                    "invalid",
                )
            )
    nodes = (
        (f"{actor_name}:{line}", values.pop("id", None), values)
        for line, values in actor_table.rows
    )
    edges = (
        (
            f"{relation_name}:{line}",
            values.pop("source", None),
            values.pop("target", None),
            None,
            values,
        )
        for line, values in relation_table.rows
    )
    try:
        graph = EcologyGraph._load(
            nodes,
            edges,
            graph_attributes=(policy_path, policy_attributes),
            policy=policy,
            mismatch=mismatch if not problems else "raise",
            extra=extra,
            lenient=True,
            path_of=_file_line,
            stacklevel=2,
        )
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    if problems:
        raise ValidationError(problems)
    return graph
