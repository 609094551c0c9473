"""The header's links mark the page shown: ``<a href="…" {% nav_attrs "map" %}>`` gives the link its class,
plus Bootstrap's ``active`` and ``aria-current`` when the page is (or is below) that link's page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_attrs(context: dict[str, Any], key: str, classes: str = "nav-link") -> SafeString:
    """``class`` (and ``aria-current``) of the header link ``key`` (a key of ``web.context.ENTRIES``)."""
    here = context.get("nav_here")
    if here and here[0] == key:
        return format_html('class="{} active" aria-current="{}"', classes, here[1])
    return format_html('class="{}"', classes)
