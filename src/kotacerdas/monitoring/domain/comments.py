"""The comment thread of a masterplan: the secretariat and mentors comment, the region team answers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.actors import is_system, require_actor, stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, PermissionDeniedError
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain.notices import notify_comment
from kotacerdas.monitoring.models import Masterplan, MasterplanComment

MAX_TEXT = 4000


@transaction.atomic
def comment_on_masterplan(*, actor: Any, masterplan: Masterplan, text: str) -> MasterplanComment:
    """Add a comment to the masterplan's thread; the region's team (or earlier commenters) are told."""
    require_actor(actor, "comment on a masterplan")
    if not (is_system(actor) or rules.can_comment_masterplan(actor, masterplan)):
        raise PermissionDeniedError(
            _("sekretariat, para pendamping dan tim daerah itu sendiri yang mengomentari masterplan"),
            code="cannot_comment",
        )
    clean = (text or "").strip()
    if not clean:
        raise InputError(_("komentar kosong"), hint=_("tulis komentar lebih dulu"), code="text_empty")
    if len(clean) > MAX_TEXT:
        raise InputError(
            _("komentar terdiri atas %(length)s karakter; batasnya %(limit)s")
            % {"length": len(clean), "limit": MAX_TEXT},
            code="text_too_long",
        )
    comment = MasterplanComment.objects.create(masterplan=masterplan, author=stored_user(actor), text=clean)
    record(
        actor=actor,
        action="masterplan.comment",
        target=masterplan,
        summary=f"{masterplan.region.name}: {clean[:100]}",
    )
    notify_comment(comment, actor)
    return comment
