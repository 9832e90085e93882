"""Who may do what, by role: the one place that answers "may this role ever do it?".

Which objects a user sees is ``Model.objects.visible_to(user)``; this module only says
which roles may use a page, an endpoint or a service at all. A superuser counts as an
administrator whatever its role field says. The API's permission class
(``vokasi.api.permissions.RolePermission``), the page mixin and decorator below and the
services' own guards all ask these predicates:

- anonymous: no role (the API answers 401, a page sends to the login page);
- a role outside the allowed ones: 403, before any input is read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from vokasi.models import Role

ALL_ROLES = frozenset(Role.values)
#: The labour office: its officers and the administrators.
OFFICE = frozenset({Role.OFFICER, Role.ADMIN})
#: The training pages and endpoints: everyone but the companies.
TRAINING = frozenset({Role.OFFICER, Role.TRAINER, Role.ADMIN})
#: The companies' own actions.
COMPANY = frozenset({Role.EMPLOYER})
#: Hiring: vacancies, placements and apprenticeships, read by the office and companies.
OFFICE_AND_COMPANY = frozenset({Role.OFFICER, Role.EMPLOYER, Role.ADMIN})


def role_of(user) -> str | None:
    """The role the user acts in; None for anonymous. Superusers act as administrators."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Role.ADMIN if user.is_superuser else user.role


def has_role(user, *roles: str | Collection[str]) -> bool:
    """Whether the user acts in one of ``roles`` (roles, or collections of roles)."""
    role = role_of(user)
    if role is None:
        return False
    for allowed in roles:
        if role == allowed if isinstance(allowed, str) else role in allowed:
            return True
    return False


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def is_officer(user) -> bool:
    return has_role(user, Role.OFFICER)


def is_trainer(user) -> bool:
    return has_role(user, Role.TRAINER)


def is_employer(user) -> bool:
    return has_role(user, Role.EMPLOYER)


def require_role(user, *roles: str | Collection[str], message=None) -> None:
    """Raise ``PermissionDenied`` (403) unless the user acts in one of ``roles``."""
    if not has_role(user, *roles):
        raise PermissionDenied(message) if message else PermissionDenied


# ------------------------------------------------------------------------------ pages


class RoleRequiredMixin(LoginRequiredMixin):
    """A page for ``roles``: anonymous people go to the login page, other roles get 403."""

    roles: Collection[str] = ALL_ROLES

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_role(request.user, self.roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def role_required(*roles: str | Collection[str]) -> Callable:
    """The function-view form of ``RoleRequiredMixin``: ``@role_required(OFFICE)``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
