"""The "next tasks" on each role's home page.

``vokasi`` sits at the bottom of the import graph, so it cannot ask the other apps for
their tasks directly. Each app registers its task providers in ``AppConfig.ready()``;
a provider takes the user and returns the tasks it has for them (an empty list when
it has none for that role).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Task:
    title: str | Promise
    count: int
    url: str = ""
    description: str | Promise = ""
    urgent: bool = False


TaskProvider = Callable[[object], list[Task]]
_providers: list[TaskProvider] = []


def register(provider: TaskProvider) -> TaskProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def tasks_for(user) -> list[Task]:
    tasks: list[Task] = []
    for provider in _providers:
        tasks.extend(provider(user))
    return tasks
