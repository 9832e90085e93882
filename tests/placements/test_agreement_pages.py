"""The agreement pages that write: record, edit, evaluate, set a target, link, internships,
the document; every refusal is a 400 with the page (or a message on the agreement's page)
and nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from placements.models import Internship
from reports.agreements import attention
from tests import factories
from trainees.services.agreements import cohort_link_agreement
from vokasi.home import tasks_for
from vokasi.models import Agreement, AgreementEvaluation, AgreementTarget

TODAY = timezone.localdate()
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def form(world, **kw) -> dict:
    data = {
        "kind": "mou",
        "number": "445/09/NK-DINKES/2026",
        "title": "MoU PKL mahasiswa Poltekkes",
        "signed_on": "2026-01-05",
        "valid_from": "2026-01-10",
        "valid_to": "2028-12-31",
        "scope": ["internship", "scholarship"],
        "target_interned": "60",
        "target_scholarships": "10",
        "party-TOTAL_FORMS": "3",
        "party-INITIAL_FORMS": "0",
        "party-0-organisation": f"office:{world.office_a.pk}",
        "party-0-role": "pihak pertama",
        "party-1-organisation": f"provider:{world.provider_a.pk}",
        "party-1-role": "pihak kedua",
        "party-2-organisation": "other",
        "party-2-other_name": "RSUD Kota Cilegon",
        "party-2-other_kind": "health",
    }
    data.update(kw)
    return data


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def test_the_officer_records_an_agreement_with_its_parties_targets_and_pdf(officer, world):
    data = form(world, document=SimpleUploadedFile("mou.pdf", PDF))
    response = officer.post("/agreements/new/", data)
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert response.url == f"/agreements/{agreement.pk}/"
    assert [p.name for p in agreement.parties.all()] == [
        world.office_a.name,
        world.provider_a.name,
        "RSUD Kota Cilegon",
    ]
    targets = dict(
        AgreementTarget.objects.filter(scope__agreement=agreement).values_list("measure", "target")
    )
    assert targets == {"interned": 60, "scholarships": 10}
    download = officer.get(f"/agreements/{agreement.pk}/document/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    page = officer.get(f"/agreements/{agreement.pk}/")
    assert page.status_code == 200
    assert "RSUD Kota Cilegon" in page.content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"valid_to": "2025-12-31"}, "valid_to"),
        ({"target_placed": "15"}, "target_placed"),  # placement is not in the scope
        ({"target_amount": "-1", "scope": ["training"]}, "target_amount"),
        ({"target_interned": "2.5"}, "target_interned"),
        ({"target_interned": "9" * 30}, "target_interned"),
        ({"party-1-organisation": "provider:999999"}, None),
        ({"party-1-organisation": "abc"}, None),
        ({"party-0-organisation": f"office:{0}"}, None),
    ],
)
def test_bad_input_answers_400_with_the_page_and_writes_nothing(officer, world, change, field):
    response = officer.post("/agreements/new/", form(world, **change))
    assert response.status_code == 400
    if field:
        assert field in response.context["form"].errors
    assert not Agreement.objects.exists()


def test_an_officer_cannot_record_an_agreement_their_office_is_not_party_to(officer, world):
    data = form(world, **{"party-0-organisation": f"office:{world.office_b.pk}"})
    response = officer.post("/agreements/new/", data)
    assert response.status_code == 400
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("content", "status"),
    [(b"\x89PNG\r\n\x1a\n" + b"0" * 64, 415), (b"PK\x03\x04" + b"0" * 64, 415), (b"hello", 415)],
)
def test_a_document_that_is_not_a_pdf_answers_415(officer, world, content, status):
    data = form(world, document=SimpleUploadedFile("scan.pdf", content))
    assert officer.post("/agreements/new/", data).status_code == status
    assert not Agreement.objects.exists()


def test_a_document_over_the_limit_answers_413(officer, world, settings):
    settings.VOKASI_UPLOAD_MAX_BYTES = 1024
    data = form(world, document=SimpleUploadedFile("scan.pdf", PDF + b"0" * 2048))
    assert officer.post("/agreements/new/", data).status_code == 413
    assert not Agreement.objects.exists()


@pytest.fixture
def agreement(world):
    return factories.agreement(
        world.office_a,
        providers=[world.provider_a],
        companies=[world.company_a],
        others=["RSUD Kota Cilegon"],
        targets={"training": {"trained": 16}, "internship": {"interned": 4}},
    )


def test_linking_a_cohort_of_a_party_counts_it(officer, world, agreement):
    cohort = factories.cohort(factories.programme(world.provider_a))
    response = officer.post(f"/agreements/{agreement.pk}/links/", {"cohort": cohort.pk})
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.agreement == agreement


@pytest.mark.parametrize("value", ["other-provider", "abc", "2.5", "999999999"])
def test_linking_a_cohort_whose_provider_is_not_a_party_answers_400(
    officer, world, agreement, value
):
    foreign = factories.cohort(factories.programme(world.provider_b))
    cohort_id = foreign.pk if value == "other-provider" else value
    response = officer.post(f"/agreements/{agreement.pk}/links/", {"cohort": cohort_id})
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.agreement is None


def test_the_service_refuses_a_cohort_whose_provider_is_not_a_party(world, agreement):
    foreign = factories.cohort(factories.programme(world.provider_b))
    with pytest.raises(ValidationError) as raised:
        cohort_link_agreement(actor=world.officer_a, cohort=foreign, agreement=agreement)
    assert "agreement" in raised.value.message_dict


def test_an_evaluation_is_recorded_and_bad_ones_are_refused_with_a_message(officer, agreement):
    url = f"/agreements/{agreement.pk}/evaluations/"
    ok = officer.post(
        url, {"evaluated_on": TODAY.isoformat(), "status": "at_risk", "note": "Kuota"}
    )
    assert ok.status_code == 302
    bad = officer.post(
        url, {"evaluated_on": "kemarin", "status": "doomed", "note": ""}, follow=True
    )
    assert bad.status_code == 200
    assert len(list(bad.context["messages"])) >= 2
    assert list(AgreementEvaluation.objects.values_list("status", flat=True)) == ["at_risk"]


def test_a_target_on_a_scope_item_the_agreement_lacks_is_refused(officer, agreement):
    url = f"/agreements/{agreement.pk}/targets/"
    refused = officer.post(
        url, {"item": "placement", "measure": "placed", "target": 5}, follow=True
    )
    assert any("penempatan" in str(m) for m in refused.context["messages"])  # Indonesian
    negative = officer.post(url, {"item": "training", "measure": "amount", "target": -5})
    assert negative.status_code == 302
    assert not AgreementTarget.objects.filter(measure__in=["placed", "amount"]).exists()
    officer.post(url, {"item": "training", "measure": "certified", "target": 12})
    assert AgreementTarget.objects.get(measure="certified").target == 12


def test_an_internship_is_recorded_and_counted(officer, world, agreement):
    institution = agreement.parties.get(kind="provider")
    hospital = agreement.parties.get(kind="other")
    data = {
        "student_name": "Siti Rahmawati",
        "student_number": "P27220024001",
        "institution": institution.pk,
        "host": hospital.pk,
        "start_date": "2026-03-02",
        "end_date": "2026-04-10",
        "supervisor": "Ns. Dewi",
        "outcome": "completed",
    }
    url = f"/agreements/{agreement.pk}/internships/new/"
    assert officer.post(url, {**data, "end_date": "2026-02-01"}).status_code == 400
    assert officer.post(url, {**data, "host": institution.pk}).status_code == 400
    assert not Internship.objects.exists()
    assert officer.post(url, data).status_code == 302
    page = officer.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "Siti Rahmawati" in page


def test_another_office_never_sees_the_agreement(client, world, agreement):
    client.force_login(world.officer_b)
    assert client.get(f"/agreements/{agreement.pk}/").status_code == 404
    assert client.post(f"/agreements/{agreement.pk}/edit/", {}).status_code == 404


def test_agreements_expiring_or_behind_are_home_tasks(world):
    factories.agreement(
        world.office_a,
        valid_from=TODAY - datetime.timedelta(days=300),
        valid_to=TODAY + datetime.timedelta(days=30),
    )
    with translation.override("en"):
        titles = {str(t.title): t.count for t in tasks_for(world.officer_a)}
        assert titles["agreements expiring within 90 days"] == 1
        # Nothing trained after 300 of 330 days: behind the pace of its target.
        assert titles["agreements behind target"] == 1
        assert not any("agreements" in str(t.title) for t in tasks_for(world.officer_b))


def test_the_homes_agreement_counts_are_the_lists_rows_read_in_a_few_statements(client, world):
    days = datetime.timedelta
    made = [
        factories.agreement(world.office_a, valid_from=valid_from, valid_to=valid_to)
        for valid_from, valid_to in [
            (TODAY - days(300), TODAY + days(30)),  # expiring, nothing trained: behind
            (TODAY - days(10), TODAY + days(60)),  # expiring, evaluated on track
            (TODAY - days(300), TODAY + days(400)),  # behind, not expiring
            (TODAY - days(20), TODAY + days(400)),  # evaluated at risk
            (TODAY - days(400), TODAY - days(1)),  # expired: neither
            (TODAY - days(1), TODAY + days(90)),  # expiring on the last day counted
        ]
    ]
    for agreement, status in [(made[1], "on_track"), (made[3], "at_risk")]:
        AgreementEvaluation.objects.create(
            agreement=agreement, evaluated_on=TODAY, status=status, note="Evaluasi"
        )
    factories.agreement(world.office_b, valid_to=TODAY + days(5))
    client.force_login(world.officer_a)
    listed = {
        kind: len(client.get("/agreements/", {"attention": kind}).context["rows"])
        for kind in ("expiring", "behind")
    }
    assert listed == {"expiring": 3, "behind": 4}
    with CaptureQueriesContext(connection) as ctx:
        assert attention(world.officer_a) == (listed["expiring"], listed["behind"])
    # The agreements, their scopes and targets, the events (on PostgreSQL after the
    # planner settings) and the latest evaluations, whatever the number of agreements.
    assert len([q for q in ctx.captured_queries if "set_config" not in q["sql"]]) == 5
