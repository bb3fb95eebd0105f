from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ConfirmForm, EuroField, PlainForm, PlainModelForm
from core.uploads import ImageUploadField
from groups.models import Membership
from portions.models import MOST_ORDERED, Dish, Receipt
from recipes.scaled import MOST_PORTIONS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from groups.models import Kitchen
    from recipes.models import Recipe

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(PlainForm):
    day = forms.DateField(label=_("Day"), widget=DATE)
    start = forms.TimeField(label=_("Time"), widget=TIME, initial=time(9))
    deadline_day = forms.DateField(label=_("Pre-order before (day)"), widget=DATE)
    deadline_time = forms.TimeField(
        label=_("Pre-order before (time)"), widget=TIME, initial=time(20)
    )
    # Their choices come with each form (the group's kitchens and recipes).
    kitchen: "forms.ModelChoiceField[Kitchen]" = forms.ModelChoiceField(
        label=_("Kitchen"), queryset=None, required=False
    )
    recipes: "forms.ModelMultipleChoiceField[Recipe]" = forms.ModelMultipleChoiceField(
        label=_("Dishes"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    max_portions = forms.IntegerField(
        label=_("At most, per dish (portions)"),
        required=False,
        min_value=1,
        max_value=MOST_PORTIONS,
        help_text=_("The size of the pots. Empty: no limit."),
    )
    note = forms.CharField(label=_("Note for the members"), required=False, max_length=300)

    def __init__(self, *args, kitchens, recipes, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["kitchen"]).queryset = kitchens
        cast(forms.ModelMultipleChoiceField, self.fields["recipes"]).queryset = recipes
        self.fields["recipes"].error_messages["required"] = _("Choose at least one dish.")
        if not self.is_bound:
            saturday = timezone.localdate() + timedelta(
                days=(5 - timezone.localdate().weekday()) % 7 or 7
            )
            self.initial.setdefault("day", saturday)
            self.initial.setdefault("deadline_day", saturday - timedelta(days=2))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        data["starts_at"] = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        data["deadline"] = timezone.make_aware(
            datetime.combine(data["deadline_day"], data["deadline_time"])
        )
        if data["starts_at"] < timezone.now():
            self.add_error("day", _("This day is already past."))
        elif data["deadline"] > data["starts_at"]:
            self.add_error("deadline_day", _("The deadline must come before the session."))
        return data


class ReceiptForm(PlainModelForm):
    amount = EuroField(label=_("Amount"), max_cents=200_000, help_text=_("e.g. 38,40"))
    photo = ImageUploadField(label=_("Photo of the receipt (optional)"), required=False)

    class Meta:
        model = Receipt
        fields = ["payer", "amount", "shop", "dish", "photo", "note"]

    def __init__(self, *args, memberships, dishes, **kwargs):
        super().__init__(*args, **kwargs)
        # Listed once: a ModelChoiceField would query again each time it is drawn.
        memberships, dishes = list(memberships), list(dishes)
        payer = cast(forms.ModelChoiceField, self.fields["payer"])
        payer.queryset = Membership.objects.filter(pk__in=[m.pk for m in memberships])
        payer.choices = [(m.pk, m.person.display_name) for m in memberships]
        dish = cast(forms.ModelChoiceField, self.fields["dish"])
        dish.queryset = Dish.objects.filter(pk__in=[d.pk for d in dishes])
        dish.choices = [("", _("The whole session"))] + [(d.pk, d.recipe.title) for d in dishes]
        self.fields["amount"].error_messages["too_much"] = _(
            "That is a lot for one receipt: %(limit)s at most. Check the amount."
        )

    def save(self, commit=True):
        raise NotImplementedError("receipts are added by portions.services.add_receipt")


def portions_field(label: "StrOrPromise", initial: int = 0) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,  # empty: 0
        min_value=0,
        max_value=MOST_ORDERED,
        initial=initial,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "portions-input"}),
    )


