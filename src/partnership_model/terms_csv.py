"""The vocabularies as one spreadsheet, for translators and reviewers, and back.

:func:`write_terms_csv` writes one row per term of every vocabulary, in both
languages; a reviewer corrects the cells in a spreadsheet, and
:func:`import_terms_csv` writes the corrections back into the vocabularies'
data files (``partnership-model vocabulary --import corrected.csv`` does
both from the command line; see :doc:`/how-to/translate-the-vocabulary`).

The columns are :data:`COLUMNS`:

* ``vocabulary``, ``token`` and ``iri`` say which term a row is; they are not
  edited (a changed identifier is refused);
* ``label_en``, ``label_fr``, ``definition_en``, ``definition_fr``: the texts
  as the data files write them (ordinary spaces before ``:`` and ``;``: the
  library sets French typography itself);
* ``label_fr-CA``, ``definition_fr-CA``: Québec's wording where it differs from
  France's, else empty (a spreadsheet may leave these two columns out: the data
  files then keep their Québec wordings);
* ``aliases``, ``sources``, ``proposed_labels``: lists, items separated by
  ``;`` (an alias cannot contain one);
* ``interpretive``: ``true`` or ``false`` (``vrai``/``faux``, ``yes``/``no``,
  ``oui``/``non`` and ``1``/``0`` are read too, whatever their case; empty is
  false).

A cell a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-`` or ``@``) is written with a leading apostrophe, which the import
removes, and so is a cell that starts with an apostrophe: nothing the data
files say is lost or changed on the way.

The import refuses, with the place of each problem (``file:row:column``, the
row as a spreadsheet numbers it, the header being row 1), what the data check
(``python -m partnership_model.data``) would refuse, and a row it cannot
place: an unknown or repeated term, a changed identifier, a column missing or
unknown. It writes nothing unless every row passes, only rewrites the files
whose content changes, and writes each through a temporary file renamed over
the old one. Rows left out of the file leave their terms unchanged.

Examples:
    >>> import csv, io
    >>> from partnership_model.terms_csv import terms_csv_text
    >>> rows = list(csv.DictReader(io.StringIO(terms_csv_text())))
    >>> row = next(r for r in rows if r["iri"].endswith("engagement_degree:partnership"))
    >>> row["label_fr"], row["interpretive"], row["sources"]
    ('Partenariat', 'false', 'Pomey2015; GH2024; CHRUNancy; AlteringFrontiers2021')
"""

from __future__ import annotations

import csv
import enum
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final

import attrs

from partnership_model._data import Problems, key_path, parse_data_json
from partnership_model._files import write_atomically
from partnership_model._termfiles import build_table, table, terms_file
from partnership_model.exceptions import DataFileError, Problem, ValidationError

__all__ = [
    "COLUMNS",
    "TermsImport",
    "import_terms_csv",
    "terms_csv_text",
    "write_terms_csv",
]


def __dir__() -> list[str]:
    return __all__


COLUMNS: Final = (
    "vocabulary",
    "token",
    "iri",
    "label_en",
    "label_fr",
    "label_fr-CA",
    "definition_en",
    "definition_fr",
    "definition_fr-CA",
    "aliases",
    "sources",
    "interpretive",
    "proposed_labels",
)
"""The columns of the terms spreadsheet, in the order it writes them."""

_SEPARATOR: Final = ";"
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
_TRUE: Final = frozenset({"true", "vrai", "yes", "oui", "1"})
_FALSE: Final = frozenset({"false", "faux", "no", "non", "0", ""})
# Where a key of a term goes when the import adds it: after the keys before it.
_TERM_KEYS: Final = (
    "iri",
    "label",
    "definition",
    "sources",
    "aliases",
    "interpretive",
    "proposed_labels",
    "facets",
)
_TEXT_KEYS: Final = ("en", "fr", "fr-CA")
# Columns a spreadsheet may leave out: the data files then keep what they say.
_OPTIONAL: Final = frozenset({"label_fr-CA", "definition_fr-CA"})


# -- writing ---------------------------------------------------------------------------


def _vocabularies() -> tuple[type[enum.Enum], ...]:
    from partnership_model.skos import vocabularies  # noqa: PLC0415

    return vocabularies()


