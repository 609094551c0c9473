"""Every web view declares the predicate that guards it; :func:`guarded` enforces it.

The permission matrix test walks the URLconf and fails for a view without ``kc_rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from kotacerdas.accounts.rules import is_logged_in

View = Callable[..., HttpResponseBase]


def guarded(rule: Callable[[Any], bool]) -> Callable[[View], View]:
    """Allow the view only if ``rule(user)``; the public is sent to the login page, others get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not rule(request.user):
                if not is_logged_in(request.user):
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.kc_rule = rule  # type: ignore[attr-defined]
        return wrapper

    return decorate


def deny(request: HttpRequest) -> NoReturn:
    """Refuse an object-level action (403); the route-level rule already passed."""
    raise PermissionDenied
