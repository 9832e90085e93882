from __future__ import annotations

from django_tables2 import SingleTableView

from placements.models import Placement
from placements.tables import PlacementTable
from placements.views.access import READERS, RoleRequiredMixin


class PlacementListView(RoleRequiredMixin, SingleTableView):
    roles = READERS
    table_class = PlacementTable
    template_name = "placements/placement_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker", "vacancy")
            .order_by("-start_date", "-id")
        )