def _escape(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _unescape(cell: str) -> str:
    return (
        cell[1:] if cell[:1] == "'" and cell[1:2].startswith(_FORMULA_STARTS) else cell
    )


def _joined(items: Sequence[str], file: str, path: str) -> str:
    for position, item in enumerate(items):
        if _SEPARATOR in item or item != item.strip():
            raise DataFileError(
                file,
                [
                    Problem(
                        f"{path}[{position}]",
                        f"{item!r} cannot go in a list cell: it holds {_SEPARATOR!r} "
                        "or spaces at an end",
                        "unrepresentable",
                    )
                ],
            )
    return f"{_SEPARATOR} ".join(items)


def _rows(vocabularies: Iterable[type[enum.Enum]]) -> Iterable[list[str]]:
    for cls in vocabularies:
        checked = table(cls)
        for member, term in checked.terms.items():
            path = key_path("$.terms", str(member.value))
            variant = next((v for v in term.variants if v.tag == "fr-CA"), None)
            yield [
                cls.__name__,
                str(member.value),
                term.iri or "",
                term.label_en,
                term.label_fr,
                (variant.label if variant else None) or "",
                term.definition_en,
                term.definition_fr,
                (variant.definition if variant else None) or "",
                _joined(term.aliases, checked.file, f"{path}.aliases"),
                _joined(term.sources, checked.file, f"{path}.sources"),
                "true" if term.interpretive else "false",
                _joined(term.proposed_labels, checked.file, f"{path}.proposed_labels"),
            ]


def terms_csv_text(*, vocabularies: Sequence[type[enum.Enum]] | None = None) -> str:
    """The terms spreadsheet as CSV text (see :func:`write_terms_csv`).

    Raises:
        DataFileError: A data file fails its checks, or holds a list item the
            spreadsheet cannot represent (a ``;`` in an alias).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    chosen = _vocabularies() if vocabularies is None else vocabularies
    writer.writerows([_escape(cell) for cell in row] for row in _rows(chosen))
    return out.getvalue()


def write_terms_csv(
    target: str | os.PathLike[str] | IO[str],
    *,
    vocabularies: Sequence[type[enum.Enum]] | None = None,
    overwrite: bool = False,
) -> None:
    """Write one row per term of every vocabulary (or of *vocabularies*).

    A path gets UTF-8 with a byte-order mark, so that spreadsheets read the
    accents right; it is written atomically and never replaces an existing
    file unless *overwrite* is true. A text stream gets the text as is.

    Raises:
        FileExistsError: *target* exists and *overwrite* is false.
        DataFileError: A data file fails its checks.
    """
    text = terms_csv_text(vocabularies=vocabularies)
    if isinstance(target, str | os.PathLike):
        write_atomically(Path(target), ("\ufeff" + text).encode(), overwrite=overwrite)
    else:
        target.write(text)


# -- reading back ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TermsImport:
    """What :func:`import_terms_csv` did (or, with ``dry_run``, would do).

    Attributes:
        rows: The rows read.
        changes: ``(file, token, field)`` of every value that changed, the
            field as a JSON path inside the term (``"label.fr"``).
        files: The data files rewritten (relative to the ``data`` folder).
    """

    rows: int
    changes: tuple[tuple[str, str, str], ...]
    files: tuple[str, ...]


def _terms_dir() -> Path:
    from importlib import resources  # noqa: PLC0415 - only when files are written

    return Path(str(resources.files("partnership_model").joinpath("data", "terms")))


def _read_csv(source: str | os.PathLike[str] | IO[str]) -> tuple[str, str]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        raw = path.read_bytes()
        name = path.name
        try:
            return raw.decode("utf-8-sig"), name
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            problem = Problem(
                f"{name}:{line}",
                "the file is not UTF-8; save it as CSV UTF-8",
                "encoding",
            )
            raise ValidationError([problem]) from None
    text = source.read()
    return text.removeprefix("\ufeff"), str(getattr(source, "name", "<csv>"))


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(_SEPARATOR) if item.strip()]


class _Import:
    """One import: the rows read, the documents edited, the problems found."""

    def __init__(self, name: str, directory: Path) -> None:
        self.name = name
        self.directory = directory
        self.problems: list[Problem] = []
        self.by_name = {cls.__name__: cls for cls in _vocabularies()}
        self.documents: dict[type[enum.Enum], Any] = {}
        self.originals: dict[type[enum.Enum], str] = {}
        self.rows_of: dict[tuple[type[enum.Enum], str], int] = {}
        self.changes: list[tuple[str, str, str]] = []

    def at(self, row: int, column: str) -> str:
        return f"{self.name}:{row}:{column}"

    def document(self, cls: type[enum.Enum]) -> Any:
        found = self.documents.get(cls)
        if found is None:
            file = terms_file(cls)
            text = (self.directory / Path(file).name).read_text(encoding="utf-8")
            problems = Problems(file)
            found = parse_data_json(text, problems)
            problems.raise_if_any()
            self.documents[cls] = found
            self.originals[cls] = text
        return found

    def row(self, number: int, cells: Mapping[str, str]) -> None:
        cls = self.by_name.get(cells["vocabulary"])
        if cls is None:
            self.problems.append(
                Problem(
                    self.at(number, "vocabulary"),
                    f"{cells['vocabulary']!r} is not a vocabulary of the package",
                    "unknown_vocabulary",
                )
            )
            return
        token = cells["token"]
        terms = self.document(cls).get("terms", {})
        entry = terms.get(token)
        if entry is None:
            self.problems.append(
                Problem(
                    self.at(number, "token"),
                    f"{token!r} is not a term of {cls.__name__}",
                    "unknown_member",
                )
            )
            return
        first = self.rows_of.setdefault((cls, token), number)
        if first != number:
            self.problems.append(
                Problem(
                    self.at(number, "token"),
                    f"{cls.__name__} {token!r} is already on row {first}",
                    "duplicate_row",
                )
            )
            return
        if cells["iri"] != entry.get("iri"):
            self.problems.append(
                Problem(
                    self.at(number, "iri"),
                    f"the identifier of {cls.__name__} {token!r} is "
                    f"{entry.get('iri')!r}; identifiers never change",
                    "changed_iri",
                )
            )
            return
        interpretive = cells["interpretive"].strip().casefold()
        if interpretive not in _TRUE | _FALSE:
            self.problems.append(
                Problem(
                    self.at(number, "interpretive"),
                    f"expected true or false, got {cells['interpretive']!r}",
                    "wrong_type",
                )
            )
            return
        file = terms_file(cls)
        for field in ("label", "definition"):
            texts = dict(entry.get(field, {}))  # keeps the order of the file
            for tag in _TEXT_KEYS:
                cell = cells.get(f"{field}_{tag}")
                if cell is None:  # an optional column left out: keep the text
                    continue
                if cell or tag != "fr-CA":
                    texts[tag] = cell
                else:
                    texts.pop(tag, None)
            self.set(entry, field, texts, (file, token))
        self.set_list(entry, "aliases", _split(cells["aliases"]), (file, token))
        self.set_list(entry, "sources", _split(cells["sources"]), (file, token))
        self.set_list(
            entry, "proposed_labels", _split(cells["proposed_labels"]), (file, token)
        )
        if interpretive in _TRUE:
            self.set(entry, "interpretive", value=True, where=(file, token))
        elif entry.get("interpretive") is True:
            self.remove(entry, "interpretive", (file, token))

    def set(
        self, entry: dict[str, Any], key: str, value: Any, where: tuple[str, str]
    ) -> None:
        old = entry.get(key)
        if old == value:
            return
        if isinstance(old, dict) and isinstance(value, dict):
            changed = [k for k in {**old, **value} if old.get(k) != value.get(k)]
            self.changes += [(*where, f"{key}.{k}") for k in changed]
        else:
            self.changes.append((*where, key))
        if key in entry:
            entry[key] = value
            return
        rank = _TERM_KEYS.index(key) if key in _TERM_KEYS else len(_TERM_KEYS)
        items = list(entry.items())
        position = next(
            (
                i
                for i, (k, _) in enumerate(items)
                if k in _TERM_KEYS and _TERM_KEYS.index(k) > rank
            ),
            len(items),
        )
        items.insert(position, (key, value))
        entry.clear()
        entry.update(items)

    def set_list(
        self, entry: dict[str, Any], key: str, items: list[str], where: tuple[str, str]
    ) -> None:
        if items or key == "sources":
            self.set(entry, key, items, where)
        elif entry.get(key):
            self.remove(entry, key, where)

    def remove(self, entry: dict[str, Any], key: str, where: tuple[str, str]) -> None:
        del entry[key]
        self.changes.append((*where, key))

    def check(
        self, row_of: Mapping[tuple[str, str], int]
    ) -> dict[type[enum.Enum], str]:
        """The new text of each changed document, after the data check."""
        from partnership_model.bibliography import BIBLIOGRAPHY  # noqa: PLC0415

        texts: dict[type[enum.Enum], str] = {}
        for cls, document in self.documents.items():
            file = terms_file(cls)
            try:
                build_table(cls, document, file=file, sources=BIBLIOGRAPHY.keys())
            except DataFileError as error:
                self.problems += [self.locate(file, p, row_of) for p in error.problems]
                continue
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            if text != self.originals[cls]:
                texts[cls] = text
        return texts

    def locate(
        self, file: str, problem: Problem, row_of: Mapping[tuple[str, str], int]
    ) -> Problem:
        """Place a problem of a data file on the row and column it comes from."""
        for (where, token), row in row_of.items():
            prefix = key_path("$.terms", token)
            rest = problem.path.removeprefix(prefix)
            if where != file or rest == problem.path or rest[:1] not in (".", "["):
                continue
            rest = rest.lstrip(".")
            field = rest.split("[", 1)[0].split(".", 1)
            column = field[0]
            if column in ("label", "definition"):
                tag = rest[len(column) :].strip(".[]'")
                column = f"{column}_{tag}" if tag in _TEXT_KEYS else column
            if column in COLUMNS or column in ("label", "definition"):
                return Problem(self.at(row, column), problem.message, problem.code)
        return Problem(f"{file}:{problem.path}", problem.message, problem.code)


def _header_problems(header: list[str], name: str) -> list[Problem]:
    missing = [c for c in COLUMNS if c not in header and c not in _OPTIONAL]
    unknown = [c for c in header if c not in COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    return (
        [
            Problem(f"{name}:1:{c}", f"missing column {c!r}", "missing_column")
            for c in missing
        ]
        + [
            Problem(
                f"{name}:1:{c}",
                f"unknown column {c!r}; the columns are {', '.join(COLUMNS)}",
                "unknown_column",
            )
            for c in unknown
        ]
        + [
            Problem(f"{name}:1:{c}", f"column {c!r} appears twice", "duplicate_column")
            for c in repeated
        ]
    )


def _records(
    text: str, name: str, problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True
    )
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    number = 0
    try:
        for cells in reader:
            number += 1
            if header is None:
                header = [cell.strip() for cell in cells]
                found = _header_problems(header, name)
                if found:
                    problems += found
                    return rows
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        f"{name}:{number}",
                        f"{len(cells)} cells for {len(header)} columns",
                        "extra_cells",
                    )
                )
                continue
            rows.append(
                (number, {c: _unescape(v) for c, v in zip(header, cells, strict=True)})
            )
    except csv.Error as error:
        problems.append(
            Problem(f"{name}:{number + 1}", f"malformed CSV: {error}", "csv_syntax")
        )
    if header is None:
        problems.append(Problem(f"{name}:1", "the file has no header row", "missing"))
    return rows


def import_terms_csv(
    source: str | os.PathLike[str] | IO[str],
    *,
    terms_dir: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
) -> TermsImport:
    """Write the corrections of a terms spreadsheet back into the data files.

    Args:
        source: The CSV file (path or text stream), as :func:`write_terms_csv`
            writes it, comma- or semicolon-separated.
        terms_dir: The folder of the terms files to correct (default: the
            installed package's ``data/terms``, which in a clone installed with
            ``pip install -e`` is ``src/partnership_model/data/terms``).
        dry_run: Check and report the changes without writing anything.

    Returns:
        What changed, and which files were rewritten.

    Raises:
        ValidationError: Every problem found, each at ``file:row:column``; no
            file is written.
    """
    text, name = _read_csv(source)
    problems: list[Problem] = []
    records = _records(text, name, problems)
    if problems:
        raise ValidationError(problems)
    job = _Import(name, Path(terms_dir) if terms_dir is not None else _terms_dir())
    for number, cells in records:
        job.row(number, cells)
    row_of = {
        (terms_file(cls), token): row for (cls, token), row in job.rows_of.items()
    }
    texts = job.check(row_of)
    if job.problems:
        raise ValidationError(sorted(job.problems, key=_row_order))
    if not dry_run:
        for cls, new in texts.items():
            target = job.directory / Path(terms_file(cls)).name
            write_atomically(target, new.encode(), overwrite=True)
    return TermsImport(
        rows=len(records),
        changes=tuple(job.changes),
        files=tuple(terms_file(cls) for cls in texts),
    )


def _row_order(problem: Problem) -> tuple[int, str]:
    parts = problem.path.split(":")
    row = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0
    return row, problem.path
