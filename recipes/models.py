"""Foods, their prices, and recipes in the movement's format (16 portions by default).

What a recipe is made of is typed; what follows from it (allergens, diets, cost) never is:
see recipes/allergens.py and recipes/scaled.py.
"""

from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.text import fold
from recipes import quantities
from recipes.allergens import from_mask


class Unit(models.TextChoices):
    G = "g", _("grams (g)")
    KG = "kg", _("kilograms (kg)")
    ML = "ml", _("millilitres (ml)")
    CL = "cl", _("centilitres (cl)")
    DL = "dl", _("decilitres (dl)")
    L = "l", _("litres (l)")
    TSP = "tsp", _("teaspoons")
    TBSP = "tbsp", _("tablespoons")
    PIECE = "piece", _("pieces")
    BUNCH = "bunch", _("bunches")
    PINCH = "pinch", _("pinches")


class Food(models.Model):
    """Something bought: carrots, flour, milk. Shared by all recipes and groups."""

    class Category(models.TextChoices):
        # In the order of a walk through a shop: the shopping list follows it.
        VEGETABLES = "vegetables", _("Fruit and vegetables")
        BAKERY = "bakery", _("Bread")
        MEAT_FISH = "meat_fish", _("Meat and fish")
        DAIRY = "dairy", _("Dairy and eggs")
        DRY = "dry", _("Rice, pasta, flour, pulses")
        TINS = "tins", _("Tins and jars")
        OILS = "oils", _("Oil, vinegar, sauces")
        SPICES = "spices", _("Spices and herbs")
        FROZEN = "frozen", _("Frozen food")
        DRINKS = "drinks", _("Drinks")
        OTHER = "other", _("Other")

    class SoldBy(models.TextChoices):
        MASS = quantities.Dimension.MASS, _("by weight")
        VOLUME = quantities.Dimension.VOLUME, _("by volume")
        COUNT = quantities.Dimension.COUNT, _("by the piece")
        BUNCH = quantities.Dimension.BUNCH, _("by the bunch")

    name = models.CharField(_("name"), max_length=80, unique=True)
    plural = models.CharField(
        _("plural"), max_length=80, blank=True, help_text=_("e.g. onions. Empty: same as name.")
    )
    # In Dutch and English, for people reading the app in those languages (shopping lists,
    # ingredient lines, the price list); empty: the French name is shown.
    name_nl = models.CharField(_("name in Dutch"), max_length=80, blank=True)
    plural_nl = models.CharField(_("plural in Dutch"), max_length=80, blank=True)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    plural_en = models.CharField(_("plural in English"), max_length=80, blank=True)
    # Every name and plural folded for the search (cdq/text.py): kept by save().
    search_name = models.CharField(max_length=500, blank=True, editable=False)
    NAME_FIELDS = ("name", "plural", "name_nl", "plural_nl", "name_en", "plural_en")
    category = models.CharField(
        _("shop section"), max_length=12, choices=Category.choices, default=Category.OTHER
    )
    sold_by = models.CharField(_("sold"), max_length=8, choices=SoldBy.choices, default=SoldBy.MASS)
    allergens = models.PositiveIntegerField(_("allergens"), default=0)
    is_meat = models.BooleanField(_("meat"), default=False)
    is_pork = models.BooleanField(_("pork"), default=False)
    is_fish = models.BooleanField(_("fish or seafood"), default=False)
    is_dairy = models.BooleanField(_("dairy"), default=False)
    is_egg = models.BooleanField(_("egg"), default=False)
    is_other_animal = models.BooleanField(
        _("other animal product"), default=False, help_text=_("honey, gelatine")
    )
    is_alcohol = models.BooleanField(_("alcohol"), default=False)
    grams_per_piece = models.DecimalField(
        _("grams per piece"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("e.g. 150 for an onion"),
    )
    grams_per_litre = models.DecimalField(
        _("grams per litre"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("e.g. 1030 for milk"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("food")
        verbose_name_plural = _("foods")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_pork=False) | Q(is_meat=True), name="food_pork_is_meat"
            ),
        ]

    def __str__(self) -> str:
        return self.local_name

    def save(self, *args, **kwargs):
        names = [getattr(self, field) for field in self.NAME_FIELDS]
        self.search_name = fold(" ".join(name for name in names if name))
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "search_name"}
        super().save(*args, **kwargs)

    @classmethod
    def named(cls, query: str, prefix: str = "") -> Q:
        """Foods whose name in any language contains `query` (folded, and as typed for
        rows written without save(): bulk loads). `prefix`: "food__" from an ingredient."""
        match = Q(**{f"{prefix}search_name__contains": fold(query)})
        for field in cls.NAME_FIELDS:
            match |= Q(**{f"{prefix}{field}__icontains": query})
        return match

    def _names(self, language: str | None) -> tuple[str, str]:
        """(name, plural) in `language` (the page's by default), French when not given."""
        language = (language or get_language() or "fr")[:2]
        name = getattr(self, f"name_{language}", "") if language in ("nl", "en") else ""
        if name:
            return name, getattr(self, f"plural_{language}") or name
        return self.name, self.plural or self.name

    @property
    def local_name(self) -> str:
        """The name in the language of the page."""
        return self._names(None)[0]

    def name_for(self, amount, language: str | None = None) -> str:
        """The name or plural for `amount`, in the language of the page."""
        name, plural = self._names(language)
        return plural if amount and amount > 1 else name

    def plural_name(self, language: str | None = None) -> str:
        return self._names(language)[1]

    @property
    def dimension(self) -> quantities.Dimension:
        return quantities.Dimension(self.sold_by)

    @property
    def conversions(self) -> dict:
        return {
            "grams_per_piece": Fraction(self.grams_per_piece) if self.grams_per_piece else None,
            "grams_per_litre": Fraction(self.grams_per_litre) if self.grams_per_litre else None,
        }

    def converts(self, unit: str) -> bool:
        """Whether a quantity of this food in `unit` can be priced and bought. A pinch
        of anything is fine: too little to weigh or to price."""
        if unit == Unit.PINCH:
            return True
        return quantities.converts(unit, self.dimension, **self.conversions)

    def allergen_list(self):
        return from_mask(self.allergens)

    def clean(self):
        if self.is_pork:
            self.is_meat = True


