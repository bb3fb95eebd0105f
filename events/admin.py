from django.contrib import admin

from events.models import Event, Registration, Workshop
from groups.admin import SAFE_IMAGES


class WorkshopInline(admin.TabularInline):
    model = Workshop
    extra = 1
    fields = ["slot", "title", "host", "places"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Coordinators publish events here for now (an in-app form is to come)."""

    formfield_overrides = SAFE_IMAGES
    list_display = ["title", "kind", "starts_at", "audience", "capacity", "cancelled_at"]
    list_filter = ["kind", "audience"]
    search_fields = ["title", "description"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["kitchen"]
    readonly_fields = ["cancelled_at", "created_by"]
    inlines = [WorkshopInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only here: places change through the app, which keeps capacity and waiting
    lists right."""

    list_display = ["event", "workshop", "person", "name", "status", "companions", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "person__display_name", "event__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
