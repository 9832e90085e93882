"""Structured logging: one JSON object a line, each carrying the request it belongs to.

- ``JsonFormatter`` writes ``time``, ``level``, ``logger``, ``message``, the request's
  ``request_id``, ``user_id``, ``method`` and ``path``, and any ``extra={...}`` fields a
  caller adds (``rows``, ``errors``, ``upload_id``, ``event``...).
- ``RequestLogMiddleware`` gives every request an id (the proxy's ``X-Request-ID`` when it
  sends a sane one, a new one otherwise), answers it in ``X-Request-ID``, and logs one
  line a request with ``status`` and ``duration_ms``; a 403 is logged as the security
  event ``permission_denied``.
- Failed logins and lockouts are logged as security events (``login_failed``,
  ``lockout``) with a short hash of the username, never the username itself.

Log lines carry ids and counts, never personal data: the path is logged without its
query string (a search for a NIK stays out of the logs), and importers log how many
rows and errors, not their values.
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
import json
import logging
import re
import time
import uuid

_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request_log", default=None)
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
CONTEXT_FIELDS = ("request_id", "user_id", "method", "path")

request_logger = logging.getLogger("vokasi.request")
security_logger = logging.getLogger("vokasi.security")


class RequestContextFilter(logging.Filter):
    """Copies the current request's id, user, method and path onto every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _context.get() or {}
        if "user_id" not in context and context.get("request") is not None:
            context["user_id"] = _user_id(context["request"])
        for name in CONTEXT_FIELDS:
            if not hasattr(record, name):
                setattr(record, name, context.get(name))
        return True


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)  # set by authentication (DRF's too)
    if user is None or not user.is_authenticated:
        return None
    return user.pk


# What a database error says about the row it refused: PostgreSQL's DETAIL ("Failing row
# contains (…, 3672…, Siti …)", "Key (nik)=(3672…) already exists.") and the like.
_DB_DETAIL = re.compile(r"^([ \t]*)(DETAIL|HINT|CONTEXT|WHERE):[^\n]*", re.MULTILINE)
_FAILING_ROW = re.compile(r"Failing row contains \(.*?\)(?=\.?\s*$)", re.MULTILINE)
_KEY_VALUE = re.compile(r"Key \((?P<key>[^)]*)\)=\(.*?\)(?= )")
REDACTED = "[redacted]"
# Attributes a caller might attach that hold what a person sent.
_BODY_ATTRIBUTES = ("body", "data", "POST", "payload", "params")


def scrub(text: str) -> str:
    """``text`` without the values a database error quotes from the refused row."""
    text = _DB_DETAIL.sub(lambda m: f"{m.group(1)}{m.group(2)}: {REDACTED}", text)
    text = _FAILING_ROW.sub(f"Failing row contains ({REDACTED})", text)
    return _KEY_VALUE.sub(lambda m: f"Key ({m.group('key')})=({REDACTED})", text)


class ScrubFilter(logging.Filter):
    """On every handler: no log line carries a database error's row or a request body.

    The traceback of a failed INSERT quotes the whole row (a NIK, a name, an address);
    the text is replaced once on the record, so every formatter writes the scrubbed one.
    A request attached to a record is written as its method and path, not its query.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            record.request = f"{getattr(request, 'method', '')} {getattr(request, 'path', '')}"
        for name in _BODY_ATTRIBUTES:
            if name in record.__dict__:
                record.__dict__[name] = REDACTED
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and key not in line:
                line[key] = value
        if record.exc_info or record.exc_text:
            # exc_text when ScrubFilter has cleaned it.
            line["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def current_request_id() -> str | None:
    context = _context.get()
    return context.get("request_id") if context else None


class RequestLogMiddleware:
    """First in MIDDLEWARE: the request id and the timing cover everything else."""

    def __init__(self, get_response):
        self.get_response = get_response
        connect_security_events()

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        context = {
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "request": request,
        }
        token = _context.set(context)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            context["user_id"] = _user_id(request)
            response["X-Request-ID"] = request_id
            fields = {
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            if response.status_code == 403:
                fields["event"] = "permission_denied"
                request_logger.warning("permission denied", extra=fields)
            else:
                request_logger.info(
                    "%s %s %s", request.method, request.path, response.status_code, extra=fields
                )
            return response
        finally:
            _context.reset(token)


def username_hash(username: str) -> str:
    """Enough to see that failures concern the same account, not who it is."""
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:12]


def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or ""
    security_logger.warning(
        "login failed", extra={"event": "login_failed", "username_hash": username_hash(username)}
    )


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    security_logger.warning(
        "account locked out after repeated failed logins",
        extra={"event": "lockout", "username_hash": username_hash(username or "")},
    )


def connect_security_events() -> None:
    """Log failed logins and lockouts (called when the middleware loads; the settings
    import this module before the apps are ready, so nothing is connected at import)."""
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_login_failed

    user_login_failed.connect(_login_failed, dispatch_uid="vokasi.logging_json.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="vokasi.logging_json.lockout")


def log_import(kind: str, *, rows: int, errors: int, status: int, **fields) -> None:
    """One line an import (or refused upload): counts and ids only, never values.
    (Field names must not be LogRecord attributes such as ``created``.)"""
    logging.getLogger("vokasi.imports").info(
        "%s import: %s rows, %s errors", kind, rows, errors,
        extra={"event": "import", "import": kind, "rows": rows, "errors": errors,
               "status": status, **fields},
    )  # fmt: skip


def log_import_result(kind: str, result, **fields) -> None:
    """``log_import`` for an ``ImportResult``."""
    rows = result.created + result.updated + result.unchanged + len({e.row for e in result.errors})
    log_import(kind, rows=rows, errors=len(result.errors),
               status=400 if result.errors else 200, dry_run=result.dry_run,
               rows_created=0 if result.dry_run else result.created, **fields)  # fmt: skip
