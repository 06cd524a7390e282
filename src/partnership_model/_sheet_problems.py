"""How a spreadsheet register's problems read: reworded for a sheet, printable paths.

:func:`reworded` keeps a rule's problem (its code, message and parameters,
so that it reads in French as a JSON register's would) except where the sheet
knows more; :func:`shown` escapes what a file, sheet or header name may hide.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Final

import attrs

from partnership_model._enums import Vocabulary
from partnership_model._i18n import Lang
from partnership_model._messages import Message, problem
from partnership_model._sheet_cells import value_at
from partnership_model._sheet_codec import Located, ReadResult
from partnership_model._sheet_layout import layout, spelling, text_of
from partnership_model.exceptions import Problem

__all__ = ["reworded", "shown"]


def shown(text: str) -> str:
    r"""*text* with its invisible and control characters escaped, for printing.

    File, sheet and header names come from the file: a terminal escape
    sequence or a bidi override in one must not reach a terminal as such.

    Examples:
        >>> shown("Rôle\x1b[2J\u202e")
        'Rôle\\x1b[2J\\u202e'
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in _HIDDEN
        else char
        for char in text
    )


_HIDDEN: Final = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def reworded(item: Located, result: ReadResult) -> Problem:
    """The problem as a spreadsheet's reader should read it.

    A rule's problem keeps its code, message and parameters (so that it reads
    in French as a JSON register's would), except where the sheet knows more:
    an unknown vocabulary value is answered with the labels of the sheet's
    language, and a date or yes/no cell says what it accepts.
    """
    problem, column = item.problem, item.origin.column
    if not problem.path or column is None:  # a problem of the tables themselves
        return problem
    lang = result.lang
    if column.vocabulary is not None and problem.code == "unknown_term":
        value = value_at(result.document, problem.path)
        return _unknown_term(problem.path, value, column.vocabulary, lang)
    if column.kind in ("date", "boolean", "version") and problem.code in (
        "invalid",
        "wrong_type",
    ):
        accepted = text_of(layout().accepted[column.kind], lang)
        return attrs.evolve(problem, message=f"{problem.message}; accepted: {accepted}")
    return problem


def _unknown_term(
    path: str, value: object, vocabulary: type[Vocabulary], lang: Lang
) -> Problem:
    """A cell names no member: suggest and list the labels of the sheet's language."""
    labels = [str(member.label(lang)) for member in vocabulary]
    by_spelling = {spelling(label): label for label in labels}
    close = difflib.get_close_matches(
        spelling(str(value)), list(by_spelling), n=1, cutoff=0.75
    )
    hint: Message | str = (
        Message("problems.did_you_mean", {"suggestion": repr(by_spelling[close[0]])})
        if close
        else ""
    )
    return problem(
        path,
        "unknown_term",
        value=repr(value),
        vocabulary=vocabulary.__name__,
        hint=hint,
        accepted="; ".join(labels),
    )
