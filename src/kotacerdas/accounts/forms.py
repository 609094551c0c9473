"""Forms of the accounts pages; they only collect input, the services in ``domain/users.py`` decide."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User


class UserForm(forms.ModelForm[User]):
    """Username, full name, e-mail, role and (for a region team) its region."""

    name = forms.CharField(label=_("Nama lengkap"), max_length=150, required=False)

    class Meta:
        model = User
        fields: ClassVar = ["username", "name", "email", "role", "region"]
        labels: ClassVar = {
            "username": _("Nama pengguna"),
            "email": _("Surel"),
            "role": _("Peran"),
            "region": _("Daerah (hanya untuk tim daerah)"),
        }
        help_texts: ClassVar = {"username": ""}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["name"].initial = self.instance.first_name
        self.fields["email"].required = True
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("code")  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """Skip the model's own validation: the service checks (and reports) every rule once."""

    def changes(self) -> dict[str, Any]:
        """The cleaned values, keyed as the services take them."""
        return {field: self.cleaned_data[field] for field in ("username", "name", "email", "role", "region")}


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

    actor = forms.CharField(label=_("Pelaku (nama pengguna, atau system)"), required=False, max_length=150)
    target_type = forms.ChoiceField(label=_("Jenis objek"), required=False)
    since = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, target_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = [("", _("Semua")), *((t, t) for t in target_types)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("Tanggal akhir sebelum tanggal awal."))
        return data
