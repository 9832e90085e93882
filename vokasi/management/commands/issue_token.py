"""``manage.py issue_token <username>``: print a new API key for a user (shown once)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vokasi.auth import api_key_issue
from vokasi.models import User


class Command(BaseCommand):
    help = "Issue a new API key for a user and print it. The key is not shown again."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label to recognise the key by.")
        parser.add_argument(
            "--days", type=int, default=None, help="Expire the key after this many days."
        )

    def handle(self, *args, username: str, name: str, days: int | None, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is not active.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        _key, raw = api_key_issue(user=user, name=name or "issue_token", expires_at=expires_at)
        self.stdout.write(raw)
