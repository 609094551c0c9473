"""The OpenAPI document: every operation documents its error answers in the one error shape.

A drf-spectacular post-processing hook adds the ``Error`` component (the keys of
:meth:`kotacerdas.errors.KotaCerdasError.to_dict`, rendered by :mod:`kotacerdas.api.errors`) and, to each
operation, the error statuses it can answer: bad input, authentication, permission, not found, refused
state change, too large, throttled, service unavailable.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The one error shape of the API.",
    "properties": {
        "code": {"type": "string", "description": "stable error code, e.g. invalid, not_found, state"},
        "message": {"type": "string"},
        "file": {"type": "string", "nullable": True},
        "row": {"type": "integer", "nullable": True},
        "column": {"type": "string", "nullable": True},
        "hint": {"type": "string", "nullable": True},
    },
    "required": ["code", "message", "file", "row", "column", "hint"],
}
ERRORS = {
    "400": "invalid input",
    "401": "not authenticated",
    "403": "not permitted",
    "404": "no such resource",
    "409": "refused by the current state",
    "413": "request body too large",
    "429": "too many requests",
    "503": "a service the request needs is unavailable",
}
REF = {"$ref": "#/components/schemas/Error"}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: the ``Error`` component and the error answers of every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": REF}}}
                )
    return result
