"""The API's confirmation rule: public and destructive actions need ``"confirm": true`` in the body.

Without it the action is refused (400, code ``confirmation_required``) and the message says what the
action would do, so a script sees the consequence before it repeats the call with the confirmation.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.request import Request

from kotacerdas.errors import InputError, Location

CONFIRMATION_REQUIRED = "confirmation_required"


class ConfirmSerializer(serializers.Serializer[Any]):
    confirm = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy("harus true: tindakan ini bersifat publik atau tidak dapat dibatalkan"),
    )


class OverrideConfirmSerializer(ConfirmSerializer):
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy(
            "lanjutkan walaupun putaran belum lengkap; diaudit dan ditampilkan di halaman hasil publik"
        ),
    )


def require_confirmation(
    request: Request, consequence: str, form: type[ConfirmSerializer] = ConfirmSerializer
) -> dict[str, Any]:
    """The validated body, if it confirms; else refuse, naming ``consequence``."""
    data = form(data=request.data if isinstance(request.data, dict) else {})
    data.is_valid(raise_exception=True)
    if not data.validated_data["confirm"]:
        raise InputError(
            _("perlu konfirmasi: %(consequence)s") % {"consequence": consequence},
            location=Location(column="confirm"),
            hint=_('kirim {"confirm": true} untuk melanjutkan'),
            code=CONFIRMATION_REQUIRED,
        )
    return dict(data.validated_data)
