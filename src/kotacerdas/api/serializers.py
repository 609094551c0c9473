"""Read serializers of the resources, and input serializers of the actions."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kotacerdas.monitoring.framework import QuickWinStatus
from kotacerdas.monitoring.models import MasterplanProgramme
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import (
    REVIEWER_CHOICES,
    Cohort,
    Document,
    DocumentComment,
    DocumentReview,
    Participation,
    Programme,
)
from kotacerdas.regions.domain.datasets import validation_warnings
from kotacerdas.regions.models import Dataset, IndexRun, IndexScore, Region, UncertaintyAnalysis


class RegionSerializer(serializers.ModelSerializer[Region]):
    class Meta:
        model = Region
        fields: ClassVar = ["code", "name", "type", "province_code", "province", "island_group"]


class DatasetSerializer(serializers.ModelSerializer[Dataset]):
    imported_by = serializers.CharField(
        source="imported_by.username", read_only=True, default=None, allow_null=True
    )
    validation_report = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "laporan validasi impor: jumlah daerah dan indikator, nilai hilang per indikator, dan peringatan "
            "(``warnings``, dalam bahasa permintaan)"
        )
    )

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_validation_report(self, dataset: Dataset) -> dict[str, Any]:
        """The stored report with its warnings in the request's language."""
        report = dict(dataset.validation_report or {})
        if "warnings" in report:
            report["warnings"] = validation_warnings(report)
        return report

    class Meta:
        model = Dataset
        fields: ClassVar = [
            "id",
            "name",
            "version",
            "source",
            "year",
            "licence",
            "file_name",
            "synthetic",
            "imported_by",
            "imported_at",
            "indicators",
            "validation_report",
            "published",
            "published_at",
            "years",
        ]


class DatasetUploadSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=120)
    source = serializers.CharField(max_length=300)  # type: ignore[assignment]  # the dataset's source
    year = serializers.IntegerField(min_value=1900, max_value=2100)
    licence = serializers.CharField(max_length=120)
    file = serializers.FileField()
    code_system = serializers.ChoiceField(
        choices=[("kemendagri", "Kemendagri"), ("bps", "BPS")],
        default="kemendagri",
        help_text=gettext_lazy(
            "sistem kode daerah dalam berkas: Kemendagri (bawaan) atau BPS (dikonversi melalui tabel padanan)"
        ),
    )


class IndexScoreSerializer(serializers.ModelSerializer[IndexScore]):
    code = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = IndexScore
        fields: ClassVar = [
            "code",
            "region_name",
            "score",
            "rank",
            "median_rank",
            "rank_q05",
            "rank_q95",
            "p_top",
        ]


class IndexRunSerializer(serializers.ModelSerializer[IndexRun]):
    class Meta:
        model = IndexRun
        fields: ClassVar = [
            "id",
            "name",
            "dataset",
            "config",
            "provenance",
            "has_uncertainty",
            "published",
            "published_at",
            "created_at",
            "year",
            "series",
            "coherence",
        ]


@extend_schema_serializer(
    description=gettext_lazy(
        "Satu versi analisis: catatannya (faktor, sampel, benih acak, jumlah teratas, kegagalan) "
        "dan keadaannya."
    ),
)
class UncertaintyAnalysisSerializer(serializers.ModelSerializer[UncertaintyAnalysis]):
    """One analysis version: its record (factors, samples, seed, top, failures) and state."""

    class Meta:
        model = UncertaintyAnalysis
        fields: ClassVar = ["id", "run", "version", "record", "published", "published_at", "created_at"]


class IndexRunCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=160)
    dataset = serializers.PrimaryKeyRelatedField(
        queryset=Dataset.objects.all(), required=False, allow_null=True
    )
    settings = serializers.DictField(required=False, default=dict)
    scores = serializers.DictField(child=serializers.FloatField())
    intervals = serializers.DictField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3),
        required=False,
    )
    published = serializers.BooleanField(default=False)
    confirm = serializers.BooleanField(
        default=False, help_text=gettext_lazy("wajib (true) bersama published: true")
    )


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    class Meta:
        model = Programme
        fields: ClassVar = ["id", "slug", "name", "description"]


class CohortSerializer(serializers.ModelSerializer[Cohort]):
    class Meta:
        model = Cohort
        fields: ClassVar = [
            "id",
            "programme",
            "year",
            "name",
            "target_size",
            "phases",
            "selection_run",
            "historical",
        ]
        read_only_fields: ClassVar = ["historical"]


class ParticipationSerializer(serializers.ModelSerializer[Participation]):
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Participation
        fields: ClassVar = [
            "id",
            "cohort",
            "region",
            "region_name",
            "state",
            "substitutes",
            "previous",
            "legal_instrument",
            "legal_number",
            "legal_date",
            "updated_at",
        ]


