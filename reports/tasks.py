"""Agreements needing attention, and the register's companies that do not report, for
the officers' and admins' home page; the company's own reporting ledger on its home."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reports import compliance
from reports.agreements import EXPIRING_DAYS, attention
from vokasi.home import Section, Task, constant_url
from vokasi.models import Company
from vokasi.roles import OFFICE, has_role, is_employer, is_officer


def agreement_tasks(user) -> list[Task]:
    if not has_role(user, OFFICE):
        return []
    expiring, behind = attention(user)
    tasks = [
        Task(
            title=_("agreements expiring within %(days)d days") % {"days": EXPIRING_DAYS},
            count=expiring,
            url=constant_url("agreements:list") + "?attention=expiring",
            description=_("Renew them or record the final evaluation."),
        ),
        Task(
            title=_("agreements behind target"),
            count=behind,
            url=constant_url("agreements:list") + "?attention=behind",
            description=_("Realisation below the pace of the targets, or evaluated as behind."),
            urgent=True,
        ),
    ]
    return [task for task in tasks if task.count]


def compliance_tasks(user) -> list[Task]:
    """The office's companies with overdue vacancies, and those that never reported."""
    if not is_officer(user):
        return []
    counts = compliance.register_counts(Company.objects.in_register_of(user))
    url = constant_url("compliance:companies")
    tasks = [
        Task(
            title=_("companies with overdue vacancies (no fill reported)"),
            count=counts["overdue"],
            url=url + "?status=overdue",
            description=_("Remind them to report their hires, or record a written warning."),
            urgent=True,
        ),
        Task(
            title=_("companies on the register that never reported"),
            count=counts["never"],
            url=url + "?status=never",
            description=_("No vacancy and no hire reported yet (Perpres 57/2023)."),
        ),
    ]
    return [task for task in tasks if task.count]


def company_ledger_section(user) -> list[Section]:
    """The company's own ledger: the last 12 months, overdue vacancies, warnings."""
    if not is_employer(user) or not user.company_id:
        return []
    from reports.views.compliance import ledger_context

    context = ledger_context(user.company)
    context["for_company"] = True
    return [Section("reports/_home_ledger.html", context)]
