"""The public pages and public API lists, cached for anonymous visitors until anything public changes.

Most traffic is anonymous and reads the same few pages (dashboard, map, ranking, region pages, the
region list of the API). ``PublicPageCache`` keeps each rendered response in Django's cache, keyed by
path, query, language and a *public generation*. Any committed write to a model of the apps that feed
these pages (regions, programme, assessment, monitoring) moves the generation on, so the next visitor
gets a fresh page: publishing a run, a selection, a round or a status change shows at once. A timeout
is the safety net for writes that send no signal (``QuerySet.update``).

What is never served from the cache: logged-in users, API calls with credentials, htmx fragments,
anything but GET/HEAD, visitors with pending flash messages, and responses other than 200. The CSRF
token of the language switch is per visitor: the stored page holds a placeholder that is replaced by
the visitor's own token on every hit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

GENERATION_KEY = "kc:public-generation"
TIMEOUT = 600  # seconds; the generation invalidates sooner on every signalled write
PUBLIC_VIEWS = frozenset(
    {
        "web:dashboard",
        "web:map",
        "web:ranking",
        "web:region",
        "web:progress",
        "web:progress-province",
        "api:root",
        "api:region-list",
        "api:region-detail",
        "api:indexrun-list",
        "api:indexrun-detail",
        "api:progress",
        "api:progress-province",
        "api:progress-region",
    }
)
WATCHED_APPS = frozenset({"regions", "programme", "assessment", "monitoring"})
_PLACEHOLDER = b"\x00kc-csrf\x00"
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,64})"')


def generation() -> int:
    """The current public generation (0 until the first change)."""
    return int(cache.get(GENERATION_KEY, 0))


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no key yet
        cache.set(GENERATION_KEY, 1, timeout=None)


def public_changed() -> None:
    """Invalidate every cached public page once the current transaction commits (at once outside one)."""
    from django.db import connection  # here: the default connection of this thread, at call time

    pending = getattr(connection, "run_on_commit", [])
    if any(len(entry) > 1 and entry[1] is _bump for entry in pending):
        return  # one bump per transaction is enough, however many rows it writes
    transaction.on_commit(_bump)


def on_model_change(sender: Any, **_kwargs: Any) -> None:
    """Signal receiver: a write to a watched app's model changes what the public may see."""
    if sender._meta.app_label in WATCHED_APPS:
        public_changed()


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not getattr(settings, "KOTACERDAS_PAGE_CACHE", True):
        return False
    if request.user.is_authenticated or "HTTP_AUTHORIZATION" in request.META:
        return False
    if request.headers.get("HX-Request") or request.COOKIES.get("messages"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.session_key and session.get("_messages"))


def _key(request: HttpRequest) -> str:
    raw = f"{request.get_full_path()}|{translation.get_language()}|{generation()}"
    return "kc:page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCache:
    """Serve and store anonymous responses of the views in ``PUBLIC_VIEWS`` (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_kc_page_key", None)
        if key and response.status_code == 200 and not response.streaming and not response.cookies:
            self._store(key, request, response)
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.view_name not in PUBLIC_VIEWS or not _cacheable_request(request):
            return None
        key = _key(request)
        hit = cache.get(key)
        if hit is None:
            request._kc_page_key = key  # type: ignore[attr-defined]  # read back in __call__
            return None
        content, headers = hit
        if _PLACEHOLDER in content:
            content = content.replace(_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _store(key: str, request: HttpRequest, response: HttpResponse) -> None:
        content = response.content
        token = _TOKEN.search(content)
        if token:
            content = content.replace(token.group(1), _PLACEHOLDER)
        headers = [(k, v) for k, v in response.items() if k.lower() in ("content-type", "content-language")]
        cache.set(key, (content, headers), timeout=TIMEOUT)
