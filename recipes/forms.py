from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from core.forms import EuroField, PlainForm, PlainModelForm
from core.text import fold
from core.uploads import AudioUploadField, ImageUploadField
from recipes.allergens import DIETS, Allergen
from recipes.models import (
    Food,
    Ingredient,
    Price,
    Recipe,
    RecipeEquipment,
    Step,
    month_bit,
    unit_refusal,
)
from recipes.scaled import MOST_PORTIONS


class MaskField(forms.TypedMultipleChoiceField):
    """Ticked boxes stored as one integer, one bit per box (allergens, months)."""

    def __init__(self, *, bit, **kwargs):
        self.bit = bit
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        kwargs.setdefault("coerce", int)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return [str(code) for code, _label in self.choices if value & self.bit(int(code))]
        return value

    def clean(self, value):
        codes = super().clean(value)
        mask = 0
        for code in codes:
            mask |= self.bit(code)
        return mask


def season_field(**kwargs) -> MaskField:
    return MaskField(
        bit=month_bit,
        choices=list(MONTHS.items()),
        label=_("Season"),
        help_text=_("The best months. None ticked: all year."),
        **kwargs,
    )


class FoodChoiceField(forms.ModelChoiceField):
    """A food from a list loaded once per page, not once per ingredient row."""

    def __init__(self, foods: list[Food], **kwargs):
        super().__init__(queryset=Food.objects.none(), **kwargs)
        self.foods = {food.pk: food for food in foods}
        named = sorted((fold(food.local_name), food.pk, food.local_name) for food in foods)
        self.choices = [("", "—")] + [(pk, name) for _key, pk, name in named]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.foods[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class RecipeForm(PlainModelForm):
    photo = ImageUploadField(label=_("Photo"), required=False)
    season = season_field()

    class Meta:
        model = Recipe
        fields = [
            "title",
            "summary",
            "photo",
            "portions",
            "language",
            "author_group",
            "visibility",
            "prep_minutes",
            "cook_minutes",
            "season",
            "fridge_days",
            "freezer_months",
            "can_sterilise",
            "conservation_note",
        ]
        widgets = {"visibility": forms.RadioSelect}

    def __init__(self, *args, groups, may_share_without_group=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["author_group"]
        field.queryset = groups
        field.required = not may_share_without_group
        # Listed once (a ModelChoiceField would query again each time it is drawn).
        blank = [("", "—")] if may_share_without_group else []
        field.choices = blank + [(group.pk, group.name) for group in groups]
        self.fields["portions"].widget.attrs.update({"min": 1, "inputmode": "numeric"})
        self.fields["portions"].error_messages["min_value"] = _(
            "A recipe is for at least 1 portion."
        )

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Recipe.Visibility.GROUP and not data.get("author_group"):
            self.add_error("visibility", _("Choose the group that may see this recipe."))
        return data


class IngredientForm(PlainModelForm):
    quantity = forms.DecimalField(
        label=_("Quantity"),
        required=False,
        max_digits=10,
        decimal_places=3,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    class Meta:
        model = Ingredient
        fields = ["food", "quantity", "unit", "note", "scales"]

    def __init__(self, *args, foods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["food"] = FoodChoiceField(foods, label=_("Food"))

    def clean(self):
        data = super().clean()
        quantity, scales = data.get("quantity"), data.get("scales")
        if quantity is not None and quantity <= 0:
            self.add_error("quantity", _("A quantity must be more than 0."))
        elif quantity is None and scales:
            self.add_error("quantity", _("Give a quantity, or untick 'changes with the portions'."))
        food, unit = data.get("food"), data.get("unit")
        if food and unit and (refusal := unit_refusal(food, unit)):
            self.add_error("unit", refusal)
        return data

    def _post_clean(self):
        # The model's clean() repeats ours and would reach the food through a query.
        if (food := self.cleaned_data.get("food")) is not None:
            self.instance.food = food
        for name in ("quantity", "unit", "note", "scales"):
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])


class EquipmentForm(PlainModelForm):
    class Meta:
        model = RecipeEquipment
        fields = ["name", "size", "quantity", "scales"]


class StepForm(PlainModelForm):
    photo = ImageUploadField(label=_("Photo"), required=False)
    audio = AudioUploadField(label=_("Voice recording"), required=False)

    class Meta:
        model = Step
        fields = ["text", "photo", "audio"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class OrderedFormSet(BaseInlineFormSet):
    """Rows saved in the order they are shown; an empty row is ignored, not an error."""

    def save(self, commit=True):
        position = 0
        moved = []  # unchanged rows whose place changed: Django would not save them
        for form in self.forms:
            if self._should_delete_form(form) or (
                form.instance.pk is None and not form.has_changed()
            ):
                continue
            if form.instance.position != position:
                form.instance.position = position
                if form.instance.pk is not None and not form.has_changed():
                    moved.append(form.instance)
            position += 1
        saved = super().save(commit)
        if commit and moved:
            self.model.objects.bulk_update(moved, ["position"])
        return saved

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **getattr(self, "extra_form_kwargs", {})}


class IngredientFormSet(OrderedFormSet):
    def __init__(self, *args, foods, **kwargs):
        self.extra_form_kwargs = {"foods": foods}
        super().__init__(*args, **kwargs)

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.renderer,
            **self.extra_form_kwargs,
        )
        self.add_fields(form, None)
        return form

    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms if form.has_changed() and not self._should_delete_form(form)
        ]
        if not kept and not any(form.errors for form in self.forms):
            raise ValidationError(_("Add at least one ingredient."), code="no_ingredient")


