"""Publishing and withdrawing datasets, index runs and uncertainty analyses, each through a confirm page.

GET shows what will happen; POST needs the ticked box and the state it confirms (``published`` = 1 or
0, so a repeated form never flips the state back). Each calls one service of
:mod:`kotacerdas.regions.domain.publication`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.regions import rules
from kotacerdas.regions.domain.publication import publish_analysis, publish_dataset, publish_index_run
from kotacerdas.regions.models import Dataset, IndexRun, UncertaintyAnalysis
from kotacerdas.web.confirm import ConfirmForm, confirm_page
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal


def _confirmed(
    request: HttpRequest,
    *,
    target: Any,
    texts: Callable[[bool], tuple[str, list[str], str]],
    call: Callable[[bool], Any],
    here: str,
    back: str,
) -> HttpResponse:
    """The confirm step shared by the three kinds: the wanted state is the opposite of the current one."""
    wanted = not target.published
    if request.method == "POST" and request.POST.get("published") in ("0", "1"):
        wanted = request.POST["published"] == "1"
    title, consequences, statement = texts(wanted)
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data, statement=statement)
    if form.is_valid():
        try:
            call(wanted)
            messages.success(request, _("Diterbitkan.") if wanted else _("Ditarik dari publik."))
            return redirect(back)
        except KotaCerdasError as exc:
            show_refusal(request, exc, form)
    return confirm_page(
        request,
        title=title,
        consequences=consequences,
        form=form,
        action_url=here,
        cancel_url=back,
        hidden={"published": "1" if wanted else "0"},
        status=400 if data is not None else 200,
    )


@guarded(rules.can_publish)
def dataset_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a dataset version for the public region pages, or withdraw it."""
    dataset = get_object_or_404(Dataset, pk=pk)
    label = str(dataset)

    def texts(wanted: bool) -> tuple[str, list[str], str]:
        if wanted:
            return (
                _("Terbitkan data: %(name)s") % {"name": label},
                [
                    _(
                        "Halaman daerah publik dapat menampilkan profil indikator dari versi ini (%(regions)s daerah × %(indicators)s indikator), bila hasil indeks yang terbit dibangun darinya."
                    )
                    % {
                        "regions": dataset.validation_report.get("regions", "?"),
                        "indicators": dataset.validation_report.get("indicators", "?"),
                    },
                    _("Tindakan ini dicatat di log audit."),
                ],
                _("Saya mengerti: versi data ini menjadi publik."),
            )
        return (
            _("Tarik data dari publik: %(name)s") % {"name": label},
            [
                _("Halaman daerah publik tidak lagi menampilkan profil indikator dari versi ini."),
                _("Tindakan ini dicatat di log audit."),
            ],
            _("Saya mengerti: versi data ini ditarik dari publik."),
        )

    return _confirmed(
        request,
        target=dataset,
        texts=texts,
        call=lambda wanted: publish_dataset(actor=request.user, dataset=dataset, published=wanted),
        here=reverse("web:dataset-publish", args=[dataset.pk]),
        back=reverse("web:datasets"),
    )


@guarded(rules.can_publish)
def index_run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish an index run on the public ranking, map and region pages, or withdraw it."""
    run = get_object_or_404(IndexRun, pk=pk)

    def texts(wanted: bool) -> tuple[str, list[str], str]:
        if wanted:
            return (
                _("Terbitkan hasil indeks: %(name)s") % {"name": run.name},
                [
                    _(
                        "Peringkat %(n)d daerah tampil untuk publik di halaman peringkat, peta, halaman daerah dan API."
                    )
                    % {"n": run.scores.count()},
                    _("Tindakan ini dicatat di log audit."),
                ],
                _("Saya mengerti: hasil indeks ini menjadi publik."),
            )
        return (
            _("Tarik hasil indeks dari publik: %(name)s") % {"name": run.name},
            [
                _("Peringkat ini hilang dari halaman peringkat, peta, halaman daerah dan API publik."),
                _("Tindakan ini dicatat di log audit."),
            ],
            _("Saya mengerti: hasil indeks ini ditarik dari publik."),
        )

    return _confirmed(
        request,
        target=run,
        texts=texts,
        call=lambda wanted: publish_index_run(actor=request.user, run=run, published=wanted),
        here=reverse("web:index-run-publish", args=[run.pk]),
        back=f"{reverse('web:ranking')}?run={run.pk}",
    )


@guarded(rules.can_publish)
def analysis_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Make an uncertainty analysis version the run's public rank intervals, or withdraw it."""
    analysis = get_object_or_404(UncertaintyAnalysis.objects.select_related("run"), pk=pk)
    run = analysis.run
    current = run.analyses.filter(published=True).exclude(pk=analysis.pk).first()
    facts = {
        "v": analysis.version,
        "samples": analysis.record.get("samples", "?"),
        "seed": analysis.record.get("seed", "?"),
        "failed": analysis.record.get("failed", 0),
        "name": run.name,
    }

    def texts(wanted: bool) -> tuple[str, list[str], str]:
        if wanted:
            lines = [
                _(
                    "Selang peringkat dan p_top dari analisis v%(v)d (%(samples)s sampel, %(failed)s gagal, seed %(seed)s) tampil untuk publik pada hasil indeks %(name)s."
                )
                % facts
            ]
            if current is not None:
                lines.append(
                    _("Versi v%(old)d yang kini terbit ditarik; versi itu tetap tersimpan.")
                    % {"old": current.version}
                )
            if not run.published:
                lines.append(
                    _("Hasil indeks ini sendiri masih draf: publik baru melihatnya setelah diterbitkan.")
                )
            return (
                _("Terbitkan analisis ketidakpastian v%(v)d") % facts,
                lines,
                _("Saya mengerti: selang peringkat versi ini menjadi publik."),
            )
        return (
            _("Tarik analisis ketidakpastian v%(v)d dari publik") % facts,
            [_("Peringkat publik hasil indeks %(name)s tampil tanpa selang peringkat dan p_top.") % facts],
            _("Saya mengerti: selang peringkat versi ini ditarik dari publik."),
        )

    return _confirmed(
        request,
        target=analysis,
        texts=texts,
        call=lambda wanted: publish_analysis(actor=request.user, analysis=analysis, published=wanted),
        here=reverse("web:analysis-publish", args=[analysis.pk]),
        back=f"{reverse('web:ranking')}?run={run.pk}",
    )
