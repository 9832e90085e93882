"""Audit: who viewed or exported personal data, and the change history across models.

- ``record_access(request, action, what, ...)``: one ``AccessLog`` row per request that
  shows or hands out personal data (a person's page, an export, a drill-down).
- ``recent_changes(...)``: the historical rows of every audited model (``vokasi.history``),
  newest first, with the fields each change touched — the admins' /audit/ page.
- ``purge_history(instance)``: remove the old versions of one object, for erasure.

The bulk paths (the job-seeker file import and the cohort results upload) write with
``bulk_create``/``bulk_update`` and keep their own trail: ``ResultUpload`` and
``TrainingResultChange`` for results, the import's summary for registrations.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_manager_for_model

from vokasi.history import current_channel
from vokasi.models import AccessLog
from vokasi.personal import MASKED_FIELDS, mask_nik

Action = AccessLog.Action


# ------------------------------------------------------------------------- access log


def _client_ip(request) -> str | None:
    try:
        from axes.helpers import get_client_ip_address

        ip = get_client_ip_address(request)
    except Exception:
        ip = request.META.get("REMOTE_ADDR")
    return ip or None


def record_access(
    request: HttpRequest,
    action: str,
    what: models.Model | type[models.Model] | str,
    *,
    object_id: object = "",
    people: int = 1,
    filters: str | None = None,
) -> AccessLog | None:
    """Log that ``request.user`` saw or took personal data: one insert per request.

    ``what`` is a model instance (its label and pk are recorded), a model class, or an
    export's name. ``filters`` defaults to the request's query string.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if isinstance(what, models.Model):
        object_id = object_id or what.pk
        target = what._meta.label_lower
    elif isinstance(what, type) and issubclass(what, models.Model):
        target = what._meta.label_lower
    else:
        target = str(what)
    if filters is None:
        filters = request.GET.urlencode() if hasattr(request, "GET") else ""
    path = request.path
    return AccessLog.objects.create(
        user=user,
        username=user.get_username(),
        action=action,
        target=target[:80],
        object_id=str(object_id or "")[:40],
        filters=filters[:500],
        people=max(int(people), 0),
        path=path[:300],
        ip=_client_ip(request),
        via_api=path.startswith("/api/"),
    )


class AccessLoggedRetrieveMixin:
    """For a DRF viewset: log each ``retrieve`` of an object as a view of personal data."""

    # (The docstring above is the API schema's description of the viewsets that use this
    # mixin without their own: keep it as it is.)

    #: The model logged. Unset, it is the model of ``get_queryset()``: a queryset built
    #: (scoped, joined, ordered) per request only to learn its model.
    access_logged_model: type[models.Model] | None = None

    def _logged_model(self) -> type[models.Model]:
        return self.access_logged_model or self.get_queryset().model

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        record_access(
            request,
            Action.VIEW,
            self._logged_model(),
            object_id=self.kwargs.get(self.lookup_url_kwarg or self.lookup_field),
        )
        return response

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        data = response.data
        rows = data.get("results", []) if isinstance(data, dict) else data
        record_access(request, Action.LIST, self._logged_model(), people=len(rows))
        return response


# ---------------------------------------------------------------------------- history


