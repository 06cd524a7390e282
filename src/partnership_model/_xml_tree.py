"""Private: a hardened XML reader that keeps the line of every element.

The dynamic GEXF reader needs to say *where* a problem sits and to see every
element, including those a lenient reader would skip. This module parses a
document with expat into a small tree of :class:`Element` s, each with its
namespace, local name, attributes, children, text and line. A document type
declaration (and so any entity) is refused as soon as it starts, before
anything is declared or expanded.
"""

from __future__ import annotations

import os
import xml.parsers.expat
from pathlib import Path
from typing import IO, TypeAlias

from partnership_model.exceptions import Problem, RecordTypeError, ValidationError

BinarySource: TypeAlias = "str | os.PathLike[str] | IO[bytes]"
"""A file path or a binary file object."""


class Element:
    """One element of a parsed document."""

    __slots__ = ("attributes", "children", "line", "local", "namespace", "text")

    def __init__(
        self, namespace: str, local: str, attributes: dict[str, str], line: int
    ) -> None:
        self.namespace = namespace
        self.local = local
        #: Attributes; a namespaced one is keyed ``"namespace local"``.
        self.attributes = attributes
        self.children: list[Element] = []
        self.text = ""
        self.line = line


class _RefusedError(Exception):
    """Internal: the document declares a DOCTYPE or an entity."""


def fail(where: str, message: str, code: str) -> ValidationError:
    """A ValidationError with one problem."""
    return ValidationError([Problem(where, message, code)])


def read_bytes(source: BinarySource) -> tuple[bytes, str]:
    """Return the content of *source* and a name for messages.

    Raises:
        RecordTypeError: *source* is neither a path nor a binary file.
        ValidationError: The file cannot be read (code ``io``).
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), path.name
        except OSError as error:
            raise fail(path.name, f"cannot read the file: {error}", "io") from None
    if not hasattr(source, "read"):
        raise RecordTypeError("source", source, "expected a path or a binary file")
    content = source.read()
    if not isinstance(content, bytes):
        raise RecordTypeError("source", source, "expected a file opened in binary mode")
    return content, str(getattr(source, "name", "<stream>"))


def parse(content: bytes, name: str) -> Element:
    """Parse *content* into a tree; refuse DOCTYPE and ENTITY declarations.

    Raises:
        ValidationError: The document is not well-formed XML (code
            ``xml_syntax``), declares a DOCTYPE or an entity (code
            ``forbidden_xml``) or has an unsupported encoding (code
            ``encoding``); the path is ``name:line``.
    """
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    stack: list[Element] = []
    roots: list[Element] = []

    def refuse(*_args: object) -> None:
        msg = "DOCTYPE and ENTITY declarations are not allowed"
        raise _RefusedError(msg)

    def refuse_external(*_args: object) -> int:
        msg = "external entities are not allowed"
        raise _RefusedError(msg)

    def start(tag: str, attributes: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(" ")
        element = Element(namespace, local, attributes, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        else:
            roots.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text += data

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(content, True)  # noqa: FBT003 - positional-only flag
    except _RefusedError as error:
        line = parser.CurrentLineNumber
        raise fail(f"{name}:{line}", str(error), "forbidden_xml") from None
    except xml.parsers.expat.ExpatError as error:
        raise fail(
            f"{name}:{error.lineno}", f"not well-formed XML: {error}", "xml_syntax"
        ) from None
    except (LookupError, ValueError) as error:  # the declared encoding
        raise fail(
            f"{name}:1", f"unsupported XML encoding: {error}", "encoding"
        ) from None
    if not roots:  # pragma: no cover - expat refuses a document without root
        raise fail(name, "the document has no root element", "xml_syntax")
    return roots[0]
