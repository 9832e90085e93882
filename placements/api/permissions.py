"""Which roles may read and write each endpoint (the object scope is ``visible_to``)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from vokasi.models import Role

ALL_ROLES = frozenset(Role.values)


def role_of(user) -> str | None:
    if not user or not user.is_authenticated:
        return None
    return Role.ADMIN if user.is_superuser else user.role


class RolePermission(BasePermission):
    """Reads for ``view.read_roles``, writes for ``view.write_roles``; others 403.

    A view may name roles per action with ``view.action_roles = {"close": {...}}``.
    """

    def has_permission(self, request, view) -> bool:
        role = role_of(request.user)
        if role is None:
            return False
        action_roles = getattr(view, "action_roles", {})
        action = getattr(view, "action", None)
        if action in action_roles:
            return role in action_roles[action]
        if request.method in SAFE_METHODS:
            return role in getattr(view, "read_roles", ALL_ROLES)
        return role in getattr(view, "write_roles", frozenset())
