"""Regions: the registry of kabupaten/kota, their boundaries, imported datasets and index runs."""
