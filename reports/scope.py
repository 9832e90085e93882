"""Who may read which report, and over which people.

Reports only count; they never show a person unless the reader is an officer looking at
their own office's job seekers. The rules, in one place:

- **employer**: no reports at all (403).
- **officer**: link-and-match demand across the deployment's vacancies in the office's
  city; supply, pipeline, placements and the IPK tables over the office's own job seekers
  (the office cannot be changed); outcomes of every programme; drill-down to people of the
  office (through ``JobSeeker.objects.visible_to``).
- **admin**: everything, optionally narrowed to one office with the ``office`` filter;
  no people-level drill-down (personal data stays with Disnaker roles).
- **trainer**: link-and-match aggregates (counts only) and outcomes of its own provider's
  programmes; no IPK, no funnel, no people.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from vokasi.models import LabourOffice, Role, TrainingProvider
from vokasi.roles import OFFICE, has_role, is_officer, role_of


@dataclass(frozen=True)
class Scope:
    user: object
    office: LabourOffice | None
    provider: TrainingProvider | None

    @property
    def can_see_people(self) -> bool:
        return is_officer(self.user) and self.office is not None

    @property
    def can_choose_office(self) -> bool:
        return has_role(self.user, Role.ADMIN, Role.TRAINER)

    @property
    def can_read_office_reports(self) -> bool:
        """The IPK tables and the funnel: labour-office reports, officers and admins."""
        return has_role(self.user, OFFICE)


def scope_for(user, office_id: int | str | None = None) -> Scope:
    """The reader's scope; ``office_id`` narrows an admin's or trainer's view to one office."""
    role = role_of(user)
    if role == Role.OFFICER and user.office_id:
        return Scope(user=user, office=user.office, provider=None)
    if role == Role.TRAINER and user.provider_id:
        return Scope(user=user, office=_office(office_id), provider=user.provider)
    if role == Role.ADMIN:
        return Scope(user=user, office=_office(office_id), provider=None)
    raise PermissionDenied


def _office(office_id) -> LabourOffice | None:
    if office_id in (None, ""):
        return None
    try:
        return LabourOffice.objects.get(pk=int(office_id))
    except (LabourOffice.DoesNotExist, TypeError, ValueError):
        return None


def reader_scope(request) -> Scope:
    """The scope of a report page's reader (``?office=`` narrows an admin's)."""
    return scope_for(request.user, request.GET.get("office"))
