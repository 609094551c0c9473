"""What a notification can be about, and how each kind reads (in the reader's language, at read time)."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class Kind(models.TextChoices):
    ASSIGNMENT = "assignment", _("Penugasan penilaian diberikan atau diubah")
    DEADLINE_SOON = "deadline_soon", _("Tenggat penilaian mendekat")
    DEADLINE_PASSED = "deadline_passed", _("Tenggat penilaian terlewati")
    BOOK_COMMENT = "book_comment", _("Komentar pada buku masterplan")
    BOOK_REVIEW = "book_review", _("Status telaah buku berubah")
    LIFECYCLE = "lifecycle", _("Tahap daerah berubah")
    SELECTION = "selection", _("Keputusan seleksi")
    ROUND_PUBLISHED = "round_published", _("Hasil penilaian diterbitkan")
    REPORTING_WINDOW = "reporting_window", _("Jendela pelaporan capaian KPI dibuka")
    MASTERPLAN_COMMENT = "masterplan_comment", _("Komentar pada masterplan")


#: the sentence of each kind; ``%(…)s`` placeholders are filled from the notification's parameters
MESSAGES: dict[str, StrOrPromise] = {
    Kind.ASSIGNMENT: _("Anda ditugaskan menilai %(region)s dalam %(round)s (tenggat %(deadline)s)."),
    Kind.DEADLINE_SOON: _(
        "Tenggat %(round)s tinggal %(days)s hari (%(deadline)s); %(open)s penilaian belum dikirim."
    ),
    Kind.DEADLINE_PASSED: _("Tenggat %(round)s (%(deadline)s) terlewati; %(open)s penilaian belum dikirim."),
    Kind.BOOK_COMMENT: _("%(author)s mengomentari Buku %(book)s versi %(version)s %(region)s."),
    Kind.BOOK_REVIEW: _("Buku %(book)s versi %(version)s %(region)s: %(status)s."),
    Kind.LIFECYCLE: _("%(region)s di %(cohort)s kini berada pada tahap: %(state)s."),
    Kind.SELECTION: _("Keputusan seleksi %(cohort)s untuk %(region)s: %(decision)s."),
    Kind.ROUND_PUBLISHED: _("Hasil %(round)s telah diterbitkan."),
    Kind.REPORTING_WINDOW: _("Pelaporan capaian KPI tahun %(year)s dibuka dari %(opens)s sampai %(closes)s."),
    Kind.MASTERPLAN_COMMENT: _("%(author)s mengomentari masterplan %(region)s."),
}
