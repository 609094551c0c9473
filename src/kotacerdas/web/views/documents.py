"""Downloading a book version (never served as a public media URL)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from kotacerdas.accounts.rules import is_logged_in
from kotacerdas.programme import rules
from kotacerdas.programme.models import Document
from kotacerdas.web.permissions import deny, guarded


@guarded(is_logged_in)
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(Document.objects.select_related("participation"), pk=pk)
    if not rules.can_view_documents(request.user, document.participation):
        deny(request)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type="application/pdf",
    )
