"""One confirmation step for public and destructive actions (publish, unpublish, close, withdraw, ...).

A guarded view shows :func:`confirm_page` on GET (what will happen, the gaps if any), and on POST
validates :class:`ConfirmForm` before it calls the domain service: the box "I understand ..." must be
ticked, and when the action overrides a completeness check, a reason is required.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class ConfirmForm(forms.Form):
    """The confirm checkbox (its label states what will happen) and, when needed, an override reason."""

    confirm = forms.BooleanField(
        required=True, error_messages={"required": _("Centang kotak konfirmasi untuk melanjutkan.")}
    )
    reason = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Alasan melanjutkan meski belum lengkap (dicatat dan ditampilkan di halaman hasil)"),
        error_messages={"required": _("Tulis alasannya: putaran ini belum lengkap.")},
    )

    def __init__(self, *args: Any, statement: str, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = statement
        if needs_reason:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]

    @property
    def override_reason(self) -> str:
        """The override reason (empty when none was asked for)."""
        return str(self.cleaned_data.get("reason", "") or "").strip()


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: Sequence[str],
    form: ConfirmForm,
    action_url: str,
    cancel_url: str,
    hidden: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    gaps: Sequence[str] = (),
    button: str = "",
    status: int = 200,
) -> HttpResponse:
    """The confirmation page: title, what will happen, the gaps, the form, a way back.

    ``hidden`` are (name, value) pairs carried over from the first form (a name may repeat).
    """
    context = {
        "title": title,
        "consequences": consequences,
        "gaps": gaps,
        "form": form,
        "action_url": action_url,
        "cancel_url": cancel_url,
        "hidden": list(hidden.items()) if isinstance(hidden, Mapping) else list(hidden),
        "button": button or title,
    }
    return render(request, "web/confirm.html", context, status=status)
