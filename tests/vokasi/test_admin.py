"""Every model of ours is in the admin, and its list page opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

OUR_APPS = ("vokasi", "trainees", "placements", "reports")


def our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def test_every_model_is_registered_in_the_admin():
    missing = [m._meta.label for m in our_models() if m not in admin.site._registry]
    assert not missing, f"not in the admin: {missing}"


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_each_admin_list_page_opens(client, world, model):
    client.force_login(world.admin)
    meta = model._meta
    changelist = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert changelist.status_code == 200
