"""The names people read for the object types of the audit log (``AuditEvent.target_type``).

An event stores its object's type as a code, ``app_label.model`` (``programme.participation``): scripts
filter the CSV and the log on it, so it stays. The audit page shows the type by the name below, in the
reader's language ("Keikutsertaan #12"); a type without a name here (a model not yet audited) shows its
code. The names live in accounts, below the apps whose objects are audited, so they are plain texts keyed
by the code rather than the other apps' models.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.code_names import choices_of, name_of

#: every type a service records events on, by its ``app_label.model`` code
NAMES: dict[str, Promise] = {
    "accounts.user": pgettext_lazy("jenis objek", "Pengguna"),
    "regions.region": pgettext_lazy("jenis objek", "Daerah"),
    "regions.dataset": pgettext_lazy("jenis objek", "Set data"),
    "regions.indexrun": pgettext_lazy("jenis objek", "Hasil indeks"),
    "regions.uncertaintyanalysis": pgettext_lazy("jenis objek", "Analisis ketidakpastian"),
    "programme.programme": pgettext_lazy("jenis objek", "Program"),
    "programme.cohort": pgettext_lazy("jenis objek", "Kohort"),
    "programme.participation": pgettext_lazy("jenis objek", "Keikutsertaan"),
    "programme.document": pgettext_lazy("jenis objek", "Dokumen"),
    "monitoring.masterplan": pgettext_lazy("jenis objek", "Masterplan"),
    "monitoring.masterplanprogramme": pgettext_lazy("jenis objek", "Program masterplan"),
    "monitoring.kpi": pgettext_lazy("jenis objek", "KPI"),
    "monitoring.reportingwindow": pgettext_lazy("jenis objek", "Jendela pelaporan"),
    "assessment.round": pgettext_lazy("jenis objek", "Putaran"),
    "assessment.submission": pgettext_lazy("jenis objek", "Berkas penilaian"),
    "assessment.assignment": pgettext_lazy("jenis objek", "Penugasan"),
    "assessment.score": pgettext_lazy("jenis objek", "Skor"),
    "assessment.moderation": pgettext_lazy("jenis objek", "Moderasi"),
    "assessment.conflict": pgettext_lazy("jenis objek", "Konflik kepentingan"),
    "assessment.assessorprofile": pgettext_lazy("jenis objek", "Profil asesor"),
    "assessment.impactsurvey": pgettext_lazy("jenis objek", "Survei dampak"),
    "assessment.rubricversion": pgettext_lazy("jenis objek", "Versi rubrik"),
    "jobs.job": pgettext_lazy("jenis objek", "Pekerjaan latar"),
}


def object_type_name(target_type: str) -> str:
    """The name of ``target_type`` in the active language; the code itself for a type without a name."""
    return name_of(NAMES, target_type)


def object_type_choices(target_types: list[str]) -> list[tuple[str, str]]:
    """``(code, name)`` for the log's filter by object type, in the order of the names."""
    return choices_of(NAMES, target_types)
