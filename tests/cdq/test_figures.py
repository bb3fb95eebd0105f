"""The movement's figures (cdq/figures.py): a known year, 2025, built by hand, every figure
checked exactly, month by month; the CSV is the page's table; the page stays within the
query budget with 200 groups.

2025 (the `year_2025` fixture, in tests/conftest.py), the groups (their status history):
    A Ça Chauffe    Schaerbeek / Royale Sainte-Marie  launching 2024-03, active 2024-09
    B Mosaïques     Schaerbeek / royale  sainte-marie launching 2025-02-10, active 2025-06-15
    C Jette         Jette / (none)                    active 2023, dormant 2025-04-20
    D Helmet        Schaerbeek / Helmet               launching 2025-11-05
    E Uccle         Uccle / Fort Jaco                 active 2022, dormant 2024-06 (all 2025)
    F Cureghem      Anderlecht / Cureghem             active 2022, stopped 2025-03-31
    G Forest        Forest / Saint-Antoine            launching 2026-01-10 (not yet)
"""

import calendar
import re
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from events.models import Event, Registration, Workshop
from figures.queries import FIGURES, months_of, movement_figures, replay_history, years_with_data
from groups.models import Commune, Group, GroupStatusChange, Kitchen, KitchenBooking, Membership
from portions.counter import movement_this_year
from portions.models import CookingSession, Dish, Order
from tests.factories import at, make_event, make_person, make_registration
from tests.reading import read_csv

TODAY = date(2026, 11, 24)
S = Group.Status
SS = CookingSession.Status
R = Registration.Status


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def monthly(**values) -> list[int]:
    """monthly(jan=1, mar=3) → twelve months, zero where not given."""
    return [values.get(name, 0) for name in MONTHS]


EXPECTED_2025 = {
    # At the end of each month: A all year; B from June; C until March; F Jan–Feb.
    "active": (2, [3, 3, 2, 1, 1, 2, 2, 2, 2, 2, 2, 2]),
    "dormant": (2, [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]),
    "launching": (1, monthly(feb=1, mar=1, apr=1, may=1, nov=1, dec=1)),
    "new_groups": (2, monthly(feb=1, nov=1)),
    # Royale Sainte-Marie (A, B), Jette (C, no neighbourhood), Cureghem (F), Helmet (D).
    "neighbourhoods": (4, [3, 3, 3, 2, 1, 1, 1, 1, 1, 1, 2, 2]),
    "communes": (3, [3, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1]),
    "kitchens_used": (3, monthly(mar=1, jun=1, sep=1, oct=1, dec=1)),
    "kitchens_shared": (2, monthly(sep=1)),
    "portions": (29, monthly(jan=1, mar=14, jun=3, sep=6, oct=5)),
    "sessions": (5, monthly(jan=1, mar=1, jun=1, sep=1, oct=1)),
    "members": (3, monthly(jan=1, mar=2, jun=1, sep=2, oct=1)),
    "events": (3, monthly(mar=1, may=1, nov=1)),
    "came": (11, monthly(mar=4, may=3, nov=4)),
    "workshop_participants": (6, monthly(may=3, nov=3)),
}


