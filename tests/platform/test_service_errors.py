"""The web's one way to show a service's refusal, and its one status policy (the API's)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from kotacerdas.errors import (
    InputError,
    KotaCerdasError,
    Location,
    MethodError,
    PermissionDeniedError,
    RateLimitedError,
    ServiceError,
    StateError,
)
from kotacerdas.web.service_errors import refusal_status, show_form_errors, show_refusal


class _Form(forms.Form):
    on = forms.DateField(label="Tanggal")
    reason = forms.CharField(label="Alasan", required=False)


def _request():  # type: ignore[no-untyped-def]
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (PermissionDeniedError("no"), 403),
        (StateError("no"), 409),
        (StateError("no", code="ended"), 409),
        (RateLimitedError("slow down"), 429),
        (ServiceError("down"), 503),
        (InputError("bad"), 400),
        (MethodError("bad"), 400),
        (KotaCerdasError("bad"), 400),
    ],
)
def test_status_policy(error: KotaCerdasError, status: int) -> None:
    assert refusal_status(error) == status


def test_the_api_answers_with_the_same_status() -> None:
    from kotacerdas.api.errors import exception_handler  # test-only: the API adapter's handler

    for error in (PermissionDeniedError("x"), StateError("x"), RateLimitedError("x"), InputError("x")):
        response = exception_handler(error, {})
        assert response is not None and response.status_code == refusal_status(error)


def test_a_refusal_naming_a_field_lands_on_that_field() -> None:
    form = _Form({"on": "2025-01-01"})
    assert form.is_valid()
    status = show_refusal(_request(), InputError("too early", location=Location(column="on")), form)
    assert status == 400
    assert "too early" in form.errors["on"][0]
    assert "__all__" not in form.errors


def test_a_refusal_naming_no_field_of_the_form_is_a_non_field_error() -> None:
    form = _Form({"on": "2025-01-01"})
    assert form.is_valid()
    assert (
        show_refusal(_request(), StateError("already ended", location=Location(column="stage")), form) == 409
    )
    assert "already ended" in form.non_field_errors()[0]
    assert set(form.errors) == {"__all__"}


def test_without_a_form_the_refusal_is_an_error_message() -> None:
    request = _request()
    assert show_refusal(request, StateError("cannot move")) == 409
    [message] = list(get_messages(request))
    assert message.level_tag == "error" and "cannot move" in message.message


def test_form_errors_become_one_message_named_by_label() -> None:
    request = _request()
    form = _Form({"on": "kemarin"})
    assert not form.is_valid()
    show_form_errors(request, form)
    [message] = list(get_messages(request))
    assert message.message.startswith("Tanggal: ")
