"""The company register's pages: list, add, change, verify, suspend, reinstate, invite;
and a company administrator's colleagues page."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests import factories
from tests.vokasi.authorization import company_fields
from vokasi.auth import api_key_issue
from vokasi.models import Company, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


@pytest.fixture
def unverified(world):
    return factories.company(
        office=world.office_a, status=Company.Status.UNVERIFIED, name="PT Kimia Ciwandan"
    )


def test_the_list_shows_the_offices_register_with_status_badges(
    officer, world, unverified, django_assert_max_num_queries
):
    other = factories.company(office=world.office_b, name="PT Serang Jaya")
    with django_assert_max_num_queries(12):
        response = officer.get("/companies/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "PT Kimia Ciwandan" in text and other.name not in text
    assert 'class="badge warn"' in text
    assert 'data-testid="awaiting-verification"' in text


def test_the_list_filters_by_words_status_sector_and_kecamatan(officer, world, unverified):
    factories.company(
        office=world.office_a, name="PT Pelabuhan Merak", region_id="36.72.03", sector_id="5222"
    )
    text = officer.get("/companies/", {"q": "pelabuhan"}).content.decode()
    assert "PT Pelabuhan Merak" in text and "PT Kimia Ciwandan" not in text
    text = officer.get("/companies/", {"status": "unverified"}).content.decode()
    assert "PT Kimia Ciwandan" in text and "PT Pelabuhan Merak" not in text
    text = officer.get("/companies/", {"sector": "52"}).content.decode()  # holds 5222
    assert "PT Pelabuhan Merak" in text and "PT Kimia Ciwandan" not in text
    text = officer.get("/companies/", {"region": "36.72.03"}).content.decode()
    assert "PT Pelabuhan Merak" in text and "PT Kimia Ciwandan" not in text
    assert officer.get("/companies/", {"sector": "zzz"}).status_code == 200


def test_an_officer_adds_a_company_unverified_to_its_register(officer, world):
    response = officer.post("/companies/new/", company_fields(name="PT Baru Jaya"))
    assert response.status_code == 302
    company = Company.objects.get(name="PT Baru Jaya")
    assert company.status == "unverified" and company.office == world.office_a
    assert response["Location"] == f"/companies/{company.pk}/"
    page = officer.get(response["Location"]).content.decode()
    assert "PT Baru Jaya" in page and 'data-testid="verify-company"' in page


def test_a_duplicate_nib_says_so_with_a_link_to_the_existing_company(officer, unverified):
    response = officer.post("/companies/new/", company_fields(nib=unverified.nib))
    assert response.status_code == 400
    text = response.content.decode()
    assert f'href="/companies/{unverified.pk}/"' in text
    assert Company.objects.filter(nib=unverified.nib).count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"nib": "abc"},
        {"nib": "2.421"},
        {"npwp": "123"},
        {"sector": "99999"},
        {"region": "99.99.99"},
        {"workforce": "abc"},
        {"workforce": "99999999999999999999"},
        {"office": "abc"},
    ],
)
def test_tampered_posts_answer_400_and_save_nothing(officer, changes):
    response = officer.post("/companies/new/", company_fields(name="PT Salah", **changes))
    assert response.status_code in (302, 400)
    if "office" in changes:  # an officer's form has no office: the value is ignored
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert not Company.objects.filter(name="PT Salah").exists()


def test_an_admin_chooses_the_office(client, world):
    client.force_login(world.admin)
    response = client.post(
        "/companies/new/", company_fields(name="PT Kantor B", office=world.office_b.pk)
    )
    assert response.status_code == 302
    assert Company.objects.get(name="PT Kantor B").office == world.office_b
    response = client.post("/companies/new/", company_fields(name="PT X", office="99999999"))
    assert response.status_code == 400


def test_edit_changes_the_record(officer, unverified):
    data = company_fields(nib=unverified.nib, name="PT Kimia Ciwandan Baru", workforce=77)
    response = officer.post(f"/companies/{unverified.pk}/edit/", data)
    assert response.status_code == 302
    unverified.refresh_from_db()
    assert (unverified.name, unverified.workforce) == ("PT Kimia Ciwandan Baru", 77)


def test_verify_suspend_and_reinstate_are_recorded(officer, world, unverified):
    assert officer.post(f"/companies/{unverified.pk}/verify/").status_code == 302
    unverified.refresh_from_db()
    assert unverified.status == "verified" and unverified.verified_on is not None
    assert unverified.status_changed_by == world.officer_a

    response = officer.post(f"/companies/{unverified.pk}/suspend/", {"reason": ""})
    assert response.status_code == 302
    unverified.refresh_from_db()
    assert unverified.status == "verified"  # a suspension needs its reason

    officer.post(f"/companies/{unverified.pk}/suspend/", {"reason": "Tidak melapor 2 tahun"})
    unverified.refresh_from_db()
    assert unverified.status == "suspended"
    assert unverified.status_reason == "Tidak melapor 2 tahun"
    page = officer.get(f"/companies/{unverified.pk}/").content.decode()
    assert "Tidak melapor 2 tahun" in page and 'data-testid="reinstate-company"' in page

    officer.post(f"/companies/{unverified.pk}/reinstate/")
    unverified.refresh_from_db()
    assert unverified.status == "verified" and unverified.status_reason == ""
    statuses = list(unverified.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-3:] == ["verified", "suspended", "verified"]


def test_reinstating_a_never_verified_company_leaves_it_unverified(officer, world):
    company = factories.company(office=world.office_a, status=Company.Status.SUSPENDED)
    company.verified_on = None
    company.save()
    officer.post(f"/companies/{company.pk}/reinstate/")
    company.refresh_from_db()
    assert company.status == "unverified"


def test_another_offices_officer_gets_404(client, world, unverified):
    client.force_login(world.officer_b)
    assert client.get(f"/companies/{unverified.pk}/").status_code == 404
    assert client.post(f"/companies/{unverified.pk}/verify/").status_code == 404
    unverified.refresh_from_db()
    assert unverified.status == "unverified"


def test_the_officer_invites_a_user_of_the_company_from_its_page(officer, unverified):
    response = officer.post(
        f"/companies/{unverified.pk}/users/",
        {"email": "hr@kimia.co.id", "name": "Rina Wati", "company_admin": "on"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="hr@kimia.co.id")
    assert user.company == unverified and user.company_admin and not user.has_usable_password()
    assert len(mail.outbox) == 1
    page = officer.get(f"/companies/{unverified.pk}/").content.decode()
    assert "hr@kimia.co.id" in page


def test_a_bad_invitation_saves_nothing(officer, unverified):
    response = officer.post(f"/companies/{unverified.pk}/users/", {"email": "abc"})
    assert response.status_code == 302
    assert not unverified.users.exists() and not mail.outbox


def test_the_home_page_counts_companies_awaiting_verification(officer, unverified):
    text = officer.get("/").content.decode()
    assert "/companies/?status=unverified" in text


def test_the_navigation_links_the_register_for_officers_only(client, world):
    client.force_login(world.officer_a)
    assert 'href="/companies/"' in client.get("/").content.decode()
    client.force_login(world.employer_a)
    text = client.get("/").content.decode()
    assert 'href="/companies/"' not in text and 'href="/company/users/"' in text


# ---------------------------------------------------------------- the set-password link


def test_the_invitation_link_sets_the_password_once(client, world, unverified):
    from placements.services.company_users import company_user_invite

    user = company_user_invite(company=unverified, email="baru@kimia.co.id", by=world.officer_a)
    path = re.search(r"/password/set/\S+/", mail.outbox[0].body).group(0)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Kuat-sekali-2026", "new_password2": "Kuat-sekali-2026"}
    )
    assert response.status_code == 302 and response["Location"] == "/login/"
    user.refresh_from_db()
    assert user.check_password("Kuat-sekali-2026")
    again = client.get(path)
    assert b'data-testid="invalid-link"' in again.content


# ------------------------------------------------------------ the company's colleagues


@pytest.fixture
def company_admin(client, world):
    world.employer_a.company_admin = True
    world.employer_a.save()
    client.force_login(world.employer_a)
    return client


def test_a_company_admin_invites_a_colleague(company_admin, world):
    response = company_admin.post(
        "/company/users/", {"email": "rekan@baja.co.id", "name": "Budi", "username": "budi"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="budi")
    assert user.company == world.company_a and user.role == "employer"
    assert not user.company_admin
    assert mail.outbox[0].to == ["rekan@baja.co.id"]


def test_a_taken_username_is_refused_with_a_message(company_admin, world):
    response = company_admin.post(
        "/company/users/", {"email": "x@baja.co.id", "username": "employer_b"}, follow=True
    )
    assert "username" in response.content.decode().lower() or response.status_code == 200
    assert User.objects.filter(username="employer_b").count() == 1
    assert not mail.outbox


def test_a_company_admin_deactivates_a_colleague_and_revokes_their_keys(company_admin, world):
    colleague = factories.employer(world.company_a)
    key, _raw = api_key_issue(user=colleague, name="HRIS")
    response = company_admin.post(f"/company/users/{colleague.pk}/deactivate/")
    assert response.status_code == 302
    colleague.refresh_from_db()
    key.refresh_from_db()
    assert not colleague.is_active and key.revoked_at is not None


def test_a_company_admin_revokes_a_colleagues_key(company_admin, world):
    colleague = factories.employer(world.company_a)
    key, _raw = api_key_issue(user=colleague, name="HRIS")
    page = company_admin.get("/company/users/").content.decode()
    assert f'data-testid="colleague-key-{key.pk}"' in page
    response = company_admin.post(f"/api-keys/{key.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == "/company/users/"
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_a_company_admin_cannot_touch_another_companys_users(company_admin, world):
    stranger = factories.employer(world.company_b)
    key, _raw = api_key_issue(user=stranger, name="HRIS")
    assert company_admin.post(f"/company/users/{stranger.pk}/deactivate/").status_code == 404
    assert company_admin.post(f"/api-keys/{key.pk}/revoke/").status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_a_company_admin_cannot_deactivate_itself(company_admin, world):
    company_admin.post(f"/company/users/{world.employer_a.pk}/deactivate/")
    world.employer_a.refresh_from_db()
    assert world.employer_a.is_active


def test_an_ordinary_employer_sees_colleagues_but_manages_only_its_own_keys(client, world):
    colleague = factories.employer(world.company_a)
    key, _raw = api_key_issue(user=colleague, name="HRIS")
    client.force_login(world.employer_a)
    page = client.get("/company/users/")
    assert page.status_code == 200 and b'data-testid="invite-form"' not in page.content
    assert client.post("/company/users/", {"email": "x@baja.co.id"}).status_code == 403
    assert client.post(f"/company/users/{colleague.pk}/deactivate/").status_code == 403
    assert client.post(f"/api-keys/{key.pk}/revoke/").status_code == 404
    assert not User.objects.filter(email="x@baja.co.id").exists()
