"""Forms of the accounts pages; they only collect input, the services in ``domain/users.py`` decide."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.audit_actions import action_choices
from kotacerdas.accounts.audit_objects import object_type_choices
from kotacerdas.accounts.enums import Language, Role
from kotacerdas.accounts.models import User


class UserForm(forms.ModelForm[User]):
    """Username, full name, e-mail, role, (for a region team) its region, and the language of their e-mails."""

    name = forms.CharField(label=_("Nama lengkap"), max_length=150, required=False)

    class Meta:
        model = User
        fields: ClassVar = ["username", "name", "email", "role", "region", "language"]
        labels: ClassVar = {
            "username": _("Nama pengguna"),
            "email": _("Surel"),
            "role": _("Peran"),
            "region": _("Daerah (hanya untuk tim daerah)"),
            "language": _("Bahasa surel"),
        }
        help_texts: ClassVar = {
            "username": "",
            "language": _("Bahasa undangan dan notifikasi yang dikirim lewat surel."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["name"].initial = self.instance.first_name
        self.fields["email"].required = True
        self.fields["language"].required = False  # left out: Indonesian for a new user, unchanged on edit
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("code")  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """Skip the model's own validation: the service checks (and reports) every rule once."""

    def changes(self) -> dict[str, Any]:
        """The cleaned values, keyed as the services take them (the language only when one was chosen)."""
        values = {
            field: self.cleaned_data[field] for field in ("username", "name", "email", "role", "region")
        }
        if self.cleaned_data.get("language"):
            values["language"] = self.cleaned_data["language"]
        return values


class LanguageForm(forms.Form):
    """The profile's one preference: the language of the e-mails the user receives."""

    language = forms.ChoiceField(
        label=_("Bahasa surel"),
        choices=Language.choices,
        help_text=_("Undangan, notifikasi dan tautan kata sandi dikirim kepada Anda dalam bahasa ini."),
    )


class RoleFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Peran"), choices=[("", _("Semua peran")), *Role.choices], required=False
    )
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua")), ("1", _("Aktif")), ("0", _("Nonaktif"))],
        required=False,
    )


class ActiveForm(forms.Form):
    """Deactivate (``active=0``) or reactivate (``active=1``) a user account."""

    active = forms.TypedChoiceField(
        label=_("Status"),
        choices=[("1", _("Aktif")), ("0", _("Nonaktif"))],
        coerce=lambda value: value == "1",
    )


class PasswordChange(forms.Form):
    """The current password and the new one twice; the service checks the old one and the validators."""

    old_password = forms.CharField(
        label=_("Kata sandi sekarang"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label=_("Kata sandi baru"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("Kedua kata sandi baru tidak sama."))
        return data


class AuditFilterForm(forms.Form):
    """Filters of the audit log page and its CSV export (all optional)."""

    actor = forms.CharField(label=_("Pelaku (nama pengguna, atau sistem)"), required=False, max_length=150)
    action = forms.ChoiceField(label=pgettext_lazy("kolom", "Tindakan"), required=False)
    target_type = forms.ChoiceField(label=_("Jenis objek"), required=False)
    since = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, actions: list[str], target_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua")), *action_choices(actions)]  # type: ignore[attr-defined]
        choices = object_type_choices(target_types)  # named for people; the values stay the codes
        self.fields["target_type"].choices = [("", _("Semua")), *choices]  # type: ignore[attr-defined]

    def clean_actor(self) -> str:
        """The platform itself is ``system`` to the search, whether typed in Indonesian or English."""
        actor = str(self.cleaned_data.get("actor") or "").strip()
        return "system" if actor.casefold() in {"sistem", "system"} else actor

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("Tanggal akhir sebelum tanggal awal."))
        return data


class ResetRequestForm(PasswordResetForm):
    """Django's reset request; the e-mail is written in the account holder's language, not the requester's."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        with translation.override(context["user"].email_language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )
