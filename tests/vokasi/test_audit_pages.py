"""The admins' audit pages: /audit/ (changes across models), the access log and the
histories in the admin; read-only, and closed to everyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from trainees.models import JobSeeker
from vokasi.audit import history_model, record_access
from vokasi.history import acting_as
from vokasi.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(world):
    person = factories.job_seeker(world.office_a, name="Budi")
    with acting_as(world.officer_a):
        person.name = "Budi Santoso"
        person.save()
    return person


def test_the_change_list_shows_who_changed_what_from_what_to_what(client, world, renamed):
    client.force_login(world.admin)
    response = client.get(reverse("audit-changes"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "officer_a" in html
    assert "Budi → Budi Santoso" in html
    assert reverse("admin:trainees_jobseeker_history", args=[renamed.pk]) in html


def test_the_change_list_filters_by_user_model_type_object_and_date(client, world, renamed):
    vacancy = factories.vacancy(world.company_a)
    client.force_login(world.admin)
    url = reverse("audit-changes")
    by_officer = client.get(url, {"user": world.officer_a.pk}).context["table"].data.data
    assert [(c.model, c.object_id, c.change_type) for c in by_officer] == [
        (JobSeeker, renamed.pk, "~")
    ]
    vacancies = client.get(url, {"model": "placements.vacancy"}).context["table"].data.data
    assert {c.object_id for c in vacancies} == {vacancy.pk}
    created = client.get(url, {"change_type": "+", "object_id": renamed.pk})
    assert [c.change_type for c in created.context["table"].data.data if c.model is JobSeeker] == [
        "+"
    ]
    none = client.get(url, {"date_to": "2000-01-01"})
    assert none.context["total"] == 0


def test_the_change_list_pages_newest_first(client, world):
    person = factories.job_seeker(world.office_a)
    with acting_as(world.officer_a):
        for n in range(60):
            person.phone = f"0812{n:08d}"
            person.save()
    client.force_login(world.admin)
    url = reverse("audit-changes")
    first = client.get(url, {"model": "trainees.jobseeker"})
    assert first.context["total"] == 61
    phones = [c.changes[0].after for c in first.context["table"].data.data]
    assert phones[0] == "081200000059" and len(phones) == 50
    second = client.get(url, {"model": "trainees.jobseeker", "page": 2}).context
    assert len(second["table"].data.data) == 11 and second["next_page"] is None


def test_the_change_list_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.admin)
    url = reverse("audit-changes")
    with acting_as(world.officer_a):
        for _ in range(5):
            factories.job_seeker(world.office_a)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    with acting_as(world.officer_a):
        for _ in range(30):
            person = factories.job_seeker(world.office_a)
            person.phone = "0812"
            person.save()
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(url).context["table"].data.data) == 50


@pytest.mark.parametrize("who", ["officer_a", "trainer_a", "employer_a"])
def test_other_roles_are_refused_the_change_list(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("audit-changes")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("audit-changes"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_access_log_admin_lists_filters_and_searches_read_only(rf, client, world):
    person = factories.job_seeker(world.office_a)
    request = rf.get("/job-seekers/")
    request.user = world.officer_a
    record_access(request, "view", person)
    record_access(request, "export", "job seekers", people=12)
    client.force_login(world.admin)
    url = reverse("admin:vokasi_accesslog_changelist")
    page = client.get(url)
    assert page.status_code == 200 and page.context["cl"].result_count == 2
    found = client.get(url, {"q": str(person.pk)})
    assert [r.object_id for r in found.context["cl"].result_list] == [str(person.pk)]
    exported = client.get(url, {"action__exact": "export"})
    assert [r.people for r in exported.context["cl"].result_list] == [12]
    by_user = client.get(url, {"user__id__exact": world.officer_a.pk})
    assert by_user.context["cl"].result_count == 2
    row = AccessLog.objects.first()
    change = client.get(reverse("admin:vokasi_accesslog_change", args=[row.pk]))
    assert change.status_code == 200
    assert client.post(reverse("admin:vokasi_accesslog_delete", args=[row.pk])).status_code == 403
    assert client.get(reverse("admin:vokasi_accesslog_add")).status_code == 403


def test_the_history_admin_filters_by_user_and_searches_by_object_id(client, world, renamed):
    client.force_login(world.admin)
    url = reverse("admin:trainees_historicaljobseeker_changelist")
    found = client.get(url, {"q": str(renamed.pk)})
    assert found.status_code == 200
    assert {r.id for r in found.context["cl"].result_list} == {renamed.pk}
    assert client.get(url, {"q": "budi"}).status_code == 200  # not an id: no match, no error
    changed = client.get(url, {"history_type__exact": "~"})
    assert [r.history_user for r in changed.context["cl"].result_list] == [world.officer_a]
    record = history_model(JobSeeker).objects.filter(id=renamed.pk).first()
    edit = reverse("admin:trainees_historicaljobseeker_change", args=[record.history_id])
    assert client.post(edit, {}).status_code == 403


def test_an_objects_history_in_the_admin_shows_the_change(client, world, renamed):
    client.force_login(world.admin)
    page = client.get(reverse("admin:trainees_jobseeker_history", args=[renamed.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Budi Santoso" in html and "officer_a" in html


@pytest.mark.parametrize(
    "url",
    [
        "admin:vokasi_accesslog_changelist",
        "admin:trainees_historicaljobseeker_changelist",
        "admin:placements_historicalvacancy_changelist",
    ],
)
def test_non_admins_cannot_open_the_audit_in_the_admin(client, world, url):
    client.force_login(world.officer_a)
    response = client.get(reverse(url))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admins_never_see_a_whole_nik_in_the_admin_or_the_audit(client, world):
    from trainees.nik import build_nik

    person = factories.job_seeker(world.office_a)
    first = person.nik
    corrected = build_nik(
        first[:2] + "." + first[2:4] + "." + first[4:6], person.birth_date, person.sex, 9
    )
    with acting_as(world.officer_a):
        person.nik = corrected
        person.save()
    record = history_model(JobSeeker).objects.filter(id=person.pk).first()
    client.force_login(world.admin)
    pages = [
        reverse("audit-changes"),
        reverse("admin:trainees_jobseeker_change", args=[person.pk]),
        reverse("admin:trainees_jobseeker_history", args=[person.pk]),
        reverse("admin:trainees_historicaljobseeker_change", args=[record.history_id]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert first not in html and corrected not in html, url
        assert f"{corrected[:4]}********{corrected[-4:]}" in html, url


def test_people_are_registered_at_the_counter_not_in_the_admin(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("admin:trainees_jobseeker_add")).status_code == 403
