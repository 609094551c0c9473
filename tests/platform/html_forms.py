"""Read the choices a page's forms offer: the options of every ``<select>`` (standard library parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Select:
    attrs: dict[str, str | None]
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, text)
    form_action: str = ""

    @property
    def values(self) -> list[str]:
        return [value for value, _ in self.options]

    @property
    def required(self) -> bool:
        return "required" in self.attrs


class _Selects(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.selects: list[Select] = []
        self._select: Select | None = None
        self._option: tuple[str | None, list[str]] | None = None
        self._action = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._action = a.get("action") or ""
        elif tag == "select":
            self._select = Select(a, form_action=self._action)
            self.selects.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value"), [])

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None and self._select is not None:
            value, parts = self._option
            text = "".join(parts).strip()
            self._select.options.append((text if value is None else value, text))
            self._option = None
        elif tag == "select":
            self._select = None


def selects(html: str, name: str, action: str = "") -> list[Select]:
    """The ``<select name=name>`` elements of ``html`` (in forms whose action contains ``action``)."""
    parser = _Selects()
    parser.feed(html)
    return [s for s in parser.selects if s.attrs.get("name") == name and action in s.form_action]
