from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    ProtectedError,
    Q,
    prefetch_related_objects,
)
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from core import pdf, text
from core.forms import ConfirmForm
from core.http import HtmxHttpRequest
from core.text import fold
from recipes import access
from recipes.allergens import DIETS, Allergen
from recipes.forms import (
    BookletForm,
    EquipmentFormSetFactory,
    FoodForm,
    IngredientFormSetFactory,
    LibraryFilterForm,
    PriceForm,
    RecipeForm,
    StepFormSetFactory,
)
from recipes.models import Food, Ingredient, Price, Recipe, month_bit
from recipes.scaled import MOST_PORTIONS, PriceBook, clamp_portions, scale_recipe
from recipes.services import copy_as_variant

PAGE_SIZE = 20
SHORTCUTS = (16, 32, 48)
LINES = Prefetch("ingredients", Ingredient.objects.select_related("food"))

# The library ------------------------------------------------------------------------------


def _filtered(recipes, filters: dict, user):
    """The recipes that pass the library's filters, in the database (cost excepted)."""
    lines = Ingredient.objects.filter(recipe=OuterRef("pk"))
    if query := (filters.get("q") or "").strip():
        # Folded names first (no accents, any case); the plain match covers rows written
        # without save() (bulk loads).
        folded = fold(query)
        recipes = recipes.filter(
            Q(search_title__contains=folded)
            | Q(title__icontains=query)
            | Exists(lines.filter(Food.named(query, prefix="food__")))
        )
    if diet := DIETS.get(filters.get("diet") or ""):
        excluded = Q()
        for flag in diet.excludes:
            excluded |= Q(**{f"food__{flag}": True})
        recipes = recipes.exclude(Exists(lines.filter(excluded)))
    if (allergen := filters.get("without")) is not None:
        bit = Allergen(allergen).bit
        hits = lines.annotate(hit=F("food__allergens").bitand(bit)).filter(hit__gt=0)
        recipes = recipes.exclude(Exists(hits))
    if month := filters.get("season"):
        recipes = recipes.annotate(in_season=F("season").bitand(month_bit(month))).filter(
            Q(season=0) | Q(in_season__gt=0)
        )
    if filters.get("mine"):
        recipes = recipes.filter(author_group__in=access.recipe_groups(user).values("pk"))
    return recipes


