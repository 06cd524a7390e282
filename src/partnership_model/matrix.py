"""The Montreal matrix and the research-engagement matrix, computed from engagements.

The **Montreal matrix** crosses the engagement level (rows: micro, meso, macro)
with the degree (columns: information ... partnership) and counts the
engagements in each cell, optionally for one domain only (Pomey et al. 2015;
the grid is reproduced in Berkesse 2024).

The **research-engagement matrix** crosses the research stage (rows) with the
degree (columns). An engagement counts once in every stage it records, in the
column of the degree recorded for that stage (format 1.1 gives each stage its
own degree), so its cells may add up to more than the number of engagements;
engagements that record no stage are counted in
:attr:`ResearchEngagementMatrix.without_stage`.
Crossing stages with degrees is this library's proposal: the Quebec SPOR
support unit's "matrice d'engagement" could not be read.

Both matrices are immutable values, compare equal when their counts (and
domain filter) are equal, and are built in one pass over the engagements.

Examples:
    >>> from partnership_model import EngagementDegree as D, EngagementLevel as L
    >>> from partnership_model import EngagementMatrix
    >>> from partnership_model.examples import load_register
    >>> matrix = EngagementMatrix.from_engagements(load_register())
    >>> matrix.count(level=L.MACRO, degree=D.PARTNERSHIP)
    1
    >>> matrix.total == len(load_register())
    True
"""

from __future__ import annotations

import enum
import operator
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, Final, Generic, TypeVar

import attrs

from partnership_model import _validators as v
from partnership_model._enums import Lang, OrderedVocabulary
from partnership_model._i18n import format_integer
from partnership_model._messages import message
from partnership_model._tables import aligned
from partnership_model.exceptions import RecordTypeError
from partnership_model.records import Engagement, Register
from partnership_model.vocabulary import (
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    ResearchStage,
)

__all__ = [
    "EngagementMatrix",
    "MatrixCell",
    "ResearchEngagementMatrix",
]


def __dir__() -> list[str]:
    return __all__


R = TypeVar("R", bound=OrderedVocabulary)

_DEGREES: tuple[EngagementDegree, ...] = tuple(EngagementDegree)
_LEVELS: tuple[EngagementLevel, ...] = tuple(EngagementLevel)
_STAGES: tuple[ResearchStage, ...] = tuple(ResearchStage)


@attrs.frozen(kw_only=True)
class MatrixCell(Generic[R]):
    """One cell of a matrix.

    Attributes:
        row: The row key (a level or a research stage).
        degree: The column: an engagement degree.
        count: How many engagements fall in the cell.
    """

    row: R
    degree: EngagementDegree
    count: int


#: An engagement's (level, degree) pair, read in C by Counter's counting loop.
_LEVEL_AND_DEGREE: Final = operator.attrgetter("level", "degree")


def _engagements_of(
    engagements: Iterable[Engagement] | Register,
) -> Iterable[Engagement]:
    if isinstance(engagements, Register):
        return engagements.engagements
    return engagements


