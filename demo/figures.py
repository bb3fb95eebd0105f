"""Demo history for the movement's figures (cdq/figures.py), so that last year and this
year are not empty: the year of sessions before the ones portions/demo.py makes, the
kitchen bookings of the groups of the CBO, and last year's and this year's rendez-vous,
conservation workshop and annual gathering with their attendance ticked.

Money stays as portions/demo.py leaves it: in these older sessions everyone paid the
shopping for exactly their own portions (a whole number of cents a portion), so each
settlement writes, for each cook, a receipt and a charge that cancel out.
Running it again changes nothing: a group that has a session before the older demo's
first one, a booking that exists, an event whose title exists, are left alone.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo.portions import CA_CHAUFFE_COOKS, CA_CHAUFFE_PAST, MOSAIQUES_COOKS, MOSAIQUES_PAST
from events.models import Event, Registration, Workshop
from groups.models import Group, Kitchen, KitchenBooking, Membership
from portions import services
from portions.models import CookingSession
from recipes.models import Recipe

S = CookingSession.Status
SATURDAY = 5
EVERY = timedelta(weeks=4)
SHOPS = ["Colruyt", "Marché du Midi", "Aldi", "Cultureghem"]

# group, its cooks, menus, hour, weeks before last Saturday where portions/demo.py starts
OLDER_SESSIONS = [
    ("ca-chauffe", CA_CHAUFFE_COOKS, CA_CHAUFFE_PAST, time(9), 49),
    ("les-mosaiques-de-saveurs", MOSAIQUES_COOKS, MOSAIQUES_PAST, time(15), 14),
]
# The groups of the CBO food hub book its kitchen once a month: group, weekday, hours.
CBO_BOOKINGS = [
    ("cuisine-casa", 1, time(10), time(14)),
    ("jette-ta-recette-cbo", 3, time(10), time(15)),
    ("jette-ta-recette-mercredi", 2, time(14), time(18)),
]

# Each year's events: month, day, kind, title, kitchen.
K = Event.Kind
EVENTS = [
    (3, 22, K.RENDEZVOUS, "Rendez-vous des Cuisines : les achats groupés", "cbo"),
    (5, 17, K.WORKSHOP, "Atelier conservation : les bocaux", "bouillon-de-cultures"),
    (6, 21, K.RENDEZVOUS, "Rendez-vous des Cuisines : cuisiner les invendus", "cbo"),
    (10, 11, K.RENDEZVOUS, "Rendez-vous des Cuisines : accueillir les nouveaux", "cbo"),
]
GATHERING = (11, 15, "Rencontre annuelle des Cuisines de Quartier")
GATHERING_WORKSHOPS = [
    ("Le prix de la portion", "Cuisines de Quartier"),
    ("Cuisiner sans gaspiller", "Cultureghem"),
    ("Enregistrer une recette audio", "Graphoui"),
    ("Manger végétarien", "ProVeg"),
]
GUESTS = [
    "Fatima", "Mohamed", "Khadija", "Ibrahim", "Léa", "Mamadou", "Aïcha", "Karim",
    "Sofia", "Bilal", "Marie", "Oumar", "Leila", "Hassan", "Inès", "Tom",
]  # fmt: skip


@transaction.atomic
def seed_figures(groups: dict[str, Group], people: dict[str, User]) -> None:
    today = timezone.localdate()
    last_saturday = today - timedelta(days=(today.weekday() - SATURDAY) % 7 or 7)
    kitchens = {kitchen.slug: kitchen for kitchen in Kitchen.objects.all()}
    _older_sessions(groups, people, last_saturday, kitchens.get("bouillon-de-cultures"))
    if "cbo" in kitchens:
        _cbo_bookings(groups, kitchens["cbo"], today)
    for year in (today.year - 1, today.year):
        _events_of(year, today, people, kitchens)


def _at(day: date, hour: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, hour))


def _older_sessions(groups, people, last_saturday: date, kitchen) -> None:
    """A session every four weeks for the year before portions/demo.py's first one."""
    coordinator = people["coordination@example.org"]
    for slug, cooks, menus, hour, weeks in OLDER_SESSIONS:
        group = groups[slug]
        until = last_saturday - timedelta(weeks=weeks)
        if group.sessions.filter(starts_at__lt=_at(until, hour)).exists():
            continue
        referent = (
            Membership.objects.current()
            .filter(group=group, role=Membership.Role.REFERENT)
            .select_related("person")
            .first()
        )
        by = referent.person if referent else coordinator
        members = {
            m.person.email: m
            for m in Membership.objects.current().filter(group=group).select_related("person")
        }
        recipes = {r.title: r for r in Recipe.objects.filter(title__in=sum(menus, ()))}
        rng = random.Random(f"figures-{slug}")  # noqa: S311 (demo figures, not secrets)
        day, n = until - timedelta(weeks=52), 0
        while day < until - timedelta(weeks=1):
            titles = [t for t in menus[n % len(menus)] if t in recipes]
            if titles:
                _cook(
                    group,
                    by,
                    _at(day, hour),
                    [recipes[t] for t in titles],
                    kitchen,
                    rng,
                    [members[email] for email in cooks if email in members],
                )
            day, n = day + EVERY, n + 1


