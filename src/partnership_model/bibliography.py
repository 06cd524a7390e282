"""The works the library's vocabulary, rules and measures come from.

Every vocabulary member, assessment rule and metric names its sources by key
(for example ``"Boivin2022"``); :data:`BIBLIOGRAPHY` maps each key to a full
:class:`Reference`. The references live in ``partnership_model/data/
bibliography.json``, a CSL-JSON file (the format Zotero, Mendeley, pandoc and
citeproc read; :func:`csl_items` returns it), read and checked the first time
it is needed. Only facts that were checked against a readable source are
recorded: where a volume, page range or DOI could not be confirmed it is left
out and :attr:`Reference.note` says so.

Examples:
    >>> from partnership_model.bibliography import reference
    >>> ref = reference("Boivin2022")
    >>> ref.doi
    '10.1111/hex.13571'
    >>> print(ref.citation())  # doctest: +NORMALIZE_WHITESPACE
    Boivin A, Dumez V, Castonguay G, Berkesse A (2022). The Ecology of
    Engagement: fostering cooperative efforts in health with patients and
    communities. Health Expectations 25(5):2314-2327.
    https://doi.org/10.1111/hex.13571
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from partnership_model._data import (
    LazyMapping,
    Problems,
    key_path,
    read_data_json,
)
from partnership_model.exceptions import UnknownReferenceError

__all__ = ["BIBLIOGRAPHY", "Reference", "csl_items", "reference"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Reference:
    """One bibliographic reference.

    Attributes:
        key: Stable citation key used throughout the package (the CSL ``id``).
        authors: Author names as ``"Family Initials"``; empty when unknown.
        title: Title of the work.
        year: Year of publication, when known.
        container: Journal, book, website or event the work appeared in.
        details: Volume, issue, pages, date and similar, when confirmed.
        doi: DOI without the ``https://doi.org/`` prefix, when confirmed.
        url: A public address of the work or of its record.
        note: What the project verified, and what it could not.
        kind: ``"article"``, ``"book"``, ``"chapter"``, ``"report"``,
            ``"web"``, ``"slides"`` or ``"thesis"``.
        editors: Editor names, for edited books.
        authors_complete: False when the author list known to the project
            stops short of the full list (``et al.``).
        pmid: PubMed identifier, when recorded.
        pmcid: PubMed Central identifier, when recorded.
    """

    key: str
    authors: tuple[str, ...]
    title: str
    year: int | None = None
    container: str | None = None
    details: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None
    kind: str = "article"
    editors: tuple[str, ...] = ()
    authors_complete: bool = True
    pmid: str | None = None
    pmcid: str | None = None

    @property
    def byline(self) -> str:
        """The authors, or else the editors, on one line (``"Boivin A, Dumez V"``)."""
        if self.authors:
            tail = ", et al." if not self.authors_complete else ""
            return ", ".join(self.authors) + tail
        if self.editors:
            return f"{', '.join(self.editors)} (eds)"
        return "[authors not recorded]"

    def citation(self) -> str:
        """Format the reference as one line of plain text (Vancouver-like)."""
        year = f" ({self.year})" if self.year is not None else ""
        parts = [f"{self.byline}{year}.", self.title.rstrip(".") + "."]
        if self.container:
            parts.append(f"{self.container}{self.details_suffix}.")
        elif self.details:
            parts.append(f"{self.details}.")
        if self.doi:
            parts.append(f"https://doi.org/{self.doi}")
        elif self.url:
            parts.append(self.url)
        return " ".join(parts)

    @property
    def details_suffix(self) -> str:
        """The details as they follow the container (``" 25(5):2314-2327"``)."""
        if not self.details:
            return ""
        return (" " if self.details[0].isdigit() else ", ") + self.details

    @property
    def link(self) -> str | None:
        """The DOI link if there is a DOI, else the URL, else ``None``."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


BIBLIOGRAPHY_FILE: Final = "bibliography.json"

