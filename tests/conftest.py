"""Fixtures the tests of several apps share: the personas, their groups and kitchen, the
query budget, a few foods and recipes, and the larger worlds some pages are measured in.
Fixtures only one app's tests use are in that app's conftest.py; the builders they call
are in tests/factories.py.

Personas (see the brief): a visitor, a cook (member), a cook of another group (outsider),
the group's referent, a facilitator and a coordinator. Later features give them groups.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from accounts.models import User
from events.models import Event, Registration, Workshop
from facilitation.models import Contact, FollowUp, Need
from groups.models import Commune, Group, Kitchen, KitchenBooking, Membership
from groups.services import add_member, add_member_without_email, create_group
from portions.models import CookingSession, Dish
from recipes.allergens import Allergen, to_mask
from recipes.models import Food, Recipe, RecipeEquipment, Step
from tests.factories import (
    add_lines,
    at,
    cook,
    make_event,
    make_food,
    make_group,
    make_person,
    make_price,
    make_registration,
    make_session,
    set_history,
)


def pytest_collection_modifyitems(items) -> None:
    """Every test under tests/browser/ is marked `browser` (`-m "not browser"` leaves them
    out; CI does so on its second database, see .ci/run)."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)


QUERY_BUDGET = 8  # SQL queries per page, whatever the amount of data

# No per-example deadline: on a busy 2-core CI machine an example touching the database
# can take 300 ms once and 100 ms the next time, and Hypothesis calls that flaky.
hypothesis_settings.register_profile("cdq", deadline=None)
hypothesis_settings.load_profile("cdq")


@pytest.fixture
def member(db) -> User:
    return make_person("amina@example.org", "Amina Benali")


@pytest.fixture
def outsider(db) -> User:
    return make_person("voisin@example.org", "Jan Peeters", language="nl")


@pytest.fixture
def referent(db) -> User:
    return make_person("referente@example.org", "Rosa Martínez")


@pytest.fixture
def outsider_referent(db) -> User:
    return make_person("mosaiques@example.org", "Nadia Haddad")


@pytest.fixture
def facilitator(db) -> User:
    return make_person("facilitation@example.org", "Youssef El Amrani", is_facilitator=True)


