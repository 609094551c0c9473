"""What a region hands in for a round: documents, questionnaire answers, presentation video and notes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.rules import is_secretariat, team_region_id
from kotacerdas.assessment.domain.guards import require_state
from kotacerdas.assessment.enums import RoundState
from kotacerdas.assessment.models import Submission
from kotacerdas.errors import InputError, PermissionDeniedError
from kotacerdas.programme.models import Document

#: what a region hands in, as the audit log names it
FIELDS = {
    "questionnaire": gettext_lazy("kuesioner"),
    "video_url": gettext_lazy("tautan video"),
    "notes": gettext_lazy("catatan"),
    "documents": gettext_lazy("dokumen"),
}


@transaction.atomic
def update_submission(
    *,
    actor: Any,
    submission: Submission,
    questionnaire: Mapping[str, Any] | None = None,
    video_url: str | None = None,
    notes: str | None = None,
    documents: Iterable[Document] | None = None,
) -> Submission:
    """The region team (own region) or the secretariat completes a submission before the round closes.

    Documents must be book versions of the same participation.
    """
    s = Submission.objects.select_for_update().select_related("round", "participation").get(pk=submission.pk)
    own_team = team_region_id(actor) is not None and team_region_id(actor) == s.participation.region_id
    if not (is_system(actor) or is_secretariat(actor) or own_team):
        raise PermissionDeniedError(
            _("hanya tim daerah itu atau sekretariat yang boleh mengubah berkas penilaian ini"),
            code="not_the_region_team",
        )
    require_state(s.round, RoundState.DRAFT, RoundState.SCORING, action="change the submission")
    changed: list[str] = []
    if questionnaire is not None:
        s.questionnaire, changed = dict(questionnaire), [*changed, "questionnaire"]
    if video_url is not None:
        if video_url and not video_url.startswith(("https://", "http://")):
            raise InputError(
                _("tautan video %(url)r bukan alamat web") % {"url": video_url},
                hint=_("awali dengan https://"),
                code="not_a_web_address",
            )
        s.video_url, changed = video_url, [*changed, "video_url"]
    if notes is not None:
        s.notes, changed = notes, [*changed, "notes"]
    s.save(update_fields=changed or None)
    if documents is not None:
        docs = list(documents)
        foreign = [d.pk for d in docs if d.participation_id != s.participation_id]
        if foreign:
            raise InputError(
                _("dokumen %(ids)s milik keikutsertaan daerah lain") % {"ids": ", ".join(map(str, foreign))},
                code="foreign_documents",
            )
        s.documents.set(docs)
        changed.append("documents")
    record(
        actor=actor,
        action="submission.update",
        target=s,
        summary=(
            wording(gettext_lazy("diubah: %(fields)s"), fields=[FIELDS[f] for f in changed])
            if changed
            else wording(gettext_lazy("tidak ada yang diubah"))
        ),
    )
    return s
