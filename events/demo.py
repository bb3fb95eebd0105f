"""Demo events, from the 2023 activity report: the Rendez-vous des Cuisines #4 to #6, the
conservation cycle of the Schaerbeek food hub, and the annual gathering with its six
morning workshops (53 cooks took part); then, from today, a conservation workshop that
is full with people waiting, a rendez-vous open for registration and a public workshop.

The report gives the themes, not the days nor the gathering's venue: those are plausible,
not historical.
Past registrations are written directly (registering refuses past events); the coming
ones go through events/services.py, as the pages would. Only the personas have accounts:
the other people (neighbours, cooks of other groups) are registered as guests, by name.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from events.models import Event, Registration, Workshop
from events.services import register
from groups.models import Kitchen

K = Event.Kind
A = Event.Audience
R = Registration.Status
WEDNESDAY, THURSDAY, SATURDAY = 2, 3, 5

# title, day, start, end, kitchen, description, [(persona, came)]
PAST_RENDEZVOUS = [
    (
        "Rendez-vous des Cuisines #4 : la communication au sein du Mouvement",
        date(2023, 3, 25),
        "cbo",
        "Quel outil utiliser ? Comment inclure l'ensemble du Mouvement ? Comment ne pas être "
        "submergé lorsqu'on est plus de 50 personnes sur un groupe WhatsApp ? Les groupes ont "
        "posé les bases d'une charte pour une communication fluide et efficace.",
        [
            ("referente@example.org", True),
            ("nadia@example.org", True),
            ("ferhat@example.org", True),
            ("melvin@example.org", False),
        ],
    ),
    (
        "Rendez-vous des Cuisines #5 : créer un logo pour son groupe",
        date(2023, 6, 24),
        "cbo",
        "Aidés d'artistes jettois, les groupes qui le souhaitent créent leur propre logo, pour "
        "signer leurs communications et reconnaître leur matériel et leurs productions.",
        [
            ("referente@example.org", True),
            ("sadika@example.org", True),
            ("melvin@example.org", True),
            ("voisin@example.org", True),
        ],
    ),
    (
        "Rendez-vous des Cuisines #6 : la conservation des portions",
        date(2023, 10, 14),
        "bouillon-de-cultures",
        "Questions, conseils et pratiques des groupes pour conserver leurs portions, puis "
        "50 kg de bouillon de légumes à conservation longue préparés ensemble et partagés "
        "entre les groupes présents. Un moment aussi sur l'auto-financement des groupes.",
        [
            ("referente@example.org", True),
            ("nadia@example.org", True),
            ("sadika@example.org", True),
            ("ferhat@example.org", True),
            ("voisin@example.org", False),
        ],
    ),
]

# The cycle of the Schaerbeek food hub, at Bouillon de Cultures: one method each time.
PAST_CONSERVATION = [
    ("Atelier conservation #1 : la lacto-fermentation", date(2023, 4, 15)),
    ("Atelier conservation #2 : la stérilisation", date(2023, 5, 20)),
    ("Atelier conservation #3 : le séchage", date(2023, 9, 16)),
]
CONSERVATION_COOKS = ["referente@example.org", "sadika@example.org", "amina@example.org"]

GATHERING = "Rencontre annuelle des Cuisines de Quartier 2023"
GATHERING_DAY = date(2023, 11, 18)  # "around 19 November", the day the ASBL was founded
GATHERING_PEOPLE = 53  # "53 cuistots·es de 12 groupes différents"
# The morning's six workshops: title, led by.
GATHERING_WORKSHOPS = [
    ("Mes émotions et mon alimentation", "ASBL Sources d'harmonie"),
    ("Manger végétarien", "ASBL ProVeg"),
    ("Ma vie sans Tefal", "Tessa Poldervaart"),
    ("Une cuisine pauvre en sucre et savoureuse", "Maison Médicale Tournesol"),
    ("Cuisiner un produit de A à Z", "Madeline Escafit"),
    ("Enregistrer une recette de cuisine audio", "Graphoui"),
]
GATHERING_PLACES = 9  # each workshop: 6 × 9 places for the 53 cooks

# Cooks of the other groups at the gathering, and neighbours at the open workshops.
GUESTS = [
    "Fatima", "Mohamed", "Khadija", "Ibrahim", "Léa", "Mamadou", "Aïcha", "Karim",
    "Sofia", "Bilal", "Marie", "Oumar", "Leila", "Hassan", "Inès", "Tom",
    "Zineb", "Pierre", "Awa", "Rachid", "Elif", "Kevin",
]  # fmt: skip
INITIALS = "BDKLMS"

CONSERVATION = "Atelier conservation #4 : la pasteurisation"
CONSERVATION_PLACES = 12
CONSERVATION_CONFIRMED = [
    "referente@example.org",
    "sadika@example.org",
    "ferhat@example.org",
    "melvin@example.org",
    "nadia@example.org",
]
CONSERVATION_WAITING = ["amina@example.org", "voisin@example.org"]

RENDEZVOUS = "Rendez-vous des Cuisines : faire face à la hausse des prix"
RENDEZVOUS_PEOPLE = [  # persona, people they bring
    ("referente@example.org", 0),
    ("ferhat@example.org", 0),
    ("sadika@example.org", 2),
    ("nadia@example.org", 0),
    ("voisin@example.org", 1),
]

PUBLIC = "Atelier ouvert : les pâtes maison, avec Jette ta Recette"


def _guest_names():
    """Fatima B., Mohamed B., … then Fatima D., …: as many different names as needed."""
    for initial in INITIALS:
        for first in GUESTS:
            yield f"{first} {initial}."


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _next(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


def _event(title: str, **fields) -> tuple[Event, bool]:
    return Event.objects.get_or_create(title=title, defaults=fields)


def _past_registrations(event: Event, rows) -> None:
    """Registrations of a past event, made a few weeks before it, as confirmed."""
    registered = event.starts_at - timedelta(weeks=3)
    Registration.objects.bulk_create(
        Registration(
            event=event,
            workshop=workshop,
            person=person,
            name="" if person else name,
            status=R.CONFIRMED,
            came=came,
            created_at=registered + timedelta(minutes=17 * n),
        )
        for n, (person, name, workshop, came) in enumerate(rows)
    )


@transaction.atomic
def seed_events(people: dict[str, User]) -> list[Event]:
    """The demo events; an event whose title exists already is left alone, so running it
    again changes nothing."""
    kitchens = {kitchen.slug: kitchen for kitchen in Kitchen.objects.all()}
    coordinator = people["coordination@example.org"]
    events = []

    for title, day, kitchen, description, rows in PAST_RENDEZVOUS:
        event, created = _event(
            title,
            kind=K.RENDEZVOUS,
            description=description,
            starts_at=_at(day, 10),
            ends_at=_at(day, 15),
            kitchen=kitchens.get(kitchen),
            capacity=60,
            most_companions=2,
            created_by=coordinator,
        )
        if created:
            _past_registrations(event, [(people[email], "", None, came) for email, came in rows])
        events.append(event)

    for title, day in PAST_CONSERVATION:
        event, created = _event(
            title,
            kind=K.WORKSHOP,
            audience=A.PUBLIC,
            description="Le cycle conservation du pôle Schaerbeek, ouvert au quartier : "
            "une méthode par atelier, et un petit livret pour la refaire chez soi.",
            starts_at=_at(day, 14),
            ends_at=_at(day, 17),
            kitchen=kitchens.get("bouillon-de-cultures"),
            capacity=20,
            created_by=coordinator,
        )
        if created:
            _past_registrations(
                event, [(people[email], "", None, True) for email in CONSERVATION_COOKS]
            )
        events.append(event)

    events.append(_seed_gathering(people, coordinator))
    events += _seed_coming(people, kitchens, coordinator)
    return sorted(events, key=lambda event: event.starts_at)


def _seed_gathering(people: dict[str, User], coordinator: User) -> Event:
    event, created = _event(
        GATHERING,
        kind=K.GATHERING,
        audience=A.PUBLIC,
        description="Une journée pour fêter l'anniversaire de l'ASBL. Le matin, pour les "
        "cuistots·es des groupes : six ateliers au choix. À midi, un grand banquet. "
        "L'après-midi, ouverte aux partenaires et aux curieux : la nouvelle vidéo des "
        "Cuisines et un débat sur les démarches communautaires en alimentation.",
        starts_at=_at(GATHERING_DAY, 9, 30),
        ends_at=_at(GATHERING_DAY, 17),
        address="CBO, Rue Léopold Ier 329, 1090 Jette",
        capacity=90,
        created_by=coordinator,
    )
    if not created:
        return event
    workshops = Workshop.objects.bulk_create(
        Workshop(event=event, slot="matin", title=title, host=host, places=GATHERING_PLACES)
        for title, host in GATHERING_WORKSHOPS
    )
    personas = [
        person for email, person in people.items() if not email.startswith(("coord", "facil"))
    ]
    names = _guest_names()
    cooks = [(person, "") for person in personas]
    cooks += [(None, next(names)) for _ in range(GATHERING_PEOPLE - len(cooks))]
    _past_registrations(event, [(person, name, None, True) for person, name in cooks])
    _past_registrations(
        event,
        [
            (person, name, workshops[n % len(workshops)], True)
            for n, (person, name) in enumerate(cooks)
        ],
    )
    return event


def _seed_coming(people: dict[str, User], kitchens: dict[str, Kitchen], coordinator) -> list:
    today = timezone.localdate()
    names = _guest_names()
    events = []

    # Full, with people waiting: the conservation workshops draw the whole neighbourhood.
    day = _next(THURSDAY, today) + timedelta(days=7)
    event, created = _event(
        CONSERVATION,
        kind=K.WORKSHOP,
        audience=A.PUBLIC,
        description="Après le séchage, la lacto-fermentation et la stérilisation : la "
        "pasteurisation, avec les grands pasteurisateurs du pôle. Apportez deux bocaux.",
        starts_at=_at(day, 18),
        ends_at=_at(day, 21),
        kitchen=kitchens.get("bouillon-de-cultures"),
        capacity=CONSERVATION_PLACES,
        created_by=coordinator,
    )
    if created:
        for email in CONSERVATION_CONFIRMED:
            register(event, person=people[email])
        for n in range(CONSERVATION_PLACES - len(CONSERVATION_CONFIRMED)):
            name = next(names)
            register(event, name=name, phone=f"0470 55 {10 + n:02d} {20 + n:02d}")
        for email in CONSERVATION_WAITING:
            register(event, person=people[email])
        register(event, name=next(names), email="voisine.riga@example.org")
    events.append(event)

    # Open for registration, in about three weeks.
    day = _next(SATURDAY, today + timedelta(days=20))
    event, created = _event(
        RENDEZVOUS,
        kind=K.RENDEZVOUS,
        description="Le prix de l'alimentation augmente : comment les groupes font-ils ? "
        "Calcul du prix de la portion, achats groupés, invendus, petites ventes de soutien "
        "et mini caterings : on partage les pistes, puis on cuisine ensemble.",
        starts_at=_at(day, 10),
        ends_at=_at(day, 15),
        kitchen=kitchens.get("cbo"),
        address="" if "cbo" in kitchens else "Rue Léopold Ier 329, 1090 Jette",
        capacity=60,
        most_companions=2,
        registration_closes=_at(day - timedelta(days=2), 12),
        created_by=coordinator,
    )
    if created:
        for email, companions in RENDEZVOUS_PEOPLE:
            register(event, person=people[email], companions=companions)
    events.append(event)

    # For everyone: the neighbours of the CBO come without an account.
    day = _next(WEDNESDAY, today + timedelta(days=33))
    event, created = _event(
        PUBLIC,
        kind=K.WORKSHOP,
        audience=A.PUBLIC,
        description="Farine, œufs, un rouleau : on fait ses pâtes à la main, on les cuisine "
        "ensemble et on repart avec sa part. Ouvert à tout le quartier, gratuit.",
        starts_at=_at(day, 14),
        ends_at=_at(day, 17),
        kitchen=kitchens.get("cbo"),
        capacity=15,
        most_companions=1,
        created_by=coordinator,
    )
    if created:
        register(event, person=people["melvin@example.org"], companions=1)
        register(event, name=next(names), email="voisin.esseghem@example.org", companions=1)
        register(event, name=next(names), phone="0486 12 34 56")
    events.append(event)
    return events
