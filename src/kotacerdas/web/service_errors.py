"""How a web page answers a service's refusal (a :class:`~kotacerdas.errors.KotaCerdasError`).

One helper and one status policy for every view:

* :func:`show_refusal` puts the refusal, in the reader's language
  (:func:`kotacerdas.accounts.error_text.localise`), on the form field it names (``exc.location.column``
  when that is a field of the form), otherwise as the form's non-field error, or — when the page has
  no form to show it on — as an error message for the next page (the view then redirects).
* :func:`post_form` is the whole answer of a small form whose page redirects: the form's field errors
  (:func:`show_form_errors`), else the service's refusal, else a success message.
* :func:`refusal_status` is the status of a page re-rendered with the refusal: the API's mapping
  (:func:`kotacerdas.errors.http_status`): permission → 403, state → 409, rate limit → 429, an
  unreachable component → 503, anything else → 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from kotacerdas.accounts.error_text import localise
from kotacerdas.errors import KotaCerdasError, http_status


def show_refusal(request: HttpRequest, exc: KotaCerdasError, form: forms.BaseForm | None = None) -> int:
    """Show ``exc`` on ``form`` (on its named field, else as a non-field error) or as a message.

    Returns :func:`refusal_status` of ``exc``, for the view that re-renders the form.
    """
    text = localise(exc)
    if form is None:
        messages.error(request, text)
    else:
        column = exc.location.column
        field = column if column is not None and column in form.fields else None
        form.add_error(field, text)
    return refusal_status(exc)


def refusal_status(exc: KotaCerdasError) -> int:
    """The HTTP status of a page that shows the refusal ``exc`` (the same as the API's)."""
    return http_status(exc)


def show_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """An invalid form's errors as one error message, each named by its field's label.

    For forms whose page is not re-rendered (the small forms of the region page redirect back to it).
    """
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else ""
        text = " ".join(str(e) for e in errors)
        parts.append(f"{label}: {text}" if label else text)
    messages.error(request, "; ".join(parts))


def post_form(
    request: HttpRequest, form: forms.BaseForm, action: Callable[[dict[str, Any]], object], done: str
) -> bool:
    """Validate ``form`` and call ``action`` with its cleaned data; a message tells what happened.

    For forms whose page redirects afterwards. Returns whether the action was done.
    """
    if not form.is_valid():
        show_form_errors(request, form)
        return False
    try:
        action(form.cleaned_data)
    except KotaCerdasError as exc:
        show_refusal(request, exc)
        return False
    messages.success(request, done)
    return True
