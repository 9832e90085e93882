"""Vacancies, placements, follow-ups due and a vacancy's referred candidates download as
exactly the rows the page shows, scoped to the caller, typed, formula-safe and logged."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Placement
from tests import factories
from tests.exports import HOSTILE, filename, no_formulas, read_csv, read_xlsx, workbook
from vokasi.dates import add_months
from vokasi.models import AccessLog

TODAY = timezone.localdate()


@pytest.fixture
def vacancies(world):
    open_a = [factories.vacancy(world.company_a, title=title) for title in HOSTILE]
    closed_a = factories.vacancy(world.company_a, title="Operator forklift", status="closed")
    open_b = factories.vacancy(world.company_b, title="Welder B")
    return open_a, closed_a, open_b


def test_vacancies_export_the_filtered_rows_typed(client, world, vacancies):
    open_a, _closed_a, open_b = vacancies
    client.force_login(world.officer_a)
    response = client.get("/vacancies/", {"status": "open", "format": "xlsx"})
    assert filename(response) == f"lowongan-{TODAY:%Y-%m-%d}.xlsx"
    rows = read_xlsx(response)
    assert {row[0] for row in rows[1:]} == {v.pk for v in [*open_a, open_b]}
    sheet = workbook(response).active
    assert sheet["A2"].number_format == "0"  # an id, never grouped
    assert rows[0][5] == "Jumlah tenaga kerja yang dibutuhkan"  # openings
    assert all(isinstance(row[5], int) for row in rows[1:])
    opens_on = 7
    assert all(isinstance(row[opens_on], datetime.datetime) for row in rows[1:])
    no_formulas(workbook(response))
    titles = {row[1] for row in rows[1:]}
    assert {"'" + title for title in HOSTILE} <= titles


def test_an_employer_exports_only_its_own_vacancies(client, world, vacancies):
    open_a, closed_a, _open_b = vacancies
    client.force_login(world.employer_a)
    lines = read_csv(client.get("/vacancies/", {"format": "csv"}))
    assert {int(line[0]) for line in lines[1:]} == {v.pk for v in [*open_a, closed_a]}
    assert not AccessLog.objects.exists()  # vacancies are not personal data


@pytest.fixture
def placements(world):
    vac_a = factories.vacancy(world.company_a)
    vac_b = factories.vacancy(world.company_b)
    mine = factories.placement(vac_a, factories.job_seeker(world.office_a, name="=1+2"))
    other_company = factories.placement(vac_b, factories.job_seeker(world.office_a))
    other_office = factories.placement(vac_a, factories.job_seeker(world.office_b))
    return mine, other_company, other_office


def test_placements_export_money_as_numbers_and_is_logged(client, world, placements):
    mine, other_company, _other_office = placements
    client.force_login(world.officer_a)
    response = client.get("/placements/", {"format": "xlsx"})
    rows = read_xlsx(response)
    assert {row[0] for row in rows[1:]} == {mine.pk, other_company.pk}  # office A's people
    sheet = workbook(response).active
    wage = sheet.cell(row=2, column=7)
    assert wage.value == 5_200_000 and wage.number_format == "#,##0"
    names = {row[1] for row in rows[1:]}
    assert "'=1+2" in names
    entry = AccessLog.objects.get()
    assert (entry.action, entry.target, entry.people) == ("export", "placements: list", 2)


def test_a_company_exports_only_its_own_placements(client, world, placements):
    mine, _other_company, other_office = placements
    client.force_login(world.employer_a)
    lines = read_csv(client.get("/placements/", {"format": "csv"}))
    assert {int(line[0]) for line in lines[1:]} == {mine.pk, other_office.pk}


def test_follow_ups_due_export_the_chosen_months(client, world):
    def placed(months_ago: int, office):
        person = factories.job_seeker(office)
        return Placement.objects.create(
            job_seeker=person,
            company=world.company_a,
            start_date=add_months(TODAY, -months_ago),
            contract_type="pkwt",
            wage=5_000_000,
            source="self",
        )

    four, seven = placed(4, world.office_a), placed(7, world.office_a)
    elsewhere = placed(7, world.office_b)
    client.force_login(world.officer_a)
    response = client.get("/follow-ups/due/", {"months": "6", "format": "csv"})
    assert filename(response) == f"tindak-lanjut-jatuh-tempo-6-{TODAY:%Y-%m-%d}.csv"
    lines = read_csv(response)
    assert [line[0] for line in lines[1:]] == [seven.job_seeker.name]
    assert lines[1][3] == add_months(seven.start_date, 6).isoformat()  # a date, not a text
    three = read_xlsx(client.get("/follow-ups/due/", {"months": "3", "format": "xlsx"}))
    assert {row[0] for row in three[1:]} == {four.job_seeker.name, seven.job_seeker.name}
    assert isinstance(three[1][3], datetime.datetime)
    assert elsewhere.job_seeker.name not in {row[0] for row in three[1:]}
    assert AccessLog.objects.filter(target="follow-ups due").count() == 2


@pytest.fixture
def referred(world):
    vacancy = factories.vacancy(world.company_a)
    consenting = factories.job_seeker(
        world.office_a, name="@SUM(A1)", consent_share_contact=True, phone="081234567890"
    )
    silent = factories.job_seeker(world.office_a, consent_share_contact=False, phone="0811")
    other_office = factories.job_seeker(world.office_b)
    refs = [factories.referral(vacancy, p, match_score=71) for p in (consenting, silent)]
    refs.append(factories.referral(vacancy, other_office))
    return vacancy, refs


def test_a_company_exports_its_candidates_pseudonymous(client, world, referred):
    vacancy, refs = referred
    client.force_login(world.employer_a)
    response = client.get(f"/vacancies/{vacancy.pk}/", {"format": "xlsx"})
    assert filename(response) == f"pengantar-kerja-{vacancy.pk}-{TODAY:%Y-%m-%d}.xlsx"
    rows = read_xlsx(response)
    header = list(rows[0])
    assert "NIK" not in header
    assert {row[0] for row in rows[1:]} == {r.pk for r in refs}  # every referral, as on the page
    by_id = {row[0]: row for row in rows[1:]}
    contact = header.index("kontak")
    assert by_id[refs[0].pk][contact] == "081234567890"
    assert by_id[refs[1].pk][contact] is None  # no consent, no contact
    assert by_id[refs[0].pk][header.index("nama")] == "'@SUM(A1)"
    assert by_id[refs[0].pk][header.index("skor kecocokan")] == 71
    no_formulas(workbook(response))
    entry = AccessLog.objects.get()
    assert entry.target == "vacancy: referrals"
    assert (entry.object_id, entry.people) == (str(vacancy.pk), 3)


def test_an_officer_exports_only_the_referrals_of_its_office(client, world, referred):
    vacancy, refs = referred
    client.force_login(world.officer_b)
    lines = read_csv(client.get(f"/vacancies/{vacancy.pk}/", {"format": "csv"}))
    assert [int(line[0]) for line in lines[1:]] == [refs[2].pk]


def test_another_company_gets_404_for_the_file(client, world, referred):
    vacancy, _refs = referred
    client.force_login(world.employer_b)
    assert client.get(f"/vacancies/{vacancy.pk}/", {"format": "csv"}).status_code == 404


def test_apprenticeships_export_the_filtered_rows_of_the_office(client, world):
    vacancy = factories.vacancy(world.company_a)
    mine = factories.apprenticeship(vacancy, factories.job_seeker(world.office_a, name="=1+2"))
    factories.apprenticeship(vacancy, factories.job_seeker(world.office_b))
    client.force_login(world.officer_a)
    response = client.get("/apprenticeships/", {"format": "xlsx"})
    assert filename(response) == f"pemagangan-{TODAY:%Y-%m-%d}.xlsx"
    rows = read_xlsx(response)
    assert [row[0] for row in rows[1:]] == [mine.pk]
    assert rows[1][1] == "'=1+2"
    no_formulas(workbook(response))
    assert AccessLog.objects.filter(user=world.officer_a).exists()
    lines = read_csv(client.get("/apprenticeships/", {"format": "csv", "status": "finished"}))
    assert lines[1:] == []
