"""What the apps contribute to each other, gathered one way.

Imports point down only (``reports → placements → trainees → vokasi``), so when a lower
app shows something an upper app owns — the home page's tasks, a person's timeline, the
sections of a personal-data export, the places an anonymisation erases — the lower app
declares a ``Registry`` and every app adds its pieces from ONE module of its own,
``<app>/contributions.py``. Those modules are imported at start-up
(``VokasiConfig.ready``) by ``discover``, which is Django's ``autodiscover_modules``, the
way the admin finds ``admin.py``; the kinds of background job are found the same way in
each app's ``jobs.py`` (``vokasi.jobs.registry``).

A registry keeps its items in the order they were added: the apps are discovered in
``INSTALLED_APPS`` order (vokasi, trainees, placements, reports), so an app's pieces come
after those of the apps below it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")

_discovered: set[str] = set()


def discover(module_name: str = "contributions") -> None:
    """Import ``<app>.<module_name>`` of every installed app, once."""
    if module_name not in _discovered:
        autodiscover_modules(module_name)
        _discovered.add(module_name)


class Registry(Generic[T]):
    """The pieces the apps contribute to one place; reading it discovers them first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[T] = []

    def register(self, item: T) -> T:
        """Add ``item`` (once; usable as a decorator) and return it."""
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self) -> Iterator[T]:
        discover()
        return iter(list(self._items))

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._items)}>"
