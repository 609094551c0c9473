"""Dataset list and import (the import runs as a background job with progress)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.regions import rules
from kotacerdas.regions.domain.datasets import queue_dataset_import
from kotacerdas.regions.domain.profile import indicator_names
from kotacerdas.regions.domain.tables import check_table_size
from kotacerdas.regions.forms import DatasetImportForm
from kotacerdas.regions.models import Dataset
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal


def _with_missing(dataset: Dataset) -> Dataset:
    """The dataset with ``missing_notes``: its gaps per indicator, the indicator by name, in the reader's words."""
    names = indicator_names(dataset)
    missing = (dataset.validation_report or {}).get("missing", {})
    dataset.missing_notes = [  # type: ignore[attr-defined]
        _("%(indicator)s: %(n)s nilai hilang") % {"indicator": names.get(code, code), "n": n}
        for code, n in missing.items()
        if n
    ]
    return dataset


@guarded(rules.can_view_datasets)
def dataset_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/datasets.html",
        {
            "datasets": [_with_missing(d) for d in rules.visible_datasets(request.user)],
            "can_import": rules.can_import_datasets(request.user),
            "can_publish": rules.can_publish(request.user),
            "can_build": rules.can_manage_index_runs(request.user),
        },
    )


@guarded(rules.can_import_datasets)
def dataset_import(request: HttpRequest) -> HttpResponse:
    """Save the upload, queue its import and show the job's progress page."""
    form = DatasetImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return render(request, "web/dataset_import.html", {"form": form})
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            check_table_size(upload.name or "", upload.size or 0)  # before reading it into memory
            job = queue_dataset_import(
                actor=request.user,
                name=data["name"],
                file_name=upload.name or "data",
                content=upload.read(),
                source=data["source"],
                year=data["year"],
                licence=data["licence"],
                code_system=data["code_system"],
            )
        except KotaCerdasError as exc:
            status = show_refusal(request, exc, form)
        else:
            return redirect("web:job", pk=job.pk)
    return render(request, "web/dataset_import.html", {"form": form}, status=status)
