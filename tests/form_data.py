"""What the forms post, as a browser posts them: the recipe form (with its formsets), the
price form and the event form. A test changes only the fields it is about."""

from datetime import timedelta

from django.utils import timezone

from recipes.models import Food

# The recipe and price forms ----------------------------------------------------------------


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    """A formset's management form and rows, as the browser posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def ingredient(food: Food, quantity: str, unit: str = "g", *, scales=True, note="", pk=None):
    """One row of the ingredients formset (`pk` for a saved line)."""
    row = {"food": str(food.pk), "quantity": quantity, "unit": unit, "note": note}
    if scales:
        row["scales"] = "on"
    if pk:
        row["id"] = str(pk)
    return row


# An untouched extra row: the browser still sends the default unit and the ticked box.
EMPTY_INGREDIENT = {"food": "", "quantity": "", "unit": "g", "note": "", "scales": "on"}


def equipment(name: str, quantity: str = "1", size: str = "", *, scales=True, pk=None):
    """One row of the equipment formset (`pk` for a saved item)."""
    row = {"name": name, "size": size, "quantity": quantity}
    if scales:
        row["scales"] = "on"
    if pk:
        row["id"] = str(pk)
    return row


def recipe_data(
    group, ingredients, equipment_rows=(), steps=(), *, initial=(0, 0, 0), **fields
) -> dict:
    """Everything the recipe form posts: the dish, then its three formsets."""
    data = {
        "title": "Dahl de lentilles",
        "summary": "",
        "portions": "16",
        "language": "fr",
        "author_group": str(group.pk) if group else "",
        "visibility": "movement",
        "prep_minutes": "",
        "cook_minutes": "",
        "fridge_days": "",
        "freezer_months": "",
        "conservation_note": "",
    }
    data.update(fields)
    data.update(formset("ingredients", list(ingredients), initial[0]))
    data.update(formset("equipment", list(equipment_rows), initial[1]))
    data.update(formset("steps", list(steps), initial[2]))
    return {name: value for name, value in data.items() if value is not None}


def price_data(food: Food, price: str, group=None, **fields) -> dict:
    """What the price form posts: `price` euros for 1 kg of `food`, seen today."""
    return {
        "food": str(food.pk),
        "price": price,
        "quantity": "1",
        "unit": "kg",
        "source": "Colruyt",
        "observed_on": timezone.localdate().isoformat(),
        "group": str(group.pk) if group else "",
        **fields,
    }


# The event form ----------------------------------------------------------------------------


def in_days(days: int) -> str:
    """The day `days` from today, as the form's date field posts it."""
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def event_data(**changes) -> dict:
    """The form as a coordinator fills it on the phone: a day, two times, a kitchen or an
    address, no workshop line."""
    data = {
        "title": "Rendez-vous d'automne",
        "kind": "rendezvous",
        "description": "On cuisine, on mange, on parle.",
        "day": in_days(20),
        "starts": "14:00",
        "ends": "17:30",
        "end_day": "",
        "kitchen": "",
        "address": "Rue Royale 1, Bruxelles",
        "audience": "members",
        "capacity": "30",
        "most_companions": "1",
        "opens_day": "",
        "opens_time": "",
        "closes_day": "",
        "closes_time": "",
        "workshops-TOTAL_FORMS": "0",
        "workshops-INITIAL_FORMS": "0",
        "workshops-MIN_NUM_FORMS": "0",
        "workshops-MAX_NUM_FORMS": "30",
    }
    data.update(changes)
    return data
