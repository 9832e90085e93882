"""The API's one permission class: which roles may use an endpoint at all.

Which objects they see is ``visible_to``; the role rules are ``vokasi.roles``.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from vokasi.roles import ALL_ROLES, has_role


class RolePermission(BasePermission):
    """Reads for ``view.read_roles`` (every role unless set), writes for
    ``view.write_roles`` (none unless set); a view may name the roles of one action with
    ``view.action_roles = {"close": {...}}``, and the refusal's text with ``role_message``
    (one text, or one per action).

    Anonymous callers are refused as unauthenticated (401), other roles with 403.
    """

    def has_permission(self, request, view) -> bool:
        action = getattr(view, "action", None)
        message = getattr(view, "role_message", None)
        if isinstance(message, dict):
            message = message.get(action)
        if message:
            self.message = message
        action_roles = getattr(view, "action_roles", {})
        if action in action_roles:
            allowed = action_roles[action]
        elif request.method in SAFE_METHODS:
            allowed = getattr(view, "read_roles", ALL_ROLES)
        else:
            allowed = getattr(view, "write_roles", frozenset())
        return has_role(request.user, allowed)
