"""Password reset from the login page and the invitation link: Django's auth views, the site's templates.

Setting the password from a link goes through :func:`kotacerdas.accounts.domain.users.set_password_from_link`
(validators and audit); the rest is Django's own flow (one-time token, no hint whether an address exists).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.reset_limits import count_reset_request
from kotacerdas.accounts.domain.users import set_password_from_link
from kotacerdas.accounts.forms import ResetRequestForm
from kotacerdas.errors import RateLimitedError


class ResetRequest(auth_views.PasswordResetView):
    template_name = "web/password_reset.html"
    form_class = ResetRequestForm  # the e-mail in the account holder's language
    email_template_name = "web/email/password_reset.txt"
    subject_template_name = "web/email/password_reset_subject.txt"
    success_url = reverse_lazy("web:password-reset-done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        """Count the request (per e-mail and per client address) before Django sends anything."""
        try:
            count_reset_request(
                email=form.cleaned_data["email"], address=self.request.META.get("REMOTE_ADDR", "")
            )
        except RateLimitedError as exc:
            minutes = exc.retry_after // 60 + 1
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan tautan kata sandi. Coba lagi dalam %(minutes)d menit. "
                    "Bila alamat surel terdaftar, tautan yang sudah terkirim tetap berlaku."
                )
                % {"minutes": minutes},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(exc.retry_after)
            return response
        return super().form_valid(form)


class ResetSent(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset_sent.html"


class SetFromLink(auth_views.PasswordResetConfirmView):
    """The one-time link of an invitation or a reset: the user chooses their password."""

    template_name = "web/password_set.html"
    success_url = reverse_lazy("web:password-reset-complete")

    def form_valid(self, form: SetPasswordForm[Any]) -> HttpResponse:
        set_password_from_link(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class ResetDone(auth_views.PasswordResetCompleteView):
    template_name = "web/password_set_done.html"
