"""Users for the secretariat: list, read, create, edit, deactivate and reactivate (the UI's services)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.accounts.domain.users import create_user, set_active, update_user
from kotacerdas.accounts.enums import Language, Role
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.assessment.domain.onboarding import import_people
from kotacerdas.errors import InputError
from kotacerdas.regions.domain.tables import check_table_size
from kotacerdas.regions.models import Region


class UserSerializer(serializers.ModelSerializer[User]):
    name = serializers.CharField(source="first_name", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True, allow_null=True)

    class Meta:
        model = User
        fields: ClassVar = [
            "id", "username", "name", "email", "role", "region", "language", "is_active", "last_login",
        ]  # fmt: skip


@extend_schema_serializer(
    description=gettext_lazy(
        "Masukan untuk membuat pengguna (nama pengguna dan peran wajib) dan mengubahnya (bagian "
        "mana pun); daerah berupa kode Kemendagri."
    ),
)
class UserWriteSerializer(serializers.Serializer[Any]):
    """Input of create (username and role required) and edit (any subset); region is a Kemendagri code."""

    username = serializers.CharField(max_length=150)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices)
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    language = serializers.ChoiceField(
        choices=Language.choices, required=False, help_text=gettext_lazy("bahasa e-mail pengguna (bawaan id)")
    )


class UserImportSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(
        help_text=gettext_lazy(
            "CSV atau XLSX: name, email, role, region, expertise[, username, affiliation, province]"
        )
    )


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[User]):
    queryset = User.objects.select_related("region").order_by("username")
    serializer_class = UserSerializer
    rules: ClassVar = {
        "read": can_manage_users,
        "create": can_manage_users,
        "partial_update": can_manage_users,
        "deactivate": can_manage_users,
        "reactivate": can_manage_users,
        "bulk_import": can_manage_users,
    }

    def get_queryset(self) -> Any:
        """All users, or those of ``?role=`` and ``?is_active=true|false``."""
        users = super().get_queryset()
        if role := self.request.query_params.get("role"):
            users = users.filter(role=role)
        if (active := self.request.query_params.get("is_active")) in ("true", "false"):
            users = users.filter(is_active=active == "true")
        return users

    @extend_schema(
        request=UserWriteSerializer,
        responses={201: UserSerializer},
        description=gettext_lazy(
            "Membuat pengguna (tanpa kata sandi: pengguna menetapkannya dari undangan); ``region`` "
            "hanya untuk tim daerah."
        ),
    )
    def create(self, request: Request) -> Response:
        """Create a user (no password: they set one from the invitation); ``region`` only for a region team."""
        data = UserWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = create_user(actor=request.user, **data.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=UserWriteSerializer,
        responses=UserSerializer,
        description=gettext_lazy(
            "Mengubah sebagian dari nama pengguna, nama, e-mail, peran, daerah dan bahasa (bahasa "
            "e-mail pengguna itu)."
        ),
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Change any of username, name, email, role, region and language (of the user's e-mails)."""
        data = UserWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = update_user(actor=request.user, user=self.get_object(), **data.validated_data)
        return Response(UserSerializer(User.objects.get(pk=user.pk)).data)

    @extend_schema(
        request=None,
        responses=UserSerializer,
        description=gettext_lazy(
            "Menonaktifkan pengguna (tidak pernah dihapus): tidak dapat masuk, tanpa token API."
        ),
    )
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        """Deactivate the user (never deleted): no login, no API token."""
        user = set_active(actor=request.user, user=self.get_object(), active=False)
        return Response(UserSerializer(user).data)

    @extend_schema(
        request=None,
        responses=UserSerializer,
        description=gettext_lazy("Mengizinkan pengguna yang dinonaktifkan masuk lagi."),
    )
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        """Let a deactivated user log in again."""
        user = set_active(actor=request.user, user=self.get_object(), active=True)
        return Response(UserSerializer(user).data)

    @extend_schema(
        request={"multipart/form-data": UserImportSerializer},
        responses={201: UserSerializer(many=True)},
        description=gettext_lazy(
            "Membuat asesor (dengan profilnya) dan tim daerah dari sebuah tabel, semuanya atau tidak "
            "sama sekali."
        ),
    )
    @action(detail=False, methods=["post"], url_path="import", url_name="import")
    def bulk_import(self, request: Request) -> Response:
        """Create assessors (with their profiles) and region teams from a table, all or nothing."""
        upload = request.FILES.get("file")
        if upload is None:
            raise InputError(_("unggah berkas .csv atau .xlsx sebagai 'file'"), code="file_required")
        check_table_size(upload.name or "", upload.size or 0)  # before reading it into memory
        created = import_people(actor=request.user, file=upload.name or "upload", content=upload.read())
        return Response(UserSerializer(created, many=True).data, status=status.HTTP_201_CREATED)
