"""The movement's figures for a year: the annual report's page "Cuisines de Quartier en
quelques chiffres" (groups, neighbourhoods, shared kitchens, portions cooked…) and more,
computed from the data, each month by month.

A year runs from 1 January to 31 December, Brussels time. The current year runs to the
end of this month: its later months are not shown yet. Every figure, exactly:

- **active / dormant / launching groups**: the groups whose status was that one at the
  end of the year (the current year: today), read from their dated status history
  (`GroupStatusChange`), not from their status today. A month's bar: at the end of that
  month. A group without a line in its history by then did not exist yet.
- **new groups**: the groups whose history starts in the year (their first status line).
- **neighbourhoods reached**: the distinct neighbourhoods (within their commune) of the
  groups that were launching or active on at least one day of the year; a group without a
  neighbourhood counts its commune as one. **Communes reached**: their communes. A month's
  bar: the same for that month. Neighbourhood and commune are the group's current ones
  (they are not dated).
- **kitchens used**: the kitchens where a group cooked (a session cooked or settled) or
  had a booking that started in the year (and before now). **Kitchens shared by several
  groups**: the kitchens used by at least two different groups in the year. A month's bar:
  the kitchens used by two groups in that month, so the year can count more than any month.
- **portions cooked**: as the portion counter counts them (`portions/counter.py`): the
  portions of the sessions cooked or settled that start in the year, taken by the members
  (their pre-order unless the referent wrote down otherwise), left to the group and given
  away.
- **cooking sessions**: the sessions cooked or settled that start in the year.
- **active members**: the distinct people who took at least one portion of one of those
  sessions. A month's bar counts that month's people: the year is not the sum of months.
- **events held**: the events not cancelled that started in the year, before now.
- **people who came**: on the attendance lists of the events held, the registrations to
  the event ticked "came", each with the people it said it brings (a ticked line is the
  party). Someone who came to three events counts three times.
- **workshop participants**: the people at a workshop: at an event of kind "workshop",
  its registrations ticked "came"; at an event with parallel workshops (the annual
  gathering), the confirmed places in its workshops, unless marked as not come (the
  attendance list is ticked for the event, not for each workshop); each with the people
  the registration brings.

Aggregates only: no name leaves this module, so a few totals may be public. Each group of
figures is one query, summed by month in the database (TruncMonth) except the status
history, read once and replayed month by month; never a query per group or session.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from core.charts import bar_chart_svg
from events.models import Event, Registration
from groups.models import Group, GroupStatusChange, KitchenBooking
from portions.counter import COOKED, cooked_by_month
from portions.models import CookingSession, Order

S = Group.Status
ALIVE = {S.LAUNCHING, S.ACTIVE}
CONFIRMED = Registration.Status.CONFIRMED

# key: label, how it is counted (one short sentence), pictogram.
AT_THE_END = _("At the end of the year (this year: today). Each bar: at the end of the month.")
FIGURES = {
    "active": (_("Active groups"), AT_THE_END, "users-group"),
    "dormant": (_("Dormant groups"), AT_THE_END, "users-group"),
    "launching": (_("Groups launching"), AT_THE_END, "users-group"),
    "new_groups": (_("New groups"), _("Groups that started during the year."), "user-plus"),
    "neighbourhoods": (
        _("Neighbourhoods reached"),
        _("Where a group was launching or active."),
        "map-pin",
    ),
    "communes": (_("Communes reached"), _("Where a group was launching or active."), "map-pin"),
    "kitchens_used": (
        _("Kitchens used"),
        _("A session cooked there, or a booking."),
        "tools-kitchen-2",
    ),
    "kitchens_shared": (
        _("Kitchens shared by several groups"),
        _("Used by at least two groups."),
        "tools-kitchen-2",
    ),
    "portions": (
        _("Portions cooked"),
        _("Taken, left to the group or given away, as the portion counter counts them."),
        "chef-hat",
    ),
    "sessions": (_("Cooking sessions"), _("Cooked or settled."), "soup"),
    "members": (
        _("Active members"),
        _("People who took portions. Each bar: the people of that month."),
        "users",
    ),
    "events": (_("Events held"), _("Not cancelled."), "calendar-event"),
    "came": (
        _("People who came to the events"),
        _("Ticked “came” on the attendance list, with the people they brought."),
        "list-check",
    ),
    "workshop_participants": (
        _("Workshop participants"),
        _("At the workshops, and at the workshops of a gathering."),
        "heart-handshake",
    ),
}
# Which figures each query gives: the public page asks for a few parts only.
PARTS = {
    "groups": ["active", "dormant", "launching", "new_groups", "neighbourhoods", "communes"],
    "kitchens": ["kitchens_used", "kitchens_shared"],
    "cooking": ["portions", "sessions"],
    "members": ["members"],
    "events": ["events", "came", "workshop_participants"],
}


@dataclass(frozen=True)
class Figure:
    key: str
    total: int
    by_month: tuple[int, ...]

    @property
    def label(self) -> str:
        return FIGURES[self.key][0]

    @property
    def definition(self) -> str:
        return FIGURES[self.key][1]

    @property
    def icon(self) -> str:
        return FIGURES[self.key][2]


@dataclass(frozen=True)
class YearFigures:
    year: int
    months: tuple[date, ...]  # the first day of each month shown
    figures: tuple[Figure, ...]

    def __getitem__(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def chart(self, figure: Figure) -> SafeString:
        """The figure month by month, as the portion counter draws it."""
        return bar_chart_svg(
            figure.by_month,
            [date_format(month, "N") for month in self.months],
            title=str(figure.label),
            spoken=[date_format(month, "F Y") for month in self.months],
        )

    def charts(self) -> list[tuple[Figure, SafeString]]:
        return [(figure, self.chart(figure)) for figure in self.figures]


def months_of(year: int, today: date) -> tuple[date, ...]:
    """The months of `year` shown: all twelve, or up to this one for the current year."""
    if year > today.year:
        raise ValueError("no figures for a year to come")
    last = 12 if year < today.year else today.month
    return tuple(date(year, month, 1) for month in range(1, last + 1))


def _month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _first_day(month) -> date:
    return (month.date() if isinstance(month, datetime) else month).replace(day=1)


def movement_figures(year: int, *, today: date | None = None, parts=tuple(PARTS)) -> YearFigures:
    """Every figure of `year` (or those of the `parts` asked for), month by month. One
    query per part."""
    today = today or timezone.localdate()
    months = months_of(year, today)
    start, end = _aware(months[0]), _aware(_month_end(months[-1]) + timedelta(days=1))
    held_before = min(end, timezone.now())
    found: dict[str, tuple[int, list[int]]] = {}
    if "groups" in parts:
        found |= _groups(months, today)
    if "kitchens" in parts:
        found |= _kitchens(months, start, end, held_before)
    if "cooking" in parts:
        cooked = cooked_by_month(start, end)
        for n, key in enumerate(["sessions", "portions"]):
            values = [cooked.get(month, (0, 0))[n] for month in months]
            found[key] = (sum(values), values)
    if "members" in parts:
        found |= _members(months, start, end)
    if "events" in parts:
        found |= _events(months, start, held_before)
    figures = tuple(
        Figure(key, found[key][0], tuple(found[key][1])) for key in FIGURES if key in found
    )
    return YearFigures(year, months, figures)


def _groups(months, today: date) -> dict:
    """The status history up to the last day shown, in one query, replayed month by month."""
    last_day = min(_month_end(months[-1]), today)
    history: dict[int, list[tuple[date, str]]] = defaultdict(list)
    places: dict[int, tuple[str, str]] = {}
    rows = (
        GroupStatusChange.objects.filter(changed_on__lte=last_day)
        .order_by("group_id", "changed_on", "pk")
        .values_list("group_id", "changed_on", "status", "group__commune", "group__neighbourhood")
    )
    for group_id, changed_on, status, commune, neighbourhood in rows:
        history[group_id].append((changed_on, status))
        places[group_id] = (commune, " ".join(neighbourhood.split()).casefold())
    return replay_history(history, places, months, today)


def _status_on(changes: list[tuple[date, str]], day: date) -> str | None:
    status = None
    for changed_on, new_status in changes:
        if changed_on > day:
            break
        status = new_status
    return status


def replay_history(history, places, months, today: date) -> dict:
    """The group figures from each group's status history ({group: [(day, status)…]},
    oldest first) and its place ({group: (commune, neighbourhood)}). Pure: no query."""
    by_status = {status: [0] * len(months) for status in S.values}
    new_groups = [0] * len(months)
    alive_by_month: list[set[int]] = [set() for _month in months]
    for group_id, changes in history.items():
        first_day = changes[0][0]
        for n, month in enumerate(months):
            end = min(_month_end(month), today)
            if status := _status_on(changes, end):
                by_status[status][n] += 1
            if month <= first_day <= end:
                new_groups[n] += 1
            during = {_status_on(changes, month)}
            during |= {status for day, status in changes if month < day <= end}
            if during & ALIVE:
                alive_by_month[n].add(group_id)

    def neighbourhoods(groups) -> int:
        return len({places[group_id] for group_id in groups})

    def communes(groups) -> int:
        return len({places[group_id][0] for group_id in groups})

    alive = set().union(*alive_by_month)
    return {
        "active": (by_status[S.ACTIVE][-1], by_status[S.ACTIVE]),
        "dormant": (by_status[S.DORMANT][-1], by_status[S.DORMANT]),
        "launching": (by_status[S.LAUNCHING][-1], by_status[S.LAUNCHING]),
        "new_groups": (sum(new_groups), new_groups),
        "neighbourhoods": (neighbourhoods(alive), [neighbourhoods(g) for g in alive_by_month]),
        "communes": (communes(alive), [communes(g) for g in alive_by_month]),
    }


def _kitchens(months, start, end, held_before) -> dict:
    """Which group used which kitchen in which month: sessions cooked and bookings, in one
    query (a union)."""
    sessions = (
        CookingSession.objects.filter(
            status__in=COOKED, kitchen__isnull=False, starts_at__gte=start, starts_at__lt=end
        )
        .annotate(month=TruncMonth("starts_at"))
        .order_by()
        .values_list("kitchen_id", "group_id", "month")
    )
    bookings = (
        KitchenBooking.objects.filter(starts_at__gte=start, starts_at__lt=held_before)
        .annotate(month=TruncMonth("starts_at"))
        .order_by()
        .values_list("kitchen_id", "group_id", "month")
    )
    groups_by_month: dict[date, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    groups_in_year: dict[int, set[int]] = defaultdict(set)
    for kitchen_id, group_id, month in sessions.union(bookings).order_by():
        groups_by_month[_first_day(month)][kitchen_id].add(group_id)
        groups_in_year[kitchen_id].add(group_id)
    used = [len(groups_by_month[month]) for month in months]
    shared = [
        sum(len(groups) >= 2 for groups in groups_by_month[month].values()) for month in months
    ]
    return {
        "kitchens_used": (len(groups_in_year), used),
        "kitchens_shared": (sum(len(g) >= 2 for g in groups_in_year.values()), shared),
    }


def _members(months, start, end) -> dict:
    """Distinct people per month, and over the year as a subquery of the same query."""
    took = (
        Order.objects.filter(
            dish__session__status__in=COOKED,
            dish__session__starts_at__gte=start,
            dish__session__starts_at__lt=end,
        )
        .annotate(portions=Coalesce("taken", "ordered"))
        .filter(portions__gt=0)
        .order_by()
    )
    in_the_year = (
        took.annotate(everyone=Value(1))
        .values("everyone")
        .annotate(people=Count("membership__person", distinct=True))
        .values("people")
    )
    rows = (
        took.annotate(month=TruncMonth("dish__session__starts_at"))
        .values("month")
        .annotate(people=Count("membership__person", distinct=True))
        .annotate(year=Subquery(in_the_year[:1]))
    )
    by_month, year = {}, 0
    for row in rows:
        by_month[_first_day(row["month"])] = row["people"]
        year = row["year"] or 0
    return {"members": (year, [by_month.get(month, 0) for month in months])}


def _events(months, start, held_before) -> dict:
    """Events held, people who came and workshop participants per month, in one query."""
    workshop = Event.Kind.WORKSHOP
    seats = F("registrations__companions") + 1
    came = Q(
        registrations__status=CONFIRMED,
        registrations__workshop__isnull=True,
        registrations__came=True,
    )
    at_a_workshop = (Q(kind=workshop) & came) | (
        ~Q(kind=workshop)
        & Q(registrations__status=CONFIRMED, registrations__workshop__isnull=False)
        & (Q(registrations__came=True) | Q(registrations__came__isnull=True))
    )
    rows = (
        Event.objects.filter(
            cancelled_at__isnull=True, starts_at__gte=start, starts_at__lt=held_before
        )
        .annotate(month=TruncMonth("starts_at"))
        .order_by()
        .values("month")
        .annotate(
            events=Count("pk", distinct=True),
            came=Sum(seats, filter=came),
            workshop=Sum(seats, filter=at_a_workshop),
        )
    )
    found = {_first_day(row["month"]): row for row in rows}
    result = {}
    for key, column in [
        ("events", "events"),
        ("came", "came"),
        ("workshop_participants", "workshop"),
    ]:
        values = [(found[month][column] or 0) if month in found else 0 for month in months]
        result[key] = (sum(values), values)
    return result


def years_with_data(today: date | None = None) -> list[int]:
    """The years that have a status line, a session cooked or an event, newest first,
    always with this year. One query."""
    today = today or timezone.localdate()
    history = GroupStatusChange.objects.annotate(year=ExtractYear("changed_on"))
    cooked = CookingSession.objects.filter(status__in=COOKED).annotate(
        year=ExtractYear("starts_at")
    )
    events = Event.objects.annotate(year=ExtractYear("starts_at"))
    years = (
        history.order_by()
        .values_list("year", flat=True)
        .union(
            cooked.order_by().values_list("year", flat=True),
            events.order_by().values_list("year", flat=True),
        )
        .order_by()
    )
    return sorted({year for year in years if year <= today.year} | {today.year}, reverse=True)
