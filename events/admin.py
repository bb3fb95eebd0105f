from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.uploads import SAFE_IMAGES
from events.models import Attachment, Event, Registration, Report, Workshop
from events.report_forms import delete_report


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


class AttachmentInline(admin.TabularInline):
    """Files are added on the report's page, where each is checked from its bytes (and a
    removed one is deleted from the disk): here they are only listed."""

    model = Attachment
    extra = 0
    fields = ["kind", "file", "caption", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportAdminForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["event", "workshop", "title", "theme", "text", "video_url", "visibility"]

    def clean(self):
        cleaned = super().clean()
        event, workshop = cleaned.get("event"), cleaned.get("workshop")
        if event and workshop and workshop.event_id != event.pk:
            self.add_error("workshop", _("This workshop is not part of this event."))
        return cleaned


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    form = ReportAdminForm
    list_display = ["title", "event", "workshop", "theme", "visibility", "created_at"]
    list_filter = ["theme", "visibility"]
    search_fields = ["title", "text", "event__title"]
    autocomplete_fields = ["event"]
    readonly_fields = ["created_by", "updated_at"]
    list_select_related = ["event", "workshop"]
    inlines = [AttachmentInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        delete_report(obj)  # and its files

    def delete_queryset(self, request, queryset):
        for report in queryset:
            delete_report(report)
