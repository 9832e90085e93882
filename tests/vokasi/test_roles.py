"""The role predicates, the API's permission class and the page mixin and decorator
(vokasi.roles, vokasi.api.permissions): one rule, asked the same way everywhere."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView
from rest_framework.viewsets import ViewSet

from vokasi.api.permissions import RolePermission
from vokasi.models import Role
from vokasi.roles import (
    COMPANY,
    OFFICE,
    TRAINING,
    RoleRequiredMixin,
    has_role,
    is_admin,
    is_employer,
    is_officer,
    is_trainer,
    require_role,
    role_of,
    role_required,
)


def test_each_user_acts_in_its_own_role_and_anonymous_in_none(world):
    assert role_of(AnonymousUser()) is None
    assert role_of(None) is None
    assert role_of(world.officer_a) == Role.OFFICER
    assert role_of(world.trainer_a) == Role.TRAINER
    assert role_of(world.employer_a) == Role.EMPLOYER
    assert role_of(world.admin) == Role.ADMIN


def test_the_predicates_name_one_role_each(world):
    assert [is_officer(world.officer_a), is_trainer(world.officer_a)] == [True, False]
    assert [is_trainer(world.trainer_a), is_employer(world.trainer_a)] == [True, False]
    assert [is_employer(world.employer_a), is_admin(world.employer_a)] == [True, False]
    assert [is_admin(world.admin), is_officer(world.admin)] == [True, False]
    anonymous = AnonymousUser()
    assert not any(p(anonymous) for p in (is_admin, is_officer, is_trainer, is_employer))


def test_a_superuser_acts_as_admin_whatever_its_role_field(world):
    world.officer_a.is_superuser = True
    assert role_of(world.officer_a) == Role.ADMIN
    assert is_admin(world.officer_a) and not is_officer(world.officer_a)
    assert has_role(world.officer_a, OFFICE) and not has_role(world.officer_a, COMPANY)


def test_an_inactive_user_has_no_role(world):
    world.officer_a.is_active = False
    assert role_of(world.officer_a) is None
    assert not has_role(world.officer_a, OFFICE)


def test_has_role_takes_roles_and_sets_of_roles(world):
    assert has_role(world.trainer_a, TRAINING)
    assert has_role(world.trainer_a, Role.OFFICER, Role.TRAINER)
    assert has_role(world.employer_a, OFFICE, COMPANY)
    assert not has_role(world.employer_a, TRAINING)
    assert not has_role(world.employer_a)


def test_the_user_model_asks_the_same_predicates(world):
    assert world.admin.is_admin and not world.admin.is_officer
    assert world.officer_a.is_officer and world.trainer_a.is_trainer
    assert world.employer_a.is_employer and not world.employer_a.is_admin


def test_require_role_refuses_with_the_services_message(world):
    require_role(world.officer_a, OFFICE)
    with pytest.raises(PermissionDenied) as refused:
        require_role(world.trainer_a, OFFICE, message="Only the labour office may do this.")
    assert str(refused.value) == "Only the labour office may do this."


# ------------------------------------------------------------------- the API's class


class Reading(APIView):
    permission_classes = [RolePermission]
    read_roles = TRAINING
    write_roles = OFFICE
    role_message = "Not for your role."

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True}, status=201)


class Acting(ViewSet):
    permission_classes = [RolePermission]
    action_roles = {"close": COMPANY}
    role_message = {"close": "Only the company closes it."}

    def list(self, request):
        return Response([])

    def close(self, request):
        return Response({"closed": True})


def _call(view, method: str, user, **initkwargs):
    request = getattr(APIRequestFactory(), method)("/x/", {}, format="json")
    if user is not None:
        force_authenticate(request, user=user)
    if issubclass(view, ViewSet):
        actions = {"get": "list"} if method == "get" else {"post": "close"}
        return view.as_view(actions, **initkwargs)(request)
    return view.as_view(**initkwargs)(request)


def test_anonymous_callers_are_unauthenticated_not_forbidden(world):
    assert _call(Reading, "get", None).status_code == 401
    assert _call(Acting, "post", None).status_code == 401


def test_reads_and_writes_take_their_own_roles(world):
    assert _call(Reading, "get", world.trainer_a).status_code == 200
    assert _call(Reading, "post", world.trainer_a).status_code == 403
    assert _call(Reading, "post", world.officer_a).status_code == 201
    assert _call(Reading, "post", world.admin).status_code == 201
    refused = _call(Reading, "get", world.employer_a)
    assert refused.status_code == 403
    assert str(refused.data["detail"]) == "Not for your role."


def test_a_view_reads_with_every_role_and_writes_with_none_unless_told(world):
    assert _call(Acting, "get", world.trainer_a).status_code == 200
    assert _call(Acting, "get", world.employer_a).status_code == 200


def test_an_action_takes_its_own_roles_and_message(world):
    assert _call(Acting, "post", world.employer_a).status_code == 200
    refused = _call(Acting, "post", world.officer_a)
    assert refused.status_code == 403
    assert str(refused.data["detail"]) == "Only the company closes it."
    assert _call(Acting, "post", world.admin).status_code == 403


# ------------------------------------------------------------------------------ pages


class OfficePage(RoleRequiredMixin, View):
    roles = OFFICE

    def get(self, request):
        return HttpResponse("ok")


@role_required(OFFICE)
def office_page(request):
    return HttpResponse("ok")


def _page(view, user):
    request = RequestFactory().get("/page/")
    request.user = user or AnonymousUser()
    return view(request)


@pytest.mark.parametrize("view", [OfficePage.as_view(), office_page], ids=["mixin", "decorator"])
def test_a_page_sends_anonymous_to_login_refuses_other_roles_and_serves_its_own(world, view):
    anonymous = _page(view, None)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/login/")
    with pytest.raises(PermissionDenied):
        _page(view, world.trainer_a)
    assert _page(view, world.officer_a).status_code == 200
    assert _page(view, world.admin).status_code == 200
