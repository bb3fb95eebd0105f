"""Template helpers of the page shell, available in every template (settings "builtins")."""

from decimal import Decimal

from django import template
from django.templatetags.static import static
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def icon(name: str, css_class: str = "") -> str:
    """A pictogram from the vendored sprite; decorative, the word next to it carries the meaning."""
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        css_class,
        static("icons/sprite.svg"),
        name,
    )


@register.filter
def euros(cents: int | str | None) -> str:
    """Whole cents as people read an amount: "7,45 €" in French, "€ 7,45" in Dutch,
    "€7.45" in English. Empty for no amount."""
    if cents is None or cents == "":
        return ""
    cents = int(cents)
    amount = number_format(Decimal(abs(cents)) / 100, 2, force_grouping=True)
    sign = "−" if cents < 0 else ""
    language = get_language() or "fr"
    if language.startswith("fr"):
        return f"{sign}{amount}\N{NO-BREAK SPACE}€"
    if language.startswith("nl"):
        return f"{sign}€\N{NO-BREAK SPACE}{amount}"
    return f"{sign}€{amount}"


@register.filter
def absolute(value: int | str | None) -> int:
    """For sentences that carry the sign in words: "owes 7,45 €", not "owes −7,45 €"."""
    return abs(int(value or 0))
