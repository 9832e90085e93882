"""The job-seeker shape written directly is exactly the shape the declared fields give."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from rest_framework import serializers

from tests import factories
from trainees.api.job_seekers import JobSeekerSerializer, listed_rows
from trainees.models import JobSeeker
from trainees.selectors.job_seekers import attach_skill_codes
from vokasi.models import AccessLog, EducationLevel, Occupation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/api/v1/job-seekers/"


def generic(person: JobSeeker, **context) -> dict:
    """What DRF's ModelSerializer makes of the declared fields (NIK as the list shows it)."""
    serializer = JobSeekerSerializer(context=context)
    data = dict(serializers.ModelSerializer.to_representation(serializer, person))
    data["nik"] = person.masked_nik
    return data


def fresh(person: JobSeeker) -> JobSeeker:
    return (
        JobSeeker.objects.select_related("office").prefetch_related("skill_rows").get(pk=person.pk)
    )


@pytest.fixture
def people(world):
    skilled = factories.job_seeker(
        world.office_a,
        sex="P",
        marital_status="kawin",
        religion="Islam",
        phone="081234567890",
        email="siti@example.com",
        major="Teknik Pengelasan",
        courses="K3 dasar",
        experience="Juru las 2 tahun",
        experience_years=2,
        occupation=Occupation.objects.order_by("code").first(),
        disability="tuna rungu",
        consent_share_contact=True,
        last_reported_on=TODAY - datetime.timedelta(days=3),
    )
    for code in ("LAS-SMAW", "LAS-GMAW", "LAS-GTAW"):
        factories.give_skill(skilled, code)
    plain = factories.job_seeker(world.office_b, next_report_due=None)
    ended = factories.job_seeker(world.office_a)
    ended.status, ended.end_reason, ended.ended_on = "removed", "moved", TODAY
    ended.save()
    return [skilled, plain, ended]


def test_a_person_read_alone_has_the_declared_shape(people):
    for person in people:
        person = fresh(person)
        assert JobSeekerSerializer(person).data == generic(person)


def test_a_listed_person_has_the_declared_shape(people):
    """A list writes rows (its columns and the office's code), not model instances."""
    listed = [SimpleNamespace(**row) for row in listed_rows(JobSeeker.objects.order_by("id"))]
    attach_skill_codes(listed)
    assert [JobSeekerSerializer(row).data for row in listed] == [
        generic(fresh(person)) for person in people
    ]


def test_the_keys_keep_the_declared_order(people):
    assert list(JobSeekerSerializer(fresh(people[0])).data) == JobSeekerSerializer.Meta.fields


def test_skill_codes_are_sorted_whichever_way_they_were_read(people):
    listed = [fresh(people[0])]
    attach_skill_codes(listed)
    expected = ["LAS-GMAW", "LAS-GTAW", "LAS-SMAW"]
    assert JobSeekerSerializer(listed[0]).data["skills"] == expected
    assert JobSeekerSerializer(fresh(people[0])).data["skills"] == expected


def test_the_whole_nik_only_for_the_owning_officer_reading_one_person(rf, world, people):
    request = rf.get("/")
    person = fresh(people[0])
    for user, whole in ((world.officer_a, True), (world.officer_b, False)):
        request.user = user
        body = JobSeekerSerializer(person, context={"request": request, "whole_nik": True}).data
        assert body["nik"] == (person.nik if whole else person.masked_nik)
    request.user = world.officer_a
    body = JobSeekerSerializer(person, context={"request": request, "whole_nik": False}).data
    assert body["nik"] == person.masked_nik


def test_the_list_answers_each_person_as_reading_them_alone_does(world, api, people):
    client = api.as_user(world.officer_a)
    listed = client.get(URL, {"page_size": 1000}).json()["results"]
    assert {body["id"] for body in listed} == {people[0].pk, people[2].pk}
    for body in listed:
        alone = client.get(f"{URL}{body['id']}/").json()
        assert alone.pop("nik") == JobSeeker.objects.get(pk=body["id"]).nik
        assert body.pop("nik") == JobSeeker.objects.get(pk=body["id"]).masked_nik
        assert body == alone


def test_the_list_reads_four_statements_whatever_its_size(
    world, api, people, django_assert_num_queries
):
    """The count, the page, the page's skills and the access log: no query per person."""
    for n in range(30):
        person = factories.job_seeker(world.office_a)
        factories.give_skill(person, "LAS-SMAW" if n % 2 else "LAS-GMAW")
    client = api.as_user(world.officer_a)
    with django_assert_num_queries(4):
        body = client.get(URL, {"page_size": 100}).json()
    assert len(body["results"]) == 32
    with django_assert_num_queries(2):  # nothing counted: no page, no skills, only the log
        assert client.get(URL, {"status": "placed"}).json()["results"] == []


def test_each_filter_narrows_the_list_and_a_bad_value_answers_400(world, api):
    """The filter set runs whenever the query string names a filter, and only then."""
    welder = factories.job_seeker(world.office_a, sex="P", region_id="36.72.01")
    other = factories.job_seeker(world.office_a, education=EducationLevel.objects.get(code="sma"))
    other.status, other.end_reason, other.ended_on = "removed", "moved", TODAY
    other.save()
    client = api.as_user(world.officer_a)

    def ids(**query):
        return [row["id"] for row in client.get(URL, query).json()["results"]]

    assert ids() == ids(page_size=50, unknown="x") == [other.pk, welder.pk]
    assert ids(status="active") == ids(sex="P") == ids(region="36.72.01") == [welder.pk]
    assert ids(education="sma") == ids(status="removed", sex="L") == [other.pk]
    assert ids(status="placed") == []
    for bad in ({"status": "bogus"}, {"region": "99.99.99"}, {"sex": "X"}):
        response = client.get(URL, bad)
        assert response.status_code == 400
        assert list(response.json()) == list(bad)


def test_the_list_and_a_person_are_logged_as_the_job_seeker_model(world, api, people):
    client = api.as_user(world.officer_a)
    client.get(URL, {"page_size": 1})
    client.get(f"{URL}{people[0].pk}/")
    rows = AccessLog.objects.order_by("id").values_list("action", "target", "object_id", "people")
    assert list(rows) == [
        ("list", "trainees.jobseeker", "", 1),
        ("view", "trainees.jobseeker", str(people[0].pk), 1),
    ]
