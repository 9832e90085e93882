"""What became of a scholarship (``scholarship_set_status``): the officers who manage the
agreement (and admins) mark it completed or dropped, with the day it ended where known;
the same status again changes nothing; each change is in its history under who made it;
the agreement's realisation never moves (a scholarship counts on its award day, any
status)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reports import agreements as me
from tests import factories
from trainees.models import Scholarship
from trainees.services.scholarships import scholarship_set_status

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
AWARDED_ON = TODAY - datetime.timedelta(days=400)


def agreement_of(office, **kw):
    return factories.agreement(
        office,
        targets={"scholarship": {"scholarships": 4}, "training": {"amount": 100_000_000}},
        signed_on=TODAY - datetime.timedelta(days=800),
        valid_from=TODAY - datetime.timedelta(days=800),
        **kw,
    )


def scholarship_under(agreement, **kw) -> Scholarship:
    data = {
        "recipient_name": "Siti Nurhaliza",
        "institution": "Poltekkes Kemenkes Banten",
        "study_programme": "D3 Keperawatan",
        "awarded_on": AWARDED_ON,
        "amount": 12_000_000,
    }
    data.update(kw)
    return Scholarship.objects.create(agreement=agreement, **data)


@pytest.fixture
def agreement(world):
    return agreement_of(world.office_a, providers=[world.provider_a], companies=[world.company_a])


@pytest.fixture
def scholarship(agreement):
    return scholarship_under(agreement)


def realised(agreement) -> dict:
    found = me.events([agreement.pk], ["scholarships", "amount"])
    return {m: found.count(agreement.pk, m) for m in ("scholarships", "amount")}


def test_an_officer_marks_it_completed_with_the_day_and_the_history_names_him(world, scholarship):
    graduated = TODAY - datetime.timedelta(days=10)
    changed, did = scholarship_set_status(
        actor=world.officer_a, scholarship=scholarship, status="completed", ended_on=graduated
    )
    assert did
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("completed", graduated)
    assert changed == scholarship
    last = scholarship.history.latest("history_date")
    assert (last.history_type, last.status, last.ended_on, last.history_user) == (
        "~",
        "completed",
        graduated,
        world.officer_a,
    )


def test_the_end_day_is_optional(world, scholarship):
    scholarship_set_status(actor=world.admin, scholarship=scholarship, status="dropped")
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("dropped", None)


def test_the_same_status_again_changes_nothing_and_writes_no_history(world, scholarship):
    day = TODAY - datetime.timedelta(days=3)
    scholarship_set_status(
        actor=world.officer_a, scholarship=scholarship, status="completed", ended_on=day
    )
    versions = scholarship.history.count()
    _same, did = scholarship_set_status(
        actor=world.officer_a, scholarship=scholarship, status="completed", ended_on=day
    )
    assert not did
    # No day given while the status stays: the one on file is kept.
    _same, did = scholarship_set_status(
        actor=world.officer_a, scholarship=scholarship, status="completed"
    )
    assert not did
    assert scholarship.history.count() == versions
    scholarship.refresh_from_db()
    assert scholarship.ended_on == day
    # Already awarded: nothing to do either.
    other = scholarship_under(scholarship.agreement, recipient_name="Dewi Lestari")
    before = other.history.count()
    assert not scholarship_set_status(actor=world.officer_a, scholarship=other, status="awarded")[1]
    assert other.history.count() == before


def test_back_to_awarded_clears_the_end_day(world, scholarship):
    scholarship_set_status(
        actor=world.officer_a, scholarship=scholarship, status="dropped", ended_on=TODAY
    )
    scholarship_set_status(actor=world.officer_a, scholarship=scholarship, status="awarded")
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("awarded", None)


@pytest.mark.parametrize(
    ("status", "ended_on", "field"),
    [
        ("lost", None, "status"),
        ("", None, "status"),
        ("COMPLETED", None, "status"),
        ("completed", AWARDED_ON - datetime.timedelta(days=1), "ended_on"),
        ("completed", TODAY + datetime.timedelta(days=1), "ended_on"),
        ("dropped", "2026-01-01", "ended_on"),
        ("awarded", TODAY, "ended_on"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    world, scholarship, status, ended_on, field
):
    versions = scholarship.history.count()
    with pytest.raises(ValidationError) as refused:
        scholarship_set_status(
            actor=world.officer_a, scholarship=scholarship, status=status, ended_on=ended_on
        )
    assert field in refused.value.message_dict
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("awarded", None)
    assert scholarship.history.count() == versions


def test_the_award_day_itself_may_be_the_end_day(world, scholarship):
    scholarship_set_status(
        actor=world.officer_a, scholarship=scholarship, status="dropped", ended_on=AWARDED_ON
    )
    scholarship.refresh_from_db()
    assert scholarship.ended_on == AWARDED_ON


@pytest.mark.parametrize("who", ["trainer_a", "employer_a", "officer_b", "trainer_b"])
def test_only_those_who_manage_the_agreement_may_change_it(world, scholarship, who):
    with pytest.raises(PermissionDenied):
        scholarship_set_status(
            actor=getattr(world, who), scholarship=scholarship, status="completed"
        )
    scholarship.refresh_from_db()
    assert scholarship.status == "awarded"


def test_a_status_change_never_changes_the_realisation(world, agreement, scholarship):
    scholarship_under(agreement, recipient_name="Dewi Lestari", amount=9_000_000)
    before = realised(agreement)
    assert before == {"scholarships": 2, "amount": 21_000_000}
    for status in ("completed", "dropped", "awarded", "dropped"):
        scholarship_set_status(actor=world.officer_a, scholarship=scholarship, status=status)
        assert realised(agreement) == before, status


# The page: a small form on each row of the agreement's page, posting to
# /agreements/<pk>/scholarships/<scholarship_pk>/status/ (its own page on a refusal).


def status_url(scholarship) -> str:
    return f"/agreements/{scholarship.agreement_id}/scholarships/{scholarship.pk}/status/"


def test_an_officer_marks_it_completed_on_the_agreement_page(client, world, scholarship):
    client.force_login(world.officer_a)
    page = client.get(f"/agreements/{scholarship.agreement_id}/").content.decode()
    assert f'data-testid="scholarship-status-form-{scholarship.pk}"' in page
    assert f'action="{status_url(scholarship)}"' in page
    assert f'for="id_scholarship_{scholarship.pk}_status"' in page
    day = TODAY - datetime.timedelta(days=5)
    response = client.post(
        status_url(scholarship), {"status": "completed", "ended_on": day.isoformat()}
    )
    assert response.status_code == 302
    assert response.url == f"/agreements/{scholarship.agreement_id}/#scholarships"
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("completed", day)
    last = scholarship.history.latest("history_date")
    assert (last.history_user, last.history_channel) == (world.officer_a, "web")
    shown = client.get(response.url)
    text = shown.content.decode()
    assert "Beasiswa Siti Nurhaliza: selesai." in text
    assert day.strftime("%d-%m-%Y") in text
    # The same again: said, not written.
    versions = scholarship.history.count()
    again = client.post(
        status_url(scholarship), {"status": "completed", "ended_on": day.isoformat()}
    )
    assert again.status_code == 302
    assert scholarship.history.count() == versions


def test_its_own_page_shows_the_form_with_the_status_on_file(client, world, scholarship):
    client.force_login(world.officer_a)
    response = client.get(status_url(scholarship))
    assert response.status_code == 200
    assert 'data-testid="scholarship-status-form"' in response.content.decode()


@pytest.mark.parametrize("who", ["trainer_a", "employer_a"])
def test_the_parties_see_the_status_but_no_form_and_may_not_post(client, world, scholarship, who):
    client.force_login(getattr(world, who))
    page = client.get(f"/agreements/{scholarship.agreement_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-testid="scholarship-status-{scholarship.pk}"' in text
    assert "scholarship-status-form" not in text
    assert client.post(status_url(scholarship), {"status": "completed"}).status_code == 403
    assert client.get(status_url(scholarship)).status_code == 403
    scholarship.refresh_from_db()
    assert scholarship.status == "awarded"


@pytest.mark.parametrize(
    "data",
    [
        {"status": "lost"},
        {"status": ""},
        {},
        {"status": "completed", "ended_on": "abc"},
        {"status": "completed", "ended_on": "2.421"},
        {"status": "completed", "ended_on": "99999-01-01"},
        {"status": "completed", "ended_on": "9" * 40},
        {"status": "completed", "ended_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
        {"status": "completed", "ended_on": (AWARDED_ON - datetime.timedelta(days=1)).isoformat()},
        {"status": "awarded", "ended_on": TODAY.isoformat()},
        {"status": "x" * 5000},
    ],
)
def test_bad_or_tampered_input_answers_400_with_the_page_and_writes_nothing(
    client, world, scholarship, data
):
    client.force_login(world.officer_a)
    versions = scholarship.history.count()
    response = client.post(status_url(scholarship), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("awarded", None)
    assert scholarship.history.count() == versions


def test_a_scholarship_of_another_agreement_or_office_is_404(client, world, scholarship):
    client.force_login(world.officer_a)
    other = scholarship_under(
        agreement_of(world.office_a, providers=[world.provider_a]), recipient_name="Dewi"
    )
    # Another agreement's scholarship named under this one.
    wrong = f"/agreements/{scholarship.agreement_id}/scholarships/{other.pk}/status/"
    assert client.post(wrong, {"status": "completed"}).status_code == 404
    # Another office's.
    theirs = scholarship_under(agreement_of(world.office_b), recipient_name="Rina")
    assert client.post(status_url(theirs), {"status": "completed"}).status_code == 404
    huge = f"/agreements/{scholarship.agreement_id}/scholarships/{'9' * 30}/status/"
    assert client.post(huge, {"status": "completed"}).status_code == 404
    assert set(Scholarship.objects.values_list("status", flat=True)) == {"awarded"}
    client.force_login(world.officer_b)
    assert client.post(status_url(scholarship), {"status": "completed"}).status_code == 404
    scholarship.refresh_from_db()
    assert scholarship.status == "awarded"


# The API: GET, PATCH /api/v1/agreements/{id}/scholarships/{scholarship_id}/.


def api_url(scholarship) -> str:
    return f"/api/v1/agreements/{scholarship.agreement_id}/scholarships/{scholarship.pk}/"


def test_patch_marks_it_completed_and_answers_the_list_items_shape(api, world, scholarship):
    client = api.as_user(world.officer_a)
    day = (TODAY - datetime.timedelta(days=2)).isoformat()
    response = client.patch(
        api_url(scholarship), {"status": "completed", "ended_on": day}, format="json"
    )
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert (answer["id"], answer["status"], answer["ended_on"]) == (
        scholarship.pk,
        "completed",
        day,
    )
    listed = client.get(f"/api/v1/agreements/{scholarship.agreement_id}/scholarships/").json()
    assert listed["results"] == [answer]
    assert client.get(api_url(scholarship)).json() == answer
    last = scholarship.history.latest("history_date")
    assert (last.history_user, last.history_channel) == (world.officer_a, "api")
    # The same again: 200, unchanged, no new history.
    versions = scholarship.history.count()
    again = client.patch(api_url(scholarship), {"status": "completed"}, format="json")
    assert again.status_code == 200
    assert again.json() == answer
    assert scholarship.history.count() == versions


def test_patch_with_only_the_day_keeps_the_status_and_null_clears_it(api, world, scholarship):
    client = api.as_user(world.admin)
    client.patch(api_url(scholarship), {"status": "dropped"}, format="json")
    day = (TODAY - datetime.timedelta(days=9)).isoformat()
    response = client.patch(api_url(scholarship), {"ended_on": day}, format="json")
    assert (response.json()["status"], response.json()["ended_on"]) == ("dropped", day)
    response = client.patch(api_url(scholarship), {"ended_on": None}, format="json")
    assert (response.json()["status"], response.json()["ended_on"]) == ("dropped", None)
    # Back to awarded: the day goes with the end.
    client.patch(api_url(scholarship), {"ended_on": day}, format="json")
    response = client.patch(api_url(scholarship), {"status": "awarded"}, format="json")
    assert (response.json()["status"], response.json()["ended_on"]) == ("awarded", None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"status": 7}, "status"),
        ({"status": None}, "status"),
        ({"status": "completed", "ended_on": "2026-13-45"}, "ended_on"),
        ({"status": "completed", "ended_on": 20260101}, "ended_on"),
        ({"status": "completed", "ended_on": "9" * 40}, "ended_on"),
        (
            {"status": "completed", "ended_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "ended_on",
        ),
        (
            {
                "status": "dropped",
                "ended_on": (AWARDED_ON - datetime.timedelta(days=1)).isoformat(),
            },
            "ended_on",
        ),
        ({"status": "awarded", "ended_on": TODAY.isoformat()}, "ended_on"),
    ],
)
def test_bad_patch_answers_400_naming_the_field_and_writes_nothing(
    api, world, scholarship, body, field
):
    versions = scholarship.history.count()
    response = api.as_user(world.officer_a).patch(api_url(scholarship), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("awarded", None)
    assert scholarship.history.count() == versions


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("officer_a", 200, 200),
        ("admin", 200, 200),
        ("trainer_a", 200, 403),
        ("employer_a", 200, 403),
        ("officer_b", 404, 404),
        ("trainer_b", 404, 403),
        ("employer_b", 404, 403),
        (None, 401, 401),
    ],
)
def test_who_reads_and_who_changes_it(api, world, scholarship, who, read, write):
    client = api.as_user(getattr(world, who) if who else None)
    assert client.get(api_url(scholarship)).status_code == read
    response = client.patch(api_url(scholarship), {"status": "completed"}, format="json")
    assert response.status_code == write
    scholarship.refresh_from_db()
    assert scholarship.status == ("completed" if write == 200 else "awarded")


def test_another_agreements_scholarship_or_a_huge_id_is_404(api, world, scholarship):
    client = api.as_user(world.officer_a)
    other = scholarship_under(
        agreement_of(world.office_a, providers=[world.provider_a]), recipient_name="Dewi"
    )
    wrong = f"/api/v1/agreements/{scholarship.agreement_id}/scholarships/{other.pk}/"
    assert client.get(wrong).status_code == 404
    assert client.patch(wrong, {"status": "completed"}, format="json").status_code == 404
    huge = f"/api/v1/agreements/{scholarship.agreement_id}/scholarships/{'9' * 30}/"
    assert client.patch(huge, {"status": "completed"}, format="json").status_code == 404
    assert set(Scholarship.objects.values_list("status", flat=True)) == {"awarded"}


def test_a_post_repeating_a_scholarship_answers_its_end_day_too(api, world, agreement):
    client = api.as_user(world.officer_a)
    body = {
        "recipient_name": "Siti Nurhaliza",
        "institution": "Poltekkes Kemenkes Banten",
        "study_programme": "D3 Keperawatan",
        "awarded_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
        "amount": 12_000_000,
        "ended_on": "2000-01-01",  # read-only: ignored on a POST
    }
    made = client.post(f"/api/v1/agreements/{agreement.pk}/scholarships/", body, format="json")
    assert made.status_code == 201
    assert made.json()["ended_on"] is None


@pytest.mark.parametrize(
    ("status", "ended_on"),
    [("completed", AWARDED_ON - datetime.timedelta(days=1)), ("awarded", AWARDED_ON)],
)
def test_the_database_refuses_an_end_day_before_the_award_or_while_awarded(
    agreement, status, ended_on
):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        scholarship_under(agreement, status=status, ended_on=ended_on)
