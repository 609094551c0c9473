"""The API's one error shape, rendered here for domain errors and DRF's own errors alike.

Every error body has exactly the keys of :meth:`kotacerdas.errors.KotaCerdasError.to_dict`:
``code, message, file, row, column, hint``. ``code`` is stable (scripts test it); ``message`` and
``hint`` are in the request's language (``Accept-Language`` or the language cookie; Indonesian by
default), translated by :mod:`kotacerdas.accounts.error_text`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kotacerdas.accounts.error_text import as_dict
from kotacerdas.errors import KotaCerdasError, http_status

CODE_OF_DRF = {
    "permission_denied": "permission",
    "not_authenticated": "not_authenticated",
    "invalid": "invalid",
}


def error_body(
    code: str, message: str, *, column: str | None = None, hint: str | None = None
) -> dict[str, Any]:
    """An error body in the one shape (for errors that are not :class:`KotaCerdasError`)."""
    return {"code": code, "message": message, "file": None, "row": None, "column": column, "hint": hint}


def _flatten(detail: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(detail, dict):
        return [item for key, value in detail.items() for item in _flatten(value, f"{prefix}{key}.")]
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, prefix)]
    return [(prefix.rstrip("."), str(detail))]


def drf_body(exc: exceptions.APIException) -> dict[str, Any]:
    """DRF's exceptions in the same shape; validation errors name the first bad field as ``column``."""
    code = CODE_OF_DRF.get(exc.default_code, exc.default_code)
    if isinstance(exc, exceptions.ValidationError):
        pairs = _flatten(exc.detail)
        field = next((f for f, _ in pairs if f and f != "non_field_errors"), None)
        message = "; ".join(f"{f}: {m}" if f and f != "non_field_errors" else m for f, m in pairs)
        return error_body(
            "invalid", message, column=field, hint=gettext("perbaiki isian yang disebut, lalu kirim lagi")
        )
    return error_body(str(code), str(exc.detail))


def _not_found(context: dict[str, Any]) -> str:
    """The 404 of a missing object, worded as an unknown API path's (DRF's own text names the model)."""
    request = context.get("request")
    path = str(getattr(request, "path", "") or "/api/")
    return gettext("tidak ada sumber daya API di /api/%(rest)s") % {"rest": path.removeprefix("/api/")}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: every handled error leaves in the one shape."""
    if isinstance(exc, KotaCerdasError):
        return Response(as_dict(exc), status=http_status(exc))
    if isinstance(exc, Http404):  # get_object_or_404: DRF's text names the model, so say it plainly
        exc = exceptions.NotFound(_not_found(context))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        response.data = drf_body(exc)
    return response
