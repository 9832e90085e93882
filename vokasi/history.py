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
from django.utils.text import format_lazy
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


_acting_user: contextvars.ContextVar = contextvars.ContextVar("audit_user", default=None)


@contextlib.contextmanager
def acting_as(user) -> Iterator[None]:
    """Attribute the changes made inside the block to ``user`` (commands, scheduled tasks)."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def history_user(instance=None, request=None, **kwargs):
    """Who a change is by: ``acting_as``'s user, else the request's (session or API key).

    DRF authenticates a key inside the view, after the middleware; it then sets the user
    on the Django request too, which is the one the history reads here, at save time.
    """
    user = _acting_user.get()
    if user is not None:
        return user
    request = request or getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


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


class TranslatedHistoricalRecords(HistoricalRecords):
    """simple_history names the tables "historical <name>" in English, once, at import;
    here the name stays lazy and translated ("riwayat pencari kerja" in the admin). Its
    English text is unchanged, so the migrations see no change."""

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy(_("historical {}"), model._meta.verbose_name)
        options["verbose_name_plural"] = format_lazy(
            _("historical {}"), model._meta.verbose_name_plural
        )
        return options


def audited_history(*, excluded_fields: list[str] | None = None) -> HistoricalRecords:
    """The ``history`` attribute of an audited model."""
    return TranslatedHistoricalRecords(
        bases=[HistoryChannel],
        excluded_fields=excluded_fields or [],
        get_user=history_user,
    )


@receiver(pre_create_historical_record)
def _label_channel(sender, history_instance, **kwargs) -> None:
    if hasattr(history_instance, "history_channel") and not history_instance.history_channel:
        history_instance.history_channel = current_channel()
