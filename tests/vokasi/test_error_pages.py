"""The error pages: in the layout, in the user's language, with the way home and back."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils import translation

from vokasi.views import errors as views


def boom(request):
    raise RuntimeError("the database is gone")


# This module is also the URLconf of the tests that need a view that fails.
urlpatterns = [path("boom/", boom), path("api/v1/boom/", boom), path("", include("vokasi.urls"))]
handler500 = "vokasi.views.errors.server_error"


@pytest.fixture
def officer_client(world):
    client = Client()
    client.force_login(world.officer_a)
    return client


def test_an_unknown_page_is_explained_in_indonesian_inside_the_layout(officer_client):
    response = officer_client.get("/no-such-page/", HTTP_REFERER="http://testserver/vacancies/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html
    assert 'class="topbar"' in html and 'id="content"' in html  # the layout, with its nav
    assert f'href="{reverse("home")}" data-testid="error-home"' in html
    assert 'href="http://testserver/vacancies/" data-back' in html


def test_the_back_link_never_leads_to_another_site(officer_client):
    response = officer_client.get("/no-such-page/", HTTP_REFERER="https://evil.example/")
    html = response.content.decode()
    assert "evil.example" not in html
    assert 'href="/" data-back' in html


def test_an_english_speaker_reads_the_error_in_english(officer_client):
    officer_client.cookies["django_language"] = "en"
    response = officer_client.get("/no-such-page/")
    assert "Page not found" in response.content.decode()


def test_an_object_outside_the_scope_gets_the_same_page(officer_client, world):
    from tests import factories

    other = factories.job_seeker(world.office_b)
    response = officer_client.get(reverse("trainees:job-seeker-detail", args=[other.pk]))
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_a_role_that_may_not_gets_a_friendly_403(officer_client):
    response = officer_client.get(reverse("trainees:programme-create"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Anda tidak boleh membuka halaman ini" in html
    assert 'class="topbar"' in html


def test_an_api_client_still_gets_json(officer_client):
    response = officer_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_a_form_sent_without_its_token_is_explained():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in html
    assert 'class="topbar"' in html
    assert "CSRF" not in html  # Django's technical reason is for the log, not the person


def test_the_500_page_renders_with_no_database_and_no_request_context():
    # No django_db mark: any query raises, so the page must not make one.
    request = RequestFactory().get("/somewhere/")
    with translation.override("id"):  # as the locale middleware left it for this request
        response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in html
    assert 'href="/"' in html
    assert 'class="topbar"' in html
    assert "csrfmiddlewaretoken" not in html  # no forms on a page rendered without a session


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_failing_page_answers_the_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
    api = client.get("/api/v1/boom/")
    assert api.status_code == 500
    assert api.json() == {"detail": "Server error."}


@pytest.mark.django_db
def test_the_favicon_is_linked_and_favicon_ico_finds_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/vokasi/favicon.svg")
    assert finders.find("vokasi/favicon.svg")
    login = client.get(reverse("login")).content.decode()
    assert 'rel="icon"' in login and "favicon.svg" in login


@pytest.mark.django_db
def test_every_page_starts_with_a_skip_link_to_the_content(client):
    html = client.get(reverse("login")).content.decode()
    body = html.split("<body>", 1)[1].lstrip()
    assert body.startswith('<a class="skip-link" href="#content">Langsung ke isi halaman</a>')
    assert '<main id="content"' in html
