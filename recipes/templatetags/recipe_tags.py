"""How recipe quantities read: "2,4 kg", "1 ½", "3 c. à soupe", "1 h 30"."""

from decimal import Decimal
from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext, pgettext

from recipes.quantities import Shown

register = template.Library()

HALF = Decimal("0.5")


@register.filter
def amount(value) -> str:
    """A quantity with the decimal separator of the language, halves as ½."""
    if value is None:
        return ""
    value = Decimal(value)
    whole, part = divmod(value, 1)
    if part == HALF:
        return f"{int(whole)}\N{NO-BREAK SPACE}½" if whole else "½"
    return number_format(value.normalize() if part else whole, use_l10n=True)


COUNTED = {"piece", "bunch", "tsp", "tbsp"}


@register.filter
def quantity(shown) -> str:
    """A shown quantity as the cook reads it: "2,4 kg", "1 ½ c. à soupe", "3" (pieces:
    the food's name follows). Halves as ½ only for things counted, not weighed."""
    if shown is None:
        return ""
    number = amount(shown.amount) if shown.unit in COUNTED else _decimal(shown.amount)
    label = unit_label(shown)
    return f"{number}\N{NO-BREAK SPACE}{label}" if label else number


def _decimal(value) -> str:
    value = Decimal(value)
    return number_format(value.normalize() if value % 1 else value.to_integral(), use_l10n=True)


@register.filter
def unit_label(shown) -> str:
    """The unit of a shown quantity, in the reader's language; nothing for pieces."""
    unit, count = shown.unit, shown.amount
    plural = count > 1
    labels = {
        "tsp": pgettext("unit", "tsp"),
        "tbsp": pgettext("unit", "tbsp"),
        "bunch": ngettext("bunch", "bunches", 2 if plural else 1),
        "pinch": ngettext("pinch", "pinches", 2 if plural else 1),
        "piece": "",
    }
    return labels.get(unit, unit)


@register.filter
def duration(minutes) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


@register.filter
def month_names(months) -> str:
    return ", ".join(str(MONTHS[month]) for month in months)


@cache
def _symbols() -> dict[str, tuple[str, str]]:
    sprite = open(finders.find("icons/sprite.svg"), encoding="utf-8").read()  # noqa: SIM115
    symbols = {}
    for chunk in sprite.split("<symbol")[1:]:
        head, _, rest = chunk.partition(">")
        name = head.split('id="')[1].split('"')[0]
        box = head.split('viewBox="')[1].split('"')[0]
        symbols[name] = (box, rest.split("</symbol>")[0])
    return symbols


@register.simple_tag
def inline_icon(name: str) -> str:
    """A pictogram drawn inline, for the PDF (which cannot read the sprite file)."""
    box, body = _symbols()[name]
    return mark_safe(  # noqa: S308 - our own vendored icons
        f'<svg class="icon" viewBox="{box}" width="16" height="16" fill="none" '
        f'stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round" aria-hidden="true">{body}</svg>'
    )


@register.filter
def per(price) -> str:
    """What a price is for: "kg", "500 g", "pièce", "6 pièces"."""
    shown = Shown(Decimal(price.quantity).normalize(), price.unit, Decimal(1))
    count = 2 if shown.amount > 1 else 1
    label = ngettext("piece", "pieces", count) if shown.unit == "piece" else unit_label(shown)
    if shown.amount == 1:
        return label
    number = amount(shown.amount) if shown.unit in COUNTED else _decimal(shown.amount)
    return f"{number}\N{NO-BREAK SPACE}{label}"
