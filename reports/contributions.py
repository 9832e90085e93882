"""What ``reports`` adds to the registries of the apps below it (``vokasi.contributions``):
the home page's agreement tasks (expiring soon, behind target). Discovered at start-up.
"""

from __future__ import annotations

from reports.tasks import agreement_tasks
from vokasi import home

home.providers.register(agreement_tasks)
