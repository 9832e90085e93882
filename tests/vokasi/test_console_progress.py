"""Commands that take a while draw a progress bar on a terminal, and nothing elsewhere
(cron, a scheduled job's kept output, a file, ``-v 0``)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests import factories
from vokasi.progress import ConsoleProgress, console_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_drawn_in_place_on_a_terminal():
    stream = Terminal()
    with console_progress(label="work", stream=stream) as bar:
        for done in range(1, 11):
            bar.update(done, 10)
    out = stream.getvalue()
    assert out.startswith("\rwork [") and out.endswith("\n")
    assert "100% 10/10" in out
    assert "\n" not in out[:-1]  # one line, redrawn


def test_nothing_is_drawn_when_not_a_terminal_or_at_verbosity_0():
    for stream, verbosity in ((io.StringIO(), 1), (Terminal(), 0)):
        with console_progress(label="work", stream=stream, verbosity=verbosity) as bar:
            bar.update(5, 10)
            bar.log("people 5 of 10")
        assert stream.getvalue() == ""


def test_a_progress_line_moves_the_bar_and_is_kept_when_verbose():
    stream = Terminal()
    bar = ConsoleProgress(stream, label="seed_demo", verbose=True)
    bar.log("   3.1 s (CPU 2.0 s, peak 300 MB)  people 30,000 of 90,000 (chunk 1/3)")
    assert (bar.done, bar.total) == (30_000, 90_000)
    assert "33% 30,000/90,000" in bar.line()
    assert "people 30,000 of 90,000" in stream.getvalue()  # the line itself, kept
    quiet = io.StringIO()
    ConsoleProgress(quiet, enabled=False, verbose=True).log("people 1 of 2")
    assert quiet.getvalue() == "people 1 of 2\n"  # not a terminal: the plain line only


@pytest.mark.django_db
def test_expire_registrations_draws_its_bar_on_a_terminal_only(world):
    people = [factories.job_seeker(world.office_a) for _ in range(3)]
    later = (people[0].expires_on + datetime.timedelta(days=1)).isoformat()
    terminal, out = Terminal(), io.StringIO()
    call_command("expire_registrations", "--today", later, stdout=out, stderr=terminal)
    assert "3 registration(s) expired." in out.getvalue()
    assert "100% 3/3" in terminal.getvalue()
    piped = io.StringIO()
    call_command("expire_registrations", "--today", later, stdout=io.StringIO(), stderr=piped)
    assert piped.getvalue() == ""


@pytest.mark.django_db
def test_anonymise_expired_registrations_is_quiet_at_verbosity_0(world):
    ended = datetime.date(2015, 1, 1)
    registered = ended - datetime.timedelta(days=400)
    person = factories.job_seeker(world.office_a, registered_on=registered)
    factories.end_registration(person, ended, reason="expired")
    terminal, out = Terminal(), io.StringIO()
    call_command("anonymise_expired_registrations", stdout=out, stderr=terminal, verbosity=0)
    assert terminal.getvalue() == ""
    assert "1 registration(s)" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_seed_demo_draws_its_bar_to_the_end_on_a_terminal():
    terminal = Terminal()
    with override_settings(DEBUG=True):
        call_command("seed_demo", scale=0.02, stdout=io.StringIO(), stderr=terminal)
    drawn = terminal.getvalue()
    assert drawn.startswith("\rseed_demo [")
    assert "100% 60/60" in drawn
