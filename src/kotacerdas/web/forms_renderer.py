"""The project's form renderer: every Django form widget gets Bootstrap 5's class for its kind.

Set as ``FORM_RENDERER``, so no form and no template has to name the classes: a text, number, date,
e-mail, password or file input and a textarea get ``form-control``, a select ``form-select``, a checkbox
or radio button ``form-check-input``. A class the widget already has is kept (after Bootstrap's).
Labels too: ``{{ form }}``, ``{{ field.label_tag }}`` and ``{{ field.legend_tag }}`` give ``form-label``, or
``form-check-label`` for a checkbox; each option of a ``RadioSelect`` / ``CheckboxSelectMultiple`` is drawn
with ``web/forms/check_option.html`` (Django's option, its label with ``form-check-label``).

A select's options are written here in Python (the same markup as Django's ``select_option.html``)
rather than through one template include per option: the long lists of regions and assessors of the
round dashboard cost most of its rendering time that way.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

CHECKS = {"checkbox", "radio"}
NO_CLASS = {"hidden", "submit", "button", "reset", "image"}
#: widgets drawn as a list of checkboxes or radio buttons: the options get the class, not the list
MULTIPLE = ("radio.html", "checkbox_select.html")
#: Django's templates of one radio button or checkbox of a multiple choice, and the project's replacement
OPTIONS = ("django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html")
CHECK_OPTION = "web/forms/check_option.html"
LABEL = "django/forms/label.html"
#: Django's select (one or multiple) and its option, and the project's select drawing the options given
SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
FAST_SELECT = "web/forms/select.html"


def bootstrap_class(widget: dict[str, Any]) -> str | None:
    """The Bootstrap class for a widget's template context (``None``: leave it alone)."""
    template = widget.get("template_name", "")
    kind = widget.get("type")
    if kind in NO_CLASS or template.endswith(MULTIPLE):
        return None
    if kind in CHECKS or template.endswith(("checkbox_option.html", "radio_option.html")):
        return "form-check-input"
    if template.endswith("select.html"):
        return "form-select"
    if kind is not None or template.endswith("textarea.html"):
        return "form-control"
    return None


def add_class(widget: dict[str, Any]) -> None:
    """Put the Bootstrap class first in ``widget['attrs']['class']``, and so in every subwidget."""
    wanted = bootstrap_class(widget)
    attrs = widget.setdefault("attrs", {})
    if wanted:
        have = str(attrs.get("class", "")).split()
        if wanted not in have:
            attrs["class"] = " ".join([wanted, *have])
    for sub in widget.get("subwidgets", ()):
        add_class(sub)
    for _group, options, _index in widget.get("optgroups", ()):
        for option in options:
            if option.get("type") in CHECKS:  # the radio buttons and checkboxes of a multiple choice
                add_class(option)
                if option.get("template_name") in OPTIONS:
                    option["template_name"] = CHECK_OPTION


def label_class(context: dict[str, Any]) -> None:
    """Put Bootstrap's label class first in the ``attrs`` of a label (or legend) drawn with a tag."""
    if not context.get("use_tag"):
        return
    field = context.get("field")
    wanted = "form-check-label" if getattr(field, "widget_type", None) == "checkbox" else "form-label"
    attrs = dict(context.get("attrs") or {})  # a copy: the caller's dict stays as it was
    have = str(attrs.get("class", "")).split()
    if wanted not in have:
        attrs["class"] = " ".join([wanted, *have])
    context["attrs"] = attrs


def attrs_html(attrs: dict[str, Any]) -> str:
    """The attributes as Django's ``attrs.html`` writes them (``True``: the name alone, ``False``: left out)."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def options_html(optgroups: list[tuple[Any, list[dict[str, Any]], int]]) -> SafeString | None:
    """A select's options and groups, as Django's templates write them (``None``: an option drawn by another template)."""
    parts: list[str] = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            if option.get("template_name") != SELECT_OPTION:
                return None
            value = conditional_escape(str(option["value"]))
            label = conditional_escape(option["label"])
            parts.append(f'\n  <option value="{value}"{attrs_html(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # every part above is escaped


class BootstrapFormRenderer(DjangoTemplates):
    """Django's default renderer, with Bootstrap's classes added to each widget and label as it is drawn."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict) and template_name.startswith("django/forms/widgets/"):
            add_class(widget)
            if template_name == SELECT:
                html = options_html(widget.get("optgroups", ()))
                if html is not None:
                    widget["options_html"] = html
                    template_name = FAST_SELECT
        elif template_name == LABEL:
            label_class(context)
        return super().render(template_name, context, request=request)
