"""The portion counter of a group's page: how many portions the group cooked, month by
month over the last year and year by year, next to the whole movement's this year; and
the small bar chart that shows it, drawn as inline SVG (no script, no stylesheet).

A portion is cooked when its session is cooked or settled: the portions members took
(their pre-order unless the referent recorded otherwise), those left to the group and
those given away.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from portions.models import CookingSession, Dish, Order

COOKED = [CookingSession.Status.COOKED, CookingSession.Status.SETTLED]


def cooked_portions():
    """A dish's portions cooked: taken (a subquery, so that summing dishes does not count
    a dish once per order), left to the group and given away."""
    taken = (
        Order.objects.filter(dish=OuterRef("pk"))
        .values("dish")
        .annotate(total=Sum(Coalesce("taken", "ordered")))
        .values("total")
    )
    return Coalesce(Subquery(taken[:1]), 0) + F("left_for_group") + F("given_away")


def _start_of_year(year: int) -> datetime:
    return timezone.make_aware(datetime(year, 1, 1))


def last_months(today: date, count: int = 12) -> list[date]:
    """The first days of the last `count` months, this one last."""
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def movement_this_year(today: date | None = None) -> int:
    """Portions cooked in the whole movement this year. One query."""
    today = today or timezone.localdate()
    total = Dish.objects.filter(
        session__status__in=COOKED,
        session__starts_at__gte=_start_of_year(today.year),
        session__starts_at__lt=_start_of_year(today.year + 1),
    ).aggregate(total=Sum(cooked_portions()))["total"]
    return total or 0


def cooked_by_month(start: datetime, end: datetime) -> dict[date, tuple[int, int]]:
    """The whole movement's sessions cooked or settled that start in [start, end), and
    their portions cooked (as the counter counts them), per month: {first day of the
    month: (sessions, portions)}. One query, summed in the database (cdq/figures.py)."""
    per_session = (
        Dish.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(total=Sum(cooked_portions()))
        .values("total")
    )
    rows = (
        CookingSession.objects.filter(status__in=COOKED, starts_at__gte=start, starts_at__lt=end)
        .annotate(month=TruncMonth("starts_at"))
        .order_by()
        .values("month")
        .annotate(
            sessions=Count("pk"),
            portions=Sum(Coalesce(Subquery(per_session[:1], output_field=IntegerField()), 0)),
        )
    )
    return {_first_day(row["month"]): (row["sessions"], row["portions"] or 0) for row in rows}


def _first_day(month) -> date:
    """TruncMonth gives an aware datetime in the current time zone (a date on a DateField)."""
    return (month.date() if isinstance(month, datetime) else month).replace(day=1)


def portion_counter(group, *, today: date | None = None, with_movement: bool = True) -> dict:
    """The group's portions cooked per month over the last 12 months (oldest first) and
    per year since its first session, its totals, and (one more query) the movement's
    total this year."""
    today = today or timezone.localdate()
    dishes = (
        Dish.objects.filter(session__group=group, session__status__in=COOKED)
        .annotate(cooked=cooked_portions())
        .values_list("session__starts_at", "cooked")
    )
    months = dict.fromkeys(last_months(today), 0)
    years: defaultdict[int, int] = defaultdict(int)
    for starts_at, cooked in dishes:
        day = timezone.localdate(starts_at)
        years[day.year] += cooked
        if (month := day.replace(day=1)) in months:
            months[month] += cooked
    movement = movement_this_year(today) if with_movement else None
    first_year, last_year = min([today.year, *years]), max([today.year, *years])
    return {
        "months": list(months.items()),
        "years": [(year, years.get(year, 0)) for year in range(first_year, last_year + 1)],
        "last_12_months": sum(months.values()),
        "this_year": years.get(today.year, 0),
        "total": sum(years.values()),
        "movement_this_year": movement,
    }
