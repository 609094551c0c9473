"""The secretariat's user pages: the list (filtered by role and status), create, edit, (de)activate."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.invitations import invite_users
from kotacerdas.accounts.domain.users import create_user, set_active, update_user
from kotacerdas.accounts.error_text import hint, message
from kotacerdas.accounts.forms import ActiveForm, RoleFilterForm, UserForm
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.assessment.domain.onboarding import OPTIONAL, REQUIRED, BulkImportError, import_people
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.regions.domain.tables import check_table_size
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_form_errors, show_refusal


def _form_error(form: UserForm, exc: KotaCerdasError) -> None:
    """Show a service's refusal beside the field it names (or above the form)."""
    field = exc.location.column if exc.location.column in form.fields else None
    form.add_error(field, message(exc) + (f" ({hint(exc)})" if exc.hint else ""))


@guarded(can_manage_users)
def user_list(request: HttpRequest) -> HttpResponse:
    filters = RoleFilterForm(request.GET or None)
    users = User.objects.select_related("region").order_by("username")
    if filters.is_valid():
        if role := filters.cleaned_data["role"]:
            users = users.filter(role=role)
        if active := filters.cleaned_data["active"]:
            users = users.filter(is_active=active == "1")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "web/users.html", {"filters": filters, "page": page, "query": query.urlencode()})


@guarded(can_manage_users)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                user = create_user(actor=request.user, **form.changes())
            except KotaCerdasError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Pengguna %(name)s dibuat.") % {"name": user.username})
                return redirect("web:user", pk=user.pk)
        return render(request, "web/user_form.html", {"form": form}, status=400)
    return render(request, "web/user_form.html", {"form": form})


@guarded(can_manage_users)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=member)
    if request.method == "POST":
        if form.is_valid():
            try:
                update_user(actor=request.user, user=member, **form.changes())
            except KotaCerdasError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect("web:user", pk=member.pk)
        return render(request, "web/user_form.html", {"form": form, "member": member}, status=400)
    return render(request, "web/user_form.html", {"form": form, "member": member})


@guarded(can_manage_users)
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate (never delete) or reactivate a user; ``active=0`` or ``active=1``."""
    member = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        deny(request)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("web:user", pk=member.pk)
    active = form.cleaned_data["active"]
    try:
        set_active(actor=request.user, user=member, active=active)
        messages.success(request, _("Pengguna diaktifkan.") if active else _("Pengguna dinonaktifkan."))
    except KotaCerdasError as exc:
        show_refusal(request, exc)
    return redirect("web:user", pk=member.pk)


@guarded(can_manage_users)
def user_import(request: HttpRequest) -> HttpResponse:
    """Bulk import of assessors and region teams from CSV or XLSX: every row checked, all or nothing."""
    context = {"required": REQUIRED, "optional": OPTIONAL}
    if request.method != "POST":
        return render(request, "web/user_import.html", context)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise InputError(_("unggah berkas .csv atau .xlsx"), code="file_required")
        check_table_size(upload.name or "", upload.size or 0)  # before reading it into memory
        created = import_people(actor=request.user, file=upload.name or "upload", content=upload.read())
    except BulkImportError as exc:
        return render(request, "web/user_import.html", {**context, "problems": exc.problems}, status=400)
    except KotaCerdasError as exc:
        return render(request, "web/user_import.html", {**context, "problems": [exc]}, status=400)
    messages.success(request, _("%(n)d pengguna diimpor.") % {"n": len(created)})
    return redirect("web:users")


@guarded(can_manage_users)
def user_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the invitation e-mail again (a new one-time link) to a user who has not set a password."""
    member = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        deny(request)
    try:
        invite_users(actor=request.user, users=[member])
        messages.success(request, _("Undangan dikirim ke %(email)s.") % {"email": member.email})
    except KotaCerdasError as exc:
        show_refusal(request, exc)
    return redirect("web:user", pk=member.pk)
