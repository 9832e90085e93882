"""The API's one exception handler: what services raise becomes the contract's 400 and
409 (docs/API.md "Errors"), whichever view calls them."""

from __future__ import annotations

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from vokasi.errors import Conflict, add_to_form


def _answer(error: Exception):
    class Raising(APIView):
        authentication_classes = [SessionAuthentication]
        permission_classes = [AllowAny]

        def post(self, request):
            raise error

    return Raising.as_view()(APIRequestFactory().post("/x/", {}, format="json"))


def test_a_conflict_answers_409_with_the_existing_id_as_a_number():
    answer = _answer(Conflict("This vacancy is closed.", 123456))
    assert answer.status_code == 409
    assert answer.data == {"detail": "This vacancy is closed.", "existing_id": 123456}
    assert isinstance(answer.data["existing_id"], int)


def test_a_conflict_without_a_record_answers_a_null_existing_id():
    answer = _answer(Conflict("All 2 openings of this vacancy are taken."))
    assert answer.status_code == 409
    assert answer.data["existing_id"] is None


def test_field_errors_answer_400_by_field():
    answer = _answer(ValidationError({"wage": ["Too high."], "region": "Unknown region."}))
    assert answer.status_code == 400
    assert answer.data == {"wage": ["Too high."], "region": ["Unknown region."]}


def test_errors_of_no_field_answer_non_field_errors_never_all():
    answer = _answer(ValidationError({NON_FIELD_ERRORS: ["Closed."], "wage": ["Too high."]}))
    assert answer.status_code == 400
    assert answer.data == {"non_field_errors": ["Closed."], "wage": ["Too high."]}
    assert "__all__" not in answer.data


@pytest.mark.parametrize(
    "error", [ValidationError("A closed vacancy cannot be changed."), ValidationError(["One."])]
)
def test_a_plain_message_answers_non_field_errors(error):
    answer = _answer(error)
    assert answer.status_code == 400
    assert list(answer.data) == ["non_field_errors"]


def test_a_conflict_on_a_field_shows_on_that_field_of_a_form():
    error = Conflict("This NIK is already registered.", 7, field="nik").as_validation_error()
    assert error.message_dict == {"nik": ["This NIK is already registered."]}
    assert Conflict("Taken.").as_validation_error().message_dict == {NON_FIELD_ERRORS: ["Taken."]}


def test_a_page_form_shows_each_refusal_on_its_field_or_above_the_form():
    from django import forms

    class Form(forms.Form):
        nik = forms.CharField(required=False)

    form = Form({})
    assert form.is_valid()
    add_to_form(form, ValidationError({"nik": ["Bad NIK."], "office": ["Not yours."]}))
    add_to_form(form, ValidationError("Closed."))
    add_to_form(form, Conflict("Already registered.", 7, field="nik"))
    add_to_form(form, Conflict("Quota full."))
    assert form.errors["nik"] == ["Bad NIK.", "Already registered."]
    assert form.non_field_errors() == ["Not yours.", "Closed.", "Quota full."]
