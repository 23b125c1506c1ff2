"""Reading what a page shows: its links and the element each id names, with its value."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Shown(HTMLParser):
    """Every link's href, every element with an id, and the text of each textarea."""

    links: list[tuple[str, str]] = field(default_factory=list)  # (href, words)
    ids: dict[str, Element] = field(default_factory=dict)
    _textarea: Element | None = None
    _link: list[str] | None = None
    _href: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        element = Element(tag, a)
        if "id" in a:
            self.ids[a["id"]] = element
        if tag == "textarea":
            self._textarea = element
        if tag == "a":
            self._link, self._href = [], a.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.text += data
        if self._link is not None:
            self._link.append(data)

    def value_of(self, element_id: str) -> str | bool:
        """What the question with this id holds: its words, or whether it is ticked."""
        element = self.ids[element_id]
        if element.tag == "textarea":
            return element.text.strip()
        if element.attrs.get("type") in ("checkbox", "radio"):
            return "checked" in element.attrs
        return element.attrs.get("value", "")


def shown(html: str) -> Shown:
    page = Shown()
    page.feed(html)
    return page
