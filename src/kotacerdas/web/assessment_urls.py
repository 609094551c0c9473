"""Web routes of assessment rounds (included into the ``web`` namespace by :mod:`kotacerdas.web.urls`)."""

from django.urls import path

from kotacerdas.web.views import (
    assessment_conflicts,
    assessment_people,
    assessment_publication,
    assessment_results,
    assessment_rounds,
    assessment_scoring,
    assessment_setup,
)

urlpatterns = [
    path("penilaian/", assessment_rounds.round_list, name="assessment-rounds"),
    path("penilaian/putaran/baru/", assessment_setup.round_new, name="assessment-round-new"),
    path("penilaian/asesor/", assessment_people.assessors, name="assessment-assessors"),
    path(
        "penilaian/putaran/<int:pk>/konflik/", assessment_people.declare, name="assessment-declare-conflict"
    ),
    path("penilaian/skor/<int:pk>/amandemen/", assessment_people.amend, name="assessment-amend"),
    path("penilaian/putaran/<int:pk>/survei/", assessment_people.survey, name="assessment-survey"),
    path("penilaian/tugas/", assessment_scoring.inbox, name="assessment-inbox"),
    path("penilaian/konflik-saya/", assessment_conflicts.my_conflicts, name="assessment-my-conflicts"),
    path("penilaian/tugas/<int:pk>/", assessment_scoring.score, name="assessment-score"),
    path("penilaian/putaran/<int:pk>/", assessment_rounds.dashboard, name="assessment-round"),
    path("penilaian/putaran/<int:pk>/aksi/", assessment_rounds.round_action, name="assessment-round-action"),
    path(
        "penilaian/putaran/<int:pk>/konfirmasi/<str:action>/",
        assessment_publication.confirm_round_action,
        name="assessment-round-confirm",
    ),
    path("penilaian/putaran/<int:pk>/ringkasan.xlsx", assessment_results.summary, name="assessment-summary"),
    path("penilaian/penugasan/<int:pk>/ganti/", assessment_rounds.override, name="assessment-override"),
    path("penilaian/moderasi/<int:pk>/", assessment_rounds.moderation, name="assessment-moderate"),
    path("penilaian/hasil/<int:pk>/", assessment_results.results, name="assessment-results"),
    path(
        "penilaian/hasil/<int:pk>/umpan-balik/<str:code>.pdf",
        assessment_results.feedback,
        name="assessment-feedback",
    ),
]
