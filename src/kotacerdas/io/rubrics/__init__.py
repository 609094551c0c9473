"""Shipped rubric templates, one YAML file per version (``<id>@<version>.yaml``).

Read them through :mod:`kotacerdas.io.rubric_files`; the format is described in ``docs/assessment.md``.
"""