class _Grid(Generic[R]):
    """Shared behaviour of the two matrices (rows of an ordered vocabulary × degrees)."""

    __slots__ = ()
    _rows: tuple[R, ...]
    _row_heading: str
    counts: tuple[tuple[int, ...], ...]
    domain: EngagementDomain | None

    def count(self, row: R, degree: EngagementDegree) -> int:
        return self.counts[self._rows.index(row)][_DEGREES.index(degree)]

    def row_total(self, row: R) -> int:
        """Number of engagements counted in *row*, all degrees together."""
        return sum(self.counts[self._rows.index(row)])

    def column_total(self, degree: EngagementDegree) -> int:
        """Number of engagements counted at *degree*, all rows together."""
        column = _DEGREES.index(degree)
        return sum(row[column] for row in self.counts)

    @property
    def total(self) -> int:
        """Sum of every cell."""
        return sum(sum(row) for row in self.counts)

    def cells(self) -> Iterator[MatrixCell[R]]:
        """Iterate the cells row by row, weakest degree first in each row."""
        for row, counts in zip(self._rows, self.counts, strict=True):
            for degree, count in zip(_DEGREES, counts, strict=True):
                yield MatrixCell(row=row, degree=degree, count=count)

    def __iter__(self) -> Iterator[MatrixCell[R]]:
        return self.cells()

    def to_rows(self, lang: Lang = "en") -> list[dict[str, str | int]]:
        """One dict per row, ready for :mod:`csv` or ``pandas.DataFrame``.

        Keys are the row heading, each degree's label in *lang* and the total;
        values are the row label and the counts.

        Examples:
            >>> from partnership_model.examples import load_register
            >>> rows = EngagementMatrix.from_engagements(load_register()).to_rows("fr")
            >>> list(rows[0])
            ['Niveau', 'Information', 'Consultation', 'Collaboration', 'Partenariat', 'Total']
        """
        heading = message(f"matrix.{self._row_heading}", lang)
        total = message("matrix.total", lang)
        rows: list[dict[str, str | int]] = []
        for row, counts in zip(self._rows, self.counts, strict=True):
            record: dict[str, str | int] = {heading: row.label(lang)}
            for degree, count in zip(_DEGREES, counts, strict=True):
                record[degree.label(lang)] = count
            record[total] = sum(counts)
            rows.append(record)
        return rows

    def to_document(self, lang: Lang = "en") -> dict[str, Any]:
        """The matrix as a JSON-ready object that carries its row and column labels.

        ``rows`` and ``columns`` hold the JSON tokens of the levels (or
        stages) and degrees, ``row_labels``, ``column_labels`` and
        ``row_heading`` their labels in *lang*; ``counts`` has one list per
        row; ``row_totals``, ``column_totals`` and ``total`` follow; ``domain``
        is the domain token or ``None``. A research-engagement matrix adds
        ``without_stage``.

        Examples:
            >>> from partnership_model.examples import load_register
            >>> document = EngagementMatrix.from_engagements(load_register()).to_document()
            >>> document["rows"], document["column_labels"][-1]
            (['micro', 'meso', 'macro'], 'Partnership')
            >>> document["total"] == sum(document["row_totals"])
            True
        """
        document: dict[str, Any] = {
            "row_heading": message(f"matrix.{self._row_heading}", lang),
            "rows": [row.value for row in self._rows],
            "row_labels": [row.label(lang) for row in self._rows],
            "columns": [degree.value for degree in _DEGREES],
            "column_labels": [degree.label(lang) for degree in _DEGREES],
            "counts": [list(counts) for counts in self.counts],
            "row_totals": [sum(counts) for counts in self.counts],
            "column_totals": [self.column_total(degree) for degree in _DEGREES],
            "total": self.total,
            "domain": None if self.domain is None else self.domain.value,
        }
        return document

    def to_text(self, lang: Lang = "en") -> str:
        """Render the matrix as an aligned plain-text table with totals.

        Numbers are written the way of *lang* (thousands grouped in French).
        """
        total = message("matrix.total", lang)
        header = [message(f"matrix.{self._row_heading}", lang)]
        header += [d.label(lang) for d in _DEGREES]
        header.append(total)
        body = [
            [
                row.label(lang),
                *(format_integer(n, lang) for n in counts),
                format_integer(sum(counts), lang),
            ]
            for row, counts in zip(self._rows, self.counts, strict=True)
        ]
        footer = [
            total,
            *(format_integer(self.column_total(d), lang) for d in _DEGREES),
            format_integer(self.total, lang),
        ]
        return aligned(header, body, footer)


def _counts_validator(rows: int) -> v.Grid:
    return v.Grid(rows=rows, columns=len(_DEGREES))


def _check_engagement(index: int, engagement: object) -> None:
    raise RecordTypeError(f"engagements[{index}]", engagement, "expected an Engagement")


