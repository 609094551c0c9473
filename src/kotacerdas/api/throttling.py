"""API throttles: anonymous and per-user request rates, and failed token logins per client address.

DRF authenticates before it throttles, so a wrong token answers 401 before any throttle runs;
:class:`ThrottledTokenAuthentication` therefore counts failed tokens itself and, past the
``bad_token`` rate, answers 429 to every token from that address (the right one too) until the window
has passed. Rates come from ``REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']`` (see ``docs/platform.md``);
the counters live in Django's cache, which the settings put in a folder shared by all workers.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


def current_rate(scope: str | None) -> str | None:
    """The rate of ``scope`` read at request time (DRF reads it once at import; tests change it)."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope or "")
    return None if rate is None else str(rate)


class AnonThrottle(AnonRateThrottle):
    """Requests of anonymous clients, per address."""

    def get_rate(self) -> str | None:
        return current_rate(self.scope)


class UserThrottle(UserRateThrottle):
    """Requests of a logged-in user or token."""

    def get_rate(self) -> str | None:
        return current_rate(self.scope)


class BadTokenThrottle(SimpleRateThrottle):
    """Failed token logins per client address."""

    scope = "bad_token"
    duration: int
    num_requests: int | None

    def get_rate(self) -> str | None:
        return current_rate(self.scope)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def refused(self, request: Request) -> float | None:
        """Seconds to wait if this address has used up its failures, else ``None``."""
        self.key = self.get_cache_key(request, None)
        self.history = [t for t in self.cache.get(self.key, []) if t > self.timer() - self.duration]
        self.now = self.timer()
        if self.num_requests is not None and len(self.history) >= self.num_requests:
            return self.wait()
        return None

    def failed(self) -> None:
        """Count one failed token."""
        self.cache.set(self.key, [self.now, *self.history], self.duration)


class ThrottledTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …``, with failed tokens throttled per client address (429)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        if not request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("token"):
            return None
        throttle = BadTokenThrottle()
        wait = throttle.refused(request)
        if wait is not None:
            raise exceptions.Throttled(wait=wait, detail="too many failed API tokens from this address")
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.failed()
            raise
