from django.contrib import admin

from facilitation.models import Contact, FacilitationReminder, FollowUp


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["group", "contacted_on", "channel", "by", "next_contact_on"]
    list_filter = ["channel", "group__facilitator", "group"]
    search_fields = ["group__name", "news", "resources", "next_steps"]
    date_hierarchy = "contacted_on"
    autocomplete_fields = ["group", "by"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["group", "rhythm_days"]
    search_fields = ["group__name"]
    autocomplete_fields = ["group"]


@admin.register(FacilitationReminder)
class FacilitationReminderAdmin(admin.ModelAdmin):
    """Read-only: what the weekly command sent (it never sends a week twice)."""

    list_display = ["facilitator", "week", "sent_at"]
    list_filter = ["week"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
