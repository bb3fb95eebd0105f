"""Template helpers of the facilitation pages and e-mails."""

from datetime import date

from django import template

from facilitation import rules

register = template.Library()


@register.simple_tag
def due_label(group, today: date) -> str:
    """{% due_label group today %}: "overdue by 9 days", "in 3 days"… for a group from
    `rules.followed_by_due`, in the language the template is rendered in."""
    return rules.due_label(group.due_on, today, contacted=group.last_contact_on is not None)
