"""A company's users: its administrator or the office keeping its register invites
colleagues (an employer user with no password yet, e-mailed a link to set one) and
deactivates them (their API keys revoked)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from vokasi.models import Company, Role, User
from vokasi.roles import has_role


def may_manage_users(user: User, company: Company) -> bool:
    """The company's own administrator, an officer of the office keeping its register,
    an admin."""
    if has_role(user, {Role.ADMIN}):
        return True
    if has_role(user, {Role.OFFICER}):
        return company.office_id is not None and company.office_id == user.office_id
    return user.role == Role.EMPLOYER and user.company_id == company.pk and user.company_admin


def set_password_path(user: User) -> str:
    """The path of the set-password page for ``user`` (Django's reset token)."""
    return reverse(
        "password-set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


@transaction.atomic
def company_user_invite(
    *,
    company: Company,
    email: str,
    by: User,
    name: str = "",
    username: str = "",
    admin: bool = False,
    site_url: str = "",
) -> User:
    """A new employer user of ``company`` with no password yet; e-mails them a link to
    set one (``site_url`` is the scheme and host the link starts with)."""
    if not may_manage_users(by, company):
        raise ValidationError(_("Only the company's administrator or its office invites users."))
    email, username, name = _invitee(email=email, username=username, name=name)
    first, _sep, last = name.partition(" ")
    user = User(
        username=username,
        email=email,
        first_name=first[:150],
        last_name=last[:150],
        role=Role.EMPLOYER,
        company=company,
        company_admin=bool(admin),
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise ValidationError({"username": _("This username is taken: choose another.")}) from error
    _send_invitation(user, by=by, site_url=site_url)
    return user


def _invitee(*, email: str, username: str, name: str) -> tuple[str, str, str]:
    """The new user's ``(email, username, name)`` checked and trimmed; the username is
    the e-mail address (lower case) unless one is given."""
    errors: dict[str, list[str]] = {}
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Not an email address.")]
    username = (username or "").strip() or email.lower()
    if not re.fullmatch(r"[\w.@+-]{1,150}", username):
        errors["username"] = [
            _("A username has at most 150 letters, digits and @ . + - _ characters.")
        ]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("This username is taken: choose another.")]
    name = (name or "").strip()
    if len(name) > 150:
        errors["name"] = [_("At most %(n)d characters.") % {"n": 150}]
    if errors:
        raise ValidationError(errors)
    return email, username, name


def _send_invitation(user: User, *, by: User, site_url: str) -> None:
    """E-mail the invited user their username and the link that sets their password."""
    company = user.company
    link = site_url.rstrip("/") + set_password_path(user)
    send_mail(
        _("Your Vokasi account for %(company)s") % {"company": company.name},
        _(
            "%(by)s has opened a Vokasi account for you at %(company)s.\n\n"
            "Your username: %(username)s\n"
            "Choose your password here (the link works once): %(link)s\n"
        )
        % {
            "by": by.get_full_name() or by.username,
            "company": company.name,
            "username": user.username,
            "link": link,
        },
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


@transaction.atomic
def company_user_deactivate(*, user: User, by: User) -> User:
    """The colleague can no longer log in, and every key of theirs is revoked."""
    from vokasi.auth import api_key_revoke

    if user.company_id is None or not may_manage_users(by, user.company):
        raise ValidationError(_("Only the company's administrator or its office does this."))
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    for key in user.api_keys.filter(revoked_at__isnull=True):
        api_key_revoke(key=key)
    return user
