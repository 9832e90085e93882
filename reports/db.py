"""Every report query runs under ``vokasi.db.planner_settings`` (no JIT, a larger
``work_mem``: setting ``VOKASI["REPORT_WORK_MEM_MB"]``, 128), read when the report runs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings

from vokasi.db import planner_settings

T = TypeVar("T")


def report_query(func: Callable[..., T]) -> Callable[..., T]:
    @wraps(func)
    def wrapper(*args, **kwargs) -> T:
        with planner_settings(int(settings.VOKASI.get("REPORT_WORK_MEM_MB", 128))):
            return func(*args, **kwargs)

    return wrapper
