"""What ``reports`` adds to the registries of the apps below it (``vokasi.contributions``):
the home page's agreement tasks (expiring soon, behind target), the reporting duty's
tasks and the company's own ledger. Discovered at start-up.
"""

from __future__ import annotations

from reports.tasks import agreement_tasks, company_ledger_section, compliance_tasks
from vokasi import home

home.providers.register(agreement_tasks)
home.providers.register(compliance_tasks)
home.sections.register(company_ledger_section)
