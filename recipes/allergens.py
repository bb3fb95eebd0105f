"""The 14 allergens of EU regulation 1169/2011, and the diets a recipe may suit.

A food stores its allergens as a bit mask (one bit per allergen), so the library can ask
the database for "recipes without nuts" in one query, on SQLite and PostgreSQL alike.
Nothing here is typed on a recipe: allergens and diets come from its foods.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Allergen(models.IntegerChoices):
    # value = bit position; never renumber, the masks are stored.
    GLUTEN = 0, _("gluten")
    CRUSTACEANS = 1, _("crustaceans")
    EGGS = 2, _("eggs")
    FISH = 3, _("fish")
    PEANUTS = 4, _("peanuts")
    SOY = 5, _("soy")
    MILK = 6, _("milk")
    NUTS = 7, _("nuts")
    CELERY = 8, _("celery")
    MUSTARD = 9, _("mustard")
    SESAME = 10, _("sesame")
    SULPHITES = 11, _("sulphites")
    LUPIN = 12, _("lupin")
    MOLLUSCS = 13, _("molluscs")

    @property
    def bit(self) -> int:
        return 1 << self.value

    @property
    def icon(self) -> str:
        return ALLERGEN_ICONS[self]


ALLERGEN_ICONS = {
    Allergen.GLUTEN: "wheat",
    Allergen.CRUSTACEANS: "ripple",
    Allergen.EGGS: "egg",
    Allergen.FISH: "fish",
    Allergen.PEANUTS: "nut",
    Allergen.SOY: "seedling",
    Allergen.MILK: "milk",
    Allergen.NUTS: "nut",
    Allergen.CELERY: "leaf",
    Allergen.MUSTARD: "bottle",
    Allergen.SESAME: "grain",
    Allergen.SULPHITES: "glass-full",
    Allergen.LUPIN: "plant",
    Allergen.MOLLUSCS: "ripple",
}


def to_mask(allergens) -> int:
    mask = 0
    for allergen in allergens:
        mask |= Allergen(int(allergen)).bit
    return mask


def from_mask(mask: int) -> list[Allergen]:
    return [allergen for allergen in Allergen if mask & allergen.bit]


@dataclass(frozen=True)
class Diet:
    code: str
    label: str
    icon: str
    # A recipe suits the diet when none of its foods has any of these flags.
    excludes: tuple[str, ...]


DIETS = {
    diet.code: diet
    for diet in [
        Diet("vegetarian", _("vegetarian"), "carrot", ("is_meat", "is_fish")),
        Diet(
            "vegan",
            _("vegan"),
            "leaf",
            ("is_meat", "is_fish", "is_dairy", "is_egg", "is_other_animal"),
        ),
        Diet("no_pork", _("no pork"), "pig-off", ("is_pork",)),
        Diet("no_alcohol", _("no alcohol"), "glass-off", ("is_alcohol",)),
    ]
}
FOOD_FLAGS = (
    "is_meat",
    "is_pork",
    "is_fish",
    "is_dairy",
    "is_egg",
    "is_other_animal",
    "is_alcohol",
)


def diets_of(foods) -> list[Diet]:
    """The diets that every one of `foods` suits. Vegan implies vegetarian: both shown."""
    foods = list(foods)
    return [
        diet
        for diet in DIETS.values()
        if not any(getattr(food, flag) for food in foods for flag in diet.excludes)
    ]


def allergens_of(foods) -> list[Allergen]:
    mask = 0
    for food in foods:
        mask |= food.allergens
    return from_mask(mask)
