"""vokasi.audit.purge_history: erasing a person also erases their old versions."""

from __future__ import annotations

import pytest

from placements.models import Vacancy
from tests import factories
from trainees.models import JobSeeker
from vokasi.audit import history_model, purge_histories, purge_history
from vokasi.history import acting_as

pytestmark = pytest.mark.django_db


def versions(obj):
    return history_model(type(obj)).objects.filter(id=obj.pk).order_by("history_date")


def test_purging_leaves_one_row_of_the_anonymised_record_and_no_old_values(world):
    person = factories.job_seeker(world.office_a, name="Siti Aminah", phone="081234567890")
    other = factories.job_seeker(world.office_a, name="Orang Lain")
    with acting_as(world.officer_a):
        person.phone = "081298765432"
        person.save()
        # What the erasure does to the record itself (another module) ...
        person.name = "Dihapus"
        person.phone = ""
        person.save()
    assert versions(person).count() == 3
    with acting_as(world.admin):
        deleted = purge_history(person)
    assert deleted == 3
    (kept,) = versions(person)
    assert (kept.name, kept.phone, kept.history_change_reason) == ("Dihapus", "", "history purged")
    assert kept.history_user == world.admin
    stored = list(history_model(JobSeeker).objects.values_list("name", "phone"))
    assert not any("Siti" in name or phone.startswith("08123") for name, phone in stored)
    assert versions(other).count() == 1  # nobody else's history is touched


def test_purging_a_deleted_object_removes_its_history_entirely(world):
    vacancy = factories.vacancy(world.company_a)
    pk = vacancy.pk
    vacancy.delete()
    vacancy.pk = pk
    assert versions(vacancy).count() == 2
    assert purge_history(vacancy) == 2
    assert not history_model(Vacancy).objects.filter(id=pk).exists()


def test_purging_without_keeping_the_current_state(world):
    person = factories.job_seeker(world.office_a)
    purge_history(person, keep_current=False)
    assert not versions(person).exists()
    assert JobSeeker.objects.filter(pk=person.pk).exists()


def test_purging_many_objects_at_once(world):
    people = [factories.job_seeker(world.office_a) for _ in range(3)]
    assert purge_histories(JobSeeker, [p.pk for p in people[:2]]) == 2
    assert [versions(p).count() for p in people] == [0, 0, 1]
