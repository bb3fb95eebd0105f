from django.contrib import admin
from django.db import models

from core.uploads import SAFE_IMAGES, AudioUploadField
from recipes.forms import FoodForm, season_field
from recipes.models import Food, Ingredient, Price, Recipe, RecipeEquipment, Step


class PriceInline(admin.TabularInline):
    model = Price
    extra = 1
    fields = ["amount_cents", "quantity", "unit", "source", "observed_on", "group"]
    autocomplete_fields = ["group"]


@admin.register(Food)
class FoodAdmin(admin.ModelAdmin):
    form = FoodForm
    list_display = ["name", "name_nl", "name_en", "category", "sold_by", "is_meat", "is_fish"]
    list_filter = ["category", "sold_by", "is_meat", "is_fish", "is_dairy", "is_egg"]
    search_fields = ["name", "plural", "name_nl", "plural_nl", "name_en", "plural_en"]
    inlines = [PriceInline]


@admin.register(Price)
class PriceAdmin(admin.ModelAdmin):
    list_display = ["food", "amount_cents", "quantity", "unit", "source", "observed_on", "group"]
    list_filter = ["group", "observed_on"]
    search_fields = ["food__name", "source"]
    autocomplete_fields = ["food", "group"]
    date_hierarchy = "observed_on"


class IngredientInline(admin.TabularInline):
    model = Ingredient
    extra = 1
    autocomplete_fields = ["food"]
    fields = ["position", "food", "quantity", "unit", "note", "scales"]


class EquipmentInline(admin.TabularInline):
    model = RecipeEquipment
    extra = 1
    fields = ["position", "name", "size", "quantity", "scales"]


class StepInline(admin.StackedInline):
    model = Step
    extra = 1
    fields = ["position", "text", "photo", "audio"]
    formfield_overrides = {**SAFE_IMAGES, models.FileField: {"form_class": AudioUploadField}}


class RecipeAdminForm(FoodForm.__base__):
    season = season_field()

    class Meta:
        model = Recipe
        fields = "__all__"


@admin.register(Recipe)
class RecipeAdmin(admin.ModelAdmin):
    form = RecipeAdminForm
    formfield_overrides = SAFE_IMAGES
    list_display = ["title", "language", "author_group", "visibility", "portions", "updated_at"]
    list_filter = ["visibility", "language", "author_group"]
    search_fields = ["title", "summary", "ingredients__food__name"]
    autocomplete_fields = ["author_group", "variant_of"]
    readonly_fields = ["created_by"]
    inlines = [IngredientInline, EquipmentInline, StepInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
