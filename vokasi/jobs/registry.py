"""The kinds of background job and who runs them.

``vokasi`` sits at the bottom of the import graph, so the apps register their kinds:
each app that has long work defines a ``jobs`` module calling ``register``; those
modules are discovered on first use by ``vokasi.contributions.discover``, the way the
admin finds ``admin.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass
class Outcome:
    """What a run leaves: the synchronous answer's body (``result``) when it succeeded,
    the row errors when it did not, and optionally a file to download."""

    result: dict | None = None
    errors: list[dict] = field(default_factory=list)
    message: str = ""
    output: bytes | None = None
    output_name: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.message


@dataclass(frozen=True)
class Kind:
    name: str
    label: str | Promise
    #: ``run(job, progress) -> Outcome``; all or nothing, like the synchronous path.
    run: Callable
    #: The page the job's own page links back to (``back(job) -> url``).
    back: Callable | None = None
    #: What that link says when it is the next step rather than a way back
    #: (``back_label(job) -> text``, or "" for "Back").
    back_label: Callable | None = None


_kinds: dict[str, Kind] = {}


def register(
    name: str,
    *,
    label,
    run: Callable,
    back: Callable | None = None,
    back_label: Callable | None = None,
) -> Kind:
    kind = Kind(name=name, label=label, run=run, back=back, back_label=back_label)
    _kinds[name] = kind
    return kind


def _discover() -> None:
    from vokasi.contributions import discover
    from vokasi.jobs import exports, scheduled  # noqa: F401  (vokasi's own kinds)

    discover("jobs")


def kind(name: str) -> Kind:
    _discover()
    return _kinds[name]


def kinds() -> dict[str, Kind]:
    _discover()
    return dict(_kinds)
