"""Errors raised by :mod:`partnership_model`.

Every error derives from :class:`PartnershipModelError`, so one ``except`` clause
catches anything the library raises on purpose. Each leaf also derives from the
builtin exception it really is (:class:`ValueError`, :class:`KeyError`,
:class:`TypeError`), so code that already catches those keeps working.

Each error carries the offending value and, where it has one, the place where the
problem sits: a field name for records, a JSON path such as
``$.engagements[3].degree`` for documents.

The wording of messages is not part of the public API; the attributes are.
"""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

__all__ = [
    "DataFileError",
    "DuplicateIdError",
    "InvalidRecordError",
    "MigrationWarning",
    "OutputExistsError",
    "PartnershipModelError",
    "Problem",
    "RecordTypeError",
    "RelationTypeMismatchWarning",
    "SchemaVersionError",
    "UnknownActorError",
    "UnknownReferenceError",
    "ValidationError",
    "VocabularyError",
]


def __dir__() -> list[str]:
    return __all__


class PartnershipModelError(Exception):
    """Root of every error raised on purpose by :mod:`partnership_model`."""


class VocabularyError(PartnershipModelError, ValueError):
    """A term is not part of a controlled vocabulary.

    Attributes:
        term: The text (or value) that was not recognised.
        vocabulary: Name of the vocabulary (the enum class name).
        accepted: The canonical values the vocabulary accepts.
        suggestions: Accepted values that look like *term* (may be empty).
    """

    def __init__(self, term: object, vocabulary: str, accepted: Sequence[str]) -> None:
        self.term = term
        self.vocabulary = vocabulary
        self.accepted = tuple(accepted)
        self.suggestions = tuple(
            difflib.get_close_matches(str(term).lower(), self.accepted, n=3, cutoff=0.8)
        )
        super().__init__(term, vocabulary, self.accepted)

    def __str__(self) -> str:
        hint = ""
        if self.suggestions:
            hint = f" (did you mean {_quote_list(self.suggestions, 'or')}?)"
        return (
            f"{self.term!r} is not a known {self.vocabulary}{hint}; "
            f"accepted values: {', '.join(self.accepted)}"
        )


