"""Permission classes that ask the apps' ``rules.py`` predicates.

Each API view declares ``rules = {action: predicate}`` (``"read"`` covers list/retrieve). A view or an
action without a rule is refused: :class:`DenyByDefault` is the project's default permission class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

READ_ACTIONS = {"list", "retrieve", "metadata", None}


def rule_for(view: Any) -> Callable[..., bool] | None:
    rules: dict[str, Callable[..., bool]] = getattr(view, "rules", {})
    action = getattr(view, "action", None)
    if action in rules:
        return rules[action]
    if action in READ_ACTIONS or (action is None and view.request.method in ("GET", "HEAD", "OPTIONS")):
        return rules.get("read")
    return None


class DenyByDefault(BasePermission):
    """Allow only what the view's ``rules`` allow; everything unlisted is denied."""

    def has_permission(self, request: Request, view: Any) -> bool:
        rule = rule_for(view)
        return bool(rule and rule(request.user))


class ObjectRule(DenyByDefault):
    """Also checks object-level rules: ``object_rules = {action: predicate(user, obj)}``."""

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        rules: dict[str, Callable[..., bool]] = getattr(view, "object_rules", {})
        rule = rules.get(getattr(view, "action", None) or "")
        return True if rule is None else bool(rule(request.user, obj))
