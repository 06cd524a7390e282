"""Registers, findings and matrices as pandas data frames (needs the ``pandas`` extra).

For analysis in pandas (grouping, pivoting, plotting with seaborn, writing
Stata or Parquet files), each function turns one kind of result into a
:class:`pandas.DataFrame`:

* :func:`engagements_frame`: one row per engagement, indexed by its id;
* :func:`participants_frame`: one row per participation, with the
  engagement's id (join it to the engagements on that column);
* :func:`findings_frame`: one row per finding of
  :func:`~partnership_model.assess`;
* :func:`matrix_frame`: the counts of an
  :class:`~partnership_model.EngagementMatrix` or a
  :class:`~partnership_model.ResearchEngagementMatrix`, rows by columns.

The columns of the first two are the fields of the records, as in the
register's spreadsheet (:mod:`partnership_model.spreadsheet`): a field
added to a record becomes a column. A vocabulary column is a
:class:`pandas.Categorical` whose categories are the whole vocabulary in
declaration order (ordered for ordered vocabularies such as the degree, so
that ``frame.degree >= "collaboration"`` and sorting follow the Montreal
continuum); its values are the JSON tokens, or the labels of a language
with ``lang=``. A field that holds several values is a tuple; a yes/no
field uses pandas' nullable ``boolean``; dates are ``datetime64`` (a date
left empty is ``NaT``).

Examples:
    >>> from partnership_model import EngagementMatrix, assess
    >>> from partnership_model.examples import load_register
    >>> from partnership_model.frames import (
    ...     engagements_frame, findings_frame, matrix_frame, participants_frame,
    ... )
    >>> register = load_register()
    >>> engagements = engagements_frame(register)
    >>> engagements.loc["sustainable-health-chair", ["level", "degree"]].tolist()
    ['meso', 'partnership']
    >>> engagements.groupby("degree", observed=False).size().tolist()
    [1, 1, 4, 11]
    >>> participants_frame(register).groupby("sphere", observed=False).size().to_dict()
    {'community': 40, 'professional': 22}
    >>> findings_frame(assess(register)).columns.tolist()
    ['engagement_id', 'code', 'severity', 'message', 'sources']
    >>> matrix = matrix_frame(EngagementMatrix.from_engagements(register))
    >>> matrix.loc["meso"].tolist(), int(matrix.to_numpy().sum())
    ([0, 1, 1, 8], 17)
    >>> matrix_frame(EngagementMatrix.from_engagements(register), lang="fr").columns.name
    'Degré'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from partnership_model._enums import OrderedVocabulary, Vocabulary
from partnership_model._i18n import Lang
from partnership_model._sheet_layout import Column, Table, layout
from partnership_model.assessment import Finding
from partnership_model.matrix import EngagementMatrix, ResearchEngagementMatrix
from partnership_model.records import Engagement, Register
from partnership_model.serialization import to_dict
from partnership_model.vocabulary import (
    EngagementDegree,
    EngagementLevel,
    ResearchStage,
    Severity,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "engagements_frame",
    "findings_frame",
    "matrix_frame",
    "participants_frame",
]


def __dir__() -> list[str]:
    return __all__


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415 - optional dependency
    except ImportError as error:  # pragma: no cover - exercised without pandas
        msg = (
            "partnership_model.frames needs pandas: "
            "pip install 'partnership-model[pandas]'"
        )
        raise ImportError(msg) from error
    return pandas


def _engagements(target: Register | Iterable[Engagement]) -> list[dict[str, Any]]:
    """The JSON objects of the engagements (as :func:`to_dict` writes them)."""
    if isinstance(target, Register):
        return list(to_dict(target).get("engagements", ()))
    return [to_dict(engagement) for engagement in target]


def _names(vocabulary: type[Vocabulary], lang: Lang | None) -> dict[str, str]:
    """Each token of *vocabulary* and what a frame shows for it."""
    return {
        str(member.value): str(member.value) if lang is None else member.label(lang)
        for member in vocabulary
    }


def _column(pd: Any, column: Column, values: Sequence[Any], lang: Lang | None) -> Any:
    """A pandas column for the JSON *values* of one field."""
    vocabulary = column.vocabulary
    if column.kind == "vocabulary" and vocabulary is not None:
        names = _names(vocabulary, lang)
        return pd.Categorical(
            [None if v is None else names[v] for v in values],
            categories=list(names.values()),
            ordered=issubclass(vocabulary, OrderedVocabulary),
        )
    if column.kind == "vocabularies" and vocabulary is not None:
        names = _names(vocabulary, lang)
        return pd.Series(
            [tuple(names[v] for v in value or ()) for value in values], dtype=object
        )
    if column.kind == "boolean":
        return pd.array(values, dtype="boolean")
    if column.kind == "date":
        return pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601")
    return pd.Series(list(values), dtype=object)


def _frame(
    table: Table,
    rows: Sequence[tuple[Sequence[str], Mapping[str, Any]]],
    lang: Lang | None,
    *,
    index: str | None = None,
) -> pandas.DataFrame:
    pd = _pandas()
    data: dict[str, Any] = {}
    for position, key in enumerate(table.keys):
        parent = layout().table(key.parent or "").record
        owner = parent.__name__.lower() if parent is not None else "parent"
        data[f"{owner}_{key.key}"] = [names[position] for names, _ in rows]
    for column in table.columns:
        data[column.key] = _column(
            pd, column, [item.get(column.key) for _, item in rows], lang
        )
    for child in layout().tables:
        if child.parent == table.id and child.values and child.json_key:
            data[child.json_key] = pd.Series(
                [tuple(item.get(child.json_key, ())) for _, item in rows], dtype=object
            )
    frame: pandas.DataFrame = pd.DataFrame(data)
    return frame.set_index(index) if index else frame


def engagements_frame(
    register: Register | Iterable[Engagement], *, lang: Lang | None = None
) -> pandas.DataFrame:
    """One row per engagement, indexed by its id (``id``).

    Args:
        register: A register, or engagements.
        lang: Show vocabulary values as their labels in this language
            instead of their JSON tokens.

    Raises:
        ImportError: pandas is not installed.
    """
    table = layout().table("Register.engagements")
    rows = [((), item) for item in _engagements(register)]
    return _frame(table, rows, lang, index="id")


def participants_frame(
    register: Register | Iterable[Engagement], *, lang: Lang | None = None
) -> pandas.DataFrame:
    """One row per participation: ``engagement_id``, then the participant's fields.

    Args:
        register: A register, or engagements.
        lang: Show vocabulary values as their labels in this language.

    Raises:
        ImportError: pandas is not installed.
    """
    table = layout().table("Engagement.participants")
    rows = [
        ((engagement["id"],), participant)
        for engagement in _engagements(register)
        for participant in engagement.get("participants", ())
    ]
    return _frame(table, rows, lang)


def findings_frame(
    findings: Iterable[Finding], *, lang: Lang = "en"
) -> pandas.DataFrame:
    """One row per finding: engagement, rule code, severity, message, sources.

    ``severity`` is an ordered categorical (information < warning < alert),
    ``message`` the finding's message in *lang*.

    Raises:
        ImportError: pandas is not installed.
    """
    pd = _pandas()

    items = list(findings)
    frame: pandas.DataFrame = pd.DataFrame(
        {
            "engagement_id": [f.engagement_id for f in items],
            "code": [f.code for f in items],
            "severity": pd.Categorical(
                [f.severity.value for f in items],
                categories=list(Severity.values()),
                ordered=True,
            ),
            "message": [f.message(lang) for f in items],
            "sources": pd.Series([f.sources for f in items], dtype=object),
        }
    )
    return frame


def matrix_frame(
    matrix: EngagementMatrix | ResearchEngagementMatrix, *, lang: Lang | None = None
) -> pandas.DataFrame:
    """The counts of a matrix: one row per level (or research stage), one column per degree.

    Rows and columns keep the vocabularies' order; totals are not included
    (``frame.sum()`` and ``frame.sum(axis=1)`` give them).

    Args:
        matrix: The matrix.
        lang: Name rows and columns by their labels in this language instead
            of their JSON tokens (and the axes in that language).

    Raises:
        ImportError: pandas is not installed.
    """
    pd = _pandas()
    research = isinstance(matrix, ResearchEngagementMatrix)
    rows: list[Vocabulary] = list(ResearchStage) if research else list(EngagementLevel)
    degrees = list(EngagementDegree)

    def name(member: Vocabulary) -> str:
        return str(member.value) if lang is None else member.label(lang)

    axes = _axes(research, lang)
    frame: pandas.DataFrame = pd.DataFrame(
        [list(counts) for counts in matrix.counts],
        index=pd.Index([name(row) for row in rows], name=axes[0]),
        columns=pd.Index([name(d) for d in degrees], name=axes[1]),
    )
    return frame


def _axes(research: bool, lang: Lang | None) -> tuple[str, str]:  # noqa: FBT001
    """The names of a matrix's rows and columns: field names, or headers in *lang*."""
    if lang is None:
        return ("stage" if research else "level", "degree")
    headers = {
        (table.id, column.key): column.label(lang)
        for table in layout().tables
        for column in table.columns
    }
    degree = headers["Register.engagements", "degree"]
    if not research:
        return (headers["Register.engagements", "level"], degree)
    stage = headers.get(("Engagement.research_stages", "stage")) or headers.get(
        ("Register.engagements", "research_stages"), "stage"
    )
    return (stage, degree)
