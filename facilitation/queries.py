"""What the facilitation pages read: the followed groups with their contact state and
health. Two queries whatever the number of groups: `with_contact_state` (the groups with
their last contact, rhythm, members and last session, as annotations) and
`cooking_by_month` (the portions cooked per group and month).
"""

from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Count, DateField, F, JSONField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from facilitation.models import DEFAULT_RHYTHM_DAYS, Contact, LaunchStep, Need
from facilitation.rules import (
    RECENT_MONTHS,
    TREND_MONTHS,
    due_label,
    due_on,
    due_state,
    portions_trend_svg,
    trend,
)
from groups.models import Group, Membership
from portions.counter import COOKED, cooked_portions, last_months
from portions.models import CookingSession, Dish

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
