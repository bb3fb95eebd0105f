from django.contrib import admin

from core.uploads import SAFE_IMAGES
from groups.models import (
    Equipment,
    FoodHub,
    Group,
    GroupStatusChange,
    Invitation,
    Kitchen,
    KitchenBooking,
    Membership,
    Partner,
)
from groups.services import record_status


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]


class EquipmentInline(admin.TabularInline):
    model = Equipment
    extra = 1


@admin.register(Kitchen)
class KitchenAdmin(admin.ModelAdmin):
    formfield_overrides = SAFE_IMAGES
    list_display = ["name", "commune", "host", "capacity"]
    list_filter = ["commune"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host"]
    inlines = [EquipmentInline]


@admin.register(FoodHub)
class FoodHubAdmin(admin.ModelAdmin):
    list_display = ["name", "kitchen"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "share_phone", "joined_on", "left_on"]


class StatusChangeInline(admin.TabularInline):
    model = GroupStatusChange
    extra = 0
    fields = ["status", "changed_on", "changed_by", "note"]
    readonly_fields = ["changed_by"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    formfield_overrides = SAFE_IMAGES
    list_display = ["name", "status", "commune", "neighbourhood", "facilitator", "food_hub"]
    list_filter = ["status", "commune", "frequency", "facilitator", "food_hub"]
    search_fields = ["name", "neighbourhood", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partner", "facilitator", "kitchens"]
    inlines = [MembershipInline, StatusChangeInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The status history is what the yearly figures read: every change is dated.
        if not change or "status" in form.changed_data:
            record_status(obj, by=request.user)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "group", "role", "joined_on", "left_on"]
    list_filter = ["role", "group"]
    search_fields = ["person__display_name", "person__email", "group__name"]
    autocomplete_fields = ["person", "group"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["group", "created_at", "expires_at", "uses", "max_uses", "revoked_at"]
    list_filter = ["group"]
    search_fields = ["group__name"]
    readonly_fields = ["token", "uses", "revoked_at"]


@admin.register(KitchenBooking)
class KitchenBookingAdmin(admin.ModelAdmin):
    """Read-only here: bookings go through the app, which prevents double booking."""

    list_display = ["kitchen", "group", "starts_at", "ends_at", "booked_by"]
    list_filter = ["kitchen", "group"]
    search_fields = ["kitchen__name", "group__name", "note"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Facilitation ---------------------------------------------------------------------------
