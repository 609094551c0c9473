"""The inbox's one form: which kinds of notification also come by e-mail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.notifications.kinds import Kind


class EmailKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kirim juga lewat e-mail"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Semua notifikasi selalu masuk ke kotak masuk; yang dicentang juga dikirim ke e-mail Anda."
        ),
    )
