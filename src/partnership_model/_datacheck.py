"""Check every data file of the package at once.

Each file is checked when it is first loaded anyway; this module checks them
all, whether or not anything loads them, and reports every problem of every
file, and that no two vocabularies share an identifier. Run it after editing
a term, a crosswalk, a reference or a message::

    python -m partnership_model.data

It exits with status 0 and a one-line summary when every file passes, and
with status 1 and the list of problems (file, JSON path, code) otherwise.
"""

from __future__ import annotations

import enum
import importlib
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from partnership_model._data import Problems, data_files, read_data_json
from partnership_model._enums import Vocabulary
from partnership_model._messages import MESSAGES_DIRECTORY, build_catalogue
from partnership_model._termfiles import (
    build_table,
    duplicate_scheme_message,
    terms_file,
)
from partnership_model.bibliography import BIBLIOGRAPHY_FILE, check_items
from partnership_model.crosswalks import CROSSWALKS_FILE, check_crosswalks
from partnership_model.exceptions import DataFileError, Problem

__all__ = ["DataReport", "check_all", "main", "vocabularies"]

#: The modules that declare vocabularies (each has a ``terms`` data file).
VOCABULARY_MODULES = (
    "partnership_model.vocabulary",
    "partnership_model.crosswalks",
    "partnership_model.metrics",
)


@attrs.frozen(kw_only=True)
class DataReport:
    """What :func:`check_all` found.

    Attributes:
        vocabularies: Vocabularies whose terms file passed.
        terms: Terms in those files.
        references: References in the bibliography, if it passed.
        crosswalks: Crosswalks in the crosswalks file, if it passed.
        errors: One error per file that failed, with all its problems.
        messages: Messages in the message catalogue files that passed.
        examples: Cases of the example register, if it and its coding notes
            passed.
    """

    vocabularies: int
    terms: int
    references: int
    crosswalks: int
    errors: tuple[DataFileError, ...]
    messages: int = 0
    examples: int = 0

    @property
    def ok(self) -> bool:
        """Whether every file passed."""
        return not self.errors


def vocabularies() -> list[type[enum.Enum]]:
    """Every vocabulary enum of the package that has members, module by module."""
    return [
        value
        for name in VOCABULARY_MODULES
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, type)
        and issubclass(value, Vocabulary)
        and value.__module__ == name
        and len(value.__members__) > 0
    ]


def _read(file: str, errors: list[DataFileError]) -> Any:
    problems = Problems(file)
    document = read_data_json(file, problems)
    if problems.items:
        errors.append(DataFileError(file, problems.items))
        return None
    return document


def check_all() -> DataReport:
    """Check the bibliography, every terms file, the crosswalks and the messages."""
    errors: list[DataFileError] = []
    items = _read(BIBLIOGRAPHY_FILE, errors)
    references = 0
    keys: set[str] = set()
    if items is not None:
        # The terms' source keys are checked against the ids the file spells,
        # so that one broken reference does not fail every term that cites it.
        if isinstance(items, list):
            keys = {i["id"] for i in items if isinstance(i, dict) and "id" in i}
        try:
            references = len(check_items(items))
        except DataFileError as error:
            errors.append(error)

    by_file = {terms_file(cls): cls for cls in vocabularies()}
    checked = terms = 0
    schemes: dict[str, type[enum.Enum]] = {}
    for name in data_files("terms"):
        file = f"terms/{name}"
        cls = by_file.pop(file, None)
        if cls is None:
            errors.append(
                DataFileError(file, [_problem("$", "no vocabulary enum has this file")])
            )
            continue
        document = _read(file, errors)
        if document is None:
            continue
        try:
            table = build_table(cls, document, file=file, sources=keys)
        except DataFileError as error:
            errors.append(error)
            continue
        other = schemes.setdefault(table.iri or "", cls)
        if other is not cls:
            problem = Problem(
                "$.iri",
                duplicate_scheme_message(table.iri or "", other),
                "duplicate_iri",
            )
            errors.append(DataFileError(file, [problem]))
            continue
        checked += 1
        terms += len(table.terms)
    for file, cls in by_file.items():
        errors.append(
            DataFileError(file, [_problem("$", f"{cls.__name__} has no terms file")])
        )

    crosswalks = 0
    document = _read(CROSSWALKS_FILE, errors)
    if document is not None:
        try:
            crosswalks = len(check_crosswalks(document))
        except DataFileError as error:
            errors.append(error)
    messages = 0
    for name in data_files(MESSAGES_DIRECTORY):
        file = f"{MESSAGES_DIRECTORY}/{name}"
        document = _read(file, errors)
        if document is None:
            continue
        try:
            catalogue = build_catalogue(
                document, file=file, domain=name.removesuffix(".json")
            )
        except DataFileError as error:
            errors.append(error)
            continue
        messages += len(catalogue.messages)
    examples = _check_examples(errors)
    return DataReport(
        vocabularies=checked,
        terms=terms,
        references=references,
        crosswalks=crosswalks,
        errors=tuple(errors),
        messages=messages,
        examples=examples,
    )


def _check_examples(errors: list[DataFileError]) -> int:
    """Check the example register and its coding notes; the number of cases."""
    from partnership_model import examples  # noqa: PLC0415 - reads the records

    document = _read(examples.REGISTER_FILE, errors)
    if document is None:
        return 0
    try:
        register = examples.build_register(document)
    except DataFileError as error:
        errors.append(error)
        return 0
    notes = _read(examples.CODING_NOTES_FILE, errors)
    if notes is None:
        return 0
    try:
        examples.build_coding_notes(notes, register)
    except DataFileError as error:
        errors.append(error)
        return 0
    return len(register)


def _problem(path: str, message: str) -> Problem:
    return Problem(path, message, "missing_file")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Check every data file, print the result, return the exit status."""
    del argv  # no options
    stream = out if out is not None else sys.stdout
    report = check_all()
    for error in report.errors:
        for problem in error.problems:
            stream.write(
                f"{error.file}: {problem.path}: {problem.message} [{problem.code}]\n"
            )
    if report.errors:
        stream.write(f"{len(report.errors)} file(s) failed\n")
        return 1
    stream.write(
        f"ok: {report.vocabularies} vocabularies ({report.terms} terms), "
        f"{report.references} references, {report.crosswalks} crosswalks, "
        f"{report.messages} messages, {report.examples} example cases\n"
    )
    return 0
