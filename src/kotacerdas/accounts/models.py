"""Users and the append-only audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.audit_actions import NAMES as ACTION_NAMES
from kotacerdas.accounts.audit_actions import action_name
from kotacerdas.accounts.audit_objects import object_type_name
from kotacerdas.accounts.domain.wording import in_active_language
from kotacerdas.accounts.enums import Language, Role
from kotacerdas.errors import StateError


class UserManager(DjangoUserManager["User"]):
    """Django's manager, but ``create_user``/``create_superuser`` run the password validators."""

    def _create_user_object(self, username: Any, email: Any, password: Any, **extra_fields: Any) -> Any:
        user = super()._create_user_object(  # type: ignore[misc]  # Django's private hook, not in the stubs
            username, email, password, **extra_fields
        )
        if password is not None:  # None makes an unusable password, as in Django
            validate_password(password, user)
        return user


class User(AbstractUser):
    """A person who logs in; ``region`` is set for (and only for) region teams."""

    role = models.CharField(max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="team_members"
    )
    #: the language of the e-mails sent to this person (the pages follow the language switch)
    language = models.CharField(
        _("Bahasa surel"), max_length=5, choices=Language.choices, default=Language.ID
    )

    objects: ClassVar[UserManager] = UserManager()

    @property
    def email_language(self) -> str:
        """The language every e-mail to this person is written in (the default one if not a site language)."""
        return self.language if self.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(role="region_team", region__isnull=False)
                | (~models.Q(role="region_team") & models.Q(region__isnull=True)),
                name="region_only_for_region_teams",
            )
        ]


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    """Audit rows are never updated or deleted in bulk either."""

    def update(self, **kwargs: Any) -> int:
        raise StateError(
            gettext("log audit hanya dapat ditambah"),
            hint=gettext("catat peristiwa baru saja"),
            code="audit_append_only",
        )

    def delete(self) -> tuple[int, dict[str, int]]:
        raise StateError(
            gettext("log audit hanya dapat ditambah"),
            hint=gettext("peristiwa audit disimpan selamanya"),
            code="audit_append_only",
        )


class AuditEvent(models.Model):
    """One change: who (a person, or the system itself), when, what action, on which object, with which data."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    by_system = models.BooleanField(
        default=False,
        help_text=_("dilakukan oleh platform sendiri (demo, impor data historis), bukan oleh seseorang"),
    )
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    #: the summary in each of the platform's languages, worded when the event was recorded
    #: (``{"id": …, "en": …}``); empty for events recorded before summaries were worded per language
    summaries = models.JSONField(default=dict, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        indexes: ClassVar = [models.Index(fields=["target_type", "target_id"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~models.Q(by_system=True, actor__isnull=False), name="audit_system_is_no_person"
            )
        ]

    @property
    def actor_label(self) -> str:
        """``system`` for the platform itself, else the person's username (``?`` for old anonymous rows)."""
        if self.by_system:
            return "system"
        return self.actor.username if self.actor is not None else "?"

    @property
    def actor_name(self) -> str:
        """Who, for people reading the log: the platform itself is named in the active language."""
        return gettext("sistem") if self.by_system else self.actor_label

    @property
    def action_name(self) -> str:
        """The action's name in the active language (:mod:`kotacerdas.accounts.audit_actions`); the code
        for an action without a name."""
        return action_name(self.action)

    @property
    def action_named(self) -> bool:
        """Whether the action has a name (the page then shows the code under it)."""
        return self.action in ACTION_NAMES

    @property
    def target_name(self) -> str:
        """The object type's name in the active language (:mod:`kotacerdas.accounts.audit_objects`)."""
        return object_type_name(self.target_type)

    @property
    def summary_text(self) -> str:
        """The summary in the active language; the stored one for older events or a language not worded."""
        return in_active_language(self.summaries) or self.summary

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise StateError(
                gettext("log audit hanya dapat ditambah"),
                hint=gettext("catat peristiwa baru saja"),
                code="audit_append_only",
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise StateError(
            gettext("log audit hanya dapat ditambah"),
            hint=gettext("peristiwa audit disimpan selamanya"),
            code="audit_append_only",
        )
