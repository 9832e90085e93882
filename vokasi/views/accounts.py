"""Accounts: a new user chooses a password from the link an invitation e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link an invitation e-mails: a new user of a company chooses a password (Django's
    reset token, so the link works once and only until the password is set)."""

    template_name = "registration/password_set.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set: log in with it."))
        return super().form_valid(form)
