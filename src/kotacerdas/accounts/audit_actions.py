"""The names people read for the actions of the audit log (``AuditEvent.action``).

An event stores its action as a code (``score.submit``, ``round.publish``): scripts filter the CSV and the
log on it, so it stays. The audit page shows the action by the name below, in the reader's language
("Nilai dikirim" / "Scores submitted"), with the code under it; an action without a name here (an older
event, a code not yet named) shows its code. Like :mod:`kotacerdas.accounts.audit_objects`, the names live
in accounts, below the apps that record the events, as plain texts keyed by the code.

Codes built from a state (``participation.<state>``, ``participation.enrol.<state>``,
``quick_win.<status>``, ``round.<close|publish>.override``) are named one by one;
``tests/platform/test_audit_actions.py`` reads every ``record(action=…)`` in the source and fails on a code
without a name, so a new action (or a new state) is named here with it.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.code_names import choices_of, name_of

#: every action a service records, by its code
NAMES: dict[str, Promise] = {
    # accounts
    "user.create": pgettext_lazy("tindakan audit", "Pengguna dibuat"),
    "user.update": pgettext_lazy("tindakan audit", "Pengguna diubah"),
    "user.deactivate": pgettext_lazy("tindakan audit", "Pengguna dinonaktifkan"),
    "user.reactivate": pgettext_lazy("tindakan audit", "Pengguna diaktifkan kembali"),
    "user.invite": pgettext_lazy("tindakan audit", "Undangan akun dikirim"),
    "user.language": pgettext_lazy("tindakan audit", "Bahasa e-mail diubah"),
    "user.password": pgettext_lazy("tindakan audit", "Kata sandi diganti"),
    "token.issue": pgettext_lazy("tindakan audit", "Token API diterbitkan"),
    "token.revoke": pgettext_lazy("tindakan audit", "Token API dicabut"),
    # jobs
    "job.submit": pgettext_lazy("tindakan audit", "Pekerjaan latar diajukan"),
    "job.retry": pgettext_lazy("tindakan audit", "Pekerjaan latar diulang"),
    "job.cancel": pgettext_lazy("tindakan audit", "Pekerjaan latar dibatalkan"),
    "job.lost": pgettext_lazy("tindakan audit", "Pekerjaan latar kehilangan pekerjanya"),
    # regions
    "dataset.import": pgettext_lazy("tindakan audit", "Set data diimpor"),
    "dataset.publish": pgettext_lazy("tindakan audit", "Set data diterbitkan"),
    "dataset.unpublish": pgettext_lazy("tindakan audit", "Set data ditarik dari publik"),
    "boundaries.import": pgettext_lazy("tindakan audit", "Batas wilayah diimpor"),
    "index_run.create": pgettext_lazy("tindakan audit", "Hasil indeks disimpan"),
    "index_run.uncertainty": pgettext_lazy("tindakan audit", "Analisis ketidakpastian disimpan"),
    "index_run.publish": pgettext_lazy("tindakan audit", "Hasil indeks diterbitkan"),
    "index_run.unpublish": pgettext_lazy("tindakan audit", "Hasil indeks ditarik dari publik"),
    "uncertainty.publish": pgettext_lazy("tindakan audit", "Analisis ketidakpastian diterbitkan"),
    "uncertainty.unpublish": pgettext_lazy("tindakan audit", "Analisis ketidakpastian ditarik dari publik"),
    # programme
    "programme.create": pgettext_lazy("tindakan audit", "Program dibuat"),
    "cohort.create": pgettext_lazy("tindakan audit", "Kohort dibuat"),
    "cohort.select": pgettext_lazy("tindakan audit", "Seleksi kohort dijalankan"),
    "cohort.invite": pgettext_lazy("tindakan audit", "Daerah diundang ke kohort"),
    "participation.enrol.invited": pgettext_lazy("tindakan audit", "Daerah didaftarkan sebagai diundang"),
    "participation.enrol.selected": pgettext_lazy("tindakan audit", "Daerah didaftarkan sebagai terpilih"),
    "participation.assessed": pgettext_lazy("tindakan audit", "Keikutsertaan: dinilai"),
    "participation.selected": pgettext_lazy("tindakan audit", "Keikutsertaan: terpilih"),
    "participation.not_selected": pgettext_lazy("tindakan audit", "Keikutsertaan: tidak terpilih"),
    "participation.mou_signed": pgettext_lazy("tindakan audit", "Keikutsertaan: MoU ditandatangani"),
    "participation.guidance": pgettext_lazy("tindakan audit", "Keikutsertaan: bimbingan teknis"),
    "participation.commitment_signed": pgettext_lazy(
        "tindakan audit", "Keikutsertaan: komitmen ditandatangani"
    ),
    "participation.books_submitted": pgettext_lazy("tindakan audit", "Keikutsertaan: Buku 1–4 diserahkan"),
    "participation.presented": pgettext_lazy("tindakan audit", "Keikutsertaan: dipresentasikan"),
    "participation.awarded": pgettext_lazy("tindakan audit", "Keikutsertaan: menerima penghargaan"),
    "participation.withdrawn": pgettext_lazy("tindakan audit", "Keikutsertaan: mengundurkan diri"),
    "participation.cancelled": pgettext_lazy("tindakan audit", "Keikutsertaan: dibatalkan"),
    "participation.substituted": pgettext_lazy("tindakan audit", "Keikutsertaan: digantikan"),
    "participation.substitute": pgettext_lazy("tindakan audit", "Daerah pengganti mengambil tempat"),
    "participation.bimtek": pgettext_lazy("tindakan audit", "Bimtek dicatat"),
    "participation.institution": pgettext_lazy("tindakan audit", "SK kelembagaan dicatat"),
    "participation.legalise": pgettext_lazy("tindakan audit", "Pengesahan masterplan dicatat"),
    "document.submit": pgettext_lazy("tindakan audit", "Buku diunggah"),
    "document.review": pgettext_lazy("tindakan audit", "Status tinjauan buku diubah"),
    "document.comment": pgettext_lazy("tindakan audit", "Komentar pada buku"),
    "document.reply": pgettext_lazy("tindakan audit", "Balasan pada komentar buku"),
    "document.resolve": pgettext_lazy("tindakan audit", "Komentar buku diselesaikan"),
    # monitoring
    "masterplan.create": pgettext_lazy("tindakan audit", "Masterplan dibuat"),
    "masterplan.edit": pgettext_lazy("tindakan audit", "Masterplan diubah"),
    "masterplan.programme": pgettext_lazy("tindakan audit", "Program masterplan ditambahkan"),
    "masterplan.programme.edit": pgettext_lazy("tindakan audit", "Program masterplan diubah"),
    "masterplan.kpi": pgettext_lazy("tindakan audit", "KPI ditambahkan"),
    "masterplan.kpi.edit": pgettext_lazy("tindakan audit", "KPI diubah"),
    "masterplan.comment": pgettext_lazy("tindakan audit", "Komentar pada masterplan"),
    "programme.budget": pgettext_lazy("tindakan audit", "Anggaran program dicatat"),
    "quick_win.planned": pgettext_lazy("tindakan audit", "Quick win: direncanakan"),
    "quick_win.running": pgettext_lazy("tindakan audit", "Quick win: berjalan"),
    "quick_win.done": pgettext_lazy("tindakan audit", "Quick win: selesai"),
    "quick_win.stopped": pgettext_lazy("tindakan audit", "Quick win: terhenti"),
    "reporting_window.open": pgettext_lazy("tindakan audit", "Jendela pelaporan dibuka"),
    "reporting_window.change": pgettext_lazy("tindakan audit", "Jendela pelaporan diubah"),
    "kpi.actual": pgettext_lazy("tindakan audit", "Capaian KPI dilaporkan"),
    "kpi.actual.correct": pgettext_lazy("tindakan audit", "Capaian KPI dikoreksi"),
    # assessment
    "rubric.store": pgettext_lazy("tindakan audit", "Rubrik disimpan"),
    "rubric.reword": pgettext_lazy("tindakan audit", "Kata-kata rubrik diperbarui"),
    "assessor.create": pgettext_lazy("tindakan audit", "Profil asesor dibuat"),
    "assessor.update": pgettext_lazy("tindakan audit", "Profil asesor diubah"),
    "round.create": pgettext_lazy("tindakan audit", "Putaran dibuat"),
    "submission.update": pgettext_lazy("tindakan audit", "Berkas penilaian diubah"),
    "conflict.detect": pgettext_lazy("tindakan audit", "Konflik kepentingan dideteksi"),
    "conflict.declare": pgettext_lazy("tindakan audit", "Konflik kepentingan dinyatakan"),
    "assignment.run": pgettext_lazy("tindakan audit", "Penugasan asesor dijalankan"),
    "assignment.override": pgettext_lazy("tindakan audit", "Penugasan asesor diganti"),
    "panels.form": pgettext_lazy("tindakan audit", "Panel presentasi dibentuk"),
    "score.draft": pgettext_lazy("tindakan audit", "Nilai disimpan sebagai draf"),
    "score.submit": pgettext_lazy("tindakan audit", "Nilai dikirim"),
    "score.amend": pgettext_lazy("tindakan audit", "Nilai dikoreksi"),
    "round.close": pgettext_lazy("tindakan audit", "Putaran ditutup"),
    "round.close.override": pgettext_lazy("tindakan audit", "Pengecualian kelengkapan untuk menutup putaran"),
    "moderation.decide": pgettext_lazy("tindakan audit", "Moderasi diputuskan"),
    "round.compute": pgettext_lazy("tindakan audit", "Hasil putaran dihitung"),
    "round.publish": pgettext_lazy("tindakan audit", "Putaran diterbitkan"),
    "round.publish.override": pgettext_lazy(
        "tindakan audit", "Pengecualian kelengkapan untuk menerbitkan putaran"
    ),
    "survey.record": pgettext_lazy("tindakan audit", "Survei dampak dicatat"),
}


def action_name(action: str) -> str:
    """The name of ``action`` in the active language; the code itself for an action without a name."""
    return name_of(NAMES, action)


def action_choices(actions: list[str]) -> list[tuple[str, str]]:
    """``(code, name)`` for the log's filter by action, in the order of the names."""
    return choices_of(NAMES, actions)
