"""Registers, findings and matrices as pandas data frames (needs the ``pandas`` extra).

For analysis in pandas (grouping, pivoting, plotting with seaborn, writing
Stata or Parquet files), each function turns one kind of result into a
:class:`pandas.DataFrame`:

* :func:`engagements_frame`: one row per engagement, indexed by its id;
* :func:`participants_frame`: one row per participation, with the
  engagement's id (join it to the engagements on that column);
* :func:`research_stages_frame`: one row per research stage of an
  engagement, with the degree of engagement at that stage;
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
with ``lang=``. A field that holds several values is a tuple (an
engagement's ``research_stages``: ``(stage, degree)`` pairs); a yes/no
field uses pandas' nullable ``boolean``.

Dates are kept as precise as the register records them
(:class:`~partnership_model.PartialDate`: a year, a month or a day): a date
field such as ``start`` is its ISO text (``"2006"``, ``"2020-11"``,
``"2021-01-15"``; pandas' ``string``, whose order is the dates' order), and
two ``datetime64`` columns give the days it covers, ``start_earliest`` and
``start_latest`` (``NaT`` for an empty date). Filter a period on those
(``frame.start_earliest >= "2020-01-01"``) rather than inventing a day.

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
    [0, 0, 9, 7]
    >>> participants_frame(register).groupby("sphere", observed=False).size().to_dict()
    {'community': 39, 'professional': 19}
    >>> findings_frame(assess(register)).columns.tolist()
    ['engagement_id', 'code', 'severity', 'message', 'sources']
    >>> matrix = matrix_frame(EngagementMatrix.from_engagements(register))
    >>> matrix.loc["meso"].tolist(), int(matrix.to_numpy().sum())
    ([0, 0, 3, 6], 16)
    >>> matrix_frame(EngagementMatrix.from_engagements(register), lang="fr").columns.name
    'Degré'

    Dates and research stages, on an engagement of format 1.1:

    >>> from partnership_model import (
    ...     Engagement, EngagementDegree as D, EngagementDomain, EngagementLevel,
    ...     PartialDate, ResearchStage, StageDegree,
    ... )
    >>> study = Engagement(
    ...     id="e1", title="Study", domain=EngagementDomain.RESEARCH,
    ...     level=EngagementLevel.MESO, degree=D.PARTNERSHIP,
    ...     start=PartialDate.fromisoformat("2020-11"),
    ...     research_stages=[
    ...         StageDegree(stage=ResearchStage.DESIGN, degree=D.PARTNERSHIP),
    ...         StageDegree(stage=ResearchStage.DISSEMINATION, degree=D.CONSULTATION),
    ...     ],
    ... )
    >>> row = engagements_frame([study]).loc["e1"]
    >>> row.start, str(row.start_earliest.date()), str(row.start_latest.date())
    ('2020-11', '2020-11-01', '2020-11-30')
    >>> row.research_stages
    (('design', 'partnership'), ('dissemination', 'consultation'))
    >>> research_stages_frame([study]).to_dict("records")[1]
    {'engagement_id': 'e1', 'stage': 'dissemination', 'degree': 'consultation'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from partnership_model._enums import OrderedVocabulary, Vocabulary
from partnership_model._i18n import Lang
from partnership_model._sheet_layout import Column, Table, layout
from partnership_model.assessment import Finding
from partnership_model.dates import PartialDate
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
    "research_stages_frame",
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


def _dates(pd: Any, key: str, values: Sequence[Any]) -> dict[str, Any]:
    """A date field's ISO text, and the first and last days it covers."""
    dates = [None if v is None else PartialDate.fromisoformat(v) for v in values]
    return {
        key: pd.array(list(values), dtype="string"),
        f"{key}_earliest": pd.to_datetime(
            pd.Series([d and d.earliest for d in dates], dtype=object)
        ),
        f"{key}_latest": pd.to_datetime(
            pd.Series([d and d.latest for d in dates], dtype=object)
        ),
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
        values = [item.get(column.key) for _, item in rows]
        if column.kind == "date":
            data.update(_dates(pd, column.key, values))
        else:
            data[column.key] = _column(pd, column, values, lang)
    for child in layout().tables:
        if child.parent != table.id or not child.json_key:
            continue
        if child.values:
            data[child.json_key] = pd.Series(
                [tuple(item.get(child.json_key, ())) for _, item in rows], dtype=object
            )
        elif all(c.kind == "vocabulary" for c in child.columns):
            # Small records of vocabulary values (a stage and its degree): tuples.
            data[child.json_key] = pd.Series(
                [_pairs(child, item.get(child.json_key, ()), lang) for _, item in rows],
                dtype=object,
            )
    frame: pandas.DataFrame = pd.DataFrame(data)
    return frame.set_index(index) if index else frame


def _pairs(
    table: Table, items: Iterable[Mapping[str, Any]], lang: Lang | None
) -> tuple[tuple[str, ...], ...]:
    """The rows of a child table of vocabulary values, as tuples of tokens or labels."""
    names = {
        column.key: _names(column.vocabulary, lang)
        for column in table.columns
        if column.vocabulary is not None
    }
    return tuple(
        tuple(names[c.key][item[c.key]] for c in table.columns) for item in items
    )


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


def research_stages_frame(
    register: Register | Iterable[Engagement], *, lang: Lang | None = None
) -> pandas.DataFrame:
    """One row per research stage of an engagement: ``engagement_id``, ``stage``, ``degree``.

    ``degree`` is the degree of engagement at that stage (format 1.1), an
    ordered categorical; join the rows to :func:`engagements_frame` on
    ``engagement_id``.

    Args:
        register: A register, or engagements.
        lang: Show vocabulary values as their labels in this language.

    Raises:
        ImportError: pandas is not installed.
    """
    table = layout().table("Engagement.research_stages")
    rows = [
        ((engagement["id"],), stage)
        for engagement in _engagements(register)
        for stage in engagement.get("research_stages", ())
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
