from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from placements.forms.apikeys import ApiKeyForm
from vokasi.auth import api_key_issue, api_key_revoke
from vokasi.models import ApiKey
from vokasi.roles import COMPANY, RoleRequiredMixin


@method_decorator(never_cache, name="dispatch")
class ApiKeyListView(RoleRequiredMixin, View):
    """A company user's own keys: issue one (shown once) and revoke."""

    roles = COMPANY
    template_name = "placements/apikey_list.html"

    def render_page(self, request, form, new_key: str = "", status: int = 200):
        keys = request.user.api_keys.order_by("-created_at", "-id")
        return render(
            request,
            self.template_name,
            {"keys": keys, "form": form, "new_key": new_key, "now": timezone.now()},
            status=status,
        )

    def get(self, request):
        return self.render_page(request, ApiKeyForm())

    def post(self, request):
        form = ApiKeyForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        days = form.cleaned_data["days"]
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        _key, raw = api_key_issue(
            user=request.user, name=form.cleaned_data["name"], expires_at=expires_at
        )
        # Rendered, not redirected: the key exists in this one response only.
        return self.render_page(request, ApiKeyForm(), new_key=raw)


class ApiKeyRevokeView(RoleRequiredMixin, View):
    roles = COMPANY

    def post(self, request, pk: int):
        # One's own keys; a company's administrator also its colleagues' keys.
        keys = ApiKey.objects.filter(user=request.user)
        if request.user.company_admin:
            keys = ApiKey.objects.filter(user__company_id=request.user.company_id)
        key = get_object_or_404(keys, pk=pk)
        api_key_revoke(key=key)
        messages.success(request, _("The key is revoked."))
        if key.user_id != request.user.pk:
            return redirect("placements:company-users")
        return redirect("placements:apikey-list")
