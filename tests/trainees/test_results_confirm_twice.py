"""The results page's "confirm" pressed twice: one applies, the other is told; no 500."""

from __future__ import annotations

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.trainees.language import english  # noqa: F401
from tests.trainees.results_files import rows_for, running_cohort, upload, xlsx
from trainees.models import ResultUpload, TrainingResult
from vokasi.tabular.staging import SESSION_KEY as PENDING_UPLOADS


def dry_run(client, world, cohort) -> str:
    assert client.login(username=world.trainer_a.username, password=PASSWORD)
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    response = client.post(url, {"file": upload(xlsx(rows_for(cohort)), "hasil.xlsx")})
    return response.context["token"]


@pytest.mark.django_db
def test_a_second_confirm_with_the_same_session_is_told_it_was_already_saved(client, world):
    cohort = running_cohort(world, trainees=4)
    token = dry_run(client, world, cohort)
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    # The second request was sent before the first answered: its session still holds
    # the token the first one used (and whose file the first one deleted).
    pending = dict(client.session[PENDING_UPLOADS])
    first = client.post(url, {"token": token})
    session = client.session
    session[PENDING_UPLOADS] = pending
    session.save()
    second = client.post(url, {"token": token})
    assert first.status_code == 302
    assert second.status_code == 302
    assert second.url == reverse("trainees:cohort-detail", args=[cohort.pk])
    texts = [str(m) for m in get_messages(second.wsgi_request)]
    assert any("already saved" in text for text in texts), texts
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 4
    assert ResultUpload.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent requests")
def test_two_confirms_at_once_apply_once_and_neither_fails(world):
    cohort = running_cohort(world, trainees=4)
    first_client = Client()
    token = dry_run(first_client, world, cohort)
    second_client = Client()
    second_client.cookies = first_client.cookies  # the same browser, the same session
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    barrier = threading.Barrier(2)
    answers: list = [None, None]

    def press(index, browser):
        try:
            barrier.wait()
            answers[index] = browser.post(url, {"token": token})
        except Exception as error:  # surfaced below
            answers[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=press, args=(i, c))
        for i, c in enumerate((first_client, second_client))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [getattr(a, "status_code", a) for a in answers] == [302, 302], answers
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 4
    assert ResultUpload.objects.count() == 1
