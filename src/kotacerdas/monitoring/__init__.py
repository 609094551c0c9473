"""Monitoring: masterplans (6 dimensions × 3 sub-dimensions), their programmes, KPIs and quick wins."""
