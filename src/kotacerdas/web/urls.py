"""Web routes; every view is wrapped in :func:`kotacerdas.web.permissions.guarded`."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from kotacerdas.accounts.rules import is_anyone, is_logged_in
from kotacerdas.web import assessment_urls
from kotacerdas.web.permissions import guarded
from kotacerdas.web.views import (
    accounts,
    actions,
    audit,
    dashboard,
    datasets,
    documents,
    inbox,
    jobs,
    maps,
    participation,
    passwords,
    pipeline,
    profile,
    publication,
    ranking,
    regions,
    selection,
    uncertainty,
)

app_name = "web"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path(
        "masuk/",
        guarded(is_anyone)(auth_views.LoginView.as_view(template_name="web/login.html")),
        name="login",
    ),
    path("keluar/", guarded(is_logged_in)(auth_views.LogoutView.as_view()), name="logout"),
    path("peta/", maps.map_view, name="map"),
    path("peta/batas-<str:version>.geojson", maps.map_geometry, name="map-geometry"),
    path("peringkat/", ranking.ranking, name="ranking"),
    path("wilayah/<str:code>/", regions.region_detail, name="region"),
    path("wilayah/<str:code>/daftar/", participation.enrol_view, name="participation-enrol"),
    path("partisipasi/<int:pk>/transisi/", participation.transition_view, name="participation-transition"),
    path("partisipasi/<int:pk>/pengganti/", participation.substitute_view, name="participation-substitute"),
    path("partisipasi/<int:pk>/pilih-ulang/", participation.reselect_view, name="participation-reselect"),
    path("partisipasi/<int:pk>/pengesahan/", participation.legalise_view, name="participation-legalise"),
    path("partisipasi/<int:pk>/dokumen/", regions.upload_book, name="upload-book"),
    path("dokumen/<int:pk>/unduh/", documents.download, name="document"),
    path("kohort/", pipeline.cohorts, name="cohorts"),
    path("kohort/<int:pk>/", pipeline.pipeline, name="pipeline"),
    path("kohort/<int:pk>/aksi/", pipeline.pipeline_bulk, name="pipeline-bulk"),
    path("kohort/<int:pk>/seleksi/", selection.selection_form, name="selection-run"),
    path("kohort/<int:pk>/keputusan/", selection.decisions, name="selection-decisions"),
    path("data/", datasets.dataset_list, name="datasets"),
    path("data/impor/", datasets.dataset_import, name="dataset-import"),
    path("pekerjaan/", jobs.job_list, name="jobs"),
    path("pekerjaan/<int:pk>/", jobs.job_detail, name="job"),
    path("pekerjaan/<int:pk>/ulangi/", jobs.job_retry, name="job-retry"),
    path("pekerjaan/<int:pk>/batalkan/", jobs.job_cancel, name="job-cancel"),
    path("quick-win/<int:pk>/status/", actions.quick_win_status, name="quick-win-status"),
    path("partisipasi/<int:pk>/bimtek/", actions.record_bimtek_view, name="record-bimtek"),
    path("partisipasi/<int:pk>/sk/", actions.record_decree_view, name="record-decree"),
    path("peringkat/<int:pk>/terbitkan/", publication.index_run_publish, name="index-run-publish"),
    path("peringkat/analisis/<int:pk>/terbitkan/", publication.analysis_publish, name="analysis-publish"),
    path("data/<int:pk>/terbitkan/", publication.dataset_publish, name="dataset-publish"),
    path("peringkat/<int:pk>/ketidakpastian/", uncertainty.run_uncertainty, name="index-run-uncertainty"),
    path("notifikasi/", inbox.inbox_view, name="inbox"),
    path("notifikasi/<int:pk>/baca/", inbox.read_view, name="inbox-read"),
    path("notifikasi/baca-semua/", inbox.read_all_view, name="inbox-read-all"),
    path("notifikasi/pengaturan/", inbox.preferences_view, name="inbox-preferences"),
    path("akun/", accounts.user_list, name="users"),
    path("akun/baru/", accounts.user_create, name="user-create"),
    path("akun/impor/", accounts.user_import, name="user-import"),
    path("akun/<int:pk>/", accounts.user_edit, name="user"),
    path("akun/saya/", profile.profile, name="profile"),
    path("audit/", audit.audit_log, name="audit"),
    path("audit/csv/", audit.audit_csv, name="audit-csv"),
    path("akun/saya/sandi/", profile.profile_password, name="profile-password"),
    path("akun/saya/token/", profile.profile_token, name="profile-token"),
    path("akun/<int:pk>/aktif/", accounts.user_active, name="user-active"),
    path("akun/<int:pk>/undang/", accounts.user_invite, name="user-invite"),
    path("akun/sandi/lupa/", guarded(is_anyone)(passwords.ResetRequest.as_view()), name="password-reset"),
    path(
        "akun/sandi/terkirim/", guarded(is_anyone)(passwords.ResetSent.as_view()), name="password-reset-done"
    ),
    path(
        "akun/sandi/<uidb64>/<token>/",
        guarded(is_anyone)(passwords.SetFromLink.as_view()),
        name="password-reset-confirm",
    ),
    path(
        "akun/sandi/selesai/",
        guarded(is_anyone)(passwords.ResetDone.as_view()),
        name="password-reset-complete",
    ),
    path("i18n/setlang/", guarded(is_anyone)(set_language), name="set_language"),
    *assessment_urls.urlpatterns,
]
