"""Reading HTML pages in tests: what a browser's parser builds, and how much ink."""

from __future__ import annotations

from html.parser import HTMLParser
from io import BytesIO

import attrs


@attrs.define
class Element:
    tag: str
    attributes: dict[str, str | None]
    text: str = ""


class Page(HTMLParser):
    """What a browser's parser builds: elements, their attributes and text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype = ""
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(markup)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in {"meta", "br", "use", "path", "rect", "image", "stop"}:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    def one(self, tag: str) -> Element:
        (found,) = self.all(tag)
        return found


def ink(png: bytes) -> float:
    """The share of the screenshot's pixels that are not (nearly) white."""
    import matplotlib.image
    import numpy as np

    pixels = matplotlib.image.imread(BytesIO(png), format="png")[..., :3]
    return float(np.mean(np.any(pixels < 0.94, axis=-1)))


def a4_pages(pdf: bytes) -> int:
    """The number of pages of *pdf*, each checked to be A4 (595.3 x 841.9 points)."""
    import re

    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    for width, height in boxes:
        assert abs(float(width) - 595.3) < 1, width
        assert abs(float(height) - 841.9) < 1, height
    return len(boxes)
