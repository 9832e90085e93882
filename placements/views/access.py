from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from placements.api.permissions import role_of
from vokasi.models import Role

COMPANY = frozenset({Role.EMPLOYER})
READERS = frozenset({Role.OFFICER, Role.EMPLOYER, Role.ADMIN})


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous people go to the login page; a role that may never do this gets 403."""

    roles: frozenset = COMPANY

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and role_of(request.user) not in self.roles:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
