"""An uploaded file kept between its preview (the dry run) and the user's "confirm".

The page checks the file and shows what it would change; the file waits in storage
under a random token kept in the user's session, and the confirmation applies exactly
that file. It holds personal data, so a file never confirmed is deleted after a day.

"Confirm" pressed twice sends two requests with the same session, so both find the
token: the first to claim it (in the cache all workers share) gets the file, the other
is told it was already used; a file already gone says the same.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

#: The session's map of token → what the file is for.
SESSION_KEY = "vokasi.staged_uploads"
STAGING_DIR = "staged-uploads"
KEEP_FOR = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class Staged:
    """A file taken back from staging: its bytes, its name and what it was kept for."""

    data: bytes
    name: str
    meta: dict


class Expired(Exception):
    """The token is unknown to this session, or was kept for something else."""


class AlreadyUsed(Exception):
    """Another request (the same "confirm" pressed twice) has taken the file."""


def upload_stage(request, upload, **meta) -> str:
    """Keep ``upload`` for a later confirmation; answers its token. ``meta`` (JSON
    values, e.g. the cohort's id and the file's digest) comes back with the file."""
    _purge_abandoned()
    token = uuid.uuid4().hex
    upload.seek(0)
    path = default_storage.save(f"{STAGING_DIR}/{token}.bin", ContentFile(upload.read()))
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"path": path, "name": upload.name, "meta": meta}
    request.session[SESSION_KEY] = pending
    return token


def upload_take(request, token: str, **expected) -> Staged:
    """The file kept under ``token``, removed from staging. Raises ``Expired`` when this
    session does not hold it (or ``expected`` meta differs: another cohort's file) and
    ``AlreadyUsed`` when another request took it first."""
    pending = request.session.get(SESSION_KEY, {})
    kept = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if kept is None or any(kept["meta"].get(k) != v for k, v in expected.items()):
        raise Expired(token)
    claimed = cache.add(f"{SESSION_KEY}:{token}", True, timeout=int(KEEP_FOR.total_seconds()))
    if not claimed:
        raise AlreadyUsed(token)
    try:
        with default_storage.open(kept["path"], "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise AlreadyUsed(token) from None
    default_storage.delete(kept["path"])
    return Staged(data=data, name=kept["name"], meta=kept["meta"])


def _purge_abandoned() -> None:
    """Files checked but never confirmed hold personal data: keep them a day at most."""
    cutoff = timezone.now() - KEEP_FOR
    try:
        _dirs, files = default_storage.listdir(STAGING_DIR)
        for name in files:
            path = f"{STAGING_DIR}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
    except (FileNotFoundError, NotImplementedError):
        return  # nothing kept yet, or a storage that cannot list: nothing to purge
