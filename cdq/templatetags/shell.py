"""Template helpers of the page shell, available in every template (settings "builtins")."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

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