class OrderForm(PlainForm):
    """One number per dish: the portions a member wants."""

    def __init__(self, *args, dishes, orders: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.dishes = list(dishes)
        for dish in self.dishes:
            self.fields[f"dish-{dish.pk}"] = portions_field(
                dish.recipe.title, orders.get(dish.pk, 0)
            )

    def wanted(self) -> dict[int, int]:
        return {dish.pk: self.cleaned_data[f"dish-{dish.pk}"] or 0 for dish in self.dishes}


def apply_step(data, step: str):
    """A − or + button pressed without JavaScript: "dish-12:+1" changes that number."""
    data = data.copy()
    name, _sep, delta = step.partition(":")
    if not name.startswith("dish-") or delta not in ("+1", "-1"):
        raise ValidationError(_("This button does not exist."))
    try:
        value = int(data.get(name) or 0)
    except ValueError:
        value = 0
    data[name] = str(min(max(value + int(delta), 0), MOST_ORDERED))
    return data


class TakenForm(PlainForm):
    """After cooking: per member and dish, the portions taken (their pre-order unless
    changed); per dish, the portions left to the group or given away (nobody pays them:
    their cost is shared by the portions taken)."""

    def __init__(self, *args, table, dishes, **kwargs):
        super().__init__(*args, **kwargs)
        self.dishes = dishes
        self.rows = []
        for membership, cells in table:
            names = []
            for dish, cell in zip(dishes, cells, strict=True):
                name = f"taken-{membership.pk}-{dish.pk}"
                self.fields[name] = portions_field(
                    dish.recipe.title, cell.portions_taken if cell else 0
                )
                names.append(name)
            self.rows.append((membership, names))
        for dish in dishes:
            self.fields[f"left-{dish.pk}"] = portions_field(
                _("Kept by the group"), dish.left_for_group
            )
            self.fields[f"given-{dish.pk}"] = portions_field(_("Given away"), dish.given_away)

    def member_rows(self):
        return [(membership, [self[name] for name in names]) for membership, names in self.rows]

    def dish_rows(self):
        return [(dish, self[f"left-{dish.pk}"], self[f"given-{dish.pk}"]) for dish in self.dishes]

    def taken(self) -> dict[tuple[int, int], int]:
        return {
            (int(name.rsplit("-", 1)[1]), membership.pk): self.cleaned_data[name] or 0
            for membership, names in self.rows
            for name in names
        }

    def not_charged(self) -> dict[int, tuple[int, int]]:
        return {
            dish.pk: (
                self.cleaned_data[f"left-{dish.pk}"] or 0,
                self.cleaned_data[f"given-{dish.pk}"] or 0,
            )
            for dish in self.dishes
        }


class ReopenForm(ConfirmForm):
    """The box a referent ticks before reopening a settled session (on the session page)."""

    def __init__(self, *args, **kwargs):
        label = _("Cancel the amounts to correct this session")
        super().__init__(*args, label=label, auto_id="%s-reopen", **kwargs)


class EditSessionForm(SessionForm):
    """Change the day, the deadline, the kitchen, the note, each dish's maximum; take a dish
    nobody ordered off the menu, or add one."""

    def __init__(self, *args, session, kitchens, recipes, **kwargs):
        starts = timezone.localtime(session.starts_at)
        deadline = timezone.localtime(session.deadline)
        kwargs.setdefault(
            "initial",
            {
                "day": starts.date(),
                "start": starts.time(),
                "deadline_day": deadline.date(),
                "deadline_time": deadline.time(),
                "kitchen": session.kitchen_id,
                "note": session.note,
            },
        )
        super().__init__(*args, kitchens=kitchens, recipes=Dish.objects.none(), **kwargs)
        del self.fields["recipes"], self.fields["max_portions"]
        self.dishes = list(session.dishes.select_related("recipe"))
        for dish in self.dishes:
            self.fields[f"max-{dish.pk}"] = forms.IntegerField(
                label=_("At most: %(dish)s") % {"dish": dish.recipe.title},
                required=False,
                min_value=1,
                max_value=MOST_PORTIONS,
                initial=dish.max_portions,
            )
            self.fields[f"remove-{dish.pk}"] = forms.BooleanField(
                label=_("Take %(dish)s off the menu") % {"dish": dish.recipe.title},
                required=False,
            )
        self.fields["add_recipe"] = forms.ModelChoiceField(
            label=_("Add a dish"),
            queryset=recipes.exclude(pk__in=[dish.recipe_id for dish in self.dishes]),
            required=False,
            empty_label=_("No new dish"),
        )
        self.fields["add_max"] = forms.IntegerField(
            label=_("At most, for the new dish (portions)"),
            required=False,
            min_value=1,
            max_value=MOST_PORTIONS,
            help_text=_("Empty: no limit."),
        )

    def maxima(self) -> dict[int, int | None]:
        return {dish.pk: self.cleaned_data.get(f"max-{dish.pk}") for dish in self.dishes}

    def removed(self) -> set[int]:
        return {dish.pk for dish in self.dishes if self.cleaned_data.get(f"remove-{dish.pk}")}

    def added(self) -> list[tuple]:
        recipe = self.cleaned_data.get("add_recipe")
        return [(recipe, self.cleaned_data.get("add_max"))] if recipe else []
