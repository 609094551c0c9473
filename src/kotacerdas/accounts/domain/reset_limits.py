"""Password-reset requests are limited per e-mail address and per client address.

Every request counts, whether or not an account has the address, so a refusal tells nothing about
which addresses exist. The counters live in Django's cache (shared by all worker processes, see the
settings) in fixed windows of ``KOTACERDAS_RESET_WINDOW`` seconds; the limits are
``KOTACERDAS_RESET_PER_EMAIL`` and ``KOTACERDAS_RESET_PER_ADDRESS``.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from kotacerdas.errors import RateLimitedError


def _count(kind: str, value: str, window: int, now: float) -> int:
    """Add one to the counter of ``value`` in the current window; the new count."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]  # no address is stored in the cache
    key = f"kc:reset:{kind}:{digest}:{int(now // window)}"
    cache.add(key, 0, timeout=window + 60)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 60)
        return 1


def count_reset_request(*, email: str, address: str, now: float | None = None) -> None:
    """Count one request for ``email`` from ``address``; RateLimitedError once either is over its limit."""
    window = int(settings.KOTACERDAS_RESET_WINDOW)
    now = time.time() if now is None else now
    by_address = _count("address", address or "unknown", window, now)
    by_email = _count("email", email.strip().casefold(), window, now)
    if by_address > settings.KOTACERDAS_RESET_PER_ADDRESS or by_email > settings.KOTACERDAS_RESET_PER_EMAIL:
        wait = int(window - now % window) + 1
        raise RateLimitedError(
            _("terlalu banyak permintaan atur ulang kata sandi"),
            hint=_("coba lagi dalam %(minutes)s menit") % {"minutes": wait // 60 + 1},
            retry_after=wait,
        )