def test_every_figure_of_a_known_year_exactly(year_2025, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        found = movement_figures(2025, today=TODAY)

    assert found.months == tuple(date(2025, month, 1) for month in range(1, 13))
    assert [figure.key for figure in found.figures] == list(FIGURES)
    for key, (total, by_month) in EXPECTED_2025.items():
        assert (found[key].total, list(found[key].by_month)) == (total, by_month), key


def test_the_portions_agree_with_the_portion_counter(year_2025):
    assert movement_figures(2025, today=TODAY)["portions"].total == movement_this_year(
        date(2025, 6, 1)
    )


def test_the_status_is_read_from_the_history_not_from_today(year_2025):
    """C is active today, but was dormant at the end of 2025."""
    Group.objects.filter(slug="jette").update(status=S.ACTIVE)

    found = movement_figures(2025, today=TODAY)

    assert found["active"].total == 2
    assert found["dormant"].total == 2


def test_the_year_before_counts_its_own(year_2025):
    found = movement_figures(2024, today=TODAY)

    # End of 2024: A active, C active, E dormant, F active; B and D did not exist.
    assert (found["active"].total, found["dormant"].total, found["launching"].total) == (3, 1, 0)
    assert found["portions"].total == 7  # New Year's Eve, 23:30 in Brussels
    assert found["events"].total == 1
    assert found["came"].total == 1
    assert found["kitchens_used"].total == 2  # B at CBO (booked), B at Le Noyer (cooked)
    assert found["kitchens_shared"].total == 0


def test_the_current_year_runs_to_this_month(year_2025):
    found = movement_figures(2026, today=TODAY)

    assert found.months[-1] == date(2026, 11, 1)
    assert len(found["active"].by_month) == 11
    # G started in January 2026; its status today is its status at the end of November.
    assert found["new_groups"].total == 1
    assert found["launching"].total == 2  # D and G


def test_an_event_still_to_come_is_not_held_yet(year_2025, time_machine):
    # A morning (two hours later is still this year), with the clock standing still.
    time_machine.move_to(at(2026, 11, 24, 10), tick=False)
    soon = timezone.now() + timedelta(hours=2)
    event = make_event(title="Bientôt", starts_at=soon)
    make_registration(event, person=None, name="Awa", came=True)

    found = movement_figures(soon.year)

    assert found["events"].total == 0
    assert found["came"].total == 0


def test_no_figures_for_a_year_to_come():
    with pytest.raises(ValueError, match="to come"):
        months_of(2027, TODAY)


def test_the_years_with_data_newest_first(year_2025):
    assert years_with_data(TODAY) == [2026, 2025, 2024, 2023, 2022]


def test_without_any_data_every_figure_is_zero(db):
    found = movement_figures(2025, today=TODAY)

    assert all(figure.total == 0 for figure in found.figures)
    assert all(not any(figure.by_month) for figure in found.figures)
    assert years_with_data(TODAY) == [2026]


# The history replayed: invariants -----------------------------------------------------------

statuses = st.sampled_from(S.values)
days = st.dates(min_value=date(2023, 6, 1), max_value=date(2026, 3, 1))
histories = st.dictionaries(
    st.integers(1, 30),
    st.lists(st.tuples(days, statuses), min_size=1, max_size=5).map(sorted),
    max_size=12,
)


@given(histories, st.sampled_from([date(2025, 12, 31), date(2025, 8, 13)]))
def test_every_group_that_exists_has_one_status_at_each_months_end(history_, today):
    places = {group: ("jette", str(group % 3)) for group in history_}
    months = months_of(2025, today)

    found = replay_history(history_, places, months, today)

    for n, month in enumerate(months):
        end = min(month.replace(day=calendar.monthrange(2025, month.month)[1]), today)
        existing = sum(changes[0][0] <= end for changes in history_.values())
        at_end = {s: found[s][1][n] for s in ["active", "dormant", "launching"]}
        stopped = sum(
            [status for day, status in changes if day <= end][-1:] == [S.STOPPED]
            for changes in history_.values()
        )
        assert sum(at_end.values()) + stopped == existing
        assert found["communes"][1][n] <= found["neighbourhoods"][1][n]
    assert found["new_groups"][0] == sum(
        date(2025, 1, 1) <= changes[0][0] <= today for changes in history_.values()
    )
    for key in ["neighbourhoods", "communes"]:
        assert max(found[key][1], default=0) <= found[key][0] <= len(set(places.values()))
    assert found["active"][0] == found["active"][1][-1]


# The pages ------------------------------------------------------------------------------------


def figures_on_the_page(html: str) -> dict[str, tuple[int, list[int]]]:
    """Each card's big number and the months its chart reads aloud."""
    found = {}
    for key, total, label in re.findall(
        r'<section class="card figure" id="(\w+)".*?<p class="big-number">(\d+)</p>'
        r'.*?aria-label="([^"]*)"',
        html,
        flags=re.S,
    ):
        found[key] = (int(total), [int(n) for n in re.findall(r": (\d+)(?:,|$)", label)])
    return found


def test_the_page_shows_every_figure_of_the_year_asked_for(client_as, year_2025):
    response = client_as("coordinator").get("/figures/?year=2025")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Le mouvement en chiffres, 2025" in html
    assert figures_on_the_page(html) == {
        key: (total, by_month) for key, (total, by_month) in EXPECTED_2025.items()
    }
    assert '<option value="2025" selected>' in html
    assert 'href="/figures/2025.csv"' in html


def test_the_csv_is_the_pages_table(client_as, year_2025):
    client = client_as("coordinator")
    page = figures_on_the_page(client.get("/figures/?year=2025").content.decode())

    rows = read_csv(client.get("/figures/2025.csv"))

    assert rows[0][1:] == ["2025", *(f"2025-{month:02d}" for month in range(1, 13))]
    assert [row[0] for row in rows[1:]] == [str(FIGURES[key][0]) for key in FIGURES]
    assert {
        key: (int(row[1]), [int(n) for n in row[2:]])
        for key, row in zip(FIGURES, rows[1:], strict=True)
    } == page
    assert client.get("/figures/2025.csv")["Content-Disposition"].endswith('-2025.csv"')


def test_a_year_that_is_not_offered_shows_this_year_and_says_so(client_as, year_2025):
    response = client_as("coordinator").get("/figures/?year=1990")

    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert response.context["form"].errors
    assert client_as("coordinator").get("/figures/2031.csv").status_code == 404


def test_the_public_page_shows_a_few_totals_and_no_name(client_as, year_2025):
    response = client_as("visitor").get("/figures/public/?year=2025")

    html = response.content.decode()
    assert response.status_code == 200
    totals = [figure.total for figure in response.context["figures"]]
    assert totals == [2, 1, 4, 2, 29]  # active, launching, neighbourhoods, shared, portions
    for name in ["Amina", "Rosa", "Fatima", "Ça Chauffe", "Mosaïques"]:
        assert name not in html


def test_only_coordinators_read_the_figures(client_as, year_2025):
    for persona in ["member", "referent", "facilitator"]:
        assert client_as(persona).get("/figures/").status_code == 403
        assert client_as(persona).get("/figures/2025.csv").status_code == 403


# The budget -------------------------------------------------------------------------------


@pytest.fixture
def a_big_movement(soup, coordinator):
    """200 groups with a year of history, 400 cooked sessions with orders, bookings and
    events with registrations: the pages must not grow with them."""
    groups = Group.objects.bulk_create(
        Group(
            name=f"Groupe {n}",
            slug=f"groupe-{n}",
            commune=Commune.values[n % 19],
            neighbourhood=f"Quartier {n % 40}",
        )
        for n in range(200)
    )
    GroupStatusChange.objects.bulk_create(
        change
        for n, group in enumerate(groups)
        for change in [
            GroupStatusChange(
                group=group, status=S.LAUNCHING, changed_on=date(2024, 1 + n % 12, 1)
            ),
            GroupStatusChange(group=group, status=S.ACTIVE, changed_on=date(2025, 1 + n % 12, 2)),
        ]
    )
    kitchens = Kitchen.objects.bulk_create(
        Kitchen(name=f"Cuisine {n}", slug=f"cuisine-{n}", commune=Commune.JETTE) for n in range(10)
    )
    people = [make_person(None, f"Cuistot {n}") for n in range(20)]
    memberships = Membership.objects.bulk_create(
        Membership(group=groups[n % 200], person=person) for n, person in enumerate(people)
    )
    sessions = CookingSession.objects.bulk_create(
        CookingSession(
            group=groups[n % 200],
            kitchen=kitchens[n % 10],
            starts_at=at(2025, 1 + n % 12, 1 + n % 28),
            deadline=at(2025, 1 + n % 12, 1 + n % 28) - timedelta(days=1),
            status=SS.SETTLED,
        )
        for n in range(400)
    )
    dishes = Dish.objects.bulk_create(Dish(session=s, recipe=soup) for s in sessions)
    Order.objects.bulk_create(
        Order(dish=dish, membership=memberships[n % 20], ordered=4) for n, dish in enumerate(dishes)
    )
    KitchenBooking.objects.bulk_create(
        KitchenBooking(
            kitchen=kitchens[n % 10],
            group=groups[n],
            starts_at=at(2025, 1 + n % 12, 3),
            ends_at=at(2025, 1 + n % 12, 3, 22),
        )
        for n in range(100)
    )
    for n in range(30):
        held = make_event(
            title=f"Rendez-vous {n}", starts_at=at(2025, 1 + n % 12, 14), kind=Event.Kind.GATHERING
        )
        room = Workshop.objects.create(event=held, title="Atelier")
        Registration.objects.bulk_create(
            Registration(event=held, name=f"Invité {i}", status=R.CONFIRMED, came=True)
            for i in range(10)
        )
        make_registration(held, name="Invité", workshop=room)
    return groups


def test_the_pages_stay_within_the_query_budget_with_200_groups(
    client_as, max_queries, a_big_movement
):
    client = client_as("coordinator")
    with max_queries():
        page = client.get("/figures/?year=2025")
    with max_queries():
        table = client.get("/figures/2025.csv")
    visitor = client_as("visitor")
    with max_queries():
        public = visitor.get("/figures/public/?year=2025")
    with max_queries():
        client.get("/figures/public/?year=2025")  # logged in: two more queries

    assert page.status_code == table.status_code == public.status_code == 200
    found = page.context["charts"]
    totals = {figure.key: figure.total for figure, _chart in found}
    assert totals["active"] == 200
    assert totals["sessions"] == 400
    assert totals["portions"] == 1600
    assert totals["members"] == 20
    assert totals["events"] == 30
    assert totals["came"] == 300
    assert totals["workshop_participants"] == 30
    assert totals["kitchens_shared"] == 10


def test_the_coordinators_home_leads_to_the_figures_and_the_visitors_home_to_the_public_page(
    client_as,
):
    assert 'href="/figures/"' in client_as("coordinator").get("/").content.decode()
    assert 'href="/figures/"' not in client_as("facilitator").get("/").content.decode()
    assert 'href="/figures/public/"' in client_as("visitor").get("/").content.decode()


def test_a_workshop_place_of_someone_marked_absent_is_not_a_participant(member, referent):
    from events.services import mark_attendance

    day = timezone.make_aware(datetime(2025, 6, 14, 10))
    gathering = make_event(title="Rencontre", starts_at=day, kind=Event.Kind.GATHERING)
    bread = Workshop.objects.create(event=gathering, title="Pain", places=10)
    amina = make_registration(gathering, person=member)
    rosa = make_registration(gathering, person=referent)
    make_registration(gathering, person=member, workshop=bread)
    make_registration(gathering, person=referent, workshop=bread)
    later = date(2025, 12, 31)

    mark_attendance(gathering, came={amina.pk})  # Rosa did not come

    assert movement_figures(2025, today=later)["workshop_participants"].total == 1
    assert movement_figures(2025, today=later)["came"].total == 1
    mark_attendance(gathering, came={amina.pk, rosa.pk})  # she came after all
    assert movement_figures(2025, today=later)["workshop_participants"].total == 2