def audited_models() -> list[type[models.Model]]:
    """Every model that keeps a change history, in app and model order."""
    found = [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
        and not model.__name__.startswith("Historical")
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def history_model(model: type[models.Model]) -> type[models.Model]:
    return get_history_manager_for_model(model).model


@transaction.atomic
def purge_history(instance: models.Model, *, keep_current: bool = True) -> int:
    """Delete every old version of ``instance``; returns how many rows went.

    For erasure: once a person's record is anonymised, the history must not keep the
    old name, NIK or address. With ``keep_current`` (and the object still existing) one
    new row of its present (anonymised) state is written, marked "history purged", so
    the audit shows that and when the purge happened, and by whom.
    """
    model = type(instance)
    history = history_model(model)
    deleted, _rows = history.objects.filter(id=instance.pk).delete()
    if keep_current and model._default_manager.filter(pk=instance.pk).exists():
        instance._change_reason = "history purged"
        get_history_manager_for_model(model).bulk_history_create(
            [instance],
            update=True,
            default_change_reason="history purged",
            custom_historical_attrs={"history_channel": current_channel()},
        )
        del instance._change_reason
    return deleted


def purge_histories(model: type[models.Model], ids: Iterable[int]) -> int:
    """Delete every old version of the ``model`` objects ``ids`` (many at once)."""
    ids = list(ids)
    total = 0
    for start in range(0, len(ids), 1000):
        deleted, _rows = (
            history_model(model).objects.filter(id__in=ids[start : start + 1000]).delete()
        )
        total += deleted
    return total


def with_history(objs: Sequence[models.Model], model: type[models.Model], *, update: bool):
    """Write the history rows of objects saved with ``bulk_create``/``bulk_update``."""
    if objs:
        get_history_manager_for_model(model).bulk_history_create(
            objs,
            update=update,
            custom_historical_attrs={"history_channel": current_channel()},
        )


# ------------------------------------------------------------------ change list (/audit/)

CHANGE_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclasses.dataclass(frozen=True)
class ChangeFilters:
    model: str = ""  # label_lower of an audited model, or all
    user_id: int | None = None
    change_type: str = ""
    channel: str = ""
    object_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclasses.dataclass
class FieldChange:
    field: str  # the column ("name")
    label: str  # what people call it ("nama")
    before: object
    after: object


@dataclasses.dataclass
class Change:
    at: datetime.datetime
    model: type[models.Model]
    object_id: int
    change_type: str
    user: object
    channel: str
    reason: str
    changes: list[FieldChange]

    @property
    def model_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def type_label(self) -> str:
        return str(CHANGE_TYPES.get(self.change_type, self.change_type))


def _filtered(model: type[models.Model], filters: ChangeFilters) -> models.QuerySet:
    qs = history_model(model).objects.all()
    if filters.user_id:
        qs = qs.filter(history_user_id=filters.user_id)
    if filters.change_type:
        qs = qs.filter(history_type=filters.change_type)
    if filters.channel:
        qs = qs.filter(history_channel=filters.channel)
    if filters.object_id:
        qs = qs.filter(id=filters.object_id)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        start = datetime.datetime.combine(filters.date_from, datetime.time.min, tzinfo=tz)
        qs = qs.filter(history_date__gte=start)
    if filters.date_to:
        end = datetime.datetime.combine(
            filters.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        qs = qs.filter(history_date__lt=end)
    return qs


def _models_for(filters: ChangeFilters) -> list[type[models.Model]]:
    every = audited_models()
    if filters.model:
        return [m for m in every if m._meta.label_lower == filters.model]
    return every


def count_changes(filters: ChangeFilters) -> int:
    return sum(_filtered(model, filters).count() for model in _models_for(filters))


def recent_changes(filters: ChangeFilters, *, offset: int = 0, limit: int = 50) -> list[Change]:
    """One page of changes across the audited models, newest first.

    Each model gives its newest ``offset + limit`` keys; the merged page is then read in
    full (with the previous version of each row, for the diff): a bounded number of
    queries per model, whatever the page.
    """
    keys = []
    for model in _models_for(filters):
        rows = (
            _filtered(model, filters)
            .order_by("-history_date", "-history_id")
            .values_list("history_date", "history_id")[: offset + limit]
        )
        keys.extend((at, history_id, model) for at, history_id in rows)
    keys.sort(key=lambda key: (key[0], key[1]), reverse=True)
    page = keys[offset : offset + limit]
    wanted: dict[type[models.Model], list[int]] = {}
    for _at, history_id, model in page:
        wanted.setdefault(model, []).append(history_id)
    loaded: dict[tuple[type[models.Model], int], Change] = {}
    for model, history_ids in wanted.items():
        for change in _changes_of(model, history_ids):
            loaded[(model, change[0])] = change[1]
    return [loaded[(model, history_id)] for _at, history_id, model in page]


def _changes_of(model: type[models.Model], history_ids: list[int]):
    history = history_model(model)
    previous = (
        history.objects.filter(id=OuterRef("id"), history_date__lte=OuterRef("history_date"))
        .exclude(history_id=OuterRef("history_id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    records = list(
        history.objects.filter(history_id__in=history_ids)
        .select_related("history_user")
        .annotate(previous_id=Subquery(previous))
    )
    before = history.objects.in_bulk([r.previous_id for r in records if r.previous_id])
    tracked = {field.attname: field for field in history.tracked_fields}
    for record in records:
        changes: list[FieldChange] = []
        prior = before.get(record.previous_id)
        if record.history_type == "~" and prior is not None:
            for attname, field in tracked.items():
                old, new = getattr(prior, attname), getattr(record, attname)
                if old != new:
                    if attname in MASKED_FIELDS:  # a correction shows, the NIK does not
                        old, new = mask_nik(old or ""), mask_nik(new or "")
                    changes.append(FieldChange(attname, str(field.verbose_name), old, new))
        yield (
            record.history_id,
            Change(
                at=record.history_date,
                model=model,
                object_id=record.id,
                change_type=record.history_type,
                user=record.history_user,
                channel=record.history_channel,
                reason=record.history_change_reason or "",
                changes=changes,
            ),
        )