@attrs.frozen(kw_only=True)
class EngagementMatrix(_Grid[EngagementLevel]):
    """The Montreal matrix: engagements counted by level (rows) and degree (columns).

    Build it with :meth:`from_engagements`.

    Attributes:
        counts: One row per level (micro, meso, macro), one column per degree
            (information ... partnership).
        domain: The domain the matrix was restricted to, or ``None`` for all.
    """

    counts: tuple[tuple[int, ...], ...] = attrs.field(
        validator=_counts_validator(len(_LEVELS))
    )
    domain: EngagementDomain | None = attrs.field(
        default=None, validator=v.optional_member_of(EngagementDomain)
    )

    _rows = _LEVELS
    _row_heading = "level"

    @classmethod
    def from_engagements(
        cls,
        engagements: Iterable[Engagement] | Register,
        domain: EngagementDomain | None = None,
    ) -> EngagementMatrix:
        """Count *engagements* (or a register's) by level and degree, in one pass.

        Args:
            engagements: The engagements, or a :class:`~partnership_model.Register`.
            domain: Count only the engagements of this domain.

        Raises:
            RecordTypeError: An item is not an :class:`~partnership_model.Engagement`.
        """
        items = _engagements_of(engagements)
        if type(items) is not tuple and type(items) is not list:
            items = list(items)
        if set(map(type, items)) - {Engagement}:  # name the first that is not one
            for index, engagement in enumerate(items):
                if type(engagement) is not Engagement:
                    _check_engagement(index, engagement)
        if domain is not None:
            items = [e for e in items if e.domain is domain]
        tally: Counter[tuple[enum.Enum, enum.Enum]] = Counter(
            map(_LEVEL_AND_DEGREE, items)
        )
        counts = tuple(
            tuple(tally[level, degree] for degree in _DEGREES) for level in _LEVELS
        )
        return cls(counts=counts, domain=domain)

    def count(  # type: ignore[override]
        self, *, level: EngagementLevel, degree: EngagementDegree
    ) -> int:
        """Number of engagements at *level* and *degree*."""
        return super().count(level, degree)

    def level_total(self, level: EngagementLevel) -> int:
        """Number of engagements at *level*, all degrees together."""
        return self.row_total(level)

    def degree_total(self, degree: EngagementDegree) -> int:
        """Number of engagements at *degree*, all levels together."""
        return self.column_total(degree)


@attrs.frozen(kw_only=True)
class ResearchEngagementMatrix(_Grid[ResearchStage]):
    """Engagements counted by research stage (rows) and degree (columns).

    An engagement counts once in each stage it records, at the degree
    recorded for that stage. Build it with :meth:`from_engagements`.

    Attributes:
        counts: One row per research stage, one column per degree.
        without_stage: Engagements that record no research stage (not in the
            cells).
        domain: The domain the matrix was restricted to, or ``None`` for all.
    """

    counts: tuple[tuple[int, ...], ...] = attrs.field(
        validator=_counts_validator(len(_STAGES))
    )
    without_stage: int = attrs.field(default=0, validator=v.count)
    domain: EngagementDomain | None = attrs.field(
        default=None, validator=v.optional_member_of(EngagementDomain)
    )

    _rows = _STAGES
    _row_heading = "stage"

    @classmethod
    def from_engagements(
        cls,
        engagements: Iterable[Engagement] | Register,
        domain: EngagementDomain | None = None,
    ) -> ResearchEngagementMatrix:
        """Count *engagements* by research stage and the degree at that stage, in one pass.

        Args:
            engagements: The engagements, or a :class:`~partnership_model.Register`.
            domain: Count only the engagements of this domain (for example
                ``EngagementDomain.RESEARCH``).

        Raises:
            RecordTypeError: An item is not an :class:`~partnership_model.Engagement`.
        """
        tally: Counter[tuple[enum.Enum, enum.Enum]] = Counter()
        without_stage = 0
        for index, engagement in enumerate(_engagements_of(engagements)):
            if type(engagement) is not Engagement:
                _check_engagement(index, engagement)
            if domain is not None and engagement.domain is not domain:
                continue
            if not engagement.research_stages:
                without_stage += 1
            for item in engagement.research_stages:
                tally[item.stage, item.degree] += 1
        counts = tuple(
            tuple(tally[stage, degree] for degree in _DEGREES) for stage in _STAGES
        )
        return cls(counts=counts, without_stage=without_stage, domain=domain)

    def count(  # type: ignore[override]
        self, *, stage: ResearchStage, degree: EngagementDegree
    ) -> int:
        """Number of engagements engaged at *stage* with *degree*."""
        return super().count(stage, degree)

    def to_document(self, lang: Lang = "en") -> dict[str, Any]:
        """The matrix as a JSON-ready object with its labels, and ``without_stage``.

        See :func:`partnership_model.report.report_document` for how reports
        use it; the keys are those of the Montreal matrix's document.
        """
        document = super().to_document(lang)
        document["without_stage"] = self.without_stage
        return document

    def stage_total(self, stage: ResearchStage) -> int:
        """Number of engagements engaged at *stage*, all degrees together."""
        return self.row_total(stage)

    def degree_total(self, degree: EngagementDegree) -> int:
        """Number of stage engagements at *degree*, all stages together."""
        return self.column_total(degree)
