"""The HTML pages the library writes: one look, one skeleton, text that cannot inject.

The HTML partnership report (:mod:`partnership_model.report`) and the HTML
checklist draft (:mod:`partnership_model.draft_output`) are built with
:func:`page`: one self-contained file, its style sheet inline
(``data/html/page.css``: system fonts, readable on screen, A4 when printed),
its figures inline SVG (:func:`inline_svg`), no script, and nothing to fetch:
a Content Security Policy in the page forbids scripts and every outside
resource, so even a fault in escaping could not run code or call home.

Every text that comes from data passes through :func:`escape`, which also
replaces what HTML cannot carry (control characters, lone surrogates).
"""

from __future__ import annotations

import functools
import html
import re
from importlib import resources
from typing import Final

__all__ = ["CONTENT_SECURITY_POLICY", "escape", "inline_svg", "page"]

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""What the pages allow: their own inline styles and data images, nothing else."""

# C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone
# surrogates (which UTF-8 cannot encode); noncharacters U+FFFE and U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    r"""*text* safe anywhere in HTML content or in a quoted attribute value.

    ``&``, ``<``, ``>``, ``"`` and ``'`` become character references;
    characters HTML cannot carry become U+FFFD (the replacement character), so
    nothing is lost silently: the reader sees where something was.

    Examples:
        >>> escape('<script>alert("1")</script>')
        '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;'
        >>> escape("a\x00b") == "a\ufffdb"
        True
    """
    return html.escape(_UNSAFE.sub("\ufffd", text), quote=True)


@functools.cache
def _style_sheet() -> str:
    resource = resources.files("partnership_model").joinpath("data", "html", "page.css")
    return resource.read_text(encoding="utf-8")


def page(*, lang: str, title: str, body: str, generator: str) -> str:
    """A whole HTML document: *body* (markup) under the shared head and style.

    Args:
        lang: The BCP 47 tag of the page's language (the ``lang`` attribute).
        title: The page title, as text (escaped here).
        body: The markup of the body, already escaped.
        generator: The library and its version (the ``generator`` meta).
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(generator)}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{_style_sheet()}</style>\n"
        "</head>\n"
        f"<body>\n{body}</body>\n"
        "</html>\n"
    )


_PROLOGUE = re.compile(r"\A.*?(?=<svg[\s>])", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
# matplotlib's one style rule, which would apply to the whole page: page.css
# sets it on the figures instead.
_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>")
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(href="#|url\(#)([^")]+)')


def inline_svg(svg: str, *, prefix: str, labelled_by: str) -> str:
    """An SVG file's markup made fit to sit inside an HTML page.

    The XML declaration and doctype are dropped, and so are comments,
    metadata (matplotlib writes each text of a figure in a comment) and a
    style element (its rule would apply to the whole page); every
    element id, and every reference to one, gets *prefix*, so that two
    figures in one page never share an id; the root is marked as an image
    named by the element with id *labelled_by* (its caption).

    Args:
        svg: An SVG document, as matplotlib writes it.
        prefix: A prefix unique in the page (letters, digits, hyphens).
        labelled_by: The id of the element that names the figure.
    """
    markup = _PROLOGUE.sub("", svg, count=1)
    markup = _METADATA.sub("", _COMMENT.sub("", markup))
    markup = _STYLE.sub("", markup)
    markup = _ID.sub(lambda m: f'id="{prefix}-{m[1]}"', markup)
    markup = _REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", markup)
    return markup.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{escape(labelled_by)}" ', 1
    ).strip()
