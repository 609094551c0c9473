"""Dataset list and import (the import runs as a background job with progress)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.jobs.domain.runner import submit
from kotacerdas.regions import rules
from kotacerdas.regions.domain.tables import SUFFIXES, check_table_size
from kotacerdas.regions.models import Dataset
from kotacerdas.web.permissions import guarded


@guarded(rules.can_view_datasets)
def dataset_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/datasets.html",
        {
            "datasets": Dataset.objects.select_related("imported_by"),
            "can_import": rules.can_import_datasets(request.user),
        },
    )


@guarded(rules.can_import_datasets)
def dataset_import(request: HttpRequest) -> HttpResponse:
    """Save the upload, queue its import and show the job's progress page."""
    if request.method != "POST":
        return render(request, "web/dataset_import.html", {})
    upload = request.FILES.get("file")
    try:
        if upload is None or not (upload.name or "").lower().endswith(SUFFIXES):
            raise InputError("upload a .csv or .xlsx file")
        check_table_size(upload.name or "", upload.size or 0)
        year = request.POST.get("year", "")
        if not year.isdigit():
            raise InputError("the year must be a number", hint="e.g. 2024")
        stored = default_storage.save(f"uploads/{uuid.uuid4().hex}{(upload.name or '')[-5:].lower()}", upload)
        job, _thread = submit(
            actor=request.user,
            kind="dataset_import",
            function="kotacerdas.regions.domain.datasets.import_stored_dataset",
            arguments={
                "actor_id": request.user.pk,
                "storage_name": stored,
                "file_name": upload.name,
                "name": request.POST.get("name", "").strip() or (upload.name or "data"),
                "source": request.POST.get("source", ""),
                "year": int(year),
                "licence": request.POST.get("licence", ""),
            },
        )
    except KotaCerdasError as exc:
        messages.error(request, str(exc))
        return render(request, "web/dataset_import.html", {}, status=400)
    return redirect("web:job", pk=job.pk)
