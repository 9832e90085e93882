from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_tables2 import SingleTableView

from placements.models import Placement
from placements.tables import PlacementTable
from placements.views.access import READERS, RoleRequiredMixin
from vokasi.exports import ListExportMixin


class PlacementListView(RoleRequiredMixin, ListExportMixin, SingleTableView):
    roles = READERS
    export_name = _("placements")
    export_personal_data = "placements: list"
    table_class = PlacementTable
    template_name = "placements/placement_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker", "vacancy")
            .order_by("-start_date", "-id")
        )