def _formset(model, form, formset=OrderedFormSet, extra=1):
    return inlineformset_factory(
        Recipe,
        model,
        form=form,
        formset=formset,
        extra=extra,
        can_delete=True,
        max_num=60,
        validate_max=True,
    )


IngredientFormSetFactory = _formset(Ingredient, IngredientForm, IngredientFormSet, extra=2)
EquipmentFormSetFactory = _formset(RecipeEquipment, EquipmentForm)
StepFormSetFactory = _formset(Step, StepForm)


class LibraryFilterForm(PlainForm):
    """The library's search and filters, all in the address so a search can be shared."""

    COST_CHOICES = [("", _("Any price")), ("100", "≤ 1 €"), ("200", "≤ 2 €"), ("300", "≤ 3 €")]

    q = forms.CharField(
        label=_("Search for a dish or an ingredient"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    diet = forms.ChoiceField(
        label=_("Diet"),
        required=False,
        choices=[("", _("All")), *((code, diet.label) for code, diet in DIETS.items())],
    )
    without = forms.TypedChoiceField(
        label=_("Without"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(a.value, a.label) for a in Allergen],
    )
    season = forms.TypedChoiceField(
        label=_("In season"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All year")), *MONTHS.items()],
    )
    max_cost = forms.TypedChoiceField(
        label=_("Price per portion"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=COST_CHOICES,
    )
    mine = forms.BooleanField(label=_("My group's recipes"), required=False)


class PriceForm(PlainModelForm):
    price = EuroField(label=_("Price"), help_text=_("e.g. 1,89"))
    quantity = forms.DecimalField(
        label=_("For"),
        max_digits=10,
        decimal_places=3,
        min_value=0.001,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    class Meta:
        model = Price
        fields = ["food", "price", "quantity", "unit", "source", "observed_on", "group"]
        widgets = {"observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, groups, foods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["food"] = FoodChoiceField(foods, label=_("Food"))
        self.fields["group"].queryset = groups
        self.fields["group"].required = False
        self.fields["group"].empty_label = _("The whole movement")
        self.fields["group"].label = _("Price for")
        self.fields["quantity"].error_messages["min_value"] = _("The quantity must be more than 0.")

    def clean_observed_on(self):
        day = self.cleaned_data["observed_on"]
        if day > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return day

    def clean(self):
        data = super().clean()
        food, unit = data.get("food"), data.get("unit")
        if food and unit and (refusal := unit_refusal(food, unit)):
            self.add_error("unit", refusal)
        return data

    def save(self, commit=True):
        self.instance.amount_cents = self.cleaned_data["price"]
        return super().save(commit)


class FoodForm(PlainModelForm):
    allergens = MaskField(
        bit=lambda code: Allergen(code).bit,
        choices=[(a.value, a.label) for a in Allergen],
        label=_("Allergens"),
    )

    class Meta:
        model = Food
        fields = [
            "name",
            "plural",
            "name_nl",
            "plural_nl",
            "name_en",
            "plural_en",
            "category",
            "sold_by",
            "allergens",
            "is_meat",
            "is_pork",
            "is_fish",
            "is_dairy",
            "is_egg",
            "is_other_animal",
            "is_alcohol",
            "grams_per_piece",
            "grams_per_litre",
        ]


class BookletForm(PlainForm):
    recipe = forms.TypedMultipleChoiceField(
        label=_("Recipes"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    portions = forms.IntegerField(
        label=_("Portions"), min_value=1, max_value=MOST_PORTIONS, initial=16
    )

    def __init__(self, *args, recipes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipe"].choices = [(recipe.pk, recipe.title) for recipe in recipes]
        self.fields["recipe"].error_messages["required"] = _("Tick at least one recipe.")
