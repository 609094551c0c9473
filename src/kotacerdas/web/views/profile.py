"""A user's own page: who they are, the language of their e-mails, their password, their own API token."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from kotacerdas.accounts.domain.users import change_own_password, issue_token, revoke_token, set_language
from kotacerdas.accounts.forms import LanguageForm, PasswordChange
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import is_logged_in
from kotacerdas.errors import KotaCerdasError
from kotacerdas.web.permissions import guarded


def _me(request: HttpRequest) -> User:
    """The logged-in user (every view here is guarded by ``is_logged_in``)."""
    return cast(User, request.user)


def _page(
    request: HttpRequest,
    form: PasswordChange,
    status: int = 200,
    language_form: LanguageForm | None = None,
    **extra: Any,
) -> HttpResponse:
    token = Token.objects.filter(user=_me(request)).first()
    language_form = language_form or LanguageForm(initial={"language": _me(request).language})
    context = {"form": form, "token": token, "language_form": language_form, **extra}
    return render(request, "web/profile.html", context, status=status)


@guarded(is_logged_in)
def profile(request: HttpRequest) -> HttpResponse:
    return _page(request, PasswordChange())


@guarded(is_logged_in)
def profile_password(request: HttpRequest) -> HttpResponse:
    """Change one's own password (the current one is asked); the session stays logged in."""
    if request.method != "POST":  # e.g. the language switch returning to this address
        return redirect("web:profile")
    form = PasswordChange(request.POST)
    if form.is_valid():
        try:
            change_own_password(
                actor=request.user,
                user=_me(request),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except KotaCerdasError as exc:
            column = exc.location.column
            form.add_error(
                "new_password1" if column == "password" else column if column in form.fields else None,
                exc.message,
            )
        else:
            update_session_auth_hash(request, _me(request))
            messages.success(request, _("Kata sandi diganti."))
            return redirect("web:profile")
    return _page(request, form, status=400)


@guarded(is_logged_in)
def profile_language(request: HttpRequest) -> HttpResponse:
    """Choose the language of one's own e-mails (invitations, notifications, password links)."""
    if request.method != "POST":  # e.g. the language switch returning to this address
        return redirect("web:profile")
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return _page(request, PasswordChange(), status=400, language_form=form)
    set_language(actor=request.user, user=_me(request), language=form.cleaned_data["language"])
    messages.success(request, _("Bahasa surel disimpan."))
    return redirect("web:profile")


@guarded(is_logged_in)
def profile_token(request: HttpRequest) -> HttpResponse:
    """``action=issue`` shows a new token once (it replaces the old one); ``action=revoke`` deletes it."""
    if request.method != "POST":  # e.g. the language switch returning to this address
        return redirect("web:profile")
    action = request.POST.get("action")
    if action == "issue":
        key = issue_token(actor=request.user, user=_me(request))
        return _page(request, PasswordChange(), new_key=key)
    if action == "revoke":
        revoke_token(actor=request.user, user=_me(request))
        messages.success(request, _("Token API dicabut."))
        return redirect("web:profile")
    messages.error(request, _("Tindakan tidak dikenal."))
    return redirect("web:profile")