def unit_refusal(food: Food, unit: str) -> ValidationError | None:
    """The message for a unit this food cannot be measured in, or None."""
    if food.converts(unit):
        return None
    return ValidationError(
        _("%(food)s cannot be counted in %(unit)s here. Choose another unit."),
        code="unit",
        params={"food": food.local_name, "unit": Unit(unit).label},
    )


class PriceQuerySet(models.QuerySet):
    def for_group(self, group_id: int | None) -> "PriceQuerySet":
        """The movement's prices, plus this group's own: the group's win (costing.py)."""
        if group_id is None:
            return self.filter(group__isnull=True)
        return self.filter(Q(group__isnull=True) | Q(group_id=group_id))


class Price(models.Model):
    """What an amount of a food costs somewhere on a day. The newest wins; a group's own
    price (its supplier) wins for that group."""

    food = models.ForeignKey(
        Food, verbose_name=_("food"), on_delete=models.CASCADE, related_name="prices"
    )
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("for the group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prices",
        help_text=_("Empty: the price for the whole movement."),
    )
    amount_cents = models.PositiveIntegerField(_("price in cents"))
    quantity = models.DecimalField(
        _("for a quantity of"), max_digits=10, decimal_places=3, default=Decimal(1)
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.KG)
    source = models.CharField(
        _("shop or supplier"), max_length=120, help_text=_("e.g. Marché du Midi")
    )
    observed_on = models.DateField(_("date of the price"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PriceQuerySet.as_manager()

    class Meta:
        ordering = ["food", "-observed_on", "-pk"]
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="price_positive"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="price_quantity_positive"),
        ]
        indexes = [models.Index(fields=["food", "group", "-observed_on"])]

    def __str__(self) -> str:
        return f"{self.food} {self.amount_cents / 100:.2f} € / {self.quantity} {self.unit}"

    def clean(self):
        if self.food_id and self.unit and (refusal := unit_refusal(self.food, self.unit)):
            raise ValidationError({"unit": refusal})

    def is_old(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (today - self.observed_on).days > 365


class RecipeQuerySet(models.QuerySet):
    def with_lines(self) -> "RecipeQuerySet":
        return self.prefetch_related(
            models.Prefetch("ingredients", Ingredient.objects.select_related("food"))
        )


class Recipe(models.Model):
    class Visibility(models.TextChoices):
        GROUP = "group", _("My group only")
        MOVEMENT = "movement", _("The whole movement")

    title = models.CharField(_("title"), max_length=120)
    search_title = models.CharField(max_length=120, blank=True, editable=False)  # fold(title)
    language = models.CharField(
        _("language of the recipe"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    summary = models.CharField(_("in a few words"), max_length=300, blank=True)
    photo = models.ImageField(_("photo"), upload_to="recipes/", blank=True)
    portions = models.PositiveSmallIntegerField(
        _("portions"),
        default=16,
        validators=[MinValueValidator(1)],
        help_text=_("The quantities below are for this many portions."),
    )
    prep_minutes = models.PositiveSmallIntegerField(
        _("preparation (minutes)"), null=True, blank=True
    )
    cook_minutes = models.PositiveSmallIntegerField(_("cooking (minutes)"), null=True, blank=True)
    season = models.PositiveSmallIntegerField(
        _("season"), default=0, help_text=_("The best months. None: all year.")
    )
    fridge_days = models.PositiveSmallIntegerField(_("days in the fridge"), null=True, blank=True)
    freezer_months = models.PositiveSmallIntegerField(
        _("months in the freezer"), null=True, blank=True
    )
    can_sterilise = models.BooleanField(_("can be sterilised in jars"), default=False)
    conservation_note = models.CharField(_("keeping advice"), max_length=300, blank=True)
    author_group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recipes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("who can see it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MOVEMENT,
    )
    variant_of = models.ForeignKey(
        "self",
        verbose_name=_("variant of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="variants",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecipeQuerySet.as_manager()

    # Not columns: set by recipes.access.get_recipe_for_reader for one person. Whose prices
    # they see (a group's id; None: the movement's), and whether they may change the recipe.
    pricing_group: int | None
    can_edit: bool

    class Meta:
        ordering = ["title"]
        verbose_name = _("recipe")
        verbose_name_plural = _("recipes")
        constraints = [
            models.CheckConstraint(condition=Q(portions__gt=0), name="recipe_portions_positive"),
            models.CheckConstraint(
                condition=Q(visibility="movement") | Q(author_group__isnull=False),
                name="recipe_group_only_has_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_title = fold(self.title)
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "search_title"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("recipes:detail", args=[self.pk])

    @property
    def months(self) -> list[int]:
        return [month for month in range(1, 13) if self.season & (1 << (month - 1))]

    def clean(self):
        if self.visibility == self.Visibility.GROUP and not self.author_group_id:
            raise ValidationError({"visibility": _("Choose the group that may see this recipe.")})


def month_bit(month: int) -> int:
    return 1 << (month - 1)


class Ingredient(models.Model):
    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="ingredients")
    position = models.PositiveSmallIntegerField(default=0)
    food = models.ForeignKey(
        Food, verbose_name=_("food"), on_delete=models.PROTECT, related_name="ingredients"
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.G)
    note = models.CharField(_("note"), max_length=120, blank=True, help_text=_("e.g. chopped"))
    scales = models.BooleanField(
        _("changes with the portions"),
        default=True,
        help_text=_("Untick for 'salt to taste'."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("ingredient")
        verbose_name_plural = _("ingredients")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) | Q(quantity__isnull=True, scales=False),
                name="ingredient_quantity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity or ''} {self.unit} {self.food}"

    def clean(self):
        errors = {}
        if self.quantity is None and self.scales:
            errors["quantity"] = _("Give a quantity, or untick 'changes with the portions'.")
        elif self.quantity is not None and self.quantity <= 0:
            errors["quantity"] = _("A quantity must be more than 0.")
        if self.food_id and self.unit and (refusal := unit_refusal(self.food, self.unit)):
            errors["unit"] = refusal
        if errors:
            raise ValidationError(errors)


class RecipeEquipment(models.Model):
    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="equipment")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("equipment"), max_length=80, help_text=_("e.g. pot"))
    size = models.CharField(_("size"), max_length=40, blank=True, help_text=_("e.g. 20 l"))
    quantity = models.PositiveSmallIntegerField(
        _("how many"), default=1, validators=[MinValueValidator(1)]
    )
    scales = models.BooleanField(_("more for more portions"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name} {self.size}".strip()


class Step(models.Model):
    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("what to do"), max_length=1000)
    photo = models.ImageField(_("photo"), upload_to="recipes/steps/", blank=True)
    audio = models.FileField(_("voice recording"), upload_to="recipes/audio/", blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.text[:40]