class EnrolSerializer(serializers.Serializer[Any]):
    cohort = serializers.PrimaryKeyRelatedField(queryset=Cohort.objects.all())
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    state = serializers.ChoiceField(choices=[State.INVITED, State.SELECTED], default=State.INVITED)
    on = serializers.DateField(
        required=False, help_text=gettext_lazy("tanggal pendaftaran (bawaan: hari ini)")
    )


class TransitionSerializer(serializers.Serializer[Any]):
    to = serializers.ChoiceField(choices=State.choices)
    on = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
    confirm = serializers.BooleanField(
        default=False, help_text=gettext_lazy("wajib (true) untuk mengundurkan diri atau membatalkan")
    )


class SubstituteSerializer(serializers.Serializer[Any]):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
    confirm = serializers.BooleanField(
        default=False, help_text=gettext_lazy("wajib (true): penggantian bersifat final")
    )


class BimtekSerializer(serializers.Serializer[Any]):
    stage = serializers.IntegerField(min_value=1, max_value=4)
    start = serializers.DateField()
    end = serializers.DateField()
    attendees = serializers.IntegerField(min_value=0)


class InstitutionSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=["council", "team"])
    decree_number = serializers.CharField(max_length=120)
    decree_date = serializers.DateField()
    members = serializers.ListField(child=serializers.CharField(max_length=200))


class LegaliseSerializer(serializers.Serializer[Any]):
    instrument = serializers.ChoiceField(choices=["perwali", "perbup", "perda"])
    number = serializers.CharField(max_length=80)
    on = serializers.DateField()


@extend_schema_serializer(
    description=gettext_lazy(
        "Pengguna yang menulis atau memutuskan sesuatu (``null`` bila platform sendiri yang melakukannya)."
    ),
)
class PersonSerializer(serializers.Serializer[Any]):
    """A user who wrote or decided something (``null`` where the platform itself did)."""

    id = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ReplySerializer(serializers.ModelSerializer[DocumentComment]):
    author = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = DocumentComment
        fields: ClassVar = ["id", "author", "at", "text"]


@extend_schema_serializer(
    description=gettext_lazy(
        "Utas komentar: komentar pembuka dengan halamannya, penyelesaian dan balasannya (yang "
        "terlama lebih dulu)."
    ),
)
class ThreadSerializer(serializers.ModelSerializer[DocumentComment]):
    """A comment thread: the opening comment with its page, resolution and replies (oldest first)."""

    author = PersonSerializer(read_only=True, allow_null=True)
    resolved_by = PersonSerializer(read_only=True, allow_null=True)
    resolved = serializers.BooleanField(read_only=True)
    replies = serializers.SerializerMethodField()

    class Meta:
        model = DocumentComment
        fields: ClassVar = [
            "id",
            "author",
            "at",
            "page",
            "text",
            "resolved",
            "resolved_by",
            "resolved_at",
            "replies",
        ]

    @extend_schema_field(ReplySerializer(many=True))
    def get_replies(self, obj: DocumentComment) -> list[dict[str, Any]]:
        return ReplySerializer(list(obj.replies.all()), many=True).data  # type: ignore[return-value]


class ReviewSerializer(serializers.ModelSerializer[DocumentReview]):
    actor = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = DocumentReview
        fields: ClassVar = ["status", "previous", "reason", "actor", "at", "answered_by"]


class DocumentSerializer(serializers.ModelSerializer[Document]):
    review_history = ReviewSerializer(source="reviews", many=True, read_only=True)
    threads = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields: ClassVar = [
            "id",
            "participation",
            "book",
            "version",
            "original_name",
            "size",
            "sha256",
            "uploaded_at",
            "review_status",
            "review_history",
            "threads",
        ]

    @extend_schema_field(ThreadSerializer(many=True))
    def get_threads(self, obj: Document) -> list[dict[str, Any]]:
        threads = [c for c in obj.comments.all() if c.parent_id is None]
        return ThreadSerializer(threads, many=True).data  # type: ignore[return-value]


class DocumentUploadSerializer(serializers.Serializer[Any]):
    participation = serializers.PrimaryKeyRelatedField(queryset=Participation.objects.all())
    book = serializers.IntegerField(min_value=1, max_value=4)
    file = serializers.FileField()


class CommentSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=4000)
    page = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class ReplyRequestSerializer(serializers.Serializer[Any]):
    thread = serializers.IntegerField(help_text=gettext_lazy("id komentar pembuka utas"))
    text = serializers.CharField(max_length=4000)


class ResolveRequestSerializer(serializers.Serializer[Any]):
    thread = serializers.IntegerField(help_text=gettext_lazy("id komentar pembuka utas"))


class ReviewRequestSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=REVIEWER_CHOICES)
    reason = serializers.CharField(max_length=4000)


#: what a masterplan programme is written with (created or edited); its read form adds ids and status
PROGRAMME_FIELDS = [
    "name",
    "dimension",
    "sub_dimension",
    "horizon",
    "owner_opd",
    "budget_source",
    "budget_amount",
    "start_year",
    "quick_win",
    "description",
]


class MasterplanProgrammeSerializer(serializers.ModelSerializer[MasterplanProgramme]):
    region = serializers.CharField(source="masterplan.region.code", read_only=True)
    status = serializers.ChoiceField(
        choices=QuickWinStatus.choices,
        allow_blank=True,
        read_only=True,
        help_text=gettext_lazy("status quick win saat ini; kosong untuk program lain"),
    )

    class Meta:
        model = MasterplanProgramme
        fields: ClassVar = ["id", "masterplan", "region", *PROGRAMME_FIELDS, "status"]
        extra_kwargs: ClassVar = {"budget_amount": {"required": True, "min_value": 0}}


class QuickWinStatusSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=QuickWinStatus.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


@extend_schema_serializer(
    description=gettext_lazy(
        "Analisis ketidakpastian atas hasil indeks (faktor seperti dalam docs/uncertainty.md)."
    ),
)
class UncertaintyRequestSerializer(serializers.Serializer[Any]):
    """An uncertainty analysis of an index run (factors as in docs/uncertainty.md)."""

    factors = serializers.DictField()
    samples = serializers.IntegerField(min_value=1, max_value=100_000)
    seed = serializers.IntegerField()
    top = serializers.IntegerField(min_value=1, default=10)


@extend_schema_serializer(
    description=gettext_lazy(
        "Seleksi kohort: sumber skor yang diterbitkan (hasil penyaringan, putaran wawancara, atau "
        "keduanya dengan bobot), siapa yang boleh dipilih, dan pemetaan SELECTION.yaml "
        "(docs/selection.md)."
    ),
)
class SelectRequestSerializer(serializers.Serializer[Any]):
    """A cohort's selection: the published score sources (screening run, interview round, or both with
    weights), who may be chosen, and a SELECTION.yaml mapping (docs/selection.md)."""

    index_run = serializers.PrimaryKeyRelatedField(
        queryset=IndexRun.objects.filter(published=True), required=False, allow_null=True, default=None
    )
    index_weight = serializers.FloatField(default=1.0, min_value=0)
    round = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("putaran wawancara kesiapan yang sudah diumumkan"),
    )
    round_weight = serializers.FloatField(default=1.0, min_value=0)
    eligibility = serializers.ChoiceField(choices=["interviewed", "invited"], default="interviewed")
    include_uninvited = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy("daerah yang belum pernah diundang juga boleh dipilih (diaudit)"),
    )
    config = serializers.DictField(default=dict)
    exclude_alumni = serializers.BooleanField(default=False)
    thresholds = serializers.BooleanField(default=True)


@extend_schema_serializer(
    description=gettext_lazy(
        'Undangan dari hasil penyaringan yang diterbitkan; memerlukan ``"confirm": true``.'
    ),
)
class InviteRequestSerializer(serializers.Serializer[Any]):
    """Invitations from a published screening run; needs ``"confirm": true``."""

    index_run = serializers.PrimaryKeyRelatedField(queryset=IndexRun.objects.filter(published=True))
    method = serializers.ChoiceField(choices=["top", "threshold", "list", "csv"])
    n = serializers.IntegerField(required=False, min_value=1, max_value=514)
    threshold = serializers.FloatField(required=False)
    codes = serializers.ListField(child=serializers.CharField(max_length=12), required=False, max_length=514)
    csv = serializers.CharField(
        required=False,
        max_length=256 * 1024,
        help_text=gettext_lazy("teks CSV dengan kolom code (dan reason)"),
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    confirm = serializers.BooleanField(default=False)


class InviteResultSerializer(serializers.Serializer[Any]):
    invited = serializers.ListField(child=serializers.CharField())
    skipped = serializers.ListField(child=serializers.CharField())


@extend_schema_serializer(
    description=gettext_lazy(
        "Putaran wawancara kesiapan atas daerah kohort yang diundang dan belum diputuskan."
    ),
)
class InterviewRequestSerializer(serializers.Serializer[Any]):
    """A readiness-interview round over the cohort's invited, undecided regions."""

    name = serializers.CharField(max_length=160)
    deadline = serializers.DateField()
    assessors_per_submission = serializers.IntegerField(min_value=1, default=3)
    max_load = serializers.IntegerField(min_value=1, default=10)


class InterviewResultSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    state = serializers.CharField()
    regions = serializers.IntegerField()
