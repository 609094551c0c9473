"""The default factors of an uncertainty analysis (the form and its view: :mod:`.screening`)."""

from __future__ import annotations

DEFAULT_FACTORS = """\
# docs/uncertainty.md
weights: {noise: 0.25}
normalise:
  - {method: minmax, range: [1, 100]}
  - {method: zscore, mean: 10, sd: 2}
aggregate: [{method: arithmetic}, {method: geometric}]
"""
