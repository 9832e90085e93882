"""The "next tasks" on each role's home page, and the sections an app adds below them.

``vokasi`` sits at the bottom of the import graph, so it cannot ask the other apps for
their tasks directly. Each app registers its task providers in its ``contributions``
module (``vokasi.contributions``); a provider takes the user and returns the tasks it
has for them (an empty list when it has none for that role).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from vokasi.contributions import Registry


@dataclass(frozen=True)
class Task:
    title: str | Promise
    count: int
    url: str = ""
    description: str | Promise = ""
    urgent: bool = False


TaskProvider = Callable[[object], list[Task]]
#: The task providers, in the order the apps add them.
providers: Registry[TaskProvider] = Registry("home-page tasks")


def tasks_for(user) -> list[Task]:
    tasks: list[Task] = []
    for provider in providers:
        tasks.extend(provider(user))
    return tasks


@dataclass(frozen=True)
class Section:
    """A block of the home page an upper app renders: its template and what it needs."""

    template: str
    context: dict


SectionProvider = Callable[[object], list[Section]]
#: The home page's sections (e.g. a company's reporting ledger), in the order added.
sections: Registry[SectionProvider] = Registry("home-page sections")


def sections_for(user) -> list[Section]:
    found: list[Section] = []
    for provider in sections:
        found.extend(provider(user))
    return found
