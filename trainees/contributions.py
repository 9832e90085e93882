"""What ``trainees`` adds to the registries of the apps below it and its own
(``vokasi.contributions``): the home page's tasks and the first events of a person's
timeline. Discovered at start-up; the order here is the order they appear.
"""

from __future__ import annotations

from trainees import tasks, timeline
from trainees.models import JobSeeker
from trainees.tables import STATUS_BADGE
from vokasi import formatting, home

# Home page: the officer's report-backs and duplicates, the trainer's results and places.
home.providers.register(tasks.report_back_tasks)
home.providers.register(tasks.results_to_upload)
home.providers.register(tasks.places_to_fill)

# A person's timeline: registration and report-backs, then training.
timeline.providers.register(timeline.registration_events)
timeline.providers.register(timeline.training_events)

# The colour of a job seeker's status on its page, as in the list.
formatting.status_colours.register((JobSeeker, STATUS_BADGE))
