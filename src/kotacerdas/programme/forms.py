"""Forms of the book review on the region page: open a thread, reply, set a version's review status."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.programme.models import REVIEWER_STATUSES

MAX_TEXT = 4000


class ThreadForm(forms.Form):
    text = forms.CharField(label=_("Komentar"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))
    page = forms.IntegerField(label=_("Halaman"), min_value=1, required=False)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Balasan"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status telaah"), choices=[(s.value, s.label) for s in REVIEWER_STATUSES]
    )
    reason = forms.CharField(label=_("Alasan"), max_length=MAX_TEXT)


class BookUploadForm(forms.Form):
    """One version of a book (1–4) as a PDF; the document service checks the file."""

    book = forms.TypedChoiceField(
        label=_("Buku"), choices=[(n, f"Buku {n}") for n in range(1, 5)], coerce=int
    )
    file = forms.FileField(
        label=_("Berkas PDF"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )
