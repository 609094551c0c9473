"""SYNTHETIC smart-city readiness data for the 514 kabupaten/kota — for demos and tests only.

Every number here is invented (seeded random draws around a latent "readiness" per region, higher
for kota and for Jawa/Bali, so indicators correlate realistically). Nothing is an official
statistic. The framework follows DOMAIN.md §1: the readiness pillars suprastruktur, struktur and
infrastruktur of the programme's assessment, plus the secondary national indices used for the
long list (fiscal capacity, EKPPD, IPM-like human development, green city).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kotacerdas.io.registry import Registry, load_registry

LABEL = "Data demo SINTETIS (kotacerdas.demo.data) — bukan statistik resmi"

# code, name, pillar, direction, (low, high) plausible range, denominator
_INDICATORS: tuple[tuple[str, str, str, int, tuple[float, float], str | None], ...] = (
    ("perda_sc", "Regulasi smart city (0–5)", "Suprastruktur", 1, (0, 5), None),
    ("rpjmd_align", "Keselarasan RPJMD dengan smart city (%)", "Suprastruktur", 1, (10, 100), None),
    ("visi_kd", "Visi kepala daerah (skor panel 1–5)", "Suprastruktur", 1, (1, 5), None),
    ("ikf", "Indeks kapasitas fiskal", "Struktur", 1, (0.1, 6), None),
    ("apbd_tik", "Belanja TIK dalam APBD (%)", "Struktur", 1, (0.1, 4), None),
    ("asn_tik", "ASN bidang TIK", "Struktur", 1, (5, 400), "population"),
    ("ekppd", "Skor EKPPD (0–4)", "Struktur", 1, (1.5, 3.8), None),
    ("broadband", "Cakupan broadband (% desa/kelurahan)", "Infrastruktur", 1, (20, 100), None),
    ("bts", "Menara BTS", "Infrastruktur", 1, (10, 2500), "area_km2"),
    ("spbe", "Indeks SPBE (1–5)", "Infrastruktur", 1, (1, 4.5), None),
    ("data_center", "Kematangan pusat data (0–5)", "Infrastruktur", 1, (0, 5), None),
    ("ipm", "Indeks pembangunan manusia (mirip IPM)", "Kapasitas", 1, (50, 85), None),
    ("poverty", "Penduduk miskin (%)", "Kapasitas", -1, (2, 35), None),
    ("green_city", "Indeks kota hijau (0–100)", "Kapasitas", 1, (10, 95), None),
)
_PILLARS = (
    ("Suprastruktur", "Suprastruktur: kebijakan, regulasi, visi"),
    ("Struktur", "Struktur: SDM, anggaran, organisasi"),
    ("Infrastruktur", "Infrastruktur: jaringan, pusat data, aplikasi"),
    ("Kapasitas", "Kapasitas daerah: fiskal, kinerja, pembangunan manusia"),
)
_ISLAND_SHIFT = {"Jawa": 0.6, "Bali-Nusa Tenggara": 0.2, "Sumatera": 0.1, "Sulawesi": 0.0, "Kalimantan": 0.0,
                 "Maluku": -0.4, "Papua": -0.8}  # fmt: skip


def demo_meta() -> pd.DataFrame:
    """The iMeta of the synthetic readiness index: 14 indicators, 4 pillars, 1 index."""
    rows = [
        {"Level": 1, "iCode": c, "iName": n, "Direction": d, "Weight": 1.0, "Parent": p, "Type": "Indicator",
         "Denominator": den}
        for c, n, p, d, _, den in _INDICATORS
    ]  # fmt: skip
    rows += [{"Level": 2, "iCode": c, "iName": n, "Direction": 1, "Weight": 1.0, "Parent": "Kesiapan",
              "Type": "Aggregate"} for c, n in _PILLARS]  # fmt: skip
    rows.append({"Level": 3, "iCode": "Kesiapan", "iName": "Indeks Kesiapan Smart City (SINTETIS)", "Direction": 1,
                 "Weight": 1.0, "Parent": None, "Type": "Aggregate"})  # fmt: skip
    rows += [{"iCode": g, "iName": n, "Type": "Group"} for g, n in (("type", "Jenis daerah"),
                                                                     ("island_group", "Kelompok pulau"))]  # fmt: skip
    rows += [{"iCode": d, "iName": n, "Type": "Denominator"} for d, n in (("population", "Jumlah penduduk"),
                                                                          ("area_km2", "Luas wilayah (km²)"))]  # fmt: skip
    return pd.DataFrame(rows, columns=["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type",
                                       "Denominator"])  # fmt: skip


def demo_data(
    seed: int = 0, registry: Registry | None = None, missing_share: float = 0.01
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(iData, iMeta) of the SYNTHETIC readiness index for every kabupaten/kota; same seed, same data."""
    rng = np.random.default_rng(seed)
    regions = list(registry or load_registry())
    n = len(regions)
    kota = np.array([r.type == "kota" for r in regions])
    shift = np.array([_ISLAND_SHIFT.get(r.island_group, 0.0) for r in regions])
    latent = rng.normal(0.0, 1.0, n) + 0.9 * kota + shift
    pillar_noise = {p: rng.normal(0.0, 0.6, n) for p, _ in _PILLARS}
    population = np.round(np.exp(rng.normal(12.6, 0.8, n) + 0.4 * kota))
    area = np.round(np.where(kota, np.exp(rng.normal(5.0, 0.8, n)), np.exp(rng.normal(7.8, 0.9, n))), 1)
    data: dict[str, object] = {
        "uCode": [r.code for r in regions],
        "uName": [r.name for r in regions],
        "type": [r.type for r in regions],
        "island_group": [r.island_group for r in regions],
        "population": population,
        "area_km2": area,
    }
    for code, _, pillar, direction, (low, high), den in _INDICATORS:
        score = latent + pillar_noise[pillar] + rng.normal(0.0, 0.7, n)
        share = 1.0 / (1.0 + np.exp(-direction * score / 1.5))
        value = low + (high - low) * share
        if den == "population":
            value = value * population / 1e5
        elif den == "area_km2":
            value = value * area / 100.0 * np.exp(rng.normal(0, 0.5, n))
        value = np.round(value, 3)
        value[rng.random(n) < missing_share] = np.nan
        data[code] = value
    return pd.DataFrame(data), demo_meta()
