"""`migrate` and `runserver` start without warnings on either database."""

from django.core import checks


def test_the_system_checks_find_nothing_to_warn_about(db):
    found = [
        m
        for m in checks.run_checks(include_deployment_checks=False)
        if m.is_serious(checks.WARNING)
    ]
    assert not found, [f"{m.id}: {m.msg}" for m in found]
