"""Fixtures for the composite-indicator engine tests: tiny hand-checkable indexes."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def tiny_meta() -> pd.DataFrame:
    """Two pillars of two indicators each under one index; b is lower-is-better."""
    return pd.DataFrame(
        {
            "iCode": ["a", "b", "c", "d", "P1", "P2", "Idx", "grp", "pop"],
            "iName": ["A", "B", "C", "D", "Pillar 1", "Pillar 2", "Index", "Group", "Population"],
            "Level": [1, 1, 1, 1, 2, 2, 3, None, None],
            "Parent": ["P1", "P1", "P2", "P2", "Idx", "Idx", None, None, None],
            "Direction": [1, -1, 1, 1, 1, 1, 1, None, None],
            "Weight": [1, 1, 1, 3, 1, 1, 1, None, None],
            "Type": ["Indicator"] * 4 + ["Aggregate"] * 3 + ["Group", "Denominator"],
            "Denominator": [None, None, None, "pop", None, None, None, None, None],
        }
    )


@pytest.fixture
def tiny_data() -> pd.DataFrame:
    """Four units; values chosen so min-max scores are simple fractions."""
    return pd.DataFrame(
        {
            "uCode": ["U1", "U2", "U3", "U4"],
            "uName": ["One", "Two", "Three", "Four"],
            "grp": ["x", "x", "y", "y"],
            "pop": [10.0, 20.0, 10.0, 40.0],
            "a": [0.0, 1.0, 2.0, 4.0],
            "b": [4.0, 3.0, 2.0, 0.0],
            "c": [10.0, 20.0, 30.0, 50.0],
            "d": [10.0, 40.0, 20.0, 80.0],
        }
    )
