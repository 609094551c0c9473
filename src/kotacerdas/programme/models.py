"""Programmes, cohorts, participations and the facts recorded during guidance."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.step_reasons import render


class Programme(models.Model):
    """A national programme, e.g. Gerakan Menuju 100 Smart City."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """A phase of a programme: the regions taken in one year."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    year = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    target_size = models.PositiveIntegerField()
    phases = models.JSONField(
        default=list, blank=True, help_text=_("tahap seleksi: [{name, size}]; kosong = satu tahap")
    )
    selection_run = models.ForeignKey("regions.IndexRun", null=True, blank=True, on_delete=models.SET_NULL)
    selection = models.JSONField(default=dict, blank=True, help_text=_("pengaturan dan alasan seleksi"))
    historical = models.BooleanField(
        default=False, help_text=_("dicatat dari fakta publik, tidak dijalankan di sini")
    )

    class Meta:
        ordering: ClassVar = ["programme", "year", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    """One region in one cohort, with its lifecycle state (see :mod:`kotacerdas.programme.lifecycle`)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="participations")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="participations")
    state = models.CharField(max_length=20, choices=State.choices, default=State.INVITED, db_index=True)
    substitutes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
        help_text=_("keikutsertaan yang tempatnya diambil oleh keikutsertaan ini"),
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reselections",
        help_text=_("keikutsertaan sebelumnya dari daerah yang sama (seleksi ulang)"),
    )
    legal_instrument = models.CharField(
        max_length=10, blank=True, choices=[("perwali", "Perwali"), ("perbup", "Perbup"), ("perda", "Perda")]
    )
    legal_number = models.CharField(max_length=80, blank=True)
    legal_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["cohort", "region__code"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cohort", "region"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.cohort}"


class StateChange(models.Model):
    """One step of a participation's lifecycle (the timeline on the region page)."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="changes")
    source = models.CharField(max_length=20, choices=State.choices, blank=True)
    target = models.CharField(max_length=20, choices=State.choices)
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    reason = models.CharField(max_length=300, blank=True)
    #: a reason the platform wrote (see :mod:`kotacerdas.programme.step_reasons`), shown in the reader's
    #: language; empty when a person typed the reason
    reason_code = models.CharField(max_length=40, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering: ClassVar = ["on", "id"]

    @property
    def reason_text(self) -> str:
        """The reason in the active language (a typed reason as typed)."""
        return (render(self.reason_code, self.reason_params) if self.reason_code else "") or self.reason


class Bimtek(models.Model):
    """A technical-guidance stage (1–4) with its dates and attendance."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="bimteks")
    stage = models.PositiveSmallIntegerField(choices=[(i, f"Bimtek {i}") for i in range(1, 5)])
    start = models.DateField()
    end = models.DateField()
    attendees = models.PositiveIntegerField(default=0)
    attended = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["stage"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["participation", "stage"], name="bimtek_unique")
        ]


class Institution(models.Model):
    """The Dewan Smart City or the Tim Pelaksana, set up by a decree (SK)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Dewan Smart City")
        TEAM = "team", _("Tim Pelaksana")

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="institutions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    decree_number = models.CharField(max_length=120)
    decree_date = models.DateField()
    members = models.JSONField(default=list)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["participation", "kind"], name="institution_unique")
        ]


def _book_path(instance: Document, filename: str) -> str:
    p = instance.participation
    return f"books/{p.cohort_id}/{p.region_id}/buku{instance.book}-v{instance.version}.pdf"


class ReviewStatus(models.TextChoices):
    """Where a book version stands in review; ``answered`` is set only by the next upload of that book."""

    PENDING = "pending", _("menunggu telaah")
    REVISION = "revision", _("perlu revisi")
    ACCEPTED = "accepted", _("diterima")
    ANSWERED = "answered", _("dijawab dengan versi baru")


#: the statuses a reviewer may set (``answered`` comes from an upload)
REVIEWER_STATUSES = (ReviewStatus.PENDING, ReviewStatus.REVISION, ReviewStatus.ACCEPTED)
REVIEWER_CHOICES = [(s.value, s.label) for s in REVIEWER_STATUSES]


#: the four masterplan books, named in the reader's language
BOOKS = [(1, _("Buku 1")), (2, _("Buku 2")), (3, _("Buku 3")), (4, _("Buku 4"))]


class Document(models.Model):
    """A version of one of the four books (PDF)."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="documents")
    book = models.PositiveSmallIntegerField(choices=BOOKS)
    version = models.PositiveIntegerField()
    file = models.FileField(upload_to=_book_path)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )

    class Meta:
        ordering: ClassVar = ["book", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["participation", "book", "version"], name="document_version_unique"
            )
        ]


class DocumentComment(models.Model):
    """A comment on a book version: a thread's opening comment (``parent`` empty) or a reply in it.

    A reviewer opens a thread, optionally on a page; the region team and reviewers reply; the opener (or
    the secretariat) resolves the thread. Rows from before threads existed are threads of their own.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    text = models.TextField()
    page = models.PositiveIntegerField(null=True, blank=True, help_text=_("halaman yang dibahas utas ini"))
    at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["at", "id"]

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


class DocumentReview(models.Model):
    """One change of a book version's review status, with who, when and why (the status history)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=10, choices=ReviewStatus.choices)
    previous = models.CharField(max_length=10, choices=ReviewStatus.choices)
    reason = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        help_text=_("versi berikutnya yang menjawab permintaan revisi"),
    )

    class Meta:
        ordering: ClassVar = ["at", "id"]
