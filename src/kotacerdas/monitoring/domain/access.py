"""The permission check every writing service of this app starts with."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.actors import is_system, require_actor
from kotacerdas.errors import PermissionDeniedError
from kotacerdas.monitoring import rules
from kotacerdas.regions.models import Region


def require_editor(actor: Any, region: Region, action: str) -> None:
    """Only the platform, the secretariat or the region's own team change a region's masterplan."""
    require_actor(actor, action)
    if not (is_system(actor) or rules.can_edit_masterplan(actor, region.pk)):
        raise PermissionDeniedError(
            _("hanya sekretariat atau tim %(region)s yang boleh mengubah masterplan daerah itu")
            % {"region": region.name},
            code="not_the_region_team",
        )