@login_required
@require_GET
@vary_on_headers("HX-Request")
def index(request: HtmxHttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    recipes = _filtered(access.readable_recipes(request.user), filters, request.user)
    recipes = recipes.select_related("author_group").with_lines().order_by("title", "pk")
    group_id = access.pricing_group_id(request.user)
    max_cost = filters.get("max_cost")
    if max_cost:
        # The cost depends on the prices: computed here, for the recipes that pass the rest.
        candidates = list(recipes)
        book = _book_for(candidates, group_id)
        cards = [scale_recipe(r, r.portions, book, with_equipment=False) for r in candidates]
        cards = [c for c in cards if c.portion_cents is not None and c.portion_cents <= max_cost]
        page = Paginator(cards, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        page = Paginator(recipes, PAGE_SIZE).get_page(request.GET.get("page"))
        shown = list(page.object_list)
        book = _book_for(shown, group_id)
        page.object_list = [scale_recipe(r, r.portions, book, with_equipment=False) for r in shown]
    context = {
        "form": form,
        "page": page,
        "filtered": any(value not in (None, "", False) for value in filters.values()),
        "query_without_page": _without_page(request.GET),
        "may_write": access.may_write_recipes(request.user),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "recipes/index.html#results", context)
    return render(request, "recipes/index.html", context)


def _book_for(recipes, group_id) -> PriceBook:
    foods = {line.food_id for recipe in recipes for line in recipe.ingredients.all()}
    return PriceBook.load(group_id, foods)


def _without_page(query: QueryDict) -> str:
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


# One recipe -------------------------------------------------------------------------------


def _scaled(request, recipe, *, with_steps=True):
    """The recipe for the portions asked in the address (?portions=48)."""
    portions = clamp_portions(request.GET.get("portions"), recipe.portions)
    lookups = [LINES, "equipment", *(["steps"] if with_steps else [])]
    prefetch_related_objects([recipe], *lookups)
    book = PriceBook.load(recipe.pricing_group, [i.food_id for i in recipe.ingredients.all()])
    return scale_recipe(recipe, portions, book)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    recipe = access.get_recipe_for_reader(request.user, pk)
    partial = bool(request.htmx and request.htmx.target == "scaled")
    scaled = _scaled(request, recipe, with_steps=not partial)
    context = {
        "recipe": scaled.recipe,
        "scaled": scaled,
        "shortcuts": SHORTCUTS,
        "today": timezone.localdate(),
        "most_portions": MOST_PORTIONS,
    }
    if partial:
        return render(request, "recipes/detail.html#scaled", context)
    return render(request, "recipes/detail.html", context)


@login_required
@require_GET
def sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The recipe sheet as a PDF, for the portions asked."""
    recipe = access.get_recipe_for_reader(request.user, pk)
    scaled = _scaled(request, recipe)
    return pdf.response(
        request,
        "recipes/pdf/document.html",
        {"scaled_recipes": [scaled], "title": recipe.title},
        filename=f"{text.slug(recipe.title)}-{scaled.portions}.pdf",
    )


@login_required
@require_http_methods(["GET"])
def booklet(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Choose recipes for a booklet; with a choice, the booklet as a PDF."""
    choices = access.readable_recipes(request.user).only("pk", "title").order_by("title")
    form = BookletForm(request.GET or None, recipes=choices)
    if not request.GET or not form.is_valid():
        return render(request, "recipes/booklet.html", {"form": form})
    chosen = (
        access.readable_recipes(request.user)
        .filter(pk__in=form.cleaned_data["recipe"])
        .select_related("author_group")
        .with_lines()
        .prefetch_related("equipment", "steps")
        .order_by("title")
    )
    chosen = list(chosen)
    portions = form.cleaned_data["portions"]
    book = _book_for(chosen, access.pricing_group_id(request.user))
    scaled = [scale_recipe(recipe, portions, book) for recipe in chosen]
    return pdf.response(
        request,
        "recipes/pdf/document.html",
        {"scaled_recipes": scaled, "title": _("Our recipes"), "booklet": True},
        filename=f"{text.slug(_('recipes'))}-{portions}.pdf",
    )


# Writing recipes --------------------------------------------------------------------------


# What the food lists of the forms read: the names in every language, and the units.
FOOD_CHOICE_FIELDS = [
    "pk",
    *Food.NAME_FIELDS,
    "sold_by",
    "grams_per_piece",
    "grams_per_litre",
]


def _foods() -> list[Food]:
    return list(Food.objects.only(*FOOD_CHOICE_FIELDS))


def _add_row(data: QueryDict, prefix: str) -> QueryDict:
    """The posted form with one more empty row in a formset: "Add a line" works without
    JavaScript, and with htmx it only saves a page load."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data


ROW_PREFIXES = {"ingredient": "ingredients", "equipment": "equipment", "step": "steps"}


def _edit(request: HtmxHttpRequest, recipe: Recipe | None) -> HttpResponse:
    user = request.user
    creating = recipe is None
    instance = recipe or Recipe(created_by=user, portions=16, language=request.LANGUAGE_CODE)
    groups = access.recipe_groups(user)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    add = request.POST.get("add") if data is not None else None
    if add in ROW_PREFIXES:
        data = _add_row(data, ROW_PREFIXES[add])
    foods = _foods()
    form = RecipeForm(
        data,
        files,
        instance=instance,
        groups=groups,
        may_share_without_group=access.may_share_with_the_movement(user),
    )
    ingredients = IngredientFormSetFactory(
        data, instance=instance, prefix="ingredients", foods=foods
    )
    equipment = EquipmentFormSetFactory(data, instance=instance, prefix="equipment")
    steps = StepFormSetFactory(data, files, instance=instance, prefix="steps")
    formsets = [ingredients, equipment, steps]
    if data is not None and add is None:
        if form.is_valid() and all(formset.is_valid() for formset in formsets):
            with transaction.atomic():  # all of it, or nothing
                recipe = form.save()
                for formset in formsets:
                    formset.instance = recipe
                    formset.save()
            messages.success(request, _("Saved."))
            return redirect(recipe)
        messages.error(request, _("Some lines need a correction: see the red messages."))
    context = {
        "form": form,
        "ingredients": ingredients,
        "equipment": equipment,
        "steps": steps,
        "recipe": recipe,
        "creating": creating,
    }
    if request.htmx and add:
        return render(request, "recipes/edit.html#recipe-form", context)
    return render(request, "recipes/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HtmxHttpRequest) -> HttpResponse:
    if not access.may_write_recipes(request.user):
        raise PermissionDenied
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    recipe = access.get_recipe_for_editor(request.user, pk)
    return _edit(request, recipe)


@login_required
@require_POST
def variant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A copy of a recipe for the person's group, crediting the original, to change."""
    recipe = access.get_recipe_for_reader(request.user, pk)
    group = access.recipe_groups(request.user).first()
    if group is None:
        raise PermissionDenied
    copy = copy_as_variant(recipe, group=group, by=request.user, title=_("%(title)s (variant)"))
    messages.success(request, _("Here is your copy. Change what you like, then save."))
    return redirect("recipes:edit", copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recipe = access.get_recipe_for_editor(request.user, pk)
    label = _("Yes, delete this recipe")
    if request.method == "POST":
        form = ConfirmForm(request.POST, label=label)
        if not form.is_valid():
            messages.error(request, form.errors["confirm"][0])
        else:
            title = recipe.title
            try:
                recipe.delete()
            except ProtectedError:
                messages.error(
                    request,
                    _("This recipe is on the menu of a cooking session: it cannot be deleted."),
                )
                return redirect(recipe)
            messages.success(request, _('The recipe "%(title)s" is deleted.') % {"title": title})
            return redirect("recipes:index")
    return render(
        request, "recipes/delete.html", {"recipe": recipe, "form": ConfirmForm(label=label)}
    )


# Prices -----------------------------------------------------------------------------------


@login_required
@require_GET
def prices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The price list: each food with the price that applies to the person's group."""
    query = (request.GET.get("q") or "").strip()[:60]
    foods = Food.objects.all()
    if query:
        foods = foods.filter(Food.named(query))
    order = list(Food.Category.values)  # the order of a walk through a shop
    foods = sorted(foods, key=lambda food: (order.index(food.category), fold(food.local_name)))
    group_id = access.pricing_group_id(request.user)
    book = PriceBook.load(group_id, [food.pk for food in foods])
    rows = [(food, book.get(food.pk)) for food in foods]
    return render(
        request,
        "recipes/prices.html",
        {
            "rows": rows,
            "query": query,
            "today": book.today,
            "group_id": group_id,
            "may_keep": access.may_keep_prices(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_price(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.may_keep_prices(request.user):
        raise PermissionDenied
    groups = access.price_groups(request.user)
    foods = list(Food.objects.only(*FOOD_CHOICE_FIELDS))
    initial = {"food": request.GET.get("food"), "quantity": 1}
    form = PriceForm(
        request.POST or None,
        instance=Price(created_by=request.user),
        initial=initial,
        groups=groups,
        foods=foods,
    )
    if request.method == "POST" and form.is_valid():
        price = form.save()
        messages.success(
            request, _("Thank you: price saved for %(food)s.") % {"food": price.food.local_name}
        )
        return redirect("recipes:prices")
    return render(request, "recipes/add_price.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def add_food(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A food missing from the list, added by someone who keeps the prices; then its price."""
    if not access.may_keep_prices(request.user):
        raise PermissionDenied
    form = FoodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        food = form.save()
        messages.success(
            request, _("%(food)s is in the list. Now give its price.") % {"food": food}
        )
        return redirect(f"{reverse('recipes:add_price')}?food={food.pk}")
    return render(request, "recipes/add_food.html", {"form": form})
