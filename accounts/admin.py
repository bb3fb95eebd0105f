from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["display_name"]
    list_display = ["display_name", "email", "is_coordinator", "is_facilitator", "is_active"]
    list_filter = ["is_coordinator", "is_facilitator", "is_staff", "is_active", "language"]
    search_fields = ["display_name", "email", "phone"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["display_name", "phone", "language"]}),
        (_("Roles"), {"fields": ["is_coordinator", "is_facilitator", "is_staff", "is_superuser"]}),
        (_("Access"), {"fields": ["is_active", "groups", "user_permissions", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "display_name", "usable_password", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Whoever the coordinator adds can log in by code at once.
        obj.record_email(verified=False)