@pytest.fixture
def coordinator(db) -> User:
    return make_person(
        "coordination@example.org",
        "Claire Lambert",
        is_coordinator=True,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """allauth counts attempts in the shared database cache, which survives a test's
    rollback: start each test that touches the database with no attempts counted."""
    if {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("db" if "db" in request.fixturenames else "transactional_db")
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, the default: a request in another language leaves that
    language active in the test's thread, and tests must not depend on their order."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


PERSONAS = [
    "visitor",
    "member",
    "referent",
    "outsider",
    "outsider_referent",
    "facilitator",
    "coordinator",
]


@pytest.fixture
def group(member, referent):
    """ "Ça Chauffe": the member and the referent cook there."""
    group = create_group(
        by=None,
        name="Ça Chauffe",
        slug="ca-chauffe",
        commune=Commune.SCHAERBEEK,
        status=Group.Status.ACTIVE,
    )
    add_member(group, referent, role=Membership.Role.REFERENT)
    add_member(group, member)
    return group


@pytest.fixture
def other_group(outsider, outsider_referent, facilitator):
    """ "Les Mosaïques de Saveurs": the outsiders' group, the one the facilitator follows."""
    group = create_group(
        by=None,
        name="Les Mosaïques de Saveurs",
        slug="les-mosaiques-de-saveurs",
        commune=Commune.SCHAERBEEK,
        status=Group.Status.ACTIVE,
        facilitator=facilitator,
    )
    add_member(group, outsider_referent, role=Membership.Role.REFERENT)
    add_member(group, outsider)
    return group


@pytest.fixture
def client_as(request, db):
    """client_as("member") gives a test client logged in as that persona."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "visitor":
            client.force_login(request.getfixturevalue(persona))
        return client

    return make


@pytest.fixture
def max_queries(django_assert_max_num_queries):
    """`with max_queries():` fails the test when a page runs more than the budget."""

    def budget(limit: int = QUERY_BUDGET):
        return django_assert_max_num_queries(limit)

    return budget


@pytest.fixture
def kitchen(group):
    """The CBO kitchen in Jette, where Ça Chauffe cooks."""
    kitchen = Kitchen.objects.create(
        name="CBO",
        slug="cbo",
        address="Rue Léopold Ier 329",
        commune=Commune.JETTE,
        access_instructions="Code du cadenas 2468",
        accessibility="De plain-pied.",
    )
    kitchen.equipment.create(name="Marmite", size="20 l", quantity=2)
    group.kitchens.add(kitchen)
    return kitchen


# Foods and recipes ---------------------------------------------------------------------------
# A few foods with prices, a movement recipe of "Ça Chauffe", a recipe Ça Chauffe keeps for
# itself, and one that "Les Mosaïques de Saveurs" keep for themselves.


@pytest.fixture
def foods(db) -> dict[str, Food]:
    V = Food.Category.VEGETABLES
    foods = {
        "carrot": make_food("carotte", plural="carottes", category=V, grams_per_piece=Decimal(100)),
        "onion": make_food("oignon", plural="oignons", category=V, grams_per_piece=Decimal(150)),
        "lentils": make_food("lentilles corail", category=Food.Category.DRY),
        "milk": make_food(
            "lait",
            category=Food.Category.DAIRY,
            sold_by=Food.SoldBy.VOLUME,
            is_dairy=True,
            allergens=to_mask([Allergen.MILK]),
            grams_per_litre=Decimal(1030),
        ),
        "chicken": make_food("cuisses de poulet", category=Food.Category.MEAT_FISH, is_meat=True),
        "flour": make_food("farine", category=Food.Category.DRY, allergens=Allergen.GLUTEN.bit),
        "parsley": make_food("persil", category=Food.Category.SPICES, sold_by=Food.SoldBy.BUNCH),
        "salt": make_food("sel", category=Food.Category.SPICES),
    }
    make_price(foods["carrot"], 189)  # 1,89 € / kg
    make_price(foods["onion"], 149)
    make_price(foods["lentils"], 349)
    make_price(foods["milk"], 109, unit="l")
    make_price(foods["chicken"], 899)
    make_price(foods["flour"], 99, days_ago=500)  # more than a year old
    make_price(foods["parsley"], 99, quantity="1", unit="bunch")
    # salt: no price at all
    return foods


@pytest.fixture
def soup(foods, group, referent) -> Recipe:
    """Soupe de carottes: vegetarian, shared with the movement, by Ça Chauffe."""
    recipe = Recipe.objects.create(
        title="Soupe de carottes",
        author_group=group,
        created_by=referent,
        visibility=Recipe.Visibility.MOVEMENT,
        fridge_days=3,
        freezer_months=3,
        can_sterilise=True,
    )
    add_lines(
        recipe,
        (foods["carrot"], "800", "g", True),
        (foods["onion"], "3", "piece", True),
        (foods["lentils"], "400", "g", True),
        (foods["parsley"], "1", "bunch", True),
        (foods["salt"], None, "pinch", False),
    )
    RecipeEquipment.objects.create(recipe=recipe, name="Marmite", size="20 l", quantity=1)
    RecipeEquipment.objects.create(recipe=recipe, name="Mixeur", quantity=1, scales=False)
    Step.objects.create(recipe=recipe, position=0, text="Épluchez les carottes et les oignons.")
    Step.objects.create(recipe=recipe, position=1, text="Faites cuire 30 minutes, puis mixez.")
    return recipe


@pytest.fixture
def secret_recipe(foods, other_group, outsider_referent) -> Recipe:
    """A recipe Les Mosaïques keep for themselves."""
    recipe = Recipe.objects.create(
        title="Poulet de Nadia",
        author_group=other_group,
        created_by=outsider_referent,
        visibility=Recipe.Visibility.GROUP,
    )
    return add_lines(
        recipe, (foods["chicken"], "2", "kg", True), (foods["flour"], "100", "g", True)
    )


@pytest.fixture
def kept_recipe(foods, group, referent) -> Recipe:
    """A recipe Ça Chauffe keeps for itself, written by its referent."""
    recipe = Recipe.objects.create(
        title="Tajine de Rosa",
        author_group=group,
        created_by=referent,
        visibility=Recipe.Visibility.GROUP,
    )
    return add_lines(
        recipe, (foods["chicken"], "2", "kg", True), (foods["onion"], "4", "piece", True)
    )


# The worked example of a session (tests/portions/test_printing.py) ---------------------------

SATURDAY = at(2026, 12, 5, 10)  # Ça Chauffe cooks on Saturday 5 December 2026
ON_SATURDAY = {"starts_at": SATURDAY, "deadline": SATURDAY - timedelta(days=2)}


@pytest.fixture
def people(group, member, referent):
    """Amina (the member fixture), then Ferhat, Sadika and Melvin, who joined in this order."""
    return {
        "amina": group.memberships.get(person=member),
        "ferhat": add_member_without_email(group, display_name="Ferhat Yilmaz"),
        "sadika": add_member_without_email(group, display_name="Sadika Rahmani"),
        "melvin": add_member_without_email(group, display_name="=Melvin+1"),  # a formula?
    }


@pytest.fixture
def open_session(group, referent, people, kept_recipe, soup) -> CookingSession:
    """40 soups pre-ordered: 48 to cook (3 batches of 16); 10 tajines: 16 to cook."""
    session = make_session(group, [kept_recipe, soup], by=referent, **ON_SATURDAY)
    orders = {people["amina"]: [6, 30], people["sadika"]: [4, 10]}  # tajine, soup
    return cook(session, orders, by=referent, as_referent=True, until=CookingSession.Status.OPEN)


# Larger worlds --------------------------------------------------------------------------------


@pytest.fixture
def many_groups(facilitator, soup):
    """200 groups followed by the facilitator, each with members, three cooked sessions
    and three contacts."""
    groups = Group.objects.bulk_create(
        Group(
            name=f"Groupe {i:03}",
            slug=f"groupe-{i:03}",
            commune="schaerbeek",
            status=Group.Status.LAUNCHING if i % 10 == 0 else Group.Status.ACTIVE,
            facilitator=facilitator,
        )
        for i in range(200)
    )
    cooks = User.objects.bulk_create(
        User(email=f"cook{i}@example.org", display_name=f"Cook {i}") for i in range(200)
    )
    for group, person in zip(groups, cooks, strict=True):
        add_member(group, person)
    now = timezone.now()
    sessions = CookingSession.objects.bulk_create(
        CookingSession(
            group=group,
            starts_at=now - timedelta(days=15 * k + i % 7),
            deadline=now - timedelta(days=15 * k + i % 7),
            status=CookingSession.Status.SETTLED,
        )
        for i, group in enumerate(groups)
        for k in range(1, 4)
    )
    Dish.objects.bulk_create(
        Dish(session=session, recipe=soup, left_for_group=16) for session in sessions
    )
    Contact.objects.bulk_create(
        Contact(
            group=group,
            contacted_on=timezone.localdate() - timedelta(days=20 * k + i % 40),
            needs=[Need.values[i % 9], Need.values[(i + k) % 9]],
            news="Des nouvelles.",
        )
        for i, group in enumerate(groups)
        for k in range(3)
    )
    FollowUp.objects.bulk_create(
        FollowUp(group=group, launch_steps=["space"]) for group in groups[::10]
    )
    return groups


@pytest.fixture
def year_2025(
    group, other_group, member, referent, outsider, outsider_referent, kitchen, soup, kept_recipe
):
    """The movement's known year, 2025, for the figures (described in the docstring of
    tests/cdq/test_figures.py); returns groups A, B and C."""
    S, R = Group.Status, Registration.Status

    def cooked(
        group_, by, starts_at, orders, recipes, *, kitchen=None, taken=None, left=0, given=0
    ):
        """Cooked on `starts_at` (pre-orders closed two days before): `orders` {membership:
        [portions per dish]}, `taken` {(dish index, membership): portions}."""
        session = make_session(
            group_,
            recipes,
            by=by,
            starts_at=starts_at,
            deadline=starts_at - timedelta(days=2),
            kitchen=kitchen,
        )
        return cook(
            session,
            orders,
            by=by,
            as_referent=True,
            taken=taken or {},
            not_charged={0: (left, given)},
        )

    a, b = group, other_group
    a.neighbourhood = "Royale Sainte-Marie"
    a.save(update_fields=["neighbourhood"])
    b.neighbourhood = " royale  Sainte-Marie "  # the same neighbourhood, typed differently
    b.save(update_fields=["neighbourhood"])
    set_history(a, (date(2024, 3, 1), S.LAUNCHING), (date(2024, 9, 1), S.ACTIVE))
    set_history(b, (date(2025, 2, 10), S.LAUNCHING), (date(2025, 6, 15), S.ACTIVE))
    c = make_group(
        "jette", Commune.JETTE, "", (date(2023, 1, 1), S.ACTIVE), (date(2025, 4, 20), S.DORMANT)
    )
    make_group("helmet", Commune.SCHAERBEEK, "Helmet", (date(2025, 11, 5), S.LAUNCHING))
    make_group(
        "uccle",
        Commune.UCCLE,
        "Fort Jaco",
        (date(2022, 5, 1), S.ACTIVE),
        (date(2024, 6, 1), S.DORMANT),
    )
    make_group(
        "cureghem",
        Commune.ANDERLECHT,
        "Cureghem",
        (date(2022, 5, 1), S.ACTIVE),
        (date(2025, 3, 31), S.STOPPED),
    )
    make_group("forest", Commune.FOREST, "Saint-Antoine", (date(2026, 1, 10), S.LAUNCHING))

    k1 = kitchen
    k2 = Kitchen.objects.create(name="Bouillon", slug="bouillon", commune=Commune.SCHAERBEEK)
    k3 = Kitchen.objects.create(name="Le Noyer", slug="noyer", commune=Commune.SCHAERBEEK)
    amina = a.memberships.get(person=member)
    rosa = a.memberships.get(person=referent)
    jan = b.memberships.get(person=outsider)
    nadia = b.memberships.get(person=outsider_referent)

    # Portions: January 1 (half past midnight: still 2024 in UTC), March 6+5+2+1, June 3
    # (Nadia took none of her 2), September 2+4, October 5.
    cooked(a, referent, at(2025, 1, 1, 0, 30), {amina: [1]}, [soup])
    cooked(
        a,
        referent,
        at(2025, 3, 8),
        {amina: [6], rosa: [4]},
        [soup],
        kitchen=k1,
        taken={(0, rosa): 5},
        left=2,
        given=1,
    )
    cooked(
        b,
        outsider_referent,
        at(2025, 6, 14),
        {jan: [3], nadia: [2]},
        [soup],
        kitchen=k1,
        taken={(0, nadia): 0},
    )
    cooked(
        a, referent, at(2025, 9, 20), {amina: [2, 0], rosa: [0, 4]}, [soup, kept_recipe], kitchen=k2
    )
    cooked(a, referent, at(2025, 10, 4), {amina: [5]}, [soup], kitchen=k3)
    # Not in 2025's figures: pre-orders closed but not cooked, and New Year's Eve 2024.
    closed = make_session(
        a, [soup], by=referent, starts_at=at(2025, 10, 11), deadline=at(2025, 10, 9), kitchen=k3
    )
    cook(closed, {rosa: [10]}, by=referent, as_referent=True, until=CookingSession.Status.OPEN)
    cooked(b, outsider_referent, at(2024, 12, 31, 23, 30), {jan: [7]}, [soup], kitchen=k3)

    # Bookings (written directly: booking refuses the past): B at Bouillon in September
    # (so Bouillon is shared that month), A at Le Noyer in December, B at CBO in 2024.
    for kitchen_, group_, day in [(k2, b, at(2025, 9, 27)), (k3, a, at(2025, 12, 6))]:
        KitchenBooking.objects.create(
            kitchen=kitchen_, group=group_, starts_at=day, ends_at=day + timedelta(hours=4)
        )
    KitchenBooking.objects.create(
        kitchen=k1, group=b, starts_at=at(2024, 5, 4), ends_at=at(2024, 5, 4, 22)
    )

    # Events: a rendez-vous in March, a workshop in May, the gathering in November with
    # two parallel workshops; a cancelled one and one in 2024 do not count.
    rendezvous = make_event(
        title="Rendez-vous #1", starts_at=at(2025, 3, 22), kind=Event.Kind.RENDEZVOUS
    )
    make_registration(rendezvous, person=member, companions=2, came=True)  # 3
    make_registration(rendezvous, person=referent, came=False)
    make_registration(rendezvous, person=outsider)  # attendance not ticked
    make_registration(rendezvous, name="Fatima B.", came=True)  # 1
    make_registration(rendezvous, name="Léa K.", status=R.CANCELLED, companions=1, came=True)
    workshop = make_event(
        title="Atelier stérilisation", starts_at=at(2025, 5, 10), kind=Event.Kind.WORKSHOP
    )
    make_registration(workshop, person=member, came=True)  # 1
    make_registration(workshop, name="Mohamed D.", companions=1, came=True)  # 2
    make_registration(workshop, person=referent, came=False)
    gathering = make_event(
        title="Rencontre annuelle", starts_at=at(2025, 11, 15), kind=Event.Kind.GATHERING
    )
    morning = Workshop.objects.create(event=gathering, slot="matin", title="Conserves")
    afternoon = Workshop.objects.create(event=gathering, slot="matin", title="Logo")
    make_registration(gathering, person=member, came=True)  # 1
    make_registration(gathering, person=referent, came=True)  # 1
    make_registration(gathering, person=outsider, companions=1, came=True)  # 2
    make_registration(gathering, person=member, workshop=morning)  # 1 at a workshop
    make_registration(gathering, person=referent, workshop=afternoon, came=False)
    make_registration(gathering, person=outsider, workshop=morning, companions=1)  # 2
    make_registration(gathering, name="Léa K.", workshop=afternoon, status=R.WAITING)
    cancelled = make_event(title="Annulé", starts_at=at(2025, 6, 1), cancelled_at=at(2025, 5, 20))
    make_registration(cancelled, person=member, came=True)
    last_year = make_event(title="Rendez-vous 2024", starts_at=at(2024, 12, 10))
    make_registration(last_year, person=member, came=True)
    return {"a": a, "b": b, "c": c}


@pytest.fixture
def worked_example_cooked(group, referent, people, kept_recipe, soup) -> CookingSession:
    """The worked example, cooked, its portions taken and its receipts entered (the labels,
    the exports)."""
    session = make_session(group, [kept_recipe, soup], by=referent, **ON_SATURDAY)
    return cook(
        session,
        {  # tajine, soup
            people["amina"]: [6, 4],
            people["ferhat"]: [0, 4],
            people["sadika"]: [6, 8],
            people["melvin"]: [0, 4],
        },
        by=referent,
        as_referent=True,
        taken={(1, people["ferhat"]): 4},  # as pre-ordered, now written down
        not_charged={1: (2, 1)},  # the soup: 2 left to the group, 1 given away
        receipts={people["amina"]: 3840, people["sadika"]: 2115},
    )