def _cook(group, by, starts_at, recipes, kitchen, rng, cooks) -> None:
    """Pre-orders, cooked, portions taken as ordered, each cook paying their own share."""
    if not cooks:
        return
    session = services.create_session(
        group,
        starts_at=starts_at,
        deadline=starts_at - timedelta(days=2),
        recipes=[(recipe, None) for recipe in recipes],
        kitchen=kitchen,
        by=by,
    )
    services.change_status(session, S.OPEN, by=by)
    dishes = list(session.dishes.all())
    portions = {}
    for membership in cooks:
        wanted = {dish.pk: rng.randint(3, 8) for dish in dishes if rng.random() < 0.75}
        wanted = wanted or {dishes[0].pk: rng.randint(3, 8)}
        services.place_order(session, membership, wanted, by=by, as_referent=True)
        portions[membership] = sum(wanted.values())
    services.change_status(session, S.CLOSED, by=by)
    services.change_status(session, S.COOKED, by=by)
    if rng.random() < 0.3:  # a portion for a neighbour
        services.record_taken(session, {}, by=by, not_charged={dishes[0].pk: (0, 1)})
    cents_a_portion = rng.randint(150, 280)
    for membership, count in portions.items():
        services.add_receipt(
            session,
            payer=membership,
            amount_cents=cents_a_portion * count,
            shop=rng.choice(SHOPS),
            by=by,
        )
    services.settle(session, by=by)


def _cbo_bookings(groups, kitchen: Kitchen, today: date) -> None:
    """Once a month since January last year, each group of the food hub (past only)."""
    for slug, weekday, start, end in CBO_BOOKINGS:
        if slug not in groups:
            continue
        month = date(today.year - 1, 1, 1)
        while month < today:
            day = month + timedelta(days=(weekday - month.weekday()) % 7 + 7)
            starts_at = _at(day, start)
            if (
                day < today
                and not KitchenBooking.objects.filter(kitchen=kitchen, starts_at=starts_at).exists()
            ):
                # Written directly: booking refuses the past.
                KitchenBooking.objects.create(
                    kitchen=kitchen,
                    group=groups[slug],
                    starts_at=starts_at,
                    ends_at=_at(day, end),
                    note="Session mensuelle",
                )
            month = (month + timedelta(days=32)).replace(day=1)


def _events_of(year: int, today: date, people, kitchens) -> None:
    """The year's rendez-vous, workshop and gathering that are past, attendance ticked."""
    coordinator = people["coordination@example.org"]
    personas = [
        person for email, person in people.items() if not email.startswith(("coord", "facil"))
    ]
    rng = random.Random(f"figures-events-{year}")  # noqa: S311
    for month, day, kind, title, kitchen in EVENTS:
        starts_at = _at(date(year, month, day), time(10))
        if starts_at.date() >= today:
            continue
        event, created = Event.objects.get_or_create(
            title=f"{title} ({year})",
            defaults={
                "kind": kind,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=4),
                "kitchen": kitchens.get(kitchen),
                "capacity": 40,
                "most_companions": 2,
                "created_by": coordinator,
            },
        )
        if created:
            guests = rng.sample(GUESTS, rng.randint(4, 9))
            _attended(event, rng.sample(personas, 4), guests, rng)

    month, day, title = GATHERING
    starts_at = _at(date(year, month, day), time(9, 30))
    if starts_at.date() >= today:
        return
    event, created = Event.objects.get_or_create(
        title=f"{title} {year}",
        defaults={
            "kind": K.GATHERING,
            "audience": Event.Audience.PUBLIC,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=7),
            "address": "CBO, Rue Léopold Ier 329, 1090 Jette",
            "capacity": 90,
            "created_by": coordinator,
        },
    )
    if not created:
        return
    workshops = Workshop.objects.bulk_create(
        Workshop(event=event, slot="matin", title=name, host=host, places=12)
        for name, host in GATHERING_WORKSHOPS
    )
    rows = _attended(event, personas, GUESTS, rng)
    Registration.objects.bulk_create(
        Registration(
            event=event,
            workshop=workshops[n % len(workshops)],
            person=row.person,
            name=row.name,
            status=Registration.Status.CONFIRMED,
            created_at=row.created_at,
        )
        for n, row in enumerate(rows)
        if row.came
    )


def _attended(event: Event, personas, guests, rng) -> list[Registration]:
    """Registrations made three weeks before, then ticked on the attendance list."""
    registered = event.starts_at - timedelta(weeks=3)
    people = [(person, "") for person in personas] + [
        (None, f"{name} {rng.choice('BDKLMS')}.") for name in guests
    ]
    return Registration.objects.bulk_create(
        Registration(
            event=event,
            person=person,
            name=name,
            companions=1 if rng.random() < 0.2 else 0,
            status=Registration.Status.CONFIRMED,
            came=rng.random() < 0.85,
            created_at=registered + timedelta(minutes=13 * n),
        )
        for n, (person, name) in enumerate(people)
    )
