"""The demo has enough history for the figures of last year and this year, leaves the
money of portions/demo.py as it was, and running it twice changes nothing."""

from datetime import UTC, datetime, time, timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from demo.figures import OLDER_SESSIONS, SATURDAY
from events.models import Event, Registration
from figures.queries import movement_figures, years_with_data
from groups.models import KitchenBooking
from portions.models import CookingSession, LedgerEntry, Transfer

EVERY_YEAR = [
    "active",
    "neighbourhoods",
    "communes",
    "kitchens_used",
    "kitchens_shared",
    "portions",
    "sessions",
    "members",
    "events",
    "came",
    "workshop_participants",
]


def counts() -> dict[str, int]:
    return {
        "sessions": CookingSession.objects.count(),
        "entries": LedgerEntry.objects.count(),
        "transfers": Transfer.objects.count(),
        "bookings": KitchenBooking.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
    }


def test_last_year_and_this_year_have_every_kind_of_figure_and_a_second_run_adds_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    this_year = timezone.localdate().year
    assert years_with_data()[:2] == [this_year, this_year - 1]
    last_year = movement_figures(this_year - 1)
    for key in EVERY_YEAR:
        assert last_year[key].total > 0, key
    # Cooking nearly every month of last year (a six-week gap may skip one).
    assert sum(bool(portions) for portions in last_year["portions"].by_month) >= 10
    now = movement_figures(this_year)
    for key in ["active", "neighbourhoods", "kitchens_shared", "portions", "sessions"]:
        assert now[key].total > 0, key


def test_the_older_sessions_cost_each_cook_exactly_what_they_paid(db):
    """So the balances the members see are those of portions/demo.py alone."""
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    last_saturday = today - timedelta(days=(today.weekday() - SATURDAY) % 7 or 7)

    for slug, _cooks, _menus, _hour, weeks in OLDER_SESSIONS:
        before = datetime.combine(last_saturday - timedelta(weeks=weeks), time(), tzinfo=UTC)
        older = CookingSession.objects.filter(group__slug=slug, starts_at__lt=before)
        assert older.count() >= 12
        assert set(older.values_list("status", flat=True)) == {CookingSession.Status.SETTLED}
        nets = (
            LedgerEntry.objects.filter(session__in=older)
            .values("session", "membership")
            .annotate(net=Sum("amount_cents"))
        )
        assert {row["net"] for row in nets} == {0}
