"""Demo groups, kitchens, food hubs and partners, from the 2023 activity report."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from groups.bookings import BookingConflict, book_kitchen
from groups.models import (
    Commune,
    Equipment,
    FoodHub,
    Group,
    GroupStatusChange,
    Kitchen,
    KitchenBooking,
    Membership,
    Partner,
)

K = Partner.Kind
PARTNERS = {
    K.KITCHEN_HOST: ["CBO", "Bouillon de Cultures", "Bees Coop", "Maxima (Communa)"],
    K.SOCIAL: [
        "Espace Social Télé Service",
        "Maison médicale Alpha Santé",
        "Maison médicale Le Noyer",
        "Le Logis-Floréal",
        "Foyer du Sud",
        "Community Land Trust Brussel",
        "SAMU - Centre Koekelberg",
        "Cabas Jette",
        "Les Pissenlits",
    ],
    K.SUPPLY: ["VRAC", "Rayon vert", "Cultureghem", "Commune de Schaerbeek (Invendus pas perdus)"],
    K.EXPERTISE: ["Réseau Santé Diabète", "ProVeg vzw", "RCCQ", "Cultures et Santé"],
    K.FUNDER: [
        "Bruxelles Environnement / Good Food",
        "COCOF - Promotion de la santé",
        "Fondation Roi Baudouin",
        "4 Wings",
    ],
}

KITCHENS = [
    # slug, name, address, commune, host, capacity, equipment
    (
        "cbo",
        "CBO",
        "Rue Léopold Ier 329",
        Commune.JETTE,
        "CBO",
        12,
        [("Marmite", "20 l", 3), ("Four", "", 2), ("Stérilisateur", "27 l", 1)],
    ),
    (
        "bouillon-de-cultures",
        "Bouillon de Cultures",
        "Rue Royale Sainte-Marie 50",
        Commune.SCHAERBEEK,
        "Bouillon de Cultures",
        10,
        [("Marmite", "20 l", 2), ("Marmite", "10 l", 2), ("Déshydrateur", "", 1)],
    ),
    (
        "le-noyer",
        "Maison médicale Le Noyer",
        "Avenue Rogier 120",
        Commune.SCHAERBEEK,
        "Maison médicale Le Noyer",
        6,
        [("Marmite", "15 l", 1), ("Four", "", 1)],
    ),
]

HUBS = [
    ("pole-cbo", "Pôle CBO", "cbo", "Jette ta Recette ! : plusieurs groupes autour du CBO."),
    ("pole-schaerbeek", "Pôle Schaerbeek", "bouillon-de-cultures", "Ateliers conservation."),
]

S = Group.Status
# slug, name, commune, neighbourhood, partner, hub, kitchen, history (year, status), frequency
GROUPS = [
    (
        "ca-chauffe",
        "Ça Chauffe",
        Commune.SCHAERBEEK,
        "Royale Sainte-Marie",
        "Espace Social Télé Service",
        "pole-schaerbeek",
        "bouillon-de-cultures",
        [(2021, S.LAUNCHING), (2022, S.ACTIVE)],
        Group.Frequency.FORTNIGHTLY,
    ),
    (
        "les-mosaiques-de-saveurs",
        "Les Mosaïques de Saveurs",
        Commune.SCHAERBEEK,
        "Royale Sainte-Marie",
        "Bouillon de Cultures",
        "pole-schaerbeek",
        "bouillon-de-cultures",
        [(2021, S.LAUNCHING), (2021, S.ACTIVE)],
        Group.Frequency.MONTHLY,
    ),
    (
        "cuisine-casa",
        "Cuisine Casa",
        Commune.KOEKELBERG,
        "Simonis",
        "SAMU - Centre Koekelberg",
        None,
        "cbo",
        [(2022, S.LAUNCHING), (2023, S.ACTIVE)],
        Group.Frequency.WEEKLY,
    ),
    (
        "jette-ta-recette-cbo",
        "Jette ta Recette – Les Cuistots du CBO",
        Commune.JETTE,
        "Esseghem",
        "CBO",
        "pole-cbo",
        "cbo",
        [(2022, S.LAUNCHING), (2022, S.ACTIVE)],
        Group.Frequency.FORTNIGHTLY,
    ),
    (
        "jette-ta-recette-mercredi",
        "Jette ta Recette – Les Saveurs du Mercredi",
        Commune.JETTE,
        "Dieleghem",
        "Cabas Jette",
        "pole-cbo",
        "cbo",
        [(2023, S.LAUNCHING), (2024, S.ACTIVE)],
        Group.Frequency.MONTHLY,
    ),
    (
        "les-marmites-du-logis",
        "Les Marmites du Logis",
        Commune.WATERMAEL,
        "Floréal",
        "Le Logis-Floréal",
        None,
        None,
        [(2022, S.LAUNCHING), (2023, S.ACTIVE), (2025, S.DORMANT)],
        Group.Frequency.MONTHLY,
    ),
    (
        "la-cuisine-du-foyer",
        "La Cuisine du Foyer",
        Commune.FOREST,
        "Saint-Antoine",
        "Foyer du Sud",
        None,
        None,
        [(2026, S.LAUNCHING)],
        Group.Frequency.MONTHLY,
    ),
    (
        "les-pissenlits-gourmands",
        "Les Pissenlits Gourmands",
        Commune.ANDERLECHT,
        "Cureghem",
        "Les Pissenlits",
        None,
        None,
        [(2025, S.LAUNCHING)],  # a slow start: the 2025 figures count one group launching
        Group.Frequency.IRREGULAR,
    ),
    (
        "riga-solidaire",
        "Riga Solidaire",
        Commune.SCHAERBEEK,
        "Riga",
        "Community Land Trust Brussel",
        "pole-schaerbeek",
        "le-noyer",
        [(2021, S.LAUNCHING), (2022, S.ACTIVE), (2024, S.STOPPED)],
        Group.Frequency.MONTHLY,
    ),
]

# Where the personas cook (the brief's worked example lives in "Ça Chauffe").
MEMBERS = {
    "ca-chauffe": [
        ("referente@example.org", Membership.Role.REFERENT),
        ("amina@example.org", Membership.Role.MEMBER),
        ("ferhat@example.org", Membership.Role.MEMBER),
        ("sadika@example.org", Membership.Role.MEMBER),
        ("melvin@example.org", Membership.Role.MEMBER),
    ],
    "les-mosaiques-de-saveurs": [
        ("nadia@example.org", Membership.Role.REFERENT),
        ("voisin@example.org", Membership.Role.MEMBER),
    ],
}
FOLLOWED_BY_FACILITATOR = [
    "ca-chauffe",
    "les-mosaiques-de-saveurs",
    "cuisine-casa",
    "jette-ta-recette-cbo",
    "la-cuisine-du-foyer",
]


@transaction.atomic
def seed_groups(people: dict[str, User]) -> dict[str, Group]:
    partners = {}
    for kind, names in PARTNERS.items():
        for name in names:
            partners[name], _ = Partner.objects.get_or_create(name=name, defaults={"kind": kind})

    kitchens = {}
    for slug, name, address, commune, host, capacity, equipment in KITCHENS:
        kitchen, created = Kitchen.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "address": address,
                "commune": commune,
                "host": partners[host],
                "capacity": capacity,
                "access_instructions": "Sonnez à la porte de côté. Code du cadenas : 2468.",
                "accessibility": "Cuisine au rez-de-chaussée, sans marche.",
            },
        )
        if created:
            Equipment.objects.bulk_create(
                Equipment(kitchen=kitchen, name=n, size=s, quantity=q) for n, s, q in equipment
            )
        kitchens[slug] = kitchen

    hubs = {}
    for slug, name, kitchen, description in HUBS:
        hubs[slug], _ = FoodHub.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kitchen": kitchens[kitchen], "description": description},
        )

    facilitator = people["facilitation@example.org"]
    groups = {}
    for slug, name, commune, hood, partner, hub, kitchen, history, frequency in GROUPS:
        group, created = Group.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "commune": commune,
                "neighbourhood": hood,
                "partner": partners[partner],
                "food_hub": hubs.get(hub),
                "status": history[-1][1],
                "frequency": frequency,
                "founded_on": date(history[0][0], 3, 1),
                "languages": "français",
                "facilitator": facilitator if slug in FOLLOWED_BY_FACILITATOR else None,
                "description": f"Groupe de cuisine de quartier à {Commune(commune).label}.",
            },
        )
        if created:
            if kitchen:
                group.kitchens.add(kitchens[kitchen])
            GroupStatusChange.objects.bulk_create(
                GroupStatusChange(group=group, status=status, changed_on=date(year, 3 + i, 1))
                for i, (year, status) in enumerate(history)
            )
        groups[slug] = group

    for slug, members in MEMBERS.items():
        for email, role in members:
            Membership.objects.current().get_or_create(
                group=groups[slug], person=people[email], defaults={"role": role}
            )
    _seed_bookings(groups, kitchens, people["referente@example.org"])
    return groups


def _seed_bookings(groups, kitchens, referent) -> None:
    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    slots = [
        ("ca-chauffe", "bouillon-de-cultures", saturday, time(9), time(14)),
        ("les-mosaiques-de-saveurs", "bouillon-de-cultures", saturday, time(15), time(19)),
        ("ca-chauffe", "bouillon-de-cultures", saturday + timedelta(days=14), time(9), time(14)),
        ("jette-ta-recette-cbo", "cbo", saturday + timedelta(days=3), time(10), time(15)),
    ]
    for group, kitchen, day, start, end in slots:
        starts_at = timezone.make_aware(datetime.combine(day, start))
        if KitchenBooking.objects.filter(kitchen=kitchens[kitchen], starts_at=starts_at).exists():
            continue
        try:
            book_kitchen(
                kitchen=kitchens[kitchen],
                group=groups[group],
                starts_at=starts_at,
                ends_at=timezone.make_aware(datetime.combine(day, end)),
                booked_by=referent,
            )
        except BookingConflict:
            continue
