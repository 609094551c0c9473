"""Kota Cerdas: the open platform for running a national smart-city programme end to end."""

__version__ = "0.1.0"
