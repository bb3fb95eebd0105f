"""Facilitation follow-up: when each group is due for a contact, how it is doing, what it
needs; and the few writes (a contact, the rhythm, the launch steps).

When a group is due is decided here and only here (`due_on`): from its last contact's
"next contact" date if the facilitator chose one, else its last contact plus the group's
rhythm (42 days by default); a group never contacted is due since it was created. It is
computed on every read, never stored, so changing a rhythm moves every date at once.

The pages ask two queries whatever the number of groups: `with_contact_state` (the
groups with their last contact, rhythm, members and last session, as annotations) and
`cooking_by_month` (the portions cooked per group and month).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, DateField, F, JSONField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core.charts import trend_svg
from facilitation.models import DEFAULT_RHYTHM_DAYS, Contact, FollowUp, LaunchStep, Need
from groups.models import Group, Membership
from portions.counter import COOKED, cooked_portions, last_months
from portions.models import CookingSession, Dish

TREND_MONTHS = 6  # the small chart; its last 3 months are the figures shown
RECENT_MONTHS = 3


# Due dates: pure --------------------------------------------------------------------------


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


# Queries ----------------------------------------------------------------------------------


def with_contact_state(groups):
    """The groups, each annotated with its last contact (`last_contact_on`,
    `last_next_contact_on`, `last_needs`), `rhythm_days`, `launch_done`, `member_count`
    and `last_cooked_at`. One query."""
    latest = Contact.objects.filter(group=OuterRef("pk")).latest_first()
    members = (
        Membership.objects.current()
        .filter(group=OuterRef("pk"))
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    cooked = (
        CookingSession.objects.filter(group=OuterRef("pk"), status__in=COOKED)
        .values("group")
        .annotate(last=Max("starts_at"))
        .values("last")
    )
    return groups.select_related("facilitator").annotate(
        last_contact_on=Subquery(latest.values("contacted_on")[:1], output_field=DateField()),
        last_next_contact_on=Subquery(
            latest.values("next_contact_on")[:1], output_field=DateField()
        ),
        last_needs=Subquery(latest.values("needs")[:1], output_field=JSONField()),
        rhythm_days=Coalesce(F("follow_up__rhythm_days"), Value(DEFAULT_RHYTHM_DAYS)),
        launch_done=F("follow_up__launch_steps"),
        member_count=Coalesce(Subquery(members[:1]), Value(0)),
        last_cooked_at=Subquery(cooked[:1]),
    )


def attach_due(group: Group, today: date) -> Group:
    """Give an annotated group (from `with_contact_state`) its due date, label and needs."""
    group.contacted = group.last_contact_on is not None
    group.due_on = due_on(
        last_contact_on=group.last_contact_on,
        next_contact_on=group.last_next_contact_on,
        rhythm_days=group.rhythm_days,
        since=timezone.localdate(group.created_at),
    )
    group.due_days = (group.due_on - today).days
    group.due_label = due_label(group.due_on, today, contacted=group.contacted)
    group.due_state = due_state(group.due_on, today)
    noted = set(group.last_needs or [])
    group.needs = [code for code in Need.values if code in noted]
    group.need_list = [Need(code) for code in group.needs]
    group.launch_done = [code for code in (group.launch_done or []) if code in LaunchStep.values]
    return group


def followed_by_due(groups, today: date) -> list[Group]:
    """The groups (not stopped) in the order to contact them: the most overdue first."""
    annotated = with_contact_state(groups.exclude(status=Group.Status.STOPPED))
    listed = [attach_due(group, today) for group in annotated]
    return sorted(listed, key=lambda group: (group.due_on, group.name.lower(), group.pk))


def cooking_by_month(group_ids, today: date, months: int = TREND_MONTHS) -> dict:
    """{group id: [(first day of month, sessions, portions), ...]} over the last `months`
    months, oldest first, for every group asked (zeros where nothing was cooked). One
    query."""
    firsts = last_months(today, months)
    start = timezone.make_aware(datetime.combine(firsts[0], time.min))
    rows = (
        Dish.objects.filter(
            session__group__in=list(group_ids),
            session__status__in=COOKED,
            session__starts_at__gte=start,
        )
        .annotate(cooked=cooked_portions())
        .values_list("session__group_id", "session_id", "session__starts_at", "cooked")
    )
    sessions = defaultdict(set)
    portions = defaultdict(int)
    for group_id, session_id, starts_at, cooked in rows:
        month = timezone.localdate(starts_at).replace(day=1)
        sessions[group_id, month].add(session_id)
        portions[group_id, month] += cooked
    return {
        group_id: [
            (month, len(sessions[group_id, month]), portions[group_id, month]) for month in firsts
        ]
        for group_id in group_ids
    }


def attach_health(groups: list[Group], today: date) -> None:
    """Give each group its `sessions_recent`, `portions_recent` (last 3 months), `trend`
    and `trend_chart`. One query for all of them."""
    by_month = cooking_by_month([group.pk for group in groups], today)
    for group in groups:
        months = by_month[group.pk]
        recent = months[-RECENT_MONTHS:]
        group.sessions_recent = sum(sessions for _month, sessions, _portions in recent)
        group.portions_recent = sum(portions for _month, _sessions, portions in recent)
        values = [portions for _month, _sessions, portions in months]
        group.trend = trend(values)
        group.trend_chart = portions_trend_svg(values, [month for month, _s, _p in months])


def get_state(group: Group, today: date) -> Group:
    """One group's state and health, for its follow-up page. Two queries."""
    state = attach_due(with_contact_state(Group.objects.filter(pk=group.pk)).get(), today)
    attach_health([state], today)
    return state


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


# Writes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactNote:
    contacted_on: date
    channel: str
    news: str = ""
    needs: tuple[str, ...] = ()
    resources: str = ""
    next_steps: str = ""
    next_contact_on: date | None = None


@transaction.atomic
def log_contact(group: Group, note: ContactNote, *, by: User) -> Contact:
    """Write down a contact with a group. Its needs are the group's open needs until the
    next contact."""
    return Contact.objects.create(
        group=group,
        contacted_on=note.contacted_on,
        channel=note.channel,
        news=note.news,
        needs=[need.value for need in Need if need.value in note.needs],
        resources=note.resources,
        next_steps=note.next_steps,
        next_contact_on=note.next_contact_on,
        by=by,
    )


@transaction.atomic
def change_contact(contact: Contact, note: ContactNote) -> Contact:
    """Correct what was written down about a contact (who wrote it first stays)."""
    contact.contacted_on = note.contacted_on
    contact.channel = note.channel
    contact.news = note.news
    contact.needs = [need.value for need in Need if need.value in note.needs]
    contact.resources = note.resources
    contact.next_steps = note.next_steps
    contact.next_contact_on = note.next_contact_on
    contact.save()
    return contact


@transaction.atomic
def set_rhythm(group: Group, days: int) -> None:
    FollowUp.objects.update_or_create(group=group, defaults={"rhythm_days": days})


@transaction.atomic
def set_launch_steps(group: Group, steps) -> list[str]:
    """Record the launch steps done (the whole list, as ticked on the page)."""
    done = [step.value for step in LaunchStep if step.value in set(steps)]
    FollowUp.objects.update_or_create(group=group, defaults={"launch_steps": done})
    return done
