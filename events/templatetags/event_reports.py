"""The reports of an event, for its page (events/detail.html), in one query.

A tag rather than a line in the event's view, so the page lists its reports while that
view belongs to another piece of work; who sees which report is still the access module's.
"""

from django import template
from django.db.models import F

from events import access

register = template.Library()


@register.simple_tag(takes_context=True)
def reports_of(context, event) -> list:
    """The event's reports the person may read, workshops' ones after the whole event's."""
    user = context["request"].user
    return list(
        access.visible_reports(user)
        .filter(event=event)
        .select_related("workshop")
        .order_by(F("workshop__slot").asc(nulls_first=True), "workshop_id", "created_at", "pk")
    )
