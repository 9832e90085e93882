"""job_seeker_register and friends: the rules every entry path shares."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from trainees.models import JobSeeker, JobSeekerSkill
from trainees.nik import build_nik
from trainees.services.registration import (
    DuplicateNik,
    add_months,
    job_seeker_end,
    job_seeker_merge,
    job_seeker_register,
    job_seeker_report_back,
    job_seeker_update,
    job_seekers_expire,
    report_due_dates,
)

pytestmark = pytest.mark.django_db


def payload(**kw) -> dict:
    data = factories.job_seeker_payload(**kw)
    data["birth_date"] = datetime.date.fromisoformat(data["birth_date"])
    return data


def register(world, **kw):
    data = payload(**kw)
    skills = data.pop("skills")
    return job_seeker_register(
        office=world.office_a, data=data, skills=skills, registered_by=world.officer_a
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_registering_numbers_the_card_and_sets_its_dates(world):
    person = register(world)
    today = timezone.localdate()
    assert person.registration_number == f"3672-{today.year}-000001"
    assert person.registered_on == today
    assert person.expires_on == add_months(today, 24)
    assert person.next_report_due == add_months(today, 6)
    assert person.status == JobSeeker.Status.ACTIVE
    assert person.name_normalised == person.name.upper()
    assert list(person.skill_rows.values_list("skill_id", "source")) == [
        ("LAS-SMAW", JobSeekerSkill.Source.DECLARED)
    ]
    assert person.consent_changed_at is not None


def test_card_numbers_run_per_office_and_year(world):
    first = register(world)
    second = register(world)
    other_office = job_seeker_register(office=world.office_b, data=payload(), skills=[])
    assert first.registration_number.endswith("000001")
    assert second.registration_number.endswith("000002")
    assert other_office.registration_number == f"3673-{timezone.localdate().year}-000001"


def test_a_nik_of_the_wrong_length_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        register(world, nik="367204610899")
    assert "16" in errors_of(excinfo)["nik"][0]


def test_letters_in_a_nik_are_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        register(world, nik="36720461089900A1")
    assert "angka" in errors_of(excinfo)["nik"][0]


def test_a_nik_whose_birth_date_disagrees_says_which_dates(world):
    nik = build_nik("36.72.04", datetime.date(1999, 8, 12), "P", 7)
    with pytest.raises(ValidationError) as excinfo:
        register(world, nik=nik, birth_date=datetime.date(1999, 8, 21))
    message = " ".join(errors_of(excinfo)["nik"])
    assert "12-08-99" in message
    assert "21-08-1999" in message


def test_a_nik_whose_sex_disagrees_is_refused(world):
    nik = build_nik("36.72.04", datetime.date(1999, 8, 21), "L", 7)
    with pytest.raises(ValidationError) as excinfo:
        register(world, nik=nik, sex="P", birth_date=datetime.date(1999, 8, 21))
    assert "21" in " ".join(errors_of(excinfo)["nik"])


def test_a_nik_of_an_unknown_province_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        register(world, nik="9972046108990001")
    assert "99.72" in errors_of(excinfo)["nik"][0]


def test_a_nik_of_an_unknown_kecamatan_in_a_known_city_is_refused(world):
    nik = build_nik("36.72.99", datetime.date(1999, 8, 21), "P", 7)
    with pytest.raises(ValidationError) as excinfo:
        register(world, nik=nik)
    assert "36.72.99" in errors_of(excinfo)["nik"][0]


def test_a_nik_from_a_city_whose_kecamatan_we_do_not_list_is_accepted(world):
    # 31.71 is Jakarta Pusat: stdnum knows it; our Region table does not list its kecamatan.
    nik = build_nik("31.71.01", datetime.date(1999, 8, 21), "P", 7)
    assert register(world, nik=nik).nik == nik


def test_a_nik_first_registered_under_a_retired_kecamatan_code_is_accepted(world):
    # 36.04.10 is a gap in today's Kabupaten Serang list: the code was retired, the NIKs stay.
    nik = build_nik("36.04.10", datetime.date(1999, 8, 21), "P", 7)
    assert register(world, nik=nik).nik == nik


def test_a_retired_kecamatan_is_not_offered_as_a_place_to_live(world):
    from vokasi.models import Region

    assert not Region.objects.filter(code="36.04.10").exists()
    assert Region.objects.filter(code="36.04.11").exists()


def test_a_person_under_the_minimum_age_is_refused(world, settings):
    settings.VOKASI = {**settings.VOKASI, "MIN_REGISTRATION_AGE": 15}
    born = timezone.localdate().replace(year=timezone.localdate().year - 14)
    with pytest.raises(ValidationError) as excinfo:
        register(world, birth_date=born)
    assert "15" in errors_of(excinfo)["birth_date"][0]


def test_every_missing_field_and_unknown_code_is_reported_at_once(world):
    with pytest.raises(ValidationError) as excinfo:
        register(world, name="", region="36.72.99", education="sma2", skills=["NOPE"])
    errors = errors_of(excinfo)
    assert set(errors) >= {"name", "region", "education"}


def test_the_same_nik_twice_is_a_duplicate_naming_the_first(world):
    first = register(world)
    data = payload(nik=first.nik, birth_date=first.birth_date, sex=first.sex)
    with pytest.raises(DuplicateNik) as excinfo:
        job_seeker_register(office=world.office_b, data=data)
    assert excinfo.value.existing_id == first.pk
    assert first.registration_number in excinfo.value.message
    assert excinfo.value.field == "nik"
    assert JobSeeker.objects.count() == 1


def test_correcting_data_keeps_the_card_and_rechecks_the_nik(world):
    person = register(world)
    job_seeker_update(job_seeker=person, data={"address": "Jl. Baru 1", "phone": "0254111"})
    person.refresh_from_db()
    assert (person.address, person.phone) == ("Jl. Baru 1", "0254111")
    with pytest.raises(ValidationError) as excinfo:
        job_seeker_update(job_seeker=person, data={"sex": "L"})
    assert "nik" in errors_of(excinfo)


def test_correcting_the_nik_to_someone_elses_is_a_duplicate(world):
    first = register(world)
    second = register(world, birth_date=first.birth_date, sex=first.sex)
    with pytest.raises(DuplicateNik):
        job_seeker_update(job_seeker=second, data={"nik": first.nik})


def test_reporting_back_moves_the_next_due_date(world):
    person = factories.job_seeker(
        world.office_a, registered_on=timezone.localdate() - datetime.timedelta(days=200)
    )
    person.next_report_due = add_months(person.registered_on, 6)
    person.save()
    job_seeker_report_back(job_seeker=person)
    person.refresh_from_db()
    assert person.last_reported_on == timezone.localdate()
    assert person.next_report_due == add_months(person.registered_on, 12)
    assert person.reports.count() == 1


def test_a_report_in_the_weeks_before_the_due_date_counts_for_it(world):
    registered = timezone.localdate() - datetime.timedelta(days=170)
    person = factories.job_seeker(world.office_a, registered_on=registered)
    job_seeker_report_back(job_seeker=person)
    assert person.next_report_due == add_months(registered, 12)


def test_a_report_long_before_the_due_date_does_not_move_it(world):
    person = job_seeker_register(office=world.office_a, data=payload())
    job_seeker_report_back(job_seeker=person)
    assert person.next_report_due == add_months(person.registered_on, 6)


def test_a_card_has_four_report_back_dates_six_months_apart():
    dues = report_due_dates(datetime.date(2026, 8, 31))
    assert dues == [
        datetime.date(2027, 2, 28),
        datetime.date(2027, 8, 31),
        datetime.date(2028, 2, 29),
        datetime.date(2028, 8, 31),
    ]


def test_reporting_twice_a_day_or_after_the_end_is_refused(world):
    person = factories.job_seeker(world.office_a)
    job_seeker_report_back(job_seeker=person)
    with pytest.raises(ValidationError):
        job_seeker_report_back(job_seeker=person)
    job_seeker_end(job_seeker=person, reason="withdrawn")
    with pytest.raises(ValidationError) as excinfo:
        job_seeker_report_back(job_seeker=person, reported_on=timezone.localdate())
    assert "status" in errors_of(excinfo)


def test_ending_a_registration_records_the_reason_and_status(world):
    withdrawn = factories.job_seeker(world.office_a)
    moved = factories.job_seeker(world.office_a)
    job_seeker_end(job_seeker=withdrawn, reason="withdrawn")
    job_seeker_end(job_seeker=moved, reason="moved")
    withdrawn.refresh_from_db()
    moved.refresh_from_db()
    assert (withdrawn.status, withdrawn.end_reason, withdrawn.next_report_due) == (
        "removed",
        "withdrawn",
        None,
    )
    assert (moved.status, moved.end_reason) == ("removed", "moved")
    with pytest.raises(ValidationError):
        job_seeker_end(job_seeker=moved, reason="deceased")


def test_a_registration_never_ends_as_placed_without_a_placement(world):
    # Regression: "placed" was taken as any other reason, and the person counted as placed
    # (IPK "ditempatkan") with no placement behind them. Placed comes with the job only.
    person = factories.job_seeker(world.office_a)
    with pytest.raises(ValidationError) as excinfo:
        job_seeker_end(job_seeker=person, reason="placed")
    assert "reason" in errors_of(excinfo)
    person.refresh_from_db()
    assert (person.status, person.end_reason, person.ended_on) == ("active", "", None)


def test_expiry_ends_cards_older_than_two_years_once(world):
    today = timezone.localdate()
    old = factories.job_seeker(world.office_a, registered_on=add_months(today, -25))
    old.expires_on = add_months(old.registered_on, 24)
    old.save()
    fresh = factories.job_seeker(world.office_a)
    assert job_seekers_expire(today=today) == 1
    assert job_seekers_expire(today=today) == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.end_reason, old.ended_on) == ("expired", "expired", old.expires_on)
    assert fresh.status == "active"


def test_merging_a_duplicate_moves_its_skills_and_ends_it(world):
    keep = factories.job_seeker(world.office_a, name="Budi Santoso")
    dup = factories.job_seeker(world.office_a, name="BUDI  santoso")
    factories.give_skill(dup, "LAS-GTAW")
    job_seeker_report_back(job_seeker=dup)
    job_seeker_merge(keep=keep, duplicate=dup)
    dup.refresh_from_db()
    assert (dup.status, dup.end_reason) == ("removed", "data_error")
    assert list(keep.skill_rows.values_list("skill_id", flat=True)) == ["LAS-GTAW"]
    assert keep.reports.count() == 1


def test_naming_a_trained_skill_marks_it_also_declared_and_leaves_it_trained(world):
    person = register(world, skills=[])
    trained = factories.give_skill(person, "LAS-SMAW", JobSeekerSkill.Source.TRAINED)

    job_seeker_update(job_seeker=person, data={}, skills=["LAS-SMAW"])
    trained.refresh_from_db()
    assert (trained.source, trained.declared) == (JobSeekerSkill.Source.TRAINED, True)

    job_seeker_update(job_seeker=person, data={}, skills=[])
    trained.refresh_from_db()
    assert (trained.source, trained.declared) == (JobSeekerSkill.Source.TRAINED, False)
