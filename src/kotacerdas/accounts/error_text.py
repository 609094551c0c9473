"""Errors in the user's language: the one translator the web and API adapters call.

The Django apps raise their messages already translated (``gettext`` with an Indonesian msgid, in the
language of the request). The engine and :mod:`kotacerdas.io` cannot import Django, so their errors
carry a specific ``code`` and the message's ``params``; :data:`MESSAGES` holds the Indonesian template
of each such code (English in this app's catalogue), and :func:`message` fills it in. A code without a
template keeps the message as raised. See docs/developer/i18n.md.

This module sits in ``accounts`` because it is the lowest Django app: every adapter may import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kotacerdas.errors import KotaCerdasError, Location

MESSAGES: dict[str, Promise] = {
    # kotacerdas.io.tables
    "missing_column": _("kolom %(wanted)s tidak ada"),
    "cell_count": _("diharapkan %(expected)s sel, ditemukan %(found)s"),
    "file_not_found": _("berkas tidak ditemukan"),
    "file_empty": _("berkas kosong"),
    "duplicate_column": _("kolom %(column)r muncul dua kali"),
    "not_a_number": _("%(prefix)s%(cell)r bukan angka"),
    "not_finite": _("%(prefix)s%(cell)r bukan angka hingga"),
    "invalid_csv": _("bukan CSV yang sah: %(reason)s"),
    "unreadable_file": _("berkas tidak dapat dibaca: %(reason)s"),
    "nul_bytes": _("berkas memuat bita NUL: tampaknya UTF-16 tanpa penanda urutan bita"),
    "undecodable_text": _(
        "berkas bukan teks %(expected)s: bita %(byte)s pada posisi %(offset)s tidak dapat dibaca "
        "(latin-1 atau Windows-1252?)"
    ),
    # kotacerdas.io.registry and kotacerdas.io.code_systems (region codes of an imported table)
    "not_a_region_code": _("%(code)r bukan kode kabupaten/kota"),
    "unknown_region_code": _("kode kabupaten/kota %(code)r tidak dikenal"),
    "code_system_mismatch": _(
        "kode daerah lebih cocok dengan sistem kode %(other)s daripada %(system)s: sebagai kode %(other)s "
        "ada %(other_codes)s dari %(total)s kode dan %(other_names)s nama cocok, sebagai kode %(system)s "
        "ada %(system_codes)s dari %(total)s kode dan %(system_names)s nama cocok"
    ),
    "unknown_code_system": _("sistem kode %(system)r tidak dikenal"),
    # kotacerdas.regions.domain.tables (file checks shared with the CLI wording)
    "table_too_large": _("berkas berukuran %(size)s bita; batas sebuah tabel %(limit)s bita"),
    "unsupported_file_type": _("jenis berkas %(suffix)s tidak didukung"),
    "unreadable_xlsx": _("bukan buku kerja XLSX yang dapat dibaca (%(reason)s)"),
    "first_sheet_empty": _("lembar pertama kosong"),
    "xlsx_too_many_parts": _("buku kerja itu memuat %(parts)s bagian; paling banyak %(limit)s"),
    "xlsx_unpacks_too_large": _("buku kerja itu menjadi %(size)s bita setelah dibuka; batasnya %(limit)s"),
    "xlsx_zip_bomb": _(
        "bagian buku kerja %(part)s dimampatkan %(ratio)s kali (paling banyak %(limit)s): ditolak sebagai "
        "kemungkinan bom zip"
    ),
    # kotacerdas.regions.domain.datasets (raised in the worker: the job page words them for its reader)
    "no_code_column": _("tidak ada kolom kode daerah"),
    "no_indicator_columns": _("tidak ada kolom indikator di samping kolom kode"),
    "duplicate_indicator": _("kolom indikator %(column)r muncul dua kali"),
    "not_a_year": _("tahun %(text)r bukan tahun"),
    "duplicate_region": _("daerah %(code)s muncul dua kali"),
    "duplicate_region_year": _("daerah %(code)s muncul dua kali pada %(year)s"),
    "no_data_rows": _("tabel memiliki baris judul tetapi tidak memiliki baris data"),
    "regions_not_loaded": _("daerah %(codes)s belum dimuat"),
    # kotacerdas.io.rubric_files (a round's rubric by reference)
    "unknown_rubric": _("rubrik %(rubric)r tidak dikenal"),
    # kotacerdas.jobs (a failed job's stored error, worded on the job page)
    "worker_lost": _(
        "pekerja %(worker)s berhenti memperbarui sewa pekerjaan ini (tanpa detak selama %(lease)s detik): "
        "pekerja itu mati atau dihentikan"
    ),
    "worker_stopped": _("pekerja dihentikan saat menjalankan pekerjaan ini (%(reason)s)"),
    # kotacerdas.io.ratings and kotacerdas.io.assignment_files (agreement and assignment inputs)
    "ratings_too_narrow": _("perlu satu kolom unit dan sekurang-kurangnya dua kolom penilai"),
    "ratings_no_units": _("perlu satu baris judul dan sekurang-kurangnya satu unit"),
    "empty_unit_id": _("id unit kosong"),
    "unit_repeats": _("id unit %(unit)r mengulang baris %(first)s"),
    "headerless_columns": _(
        "diharapkan %(expected)s kolom (%(columns)s) tanpa baris judul, ditemukan %(found)s"
    ),
    "empty_id": _("id %(column)s kosong"),
    "pair_listed_twice": _(
        "pasangan (%(submission)s, %(assessor)s) tercantum dua kali (pertama pada baris %(first)s)"
    ),
    "unknown_submission": _("berkas %(who)r tidak dikenal (tidak ada di berkas skor)"),
    "unknown_assessor": _("asesor %(who)r tidak dikenal (tidak ada di berkas skor)"),
    "constraint_not_plus_minus_one": _("batasan %(constraint)s bukan -1 (konflik) dan bukan 1 (wajib)"),
    "submission_field_twice": _("pasangan (berkas %(who)r, bidang %(field)r) tercantum dua kali"),
    "assessor_field_twice": _("pasangan (asesor %(who)r, bidang %(field)r) tercantum dua kali"),
    "submission_without_field": _(
        "berkas %(submission)r dari berkas skor tidak punya baris, sehingga tidak memerlukan keahlian apa"
        " pun (%(count)s berkas seperti itu)"
    ),
    # kotacerdas.io.selection_inputs and kotacerdas.io.selection_units (scores, draws, exclusions)
    "no_score_column": _("tidak ada kolom skor %(score)r"),
    "region_repeats": _("daerah %(code)s mengulang baris %(first)s"),
    "village_repeats": _("desa/kelurahan %(code)s mengulang baris %(first)s"),
    "code_repeats": _("kode unit %(code)s mengulang baris %(first)s"),
    "samples_too_narrow": _("perlu kolom code/uCode dan sekurang-kurangnya satu kolom sampel"),
    "no_draws_for": _("tidak ada sampel untuk %(codes)s"),
    "not_a_village_code": _("%(code)r bukan kode desa/kelurahan"),
    "empty_code": _("kode kosong"),
    # kotacerdas.io.index_tables and kotacerdas.io.native_index (index inputs)
    "unreadable_table": _("tabel tidak dapat dibaca: %(reason)s"),
    "invalid_yaml": _("bukan YAML yang sah: %(reason)s"),
    "config_not_a_mapping": _("konfigurasi harus berupa pemetaan kunci"),
    "top_node_without_code": _("setiap simpul memerlukan kode (di puncak)"),
    "node_without_code": _("setiap simpul memerlukan kode (di bawah %(parent)s)"),
    "framework_code_twice": _("kode %(node)r muncul dua kali dalam kerangka"),
    "indicator_depth": _(
        "indikator %(node)r berada pada tingkat %(level)s; semua indikator harus berada pada kedalaman "
        "yang sama"
    ),
    "unreadable_framework": _("kerangka tidak dapat dibaca: %(reason)s"),
    "framework_not_a_mapping": _("kerangka harus berupa pemetaan dengan code dan children"),
    # kotacerdas.io.selection_config (SELECTION.yaml; a cohort's selection contract too)
    "unreadable_config": _("konfigurasi tidak dapat dibaca: %(reason)s"),
    "unknown_key": _("kunci %(key)r: kunci tidak dikenal"),
    "unknown_units": _("kunci %(key)r: jenis unit %(kind)r tidak dikenal"),
    "score_not_a_column": _("kunci %(key)r: tidak ada atau bukan nama kolom"),
    "unknown_objective": _("kunci %(key)r: tujuan %(objective)r tidak dikenal"),
    "objective_needs_uncertainty": _("kunci %(key)r: tujuan %(objective)s memerlukan sampel ketidakpastian"),
    "not_a_list": _("kunci %(key)r: harus berupa daftar"),
    "phases_missing": _("kunci %(key)r: tidak ada atau kosong"),
    "phase_shape": _("kunci %(key)r: harus berbentuk {name: ..., size: N}"),
    "not_a_positive_integer": _("kunci %(key)r: %(value)r bukan bilangan bulat positif"),
    "phase_names_repeat": _("kunci %(key)r: nama tahap berulang"),
    "rule_shape": _("kunci %(key)r: harus berupa pemetaan dengan column"),
    "order_not_a_list": _(
        "kunci %(key)r: harus berupa daftar kelas dari yang terendah sampai yang tertinggi"
    ),
    "allowed_not_a_list": _("kunci %(key)r: harus berupa daftar nilai yang diizinkan"),
    "rule_without_bound": _("kunci %(key)r: memerlukan min, max atau in"),
    "not_in_order": _("kunci %(key)r: %(value)r tidak termasuk dalam urutan %(order)s"),
    "bound_not_a_number": _("kunci %(key)r: %(value)r bukan angka"),
    "quota_shape": _("kunci %(key)r: harus berupa pemetaan dengan by"),
    "not_a_non_negative_integer": _("kunci %(key)r: %(value)r bukan bilangan bulat tak negatif"),
    "not_a_share": _("kunci %(key)r: %(value)r bukan pangsa antara 0 dan 1"),
    "quota_without_bound": _("kunci %(key)r: tidak memiliki batas"),
    "min_above_max": _("kunci %(key)r: min %(min)s > max %(max)s"),
    "quota_over": _("kunci %(key)r: %(over)r harus 'phase' atau 'all'"),
    "reselect_not_a_list": _("kunci %(key)r: harus berupa daftar kode yang boleh dipilih lagi"),
    "exclude_shape": _(
        "kunci %(key)r: harus berupa daftar kode atau {file: earlier_cohorts.csv, reselect: [kode yang "
        "boleh dipilih lagi]}"
    ),
    "uncertainty_shape": _(
        "kunci %(key)r: harus berbentuk {file: samples.csv} atau {sd: 2.0, draws: 200, seed: 0}"
    ),
    "uncertainty_file_or_sd": _("kunci %(key)r: berikan tepat satu dari file atau sd"),
    "marginal_band": _("kunci %(key)r: %(marginal)s bukan [bawah, atas] dalam rentang 0..1"),
    "not_a_positive_number": _("kunci %(key)r: %(value)r bukan angka positif"),
    "not_an_integer": _("kunci %(key)r: %(value)r bukan bilangan bulat"),
    "unknown_config_column": _("kunci %(key)r: kolom %(column)r tidak dikenal"),
    # kotacerdas.engine.indicators (an index's iMeta and iData, from the CLI or an index build)
    "meta_not_a_number": _("%(cell)r bukan angka"),
    "meta_missing_column": _("metadata tidak memiliki kolom %(column)r"),
    "empty_value": _("%(column)s kosong"),
    "duplicate_icode": _("nilai iCode %(code)r berulang (pertama pada baris %(first)s)"),
    "unknown_node_type": _("nilai Type %(type)r dari %(code)r bukan salah satu dari %(types)s"),
    "level_not_whole": _("%(code)r memerlukan Level bilangan bulat ≥ 1 (1 = indikator)"),
    "node_level_mismatch": _(
        "%(code)r adalah %(type)s pada tingkat %(level)s: indikator berada pada tingkat 1, agregat di atasnya"
    ),
    "direction_not_one": _("Direction dari %(code)r bernilai %(direction)s"),
    "weight_not_allowed": _("Weight dari %(code)r bernilai %(weight)s"),
    "denominator_not_in_meta": _(
        "penyebut %(denominator)r dari %(code)r bukan baris Denominator dalam metadata"
    ),
    "meta_without_indicators": _("metadata tidak memiliki indikator (Type Indicator, Level 1)"),
    "hierarchy_cycle": _("siklus dalam hierarki: %(path)s"),
    "orphan_without_parent": _(
        "%(code)r (tingkat %(level)s) tidak memiliki Parent: yatim di bawah tingkat teratas %(top)s"
    ),
    "unknown_parent": _("induk %(parent)r dari %(code)r bukan kode indikator atau agregat: yatim"),
    "parent_level": _(
        "induk %(parent)r dari %(code)r berada pada tingkat %(level)s, seharusnya %(expected)s"
    ),
    "several_tops": _(
        "tingkat teratas %(top)s memiliki %(count)s simpul (%(codes)s); sebuah indeks memerlukan satu"
    ),
    "aggregate_without_children": _("agregat %(code)r tidak memiliki anak: yatim"),
    "no_ucode_column": _("data tidak memiliki kolom uCode"),
    "aggregate_in_data": _("kolom %(column)r adalah agregat dalam metadata; data hanya memuat indikator"),
    "column_not_in_meta": _("kolom %(column)r ada di data tetapi tidak ada di metadata"),
    "indicator_not_in_data": _("%(code)r ada di metadata tetapi tidak ada di data"),
    "duplicate_unit": _("kode unit %(unit)s berulang (pertama pada baris %(first)s)"),
    "duplicate_unit_year": _(
        "kode unit %(unit)s berulang pada tahun yang sama (pertama pada baris %(first)s)"
    ),
    "indicator_without_values": _("indikator %(code)r tidak memiliki nilai (semua %(rows)s baris kosong)"),
    # kotacerdas.io.bridge, registry, rubric_files and uncertainty_output
    "bps_code_not_in_bridge": _("kode BPS %(code)r tidak ada di jembatan"),
    "not_a_bps_code": _("%(code)r bukan kode BPS empat angka"),
    "bridge_columns": _("berkas jembatan memerlukan kolom kemendagri_code dan bps_code (atau bps_code_2020)"),
    "bps_code_twice": _("kode BPS %(code)s muncul dua kali"),
    "kemendagri_code_twice": _("kode Kemendagri %(code)s muncul dua kali (pertama pada baris %(first)s)"),
    "not_a_province_code": _("kode provinsi %(code)r bukan dua angka"),
    "no_island_group": _("kode provinsi %(code)r tidak termasuk kelompok pulau mana pun"),
    "missing_key": _("kunci %(where)s%(key)r tidak ada"),
    "rubric_not_a_mapping": _("berkas rubrik harus berupa pemetaan YAML"),
    "malformed_rubric": _("entri rubrik tidak sah: %(reason)s"),
    "rubric_predicate_label": _("jenjang predikat mulai %(min)s: %(key)s harus berupa teks"),
    "criterion_cells": _("diharapkan 2 sel (criterion,score), ditemukan %(found)s"),
    "criterion_scored_twice": _("kriteria %(criterion)r dinilai dua kali"),
    "criteria_unscored": _("tidak ada skor untuk kriteria %(criteria)s"),
    "no_factors": _("berkas faktor tidak memuat faktor ketidakpastian apa pun"),
    # kotacerdas.engine.indicators.settings_parser (an index's settings; the screening form shows them)
    "setting_not_a_mapping": _("%(key)s: diharapkan pemetaan, ditemukan %(value)r"),
    "setting_unknown_key": _("%(key)s: kunci tidak dikenal"),
    "setting_not_a_choice": _("%(key)s: %(value)r bukan salah satu dari %(choices)s"),
    "setting_not_a_number": _("%(key)s: diharapkan angka, ditemukan %(value)r"),
    "setting_out_of_range": _("%(key)s: %(value)s berada di luar [%(low)s, %(high)s]"),
    "setting_below_minimum": _("%(key)s: %(value)s kurang dari batas bawah %(low)s"),
    "setting_not_a_flag": _("%(key)s: diharapkan true atau false, ditemukan %(value)r"),
    "setting_not_whole": _("%(key)s: %(value)s bukan bilangan bulat"),
    "setting_not_positive": _("%(key)s: harus positif"),
    "impute_needs_group": _("%(key)s: %(method)s memerlukan kolom kelompok"),
    "range_shape": _("%(key)s: diharapkan [bawah, atas], ditemukan %(value)r"),
    "range_order": _("%(key)s: batas bawah %(low)s harus lebih kecil daripada batas atas %(high)s"),
    "goalposts_need_bounds": _("%(key)s: goalposts memerlukan lower dan upper yang berbeda"),
    "weights_shape": _("%(key)s: %(value)r bukan meta, equal, pca, dan bukan pula pemetaan"),
    "pca_levels": _("%(key)s: diharapkan daftar tingkat ≥ 2"),
    "ahp_matrix_shape": _("%(key)s: memerlukan codes dan matriks persegi seukuran jumlah kode itu"),
    "ahp_row_length": _("%(key)s: panjang baris %(row)s salah"),
    "custom_weights_shape": _("%(key)s: diharapkan {KODE: bobot}, ditemukan %(value)r"),
    "override_level": _("%(key)s: tingkat berupa bilangan bulat ≥ 2 (tingkat tujuan agregasi)"),
    # the index engine's method refusals (treatment, weights, denominators, imputation, normalisation, the tree)
    "treatment_collapses": _(
        "perlakuan pencilan pada %(code)r mewinsorisasi %(count)s titik dan membuat setiap unit bernilai "
        "sama, sehingga indikator itu tidak lagi membawa informasi"
    ),
    "log_needs_positive": _("transformasi log pada %(code)r memerlukan nilai positif, ditemukan %(value)s"),
    "ahp_codes_not_children": _("weights.matrices.%(parent)s: kode %(codes)s bukan anak dari %(parent)r"),
    "weights_all_zero": _("semua bobot anak dari %(parent)r bernilai nol"),
    "ahp_not_positive": _("matriks AHP dari %(parent)s: memerlukan matriks persegi berisi penilaian positif"),
    "ahp_matrix_not_positive": _("matriks AHP: memerlukan matriks persegi berisi penilaian positif"),
    "ahp_not_reciprocal": _(
        "matriks AHP dari %(parent)s: tidak resiprokal (a[j][i] harus 1/a[i][j], diagonal 1)"
    ),
    "ahp_matrix_not_reciprocal": _("matriks AHP: tidak resiprokal (a[j][i] harus 1/a[i][j], diagonal 1)"),
    "mean_needs_positive": _(
        "rata-rata %(method)s memerlukan nilai positif, ditemukan %(value)s pada %(child)r (saat agregasi "
        "ke %(parent)r)"
    ),
    "no_batched_form": _("rata-rata %(method)s tidak memiliki bentuk batch"),
    "denominator_zero": _(
        "penyebut %(denominator)r bernilai 0 untuk %(unit)s, sehingga %(code)r tidak dapat dibagi dengannya"
    ),
    "unknown_impute_group": _("kelompok imputasi %(group)r bukan kolom Group dalam data"),
    "impute_group_without_groups": _("kelompok imputasi %(group)r bukan kolom Group dalam data"),
    "impute_panel_method": _(
        "metode imputasi %(method)s mengisi data panel menurut waktu, bukan satu data lintas daerah"
    ),
    "impute_group_unknown": _("metode imputasi %(method)s memerlukan kolom kelompok yang dikenal"),
    "impute_group_none": _("metode imputasi %(method)s memerlukan kolom kelompok yang dikenal"),
    "zero_variance": _(
        "%(code)r memiliki varians nol (setiap unit bernilai sama), sehingga normalisasi %(method)s tidak "
        "terdefinisi"
    ),
    "rank_needs_two": _("%(code)r memerlukan dua nilai untuk peringkat persentil"),
    "no_target": _("%(code)r tidak memiliki target untuk normalisasi jarak ke target"),
    "target_is_worst": _("target dari %(code)r sama dengan nilai terburuknya"),
    "goalposts_unset": _("goalposts memerlukan lower dan upper yang berbeda"),
    "nothing_to_normalise": _("%(code)r tidak memiliki nilai untuk dinormalisasi"),
    # kotacerdas.engine.uncertainty.factors (the factors of an uncertainty analysis)
    "factors_not_a_mapping": _("berkas faktor harus berupa pemetaan nama faktor"),
    "unknown_factor": _("faktor %(factor)r tidak dikenal"),
    "factor_options_shape": _("%(key)s harus berupa daftar opsi {method: ...} yang tidak kosong"),
    "weight_noise_shape": _("weights memerlukan {noise: 0.25, levels: [2, 3]}"),
    "noise_level_without_weights": _("weights: tingkat %(level)s tidak memiliki bobot untuk diganggu"),
    "noise_not_a_number": _("weights: noise %(value)r harus berupa angka ≥ 0"),
    "noise_too_large": _(
        "weights: noise %(value)s pada tingkat %(level)s membuat bobot negatif atau nol (setiap bobot × U(%(low)s, %(high)s))"
    ),
    "availability_in_option": _(
        "%(key)s.min_availability: variasikan ambang itu dengan faktor min_availability"
    ),
    "mean_not_batched": _("%(key)s.method: %(method)s tidak dapat divariasikan per sampel"),
    "impute_panel_factor": _(
        "%(key)s.method: %(method)s mengisi data panel, yang tidak divariasikan oleh Monte Carlo"
    ),
    "factor_group_unknown": _("%(key)s: %(method)s memerlukan group: salah satu dari %(groups)s"),
    "treat_factor_shape": _("treat memerlukan {winmax: [1, 2, 3, 4, 5]} (daftar nilai)"),
    "treat_winmax_values": _("treat: nilai winmax harus bilangan bulat ≥ 0, ditemukan %(values)s"),
    "treat_variant_missing": _("treat: tidak ada data terolah untuk %(variant)s"),
    "exclude_factor_shape": _("exclude memerlukan {indicators: all} atau daftar kode indikator"),
    "exclude_unknown_indicator": _("exclude: indikator %(code)r tidak dikenal"),
    "availability_window": _("min_availability memerlukan [bawah, atas] dengan 0 ≤ bawah ≤ atas ≤ 1"),
    # kotacerdas.engine.uncertainty (the analysis, its adapter, kernel, sensitivity and Dask backend)
    "uncertainty_of_panel": _("analisis ketidakpastian untuk data panel tidak didukung"),
    "treat_factor_without_treatment": _(
        "faktor treat memerlukan perlakuan pencilan dalam konfigurasi indeks"
    ),
    "aggregation_not_varied": _(
        "agregasi %(method)r (atau metode per tingkat/kelompok) tidak didukung di sini"
    ),
    "too_few_samples": _("jumlah sampel sekurang-kurangnya 1, ditemukan %(samples)s"),
    "top_out_of_range": _("top harus antara 1 dan jumlah unit (%(units)s), ditemukan %(top)s"),
    "unknown_backend": _("backend %(backend)r tidak dikenal"),
    "nominal_mean_needs_positive": _(
        "rata-rata %(method)s nominal bertemu nilai ternormalisasi nol atau negatif"
    ),
    "samples_not_a_power_of_two": _(
        "nilai --samples %(samples)s bukan pangkat dua, padahal pengambilan sampel Sobol memerlukannya"
    ),
    "samples_below_two": _(
        "nilai --samples %(samples)s bukan pangkat dua, padahal pengambilan sampel Sobol memerlukannya"
    ),
    "sensitivity_needs_two_factors": _(
        "analisis sensitivitas memerlukan sekurang-kurangnya dua faktor ketidakpastian"
    ),
    "scheduler_unreachable": _("penjadwal Dask di %(scheduler)s tidak dapat dihubungi: %(reason)s"),
    # kotacerdas.engine.selection.validation (a selection problem, before it is solved)
    "score_count": _("%(scores)s skor untuk %(candidates)s kandidat"),
    "duplicate_candidates": _("kode kandidat berulang: %(codes)s"),
    "score_not_finite": _("skor %(score)r kosong atau bukan angka hingga untuk %(codes)s"),
    "attribute_count": _("atribut %(attribute)r memiliki %(values)s nilai untuk %(candidates)s kandidat"),
    "no_phases": _("tidak ada tahap"),
    "phases_repeat": _("nama tahap berulang: %(names)s"),
    "phase_size": _("tahap %(phase)r berukuran %(size)s"),
    "objective_unknown": _("tujuan %(objective)r tidak dikenal"),
    "objective_without_samples": _("tujuan %(objective)r memerlukan sampel ketidakpastian"),
    "samples_shape": _("sampel berbentuk %(shape)s; diharapkan (draws, %(candidates)s)"),
    "rule_without_bounds": _(
        "aturan kelayakan pada %(column)r tidak memiliki min, max, atau nilai yang diizinkan"
    ),
    "bound_not_in_order": _("kelayakan %(column)r: %(bound)r tidak termasuk dalam urutannya %(order)s"),
    "values_outside_order": _("kolom %(column)r memiliki nilai di luar urutan %(order)s: %(values)s"),
    "quota_over_value": _("kuota menurut %(by)r: over harus 'phase' atau 'all', bukan %(over)r"),
    "quota_unbounded": _("kuota menurut %(by)r tidak memiliki batas"),
    "quota_bound_negative": _("kuota menurut %(by)r: batas %(bound)s negatif"),
    "quota_share_range": _("kuota menurut %(by)r: pangsa %(share)s tidak berada di antara 0 dan 1"),
    "quota_min_above_max": _("kuota menurut %(by)r: min %(min)s > max %(max)s"),
    "objective_unknown_column": _("tujuan merujuk ke kolom %(column)r yang tidak dikenal"),
    "eligibility_unknown_column": _("kelayakan merujuk ke kolom %(column)r yang tidak dikenal"),
    "quota_unknown_column": _("kuota merujuk ke kolom %(column)r yang tidak dikenal"),
    # kotacerdas.engine.review.agreement and .calibration (a round's figures note them on its results page)
    "ratings_not_a_matrix": _("penilaian harus berupa matriks unit × penilai, diperoleh %(dims)s dimensi"),
    "unknown_alpha_level": _("tingkat pengukuran %(level)r tidak dikenal"),
    "alpha_no_pairable_units": _(
        "tidak ada unit dengan dua penilaian atau lebih, sehingga kesepakatan tidak dapat dihitung"
    ),
    "ratio_alpha_negative": _("alpha tingkat rasio memerlukan nilai yang tidak negatif"),
    "alpha_no_variation": _(
        "semua penilaian yang dapat dipasangkan identik, sehingga ketidaksepakatan yang diharapkan nol"
    ),
    "icc_too_few": _(
        "ICC memerlukan sekurang-kurangnya 2 target lengkap dan 2 penilai, diperoleh %(targets)s × %(judges)s"
    ),
    "calibration_shape": _("daerah, asesor, dan nilai harus berupa larik 1-D dengan panjang yang sama"),
    "scores_not_finite": _("nilai memuat NaN atau nilai tak hingga"),
    "calibration_index_range": _("indeks daerah atau asesor di luar rentang"),
    "calibration_unrated": _("setiap daerah dan setiap asesor memerlukan sekurang-kurangnya satu penilaian"),
    "design_disconnected": _(
        "rancangan daerah–asesor terpecah menjadi %(groups)s kelompok yang tidak terhubung, sehingga efek "
        "asesor tidak dapat dibandingkan antarkelompok"
    ),
    # kotacerdas.engine.review.assignment (a round's assignment: the secretariat reads its refusals)
    "bound_negative": _("%(name)s tidak boleh negatif"),
    "pairs_out_of_range": _("pasangan %(name)s merujuk ke indeks pengajuan atau asesor di luar rentang"),
    "assignment_infeasible": _("tidak ada penugasan yang memenuhi batasan: %(conflicts)s"),
    # kotacerdas.engine.selection.solve and .diagnose (a selection job's failure: each conflicting group
    # of rules and quotas with its own code, each fact of it too, each fact's scope worded)
    "selection_infeasible": _("tidak ada seleksi yang memenuhi semua aturan dan kuota: %(conflicts)s"),
    "phases_unorderable": _("daerah terpilih tidak dapat diurutkan ke dalam tahap"),
    "selection_forced_impossible": _("memaksakan daerah ini masuk tidak mungkin dengan sendirinya"),
    "selection_phase_sizes": _("ukuran tahap: %(sizes)s"),
    "selection_phase_sizes_short": _(
        "ukuran tahap: %(sizes)s — %(slots)s seluruhnya, tetapi hanya %(eligible)s yang memenuhi syarat"
    ),
    "selection_phase_size": _("%(size)s di tahap %(phase)s"),
    "selection_once": _("setiap daerah hanya boleh mengikuti satu tahap"),
    "selection_group_conflict": _("%(label)s: %(conflicts)s"),
    "selection_holds_not": _("tidak dapat dipenuhi bersama batasan lainnya"),
    "selection_whole_plan": _("dalam seluruh rencana"),
    "selection_in_phase": _("di tahap %(phase)s"),
    "selection_minimums_exceed_slots": _(
        "%(min)s × %(groups)s kelompok %(quota_column)s = %(need)s > %(slots)s kursi %(where)s"
    ),
    "selection_minimums_sum_exceed_slots": _("jumlah minimumnya %(need)s > %(slots)s kursi %(where)s"),
    "selection_value_short": _(
        "%(value)s memerlukan %(need)s tetapi hanya memiliki %(have)s yang memenuhi syarat %(where)s"
    ),
    "selection_value_none": _("%(value)s tidak mengizinkan satu pun %(where)s"),
    "selection_capacity": _("mengizinkan paling banyak %(cap)s dari %(slots)s kursi %(where)s"),
    "selection_across_phases": _(
        "%(value)s memerlukan %(per_phase)s × %(phases)s tahap = %(need)s tetapi hanya memiliki %(have)s "
        "yang memenuhi syarat"
    ),
    "selection_across_phases_sum": _(
        "%(value)s memerlukan %(need)s di seluruh tahap = %(need)s tetapi hanya memiliki %(have)s "
        "yang memenuhi syarat"
    ),
    "min_load_above_max": _("beban minimum melebihi beban maksimum untuk asesor indeks %(assessor)s"),
    "loads_too_small": _("diperlukan %(needed)s penilaian tetapi total beban maksimum %(most)s"),
    "loads_too_large": _("total beban minimum %(least)s melebihi %(needed)s penilaian yang diperlukan"),
    "too_few_allowed": _(
        "pengajuan indeks %(submission)s memiliki asesor yang diizinkan lebih sedikit daripada k "
        "(%(count)s pengajuan demikian)"
    ),
    "forced_conflict": _("pasangan (%(submission)s, %(assessor)s) sekaligus diwajibkan dan berkonflik"),
    "too_many_forced": _("pengajuan indeks %(submission)s memiliki asesor wajib lebih banyak daripada k"),
    "forced_over_max_load": _(
        "asesor indeks %(assessor)s diwajibkan pada lebih banyak pengajuan daripada beban maksimumnya"
    ),
    "solver_time_limit": _("pemecah mencapai batas waktu %(seconds)s detik"),
    "assignment_impossible": _(
        "tidak ada penugasan yang sekaligus memenuhi k, batas beban, konflik, dan pasangan wajib"
    ),
    "affinity_shape": _("afinitas harus berupa matriks pengajuan × asesor yang tidak kosong"),
    "affinity_not_finite": _("afinitas memuat NaN atau nilai tak hingga"),
    "assignment_objective_unknown": _("tujuan %(objective)r tidak dikenal"),
    # kotacerdas.engine.review.rubrics (a score entered on the web, a rubric file)
    "score_missing": _("skor tidak diisi"),
    "score_out_of_scale": _("skor %(value)s berada di luar skala %(low)s–%(high)s"),
    "score_off_half_points": _("skor %(value)s tidak berada pada skala (hanya setengah poin dari %(low)s)"),
    "score_off_steps": _("skor %(value)s tidak berada pada skala (hanya langkah %(step)s dari %(low)s)"),
    "unknown_criterion": _("kriteria %(criterion)r tidak dikenal untuk rubrik %(rubric)s"),
    "criterion_unscored": _("tidak ada skor untuk kriteria %(criteria)s dari rubrik %(rubric)s"),
    "rubric_duplicate_criterion": _("rubrik %(rubric)s: id kriteria muncul dua kali"),
    "rubric_unknown_group": _(
        "rubrik %(rubric)s: kriteria %(criterion)r menyebut kelompok %(group)r yang tidak dikenal"
    ),
    "rubric_negative_weight": _("rubrik %(rubric)s: kriteria %(criterion)r memiliki bobot negatif"),
    "rubric_no_weight": _("rubrik %(rubric)s: memerlukan kriteria dengan total bobot positif"),
    "rubric_unknown_aggregation": _("rubrik %(rubric)s: aturan agregasi %(aggregation)r tidak dikenal"),
    # kotacerdas.engine.review.panels and .ranking
    "panel_shape": _("keahlian harus berupa matriks asesor × dimensi; jumlah dan ukuran panel harus positif"),
    "panel_blocked_shape": _("matriks halangan harus berukuran %(assessors)s × %(panels)s (asesor × panel)"),
    "panel_seats": _(
        "%(panels)s panel berisi %(size)s orang memerlukan %(seats)s kursi, tetapi %(assessors)s asesor × "
        "%(max_panels)s memberikan lebih sedikit"
    ),
    "panels_infeasible": _("tidak ada susunan panel yang memenuhi ukuran, konflik, dan ketersediaan"),
    "peer_labels": _("diperlukan satu label kelompok sejawat untuk setiap skor"),
    "ranking_shape": _("daerah dan skor harus berupa larik 1-D dengan panjang yang sama dan tidak nol"),
    "region_index_range": _("indeks daerah di luar rentang"),
    "region_unrated": _("daerah indeks %(region)s tidak memiliki penilaian"),
    "ranking_samples": _("jumlah sampel sekurang-kurangnya 1"),
    # kotacerdas.engine.selection (the solver)
    "flow_not_nested": _("kuota tidak bersarang, sehingga jalur aliran tidak berlaku"),
    "selection_solver_failed": _("HiGHS tidak dapat menyelesaikan seleksi: %(reason)s"),
    "equity_solver_failed": _("HiGHS tidak dapat menyelesaikan tahap pemerataan: %(reason)s"),
    "awards_shape": _(
        "skor dimensi harus berupa matriks daerah × dimensi dengan satu skor keseluruhan untuk setiap daerah"
    ),
}
HINTS: dict[str, Promise] = {  # a template with params is filled like its message
    "missing_column": _("kolom yang ada: %(columns)s"),
    "nul_bytes": _("simpan sebagai 'CSV UTF-8', atau sebagai UTF-16 dengan penanda urutan bita"),
    "undecodable_text": _("simpan sebagai 'CSV UTF-8', atau sebagai UTF-16 dengan penanda urutan bita"),
    "not_a_region_code": _("tulis seperti 63.71 atau 6371 (kode Kemendagri)"),
    "unknown_region_code": _("kode mengikuti %(source)s; kode BPS memerlukan jembatan BPS↔Kemendagri"),
    "code_system_mismatch": _("nyatakan sistem kode %(other)s untuk berkas ini, atau perbaiki kodenya"),
    "not_a_number": _("kosongkan sel itu untuk nilai yang hilang"),  # parse_optional_number's hint
    "rubric_predicate_label": _("label adalah nama jenjang dalam bahasa Indonesia, label_en nama Inggrisnya"),
    "not_finite": _("tak hingga, NaN dan nilai di luar ±1,8e308 tidak dapat dihitung"),
    "unknown_code_system": _("gunakan kemendagri atau bps"),
    "table_too_large": _("pecah tabel itu, atau buang kolom yang bukan indikator"),
    "unsupported_file_type": _("gunakan berkas .csv atau .xlsx"),
    "xlsx_unpacks_too_large": _("simpan tabel itu sebagai CSV atau pecah tabelnya"),
    "xlsx_zip_bomb": _("simpan lagi tabel itu dari program lembar kerja, atau sebagai CSV"),
    "no_code_column": _("beri nama 'code' atau 'uCode'"),
    "not_a_year": _("tahun empat angka seperti 2024"),
    "duplicate_region": _("untuk data panel tambahkan kolom tahun ('year' atau 'Time')"),
    "regions_not_loaded": _("jalankan sinkronisasi registri daerah lebih dulu"),
    "worker_lost": _("ulangi pekerjaan itu, atau batalkan untuk menghapus berkasnya"),
    "unknown_rubric": _("rubrik yang dikenal: %(known)s"),
    # kotacerdas.io.ratings and kotacerdas.io.assignment_files
    "unit_repeats": _("beri setiap unit satu baris, dengan satu kolom per penilai"),
    # kotacerdas.io.selection_inputs and kotacerdas.io.selection_units
    "no_score_column": _("kolom: %(columns)s"),
    "not_a_village_code": _("tulis seperti 11.01.01.2001 atau 1101012001 (kode Kemendagri)"),
    # kotacerdas.io.selection_config
    "unknown_key": _("kunci yang dikenal: %(known)s"),
    "unknown_units": _("salah satu dari %(choices)s"),
    "score_not_a_column": _("misalnya score: Index"),
    "unknown_objective": _("salah satu dari %(choices)s"),
    "objective_needs_uncertainty": _(
        "tulis uncertainty: {file: samples.csv} atau {sd: 2.0, draws: 200, seed: 0}"
    ),
    "phases_missing": _("misalnya phases: [{name: '2027', size: 25}]"),
    "rule_shape": _("misalnya {column: Index, min: 40}"),
    "bound_not_a_number": _("berikan order untuk kelas"),
    "quota_shape": _("misalnya {by: province, max: 4}"),
    "quota_without_bound": _("berikan min, max, min_share atau max_share"),
    "unknown_config_column": _("kolom: %(columns)s"),
    # kotacerdas.engine.indicators
    "meta_not_a_number": _("%(column)s harus berupa angka"),
    "meta_missing_column": _("iMeta memerlukan iCode, iName, Level, Parent, Direction, Weight, Type"),
    "direction_not_one": _("gunakan 1 atau -1"),
    "parent_level": _("induk setiap simpul berada tepat satu tingkat di atasnya"),
    "column_not_in_meta": _(
        "tambahkan barisnya ke metadata (Type Indicator, Group, Denominator atau Other) atau buang kolom itu"
    ),
    "indicator_not_in_data": _("tambahkan kolom %(code)r ke data atau hapus barisnya dari metadata"),
    "indicator_without_values": _("buang indikator itu dari data dan metadata, atau berikan nilainya"),
    # kotacerdas.io.bridge, registry, rubric_files and uncertainty_output
    "bps_code_not_in_bridge": _("berkas jembatan %(source)s"),
    "criteria_unscored": _("rubrik %(rubric)s memerlukan skor untuk setiap kriteria, satu kali"),
    # kotacerdas.engine.indicators (settings and methods)
    "setting_unknown_key": _("yang diizinkan: %(allowed)s"),
    "impute_needs_group": _("misalnya group: EurAsia_group"),
    "goalposts_need_bounds": _("misalnya {lower: 0, upper: 100}"),
    "goalposts_unset": _("misalnya {lower: 0, upper: 100}"),
    "treatment_collapses": _(
        "perlakukan %(code)r dengan method: none di overrides, atau turunkan treat.winmax"
    ),
    "log_needs_positive": _(
        "gunakan fallback: log (bergeser, log_CT dari COINr) atau perlakukan indikator ini dengan method: none"
    ),
    "ahp_codes_not_children": _("anak-anaknya: %(children)s"),
    "mean_needs_positive": _(
        "normalisasikan ke rentang yang seluruhnya positif, misalnya range: [1, 100], atau gunakan arithmetic"
    ),
    "no_batched_form": _("variasikan bobot dengan rata-rata kuasi-aritmetik"),
    "denominator_zero": _("perbaiki penyebutnya atau matikan denominate untuk indikator ini di overrides"),
    "unknown_impute_group": _("kelompok yang ada: %(groups)s"),
    "impute_group_without_groups": _("kelompok yang ada: tidak ada"),
    "impute_group_unknown": _("kelompok yang tersedia: %(groups)s"),
    "impute_group_none": _("kelompok yang tersedia: tidak ada"),
    "zero_variance": _("buang indikator itu atau normalisasikan dengan metode lain di overrides"),
    "no_target": _("isi Target di metadata atau normalise.target di sebuah override"),
    # kotacerdas.engine.uncertainty.factors
    "factors_not_a_mapping": _("nama faktor yang dikenal: %(known)s"),
    "unknown_factor": _("faktor yang dikenal: %(known)s"),
    "noise_level_without_weights": _(
        "gunakan tingkat 1..%(last)s (1 = indikator; indeks pada tingkat %(top)s tidak memiliki bobot)"
    ),
    "noise_too_large": _("gunakan noise di bawah 1, misalnya 0.25 untuk ±25 %"),
    "mean_not_batched": _("gunakan salah satu dari %(choices)s"),
    "impute_panel_factor": _("gunakan salah satu dari %(choices)s"),
    "treat_variant_missing": _(
        "bangun masalahnya dengan from_index_result(result, treat=...) agar setiap varian diolah"
    ),
    "uncertainty_of_panel": _("analisis indeks satu tahun"),
    "treat_factor_without_treatment": _("isi treat: {method: winsorise, ...} di --config"),
    "aggregation_not_varied": _("gunakan satu metode untuk semua tingkat: %(choices)s"),
    "unknown_backend": _("gunakan numpy atau dask"),
    "nominal_mean_needs_positive": _(
        "normalisasikan ke rentang yang seluruhnya positif (misalnya minmax 1–100) atau agregasikan secara aritmetika"
    ),
    "samples_not_a_power_of_two": _("gunakan %(below)s atau %(above)s"),
    "samples_below_two": _("gunakan 2 atau pangkat dua yang lebih besar (256, 512, …)"),
    "scheduler_unreachable": _(
        "jalankan penjadwal dengan `dask scheduler` (dan pekerjanya), periksa alamatnya, atau hilangkan --scheduler"
    ),
    "duplicate_candidates": _("setiap daerah satu kali"),
    "score_not_finite": _("isi skornya atau buang daerah itu dari berkas"),
    "no_phases": _("misalnya phases: [{name: '2027', size: 25}]"),
    "phase_size": _("ukuran tahap berupa bilangan bulat positif"),
    "objective_unknown": _("salah satu dari %(choices)s"),
    "quota_unbounded": _("berikan min, max, min_share atau max_share"),
    "objective_unknown_column": _("kolom: %(columns)s"),
    "eligibility_unknown_column": _("kolom: %(columns)s"),
    "quota_unknown_column": _("kolom: %(columns)s"),
    "unknown_alpha_level": _("gunakan salah satu dari %(choices)s"),
    "ratio_alpha_negative": _("gunakan --level interval"),
    "icc_too_few": _("target yang kekurangan satu penilaian pun tidak diikutsertakan"),
    "selection_infeasible": _("longgarkan salah satu batasan yang berkonflik"),
    "assignment_infeasible": _(
        "naikkan --max-load, turunkan --min-load atau k, atau hapus konflik/pasangan wajib"
    ),
    "solver_time_limit": _("naikkan time_limit"),
    "assignment_impossible": _("naikkan beban maksimum, turunkan beban minimum, atau hapus konflik"),
    "assignment_objective_unknown": _("gunakan 'total' atau 'fair'"),
    "flow_not_nested": _("gunakan method='milp'"),
    "score_missing": _("rubrik %(rubric)s mengizinkan %(allowed)s"),
    "score_out_of_scale": _("rubrik %(rubric)s mengizinkan %(allowed)s"),
    "score_off_half_points": _("rubrik %(rubric)s mengizinkan %(allowed)s"),
    "score_off_steps": _("rubrik %(rubric)s mengizinkan %(allowed)s"),
    "unknown_criterion": _("kriteria yang dikenal: %(known)s"),
    "design_disconnected": _(
        "tetapkan sekurang-kurangnya satu asesor yang juga menilai daerah dari kelompok lain"
    ),
}

#: what a cell holds (``parse_number(..., what="rating")``): the reader's word for the ``prefix`` that
#: ``not_a_number`` and ``not_finite`` put before the cell (the CLI prints the English word as raised)
WHAT: dict[str, Promise] = {
    "rating": pgettext_lazy("isi sel", "penilaian"),
    "score": pgettext_lazy("isi sel", "skor"),
    "affinity": pgettext_lazy("isi sel", "afinitas"),
    "constraint": pgettext_lazy("isi sel", "batasan"),
}


#: params worded by the app that owns their wording (registered in its ``AppConfig.ready``): param → (the
#: param it fills, the function). The programme words a selection quota's data (``quota`` → ``label``,
#: ``maks. 2 per provinsi di tiap tahap``) and the column a quota counts by (``quota_column``,
#: ``provinsi``), as on the decisions page. In English the raised words stay (``min share 0.5 island_group = Jawa``), so the English
#: is the sentence the CLI prints.
WORDERS: dict[str, tuple[str, Callable[[Any], str]]] = {}


def reason(stored: Mapping[str, object]) -> str:
    """One reason of several (``{"message", "code", "params"}``) in the active language; its params may hold
    reasons in turn (a selection's conflicting group: its facts, each fact's scope)."""
    return message(_stored(stored))


def _is_reason(value: object) -> bool:
    return isinstance(value, dict) and "code" in value and "message" in value


def _nested(params: Mapping[str, object]) -> dict[str, object]:
    """``params`` with its reasons worded: ``reasons`` joined by "; " into ``conflicts``, any other list of
    reasons joined by ", " (a selection's phase sizes), a single reason worded in its place (a scope)."""
    params = dict(params)
    for key, value in list(params.items()):
        if key == "reasons" and isinstance(value, list):
            params["conflicts"] = "; ".join(reason(r) for r in value if isinstance(r, dict))
        elif isinstance(value, list) and value and all(_is_reason(v) for v in value):
            params[key] = ", ".join(reason(v) for v in value)
        elif _is_reason(value):
            params[key] = reason(value)  # type: ignore[arg-type]
        worder = WORDERS.get(key)
        if worder is not None and value is not None and not (get_language() or "").startswith("en"):
            params[worder[0]] = worder[1](value)
    return params


def _params(error: KotaCerdasError) -> dict[str, object]:
    """The error's params, with ``prefix`` worded from ``what`` in the active language."""
    params = _nested(error.params)  # several reasons, each with its own code (an infeasible assignment)
    # a decimal as raised, with the active language's separator (``2,25`` in Indonesian); whole numbers
    # (counts, rows, years) as raised, never grouped, and a value quoted as found (``%(value)r``) as found
    separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    quoted = f"{MESSAGES.get(error.code, '')} {HINTS.get(error.code, '')}"
    params = {
        k: str(v).replace(".", separator) if isinstance(v, float) and f"%({k})r" not in quoted else v
        for k, v in params.items()
    }
    if "scale_low" in params:  # what a rubric's scale allows (a score's hint)
        scale = {"low": params["scale_low"], "high": params["scale_high"], "step": params.get("scale_step")}
        allowed = (
            _("%(low)s–%(high)s dalam langkah %(step)s")
            if scale["step"]
            else _("%(low)s–%(high)s dalam nilai berapa pun")
        )
        params["allowed"] = str(allowed) % scale
    what = params.get("what")
    if isinstance(what, str):
        word = WHAT.get(what)
        params["prefix"] = f"{word if word is not None else what} " if what else ""
    return params


def worded(code: str, /, **params: object) -> str:
    """The message of ``code`` with ``params`` in the active language (for services that raise by code)."""
    return str(MESSAGES[code]) % params


def hint_of(code: str) -> str:
    """The hint of ``code`` in the active language."""
    return str(HINTS[code])


def message(error: KotaCerdasError) -> str:
    """The error's message in the active language."""
    template = MESSAGES.get(error.code)
    if template is None:
        return str(error.message)
    try:
        return str(template) % _params(error)
    except (KeyError, TypeError, ValueError):  # params that do not fit: the text as raised beats none
        return str(error.message)


def hint(error: KotaCerdasError) -> str | None:
    """The error's hint in the active language (None if it has none)."""
    template = HINTS.get(error.code)
    if template is not None and error.hint is not None:
        text = str(template)
        if "%(" not in text:
            return text
        try:
            return text % _params(error)
        except (KeyError, TypeError, ValueError):  # a caller's own hint (no params for the template)
            return str(error.hint)
    return None if error.hint is None else str(error.hint)


def where(location: Location) -> str:
    """``file, baris 4, kolom 'Pop'`` in the active language, with the parts that are known."""
    parts = [str(location.file)] if location.file else []
    if location.row is not None:
        parts.append(gettext("baris %(row)s") % {"row": location.row})
    if location.column is not None:
        parts.append(gettext("kolom %(column)r") % {"column": location.column})
    return ", ".join(parts)


def localise(error: KotaCerdasError) -> str:
    """The whole sentence a person reads: where, what, and the hint, in the active language."""
    place, text, tip = where(error.location), message(error), hint(error)
    line = f"{place}: {text}" if place else text
    return f"{line} ({tip})" if tip else line


def as_dict(error: KotaCerdasError) -> dict[str, object]:
    """:meth:`KotaCerdasError.to_dict` with the message and hint in the active language."""
    return {**error.to_dict(), "message": message(error), "hint": hint(error)}


def from_dict(stored: dict[str, object]) -> str:
    """A stored error (a failed job's ``error``: :meth:`KotaCerdasError.to_dict` plus ``params``),
    as :func:`localise` words it in the active language."""
    return localise(_stored(stored))


def stored_as_dict(stored: dict[str, object]) -> dict[str, object]:
    """A stored error in the API's shape (as :func:`as_dict`), its message and hint in the active language."""
    return {**stored, **as_dict(_stored(stored))}


def _stored(stored: Mapping[str, object]) -> KotaCerdasError:
    row = stored.get("row")
    params = stored.get("params")
    return KotaCerdasError(
        str(stored.get("message") or ""),
        location=Location(
            file=str(stored["file"]) if stored.get("file") else None,
            row=row if isinstance(row, int) else None,
            column=str(stored["column"]) if stored.get("column") is not None else None,
        ),
        hint=str(stored["hint"]) if stored.get("hint") else None,
        code=str(stored.get("code") or "error"),
        params=params if isinstance(params, dict) else {},
    )
