"""Refusing request bodies larger than ``KOTACERDAS_MAX_REQUEST_BYTES`` before anything reads them."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError


class RequestSizeLimit:
    """413 for a declared ``Content-Length`` above the limit, on every path (web form and API alike).

    Django's own limits do not cover this: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves file parts out, and
    the REST framework reads the body without it. The WSGI server never passes on more than the
    declared length, so checking the header bounds what any view can read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.KOTACERDAS_MAX_REQUEST_BYTES
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size <= limit:
            return self.get_response(request)
        error = InputError(
            f"the request has {size} bytes; the limit is {limit} bytes",
            hint="upload a smaller file (tables at most 5 MB, PDF books at most 20 MB)",
        )
        if request.path.startswith("/api/"):
            body = {**error.to_dict(), "code": "too_large"}
            return HttpResponse(json.dumps(body), status=413, content_type="application/json")
        text = _("Berkas terlalu besar.") + f" {error}"
        return HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
