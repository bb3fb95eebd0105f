"""When each group is due for a contact, and the other pure rules of facilitation.

When a group is due is decided here and only here (`due_on`): from its last contact's
"next contact" date if the facilitator chose one, else its last contact plus the group's
rhythm (42 days by default); a group never contacted is due since it was created. It is
computed on every read, never stored, so changing a rhythm moves every date at once.
"""

from collections import Counter
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.charts import trend_svg
from facilitation.models import LaunchStep, Need

TREND_MONTHS = 6  # the small chart; its last 3 months are the figures shown
RECENT_MONTHS = 3


# Due dates --------------------------------------------------------------------------------


def due_on(
    *, last_contact_on: date | None, next_contact_on: date | None, rhythm_days: int, since: date
) -> date:
    """The day a group is due for its next contact (see the module's docstring)."""
    if last_contact_on is None:
        return since
    if next_contact_on is not None:
        return next_contact_on
    return last_contact_on + timedelta(days=rhythm_days)


def due_label(due: date, today: date, *, contacted: bool = True) -> str:
    """ "overdue by 9 days", "in 3 days", "today"; "no contact yet" for a new group."""
    if not contacted:
        return _("no contact yet")
    days = (due - today).days
    if days < 0:
        return ngettext("overdue by %(count)s day", "overdue by %(count)s days", -days) % {
            "count": -days
        }
    if days == 0:
        return _("today")
    return ngettext("in %(count)s day", "in %(count)s days", days) % {"count": days}


def due_state(due: date, today: date) -> str:
    """A word for the badge's colour: overdue, this week (the next 7 days) or later."""
    if due < today:
        return "late"
    if due <= today + timedelta(days=6):
        return "soon"
    return "later"


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week of `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def trend(values: list[int]) -> str:
    """ "up", "down", "steady", or "none" (nothing cooked): the later half of the months
    against the earlier half; "up" from a quarter more, "down" from a fifth less (so that
    the months read backwards give the opposite word)."""
    half = len(values) // 2
    earlier, later = sum(values[:half]), sum(values[half:])
    if earlier == later == 0:
        return "none"
    if later * 4 > earlier * 5:
        return "up"
    if later * 5 < earlier * 4:
        return "down"
    return "steady"


def launch_checklist(done: list[str]) -> list[tuple[LaunchStep, bool]]:
    """Every launch step in order, each with whether it is done."""
    return [(step, step.value in done) for step in LaunchStep]


def needs_overview(groups) -> list[tuple[Need, int]]:
    """How many groups need what, most needed first (ties in the list's order)."""
    counts = Counter(code for group in groups for code in set(group.needs))
    needed = [(need, counts[need.value]) for need in Need if counts[need.value]]
    return sorted(needed, key=lambda pair: -pair[1])


# The small chart --------------------------------------------------------------------------


def portions_trend_svg(values: list[int], months: list[date]) -> SafeString:
    """Portions per month as a row of small bars, the last three darker. Read aloud as
    one image: "Portions per month: June 2026: 32, …"."""
    spoken = _("Portions per month: %(figures)s") % {
        "figures": ", ".join(
            _("%(label)s: %(value)s") % {"label": date_format(month, "F Y"), "value": value}
            for month, value in zip(months, values, strict=True)
        )
    }
    return trend_svg(values, spoken=spoken, recent=RECENT_MONTHS)
