"""Change history of the audited models (django-simple-history), and its channel.

Each audited model declares ``history = audited_history()``; every save and delete
through the ORM then writes a ``Historical<Model>`` row with the whole record as it was,
who did it (``history_user``: the logged-in person on a page, the key's owner on the API)
and the channel it came through (web page, API, admin, a command). Readers:
``vokasi.audit`` (the /audit/ page, purging one person's history) and the admin.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class Channel(models.TextChoices):
    WEB = "web", _("web page")
    API = "api", _("API")
    ADMIN = "admin", _("admin")
    IMPORT = "import", _("file import")
    COMMAND = "command", _("command or scheduled task")


class HistoryChannel(models.Model):
    """The extra column every historical table has: where the change came from."""

    history_channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, blank=True
    )

    class Meta:
        abstract = True


_channel: contextvars.ContextVar[str] = contextvars.ContextVar("audit_channel", default="")


@contextlib.contextmanager
def audit_channel(channel: str) -> Iterator[None]:
    """Label the changes made inside the block (e.g. ``Channel.IMPORT``, ``Channel.COMMAND``)."""
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)


def current_channel() -> str:
    """The explicit channel, else the one the current request's path says, else command."""
    explicit = _channel.get()
    if explicit:
        return explicit
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return Channel.COMMAND
    path = request.path
    if path.startswith("/api/"):
        return Channel.API
    if path.startswith("/admin/"):
        return Channel.ADMIN
    return Channel.WEB


def audited_history(*, excluded_fields: list[str] | None = None) -> HistoricalRecords:
    """The ``history`` attribute of an audited model."""
    return HistoricalRecords(
        bases=[HistoryChannel], excluded_fields=excluded_fields or [], cascade_delete_history=False
    )


@receiver(pre_create_historical_record)
def _label_channel(sender, history_instance, **kwargs) -> None:
    if hasattr(history_instance, "history_channel") and not history_instance.history_channel:
        history_instance.history_channel = current_channel()
