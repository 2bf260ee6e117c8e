import django_filters

from guidebook.choices import ChapterStatus, EditionStatus
from guidebook.models import Chapter, GuidebookEdition


class GuidebookEditionFilterSet(django_filters.FilterSet):
    """Filters for Guidebook edition lists, shared by the UI and the API."""

    status = django_filters.ChoiceFilter(choices=EditionStatus.choices)

    class Meta:
        model = GuidebookEdition
        fields = ["status"]


class ChapterFilterSet(django_filters.FilterSet):
    """Filters for chapter lists, shared by the UI and the API."""

    status = django_filters.ChoiceFilter(choices=ChapterStatus.choices)

    class Meta:
        model = Chapter
        fields = ["edition", "status", "lead_organisation"]
