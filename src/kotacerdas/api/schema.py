"""The OpenAPI document: every operation documents its error answers in the one error shape.

A drf-spectacular post-processing hook adds the ``Error`` component (the keys of
:meth:`kotacerdas.errors.KotaCerdasError.to_dict`, rendered by :mod:`kotacerdas.api.errors`) and, to each
operation, the error statuses it can answer: bad input, authentication, permission, not found, refused
state change, too large, throttled, service unavailable.

Every text of the document reads in the request's language: operation and component descriptions are
``extend_schema(description=…)``/``extend_schema_serializer(description=…)`` texts (the docstrings stay
for developers), and :class:`AutoSchema` words the path's ``id`` by the object's name instead of DRF's
English model name. The generator runs per request, so nothing keeps one language's document.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.plumbing import get_view_model
from rest_framework.schemas.utils import get_pk_description

from kotacerdas.accounts.audit_objects import NAMES

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": _("Satu-satunya bentuk galat API."),
    "properties": {
        "code": {"type": "string", "description": _("kode galat yang tetap, mis. invalid, not_found, state")},
        "message": {"type": "string"},
        "file": {"type": "string", "nullable": True},
        "row": {"type": "integer", "nullable": True},
        "column": {"type": "string", "nullable": True},
        "hint": {"type": "string", "nullable": True},
    },
    "required": ["code", "message", "file", "row", "column", "hint"],
}
ERRORS = {
    "400": _("masukan tidak sah"),
    "401": _("belum diautentikasi"),
    "403": _("tidak diizinkan"),
    "404": _("sumber daya tidak ada"),
    "409": _("ditolak oleh keadaan saat ini"),
    "413": _("isi permintaan terlalu besar"),
    "429": _("terlalu banyak permintaan"),
    "503": _("layanan yang dibutuhkan permintaan ini tidak tersedia"),
}
REF = {"$ref": "#/components/schemas/Error"}
#: the document's ``info.description`` (settings cannot hold a text in the request's language)
DESCRIPTION = _("Pemantauan program, dataset dan hasil indeks dari program smart city nasional.")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the path's ``id`` described in the request's language."""

    def _resolve_path_parameters(self, variables: list[str]) -> list[dict[str, Any]]:
        """DRF's "A unique integer value identifying this index run." names the model in English
        (its ``verbose_name``); the object's name from the audit log's names reads in either language."""
        parameters: list[dict[str, Any]] = super()._resolve_path_parameters(variables)  # type: ignore[no-untyped-call]
        model = get_view_model(self.view, emit_warnings=False)  # type: ignore[no-untyped-call]
        if model is None:
            return parameters
        english = str(get_pk_description(model, model._meta.pk))
        name = NAMES.get(model._meta.label_lower)
        for parameter in parameters:
            if parameter.get("description") == english:
                parameter["description"] = (
                    str(_("Nomor unik yang mengenali objek ini (%(object)s).") % {"object": name})
                    if name is not None
                    else str(_("Nomor unik yang mengenali objek ini."))
                )
        return parameters


def _worded(value: Any) -> Any:
    """``value`` with its lazy texts in the active language (the request's: the schema reads in it)."""
    if isinstance(value, dict):
        return {key: _worded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_worded(item) for item in value]
    return str(value) if isinstance(value, Promise) else value


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: the ``Error`` component and the error answers of every operation,
    and the document's description, in the request's language."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = _worded(ERROR_SCHEMA)
    result.setdefault("info", {})["description"] = str(DESCRIPTION)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code, {"description": str(description), "content": {"application/json": {"schema": REF}}}
                )
    return result
