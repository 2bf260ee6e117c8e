from __future__ import annotations

from guidebook.filtersets import GuidebookEditionFilterSet
from guidebook.selectors import edition_list
from programme.views import ScopedFilterView


class GuidebookEditionListView(ScopedFilterView):
    """Guidebook editions with their chapters."""

    template_name = "guidebook/edition_list.html"
    selector = staticmethod(edition_list)
    filterset_class = GuidebookEditionFilterSet
