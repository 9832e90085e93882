"""The "next tasks" on each role's home page, and the sections an app adds below them.

``vokasi`` sits at the bottom of the import graph, so it cannot ask the other apps for
their tasks directly. Each app registers its task providers in its ``contributions``
module (``vokasi.contributions``); a provider takes the user and returns the tasks it
has for them (an empty list when it has none for that role). Their links, and the
navigation of every page, come from ``constant_url``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise

from vokasi.contributions import Registry


def constant_url(name: str) -> str:
    """The path of the URL ``name`` that takes no arguments (``reverse(name)``), reversed
    once per process: such a name always gives the same path for a given script prefix
    and URLconf, and the home page and the navigation ask for some twenty of them on
    every request. Raises ``NoReverseMatch`` as ``reverse`` does (and is asked again
    next time) when no such URL is installed."""
    return _reversed(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, urlconf: str) -> str:
    # ``prefix`` is in the key only: ``reverse`` reads the current one itself.
    return reverse(name, urlconf=urlconf)


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
