"""List pagination with bounded ``limit`` and ``offset`` (huge numbers used to reach the database)."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """``?limit=`` at most :attr:`max_limit`; an ``?offset=`` past the end gives an empty page."""

    max_limit = 1000

    def get_offset(self, request: Request) -> int:
        """The requested offset, capped at the number of rows (so no out-of-range SQL ``OFFSET``)."""
        return min(super().get_offset(request), getattr(self, "count", 0))
