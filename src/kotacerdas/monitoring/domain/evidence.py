"""Evidence of a KPI report or a quick-win step: a link, or a PDF checked like the books."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError
from kotacerdas.programme.domain.documents import validate_pdf

_URL = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Evidence:
    """What a person handed in: a link, a file (name and bytes), both or neither."""

    url: str = ""
    file_name: str = ""
    content: bytes | None = None

    @property
    def empty(self) -> bool:
        return not self.url and self.content is None


def checked(evidence: Evidence | None, *, required: bool, what: str) -> Evidence:
    """The evidence, validated: an http(s) link of at most 500 characters, a complete PDF of at most 20 MB."""
    evidence = evidence or Evidence()
    url = evidence.url.strip()
    if url:
        if len(url) > 500:
            raise InputError(
                _("%(what)s: tautan bukti terdiri atas %(length)s karakter; batasnya %(limit)s")
                % {"what": what, "length": len(url), "limit": 500},
                code="text_too_long",
            )
        try:
            _URL(url)
        except ValidationError:
            raise InputError(
                _("%(what)s: %(url)r bukan alamat web") % {"what": what, "url": url[:80]},
                hint=_("awali dengan https://"),
                code="not_a_web_address",
            ) from None
    if evidence.content is not None:
        validate_pdf(evidence.file_name, evidence.content)
    result = Evidence(url=url, file_name=evidence.file_name, content=evidence.content)
    if required and result.empty:
        raise InputError(
            _("%(what)s: bukti belum ada") % {"what": what},
            hint=_("beri tautan atau unggah PDF"),
            code="evidence_required",
        )
    return result


def attach(row: object, evidence: Evidence) -> None:
    """Put the evidence on ``row`` (a model with ``evidence_url`` and ``evidence_file``), unsaved."""
    row.evidence_url = evidence.url  # type: ignore[attr-defined]
    if evidence.content is not None:
        row.evidence_file.save(evidence.file_name, ContentFile(evidence.content), save=False)  # type: ignore[attr-defined]