class InvalidRecordError(PartnershipModelError, ValueError):
    """A record was built with an invalid value or an invalid combination.

    Attributes:
        field: The field that holds the problem, possibly dotted and indexed
            (``"participants[2].person_id"``).
        value: The offending value.
        reason: What is wrong, in plain words.
        code: A stable, machine-readable code for the rule broken
            (``"invalid"`` unless a more specific one applies, such as
            ``"date_order"`` or ``"duplicate_id"``).
    """

    default_code = "invalid"

    def __init__(
        self, field: str, value: object, reason: str, *, code: str | None = None
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.code = code or self.default_code
        super().__init__(field, value, reason)

    def __str__(self) -> str:
        return f"{self.field}: {self.reason} (got {_short_repr(self.value)})"


class RecordTypeError(InvalidRecordError, TypeError):
    """A record field received a value of the wrong type."""

    default_code = "wrong_type"


class DuplicateIdError(InvalidRecordError):
    """Two items that must have distinct identifiers share one.

    Attributes:
        field: Where the second occurrence sits.
        value: The duplicated identifier.
    """

    default_code = "duplicate_id"


class UnknownReferenceError(PartnershipModelError, KeyError):
    """An identifier refers to something that does not exist.

    Attributes:
        reference: The identifier that could not be resolved.
        kind: What kind of thing it should name (``"person"``, ``"actor"``...).
        field: Where the reference sits, if known.
        accepted: The identifiers that would have been accepted, when the
            caller listed them (``None`` when it did not).
    """

    def __init__(
        self,
        reference: object,
        kind: str,
        field: str = "",
        *,
        accepted: Sequence[str] | None = None,
    ) -> None:
        self.reference = reference
        self.kind = kind
        self.field = field
        self.accepted = None if accepted is None else tuple(accepted)
        super().__init__(reference, kind, field)

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        known = ""
        if self.accepted is not None:
            listed = ", ".join(self.accepted[:50]) if self.accepted else "none"
            more = (
                f" and {len(self.accepted) - 50} more"
                if len(self.accepted) > 50
                else ""
            )
            known = f" (known: {listed}{more})"
        return f"{where}unknown {self.kind} {self.reference!r}{known}"


class UnknownActorError(UnknownReferenceError):
    """A relation or a lookup names an actor that is not in the graph."""

    def __init__(self, reference: object, field: str = "") -> None:
        super().__init__(reference, "actor", field)


@attrs.frozen
class Problem:
    """One problem found in a document.

    Attributes:
        path: Where the problem sits, as a JSON path (``$.engagements[3].degree``)
            or, for line-based formats, ``file:line``.
        message: What is wrong, in plain words.
        code: A stable, machine-readable code (``"unknown_key"``,
            ``"unknown_term"``, ``"wrong_type"``...).
        params: The values the message was written from, by placeholder name
            of the catalogue message ``problems.<code>``, so that the message
            can be written in another language; ``None`` when the problem
            does not carry them (its message is then English only). Not part
            of equality.

    .. versionchanged:: 0.1.0
       *params* (issue 14: ``validate --lang fr``).
    """

    path: str
    message: str
    code: str = "invalid"
    params: Mapping[str, object] | None = attrs.field(
        default=None, kw_only=True, eq=False, repr=False
    )

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ValidationError(PartnershipModelError, ValueError):
    """A document does not describe valid records.

    It reports every problem found, not only the first.

    Attributes:
        problems: Every problem found, in document order.
        path: The path of the first problem.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            msg = "ValidationError needs at least one problem"
            raise ValueError(msg)
        super().__init__(self.problems)

    @property
    def path(self) -> str:
        """The path of the first problem."""
        return self.problems[0].path

    def __str__(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = "\n".join(f"  {problem}" for problem in self.problems[:50])
        more = f"\n  ... and {count - 50} more" if count > 50 else ""
        return f"{head}:\n{lines}{more}"


class SchemaVersionError(ValidationError):
    """A document declares a schema version this release cannot read.

    Attributes:
        found: The version string found in the document.
        supported: The version this release writes.
    """

    def __init__(self, found: Any, supported: str, path: str = "$.schema_version"):
        self.found = found
        self.supported = supported
        super().__init__(
            [
                Problem(
                    path,
                    f"schema_version {found!r} is not supported by this release, "
                    f"which reads {supported.split('.', maxsplit=1)[0]}.x documents up to "
                    f"{supported}; upgrade partnership-model to read newer documents",
                    "unsupported_version",
                )
            ]
        )


class DataFileError(ValidationError):
    """A data file of the package (terms, crosswalks, bibliography) is invalid.

    Raised when the file is first loaded, so a wrong edit to a label, an
    alias or a source key is reported with where it sits, never silently used.

    Attributes:
        file: The file, relative to the package's ``data`` directory
            (``"terms/role.json"``).
        problems: Every problem found, each with the JSON path inside the file
            (``$.terms.peer_helper.label.fr``) and a stable code
            (``"missing_label"``, ``"unknown_source"``, ``"duplicate_alias"``...).
    """

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        super().__init__(problems)

    def __str__(self) -> str:
        return f"{self.file}: {super().__str__()}"


class OutputExistsError(PartnershipModelError, FileExistsError):
    """A file is not written, so that the data already there is not lost.

    Raised before anything is written, when the output file already exists
    and replacing it was not asked for, or when it is (or resolves to, through
    a link, ``..`` or the case of its name) one of the files being read.

    Attributes:
        path: The output file that was refused.
        source: The input file it would have replaced (code
            ``"output_is_input"``), or ``None``.
        code: ``"output_exists"`` or ``"output_is_input"``.

    .. versionadded:: 0.2.0
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        source: str | os.PathLike[str] | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.source = None if source is None else os.fspath(source)
        self.code = "output_exists" if source is None else "output_is_input"
        super().__init__(errno.EEXIST, str(self), self.path)

    def __str__(self) -> str:
        if self.source is None:
            return f"{self.path} exists; pass --force (overwrite=True) to replace it"
        if os.path.normcase(self.source) == os.path.normcase(self.path):
            return f"{self.path} is an input file: it would be replaced by the output"
        return (
            f"{self.path} is the input file {self.source}: writing there would "
            "replace the input"
        )


class RelationTypeMismatchWarning(UserWarning):
    """A relation type declared in input data differs from the computed one.

    The computed type is kept; the warning names the relation and both types.
    """


class MigrationWarning(UserWarning):
    """Data in an older format was read and migrated to the current one.

    Reading never migrates silently: each changed field is listed, with the
    old and the new value, in the ``changes`` attribute. Turn the warning into an
    error (``warnings.simplefilter("error", MigrationWarning)``) to refuse
    old data instead, or save the data again to write the current format.

    Attributes:
        changes: One :class:`Problem` per migrated field: its path (in the
            data as read), what was changed, and the code
            ``"migrated_level"``.
        found_version: The format version the data declared, if any.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, message: str, changes: Iterable[Problem], found_version: str | None
    ) -> None:
        self.changes = tuple(changes)
        self.found_version = found_version
        super().__init__(message)


def _short_repr(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _quote_list(items: Iterable[str], conjunction: str) -> str:
    quoted = [f"{item!r}" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"
