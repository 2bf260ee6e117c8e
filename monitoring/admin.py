from django.contrib import admin

from monitoring.models import SdgIndicator


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through services or the reference data loader."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SdgIndicator)
class SdgIndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "target", "title")
    list_filter = ("target__goal",)
    search_fields = ("code", "title")
    list_select_related = ("target",)
