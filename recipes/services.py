"""Changes to recipes that touch several rows: done whole or not at all."""

from django.db import transaction

from recipes.models import Ingredient, Recipe, RecipeEquipment, Step


@transaction.atomic
def copy_as_variant(original: Recipe, *, group, by, title: str) -> Recipe:
    """A copy of `original` kept for `group` (until they share it), crediting the original.
    `title` may contain %(title)s for the original's title. Photos and recordings are
    shared with the original, not duplicated."""
    copy = Recipe.objects.create(
        title=(title % {"title": original.title})[:120],
        language=original.language,
        summary=original.summary,
        photo=original.photo,
        portions=original.portions,
        prep_minutes=original.prep_minutes,
        cook_minutes=original.cook_minutes,
        season=original.season,
        fridge_days=original.fridge_days,
        freezer_months=original.freezer_months,
        can_sterilise=original.can_sterilise,
        conservation_note=original.conservation_note,
        author_group=group,
        created_by=by,
        visibility=Recipe.Visibility.GROUP,
        variant_of=original,
    )
    Ingredient.objects.bulk_create(
        Ingredient(
            recipe=copy,
            position=line.position,
            food_id=line.food_id,
            quantity=line.quantity,
            unit=line.unit,
            note=line.note,
            scales=line.scales,
        )
        for line in original.ingredients.all()
    )
    RecipeEquipment.objects.bulk_create(
        RecipeEquipment(
            recipe=copy,
            position=item.position,
            name=item.name,
            size=item.size,
            quantity=item.quantity,
            scales=item.scales,
        )
        for item in original.equipment.all()
    )
    Step.objects.bulk_create(
        Step(
            recipe=copy, position=step.position, text=step.text, photo=step.photo, audio=step.audio
        )
        for step in original.steps.all()
    )
    return copy