#: CSL item types the file may use, and the :attr:`Reference.kind` of each.
_KINDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "article-journal": "article",
        "article-magazine": "article",
        "article-newspaper": "article",
        "book": "book",
        "chapter": "chapter",
        "report": "report",
        "webpage": "web",
        "speech": "slides",
        "thesis": "thesis",
    }
)
_TEXT_FIELDS: Final = (
    "title",
    "container-title",
    "publisher",
    "publisher-place",
    "event-place",
    "genre",
    "version",
    "note",
    "ISBN",
    "PMID",
    "PMCID",
    "URL",
    "DOI",
)
_NUMBER_FIELDS: Final = ("volume", "issue", "page")
_CUSTOM_FIELDS: Final = ("authors-complete",)
_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DOI: Final = re.compile(r"10\.\d{4,9}/\S+")
_KEY: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _name(name: Mapping[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']} {name['given']}".strip()


def _date_text(parts: list[int]) -> str | None:
    """``[2015, 4]`` -> ``"April 2015"``; ``[2024, 6, 4]`` -> ``"4 June 2024"``."""
    if len(parts) < 2:
        return None
    month = f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {month}" if len(parts) > 2 else month


def _container(item: Mapping[str, Any]) -> str | None:
    """Where the work appeared, as one phrase."""
    kind = item["type"]
    title = item.get("container-title")
    publisher = item.get("publisher")
    if kind == "chapter":
        editors = ", ".join(_name(n) for n in item.get("editor", []))
        head = f"{editors} (eds). {title}" if editors else title
        return f"{head}. {publisher}" if publisher else head
    if kind == "book":
        place = item.get("publisher-place")
        return f"{place}: {publisher}" if place else publisher
    if kind == "speech":
        date = _date_text(item.get("issued", {}).get("date-parts", [[]])[0])
        event = (item.get("genre"), publisher, item.get("event-place"), date)
        return ", ".join(p for p in event if p) or None
    if kind.startswith("article"):
        return title if isinstance(title, str) else None
    parts = (item.get("genre"), title, publisher)
    return "; ".join(p for p in parts if p) or None


def _details(item: Mapping[str, Any]) -> str | None:
    """Volume, issue, pages, date, genre and edition facts, as one phrase."""
    volume, issue, page = (item.get(field) for field in _NUMBER_FIELDS)
    if volume is not None:
        numbers = f"{volume}" + (f"({issue})" if issue is not None else "")
        numbers += f":{page}" if page is not None else ""
    elif issue is not None:
        numbers = f"no. {issue}" + (f", pp. {page}" if page is not None else "")
    else:
        numbers = f"pp. {page}" if page is not None else ""
    parts: list[str | None] = [numbers]
    if item["type"] != "speech":
        parts.append(_date_text(item.get("issued", {}).get("date-parts", [[]])[0]))
    if item["type"].startswith("article"):
        parts.append(item.get("genre"))
    if "version" in item:
        parts.append(f"version of {item['version']}")
    if "ISBN" in item:
        parts.append(f"ISBN {item['ISBN']}")
    return "; ".join(p for p in parts if p) or None


def _reference(item: Mapping[str, Any]) -> Reference:
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    custom = item.get("custom", {})
    return Reference(
        key=item["id"],
        authors=tuple(_name(n) for n in item.get("author", [])),
        title=item["title"],
        year=issued[0] if issued else None,
        container=_container(item),
        details=_details(item),
        doi=item.get("DOI"),
        url=item.get("URL"),
        note=item.get("note"),
        kind=_KINDS[item["type"]],
        editors=tuple(_name(n) for n in item.get("editor", [])),
        authors_complete=custom.get("authors-complete", True),
        pmid=item.get("PMID"),
        pmcid=item.get("PMCID"),
    )


def check_items(items: Any, *, file: str = BIBLIOGRAPHY_FILE) -> dict[str, Reference]:
    """Check parsed CSL-JSON *items* and build the references, by key.

    The file is CSL-JSON restricted to the fields this library reads (see
    ``data/bibliography.schema.json``): every item needs an ``id`` (the key),
    a known ``type`` and a non-blank ``title``; keys are unique; DOIs, URLs,
    names and dates are well formed; unknown fields are refused so that no
    edit is silently ignored.

    Raises:
        DataFileError: Every problem found, with its JSON path.
    """
    problems = Problems(file)
    array = problems.array(items, "$") or []
    references: dict[str, Reference] = {}
    for position, raw in enumerate(array):
        path = f"$[{position}]"
        item = problems.mapping(raw, path)
        if item is None:
            continue
        before = len(problems.items)
        _check_item(item, path, problems)
        if len(problems.items) > before:
            continue
        key = item["id"]
        if key in references:
            problems.add(
                key_path(path, "id"),
                f"key {key!r} is used by two references",
                "duplicate_key",
            )
            continue
        references[key] = _reference(item)
    problems.raise_if_any()
    return references


def _check_item(item: dict[str, Any], path: str, problems: Problems) -> None:
    problems.keys(
        item,
        path,
        required=("id", "type", "title"),
        optional=(
            *(f for f in _TEXT_FIELDS if f != "title"),
            *_NUMBER_FIELDS,
            "author",
            "editor",
            "issued",
            "custom",
        ),
    )
    key = item.get("id")
    if not (isinstance(key, str) and _KEY.fullmatch(key)):
        problems.add(
            key_path(path, "id"),
            f"expected a key of letters, digits and underscores, got {key!r}",
            "invalid_value",
        )
    if "type" in item and item["type"] not in _KINDS:
        problems.add(
            key_path(path, "type"),
            f"unknown CSL type {item['type']!r} (accepted: {', '.join(_KINDS)})",
            "invalid_value",
        )
    for field in _TEXT_FIELDS:
        if field in item:
            problems.text(item[field], key_path(path, field))
    for field in _NUMBER_FIELDS:
        if field in item and not (
            (isinstance(item[field], str) and item[field].strip())
            or (isinstance(item[field], int) and not isinstance(item[field], bool))
        ):
            problems.add(
                key_path(path, field),
                f"expected text or a whole number, got {item[field]!r}",
                "wrong_type",
            )
    doi = item.get("DOI")
    if isinstance(doi, str) and not _DOI.fullmatch(doi):
        problems.add(
            key_path(path, "DOI"),
            f"{doi!r} is not a DOI (10.<registrant>/<suffix>, without https://doi.org/)",
            "invalid_value",
        )
    url = item.get("URL")
    if isinstance(url, str) and not url.startswith(("http://", "https://")):
        problems.add(
            key_path(path, "URL"), f"{url!r} is not a web address", "invalid_value"
        )
    for role in ("author", "editor"):
        if role in item:
            _check_names(item[role], key_path(path, role), problems)
    if "issued" in item:
        _check_date(item["issued"], key_path(path, "issued"), problems)
    if "custom" in item:
        custom = problems.mapping(item["custom"], key_path(path, "custom"))
        if custom is not None:
            problems.keys(custom, key_path(path, "custom"), optional=_CUSTOM_FIELDS)
            if "authors-complete" in custom:
                problems.boolean(
                    custom["authors-complete"],
                    key_path(key_path(path, "custom"), "authors-complete"),
                )


def _check_names(value: object, path: str, problems: Problems) -> None:
    for position, raw in enumerate(problems.array(value, path) or []):
        name_path = f"{path}[{position}]"
        name = problems.mapping(raw, name_path)
        if name is None:
            continue
        if "literal" in name:
            problems.keys(name, name_path, required=("literal",))
            problems.text(name["literal"], key_path(name_path, "literal"))
        else:
            problems.keys(name, name_path, required=("family", "given"))
            for part in ("family", "given"):
                if part in name:
                    problems.text(name[part], key_path(name_path, part))


def _check_date(value: object, path: str, problems: Problems) -> None:
    date = problems.mapping(value, path)
    if date is None:
        return
    problems.keys(date, path, required=("date-parts",))
    parts_path = key_path(path, "date-parts")
    parts = date.get("date-parts")
    ranges = ((1000, 2999), (1, 12), (1, 31))
    if not (
        isinstance(parts, list)
        and len(parts) == 1
        and isinstance(parts[0], list)
        and 1 <= len(parts[0]) <= 3
        and all(
            isinstance(n, int) and not isinstance(n, bool) and low <= n <= high
            for n, (low, high) in zip(parts[0], ranges, strict=False)
        )
    ):
        problems.add(
            parts_path,
            f"expected [[year]], [[year, month]] or [[year, month, day]], got {parts!r}",
            "invalid_value",
        )


def _load() -> Mapping[str, Reference]:
    problems = Problems(BIBLIOGRAPHY_FILE)
    items = read_data_json(BIBLIOGRAPHY_FILE, problems)
    problems.raise_if_any()
    return MappingProxyType(check_items(items))


BIBLIOGRAPHY: Mapping[str, Reference] = LazyMapping(_load)
"""Every reference the package cites, by key (read-only, read on first use)."""


def reference(key: str) -> Reference:
    """Return the reference cited under *key*.

    Raises:
        UnknownReferenceError: No reference has that key.
    """
    try:
        return BIBLIOGRAPHY[key]
    except KeyError:
        raise UnknownReferenceError(key, "bibliography key") from None


def csl_items() -> list[dict[str, Any]]:
    """The bibliography as CSL-JSON items, for a reference manager or citeproc.

    A fresh copy each call: changing it changes nothing in the package.

    Examples:
        >>> items = csl_items()
        >>> next(i for i in items if i["id"] == "Boivin2022")["DOI"]
        '10.1111/hex.13571'
    """
    problems = Problems(BIBLIOGRAPHY_FILE)
    items = read_data_json(BIBLIOGRAPHY_FILE, problems)
    problems.raise_if_any()
    check_items(items)
    copied: list[dict[str, Any]] = json.loads(json.dumps(items))
    return copied
