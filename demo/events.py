"""Demo events, from the 2023 activity report: the Rendez-vous des Cuisines #4 to #6, the
conservation cycle of the Schaerbeek food hub, and the annual gathering with its six
morning workshops (53 cooks took part); then, from today, a conservation workshop that
is full with people waiting, a rendez-vous open for registration and a public workshop.

The report gives the themes, not the days nor the gathering's venue: those are plausible,
not historical.
The 2023 events have short reports, from the activity report's words, with a few simple
pictures drawn here (no real photos of people in the demo) and the communication charter
as a PDF file; one report is also read aloud (a synthetic voice, in demo_files/).
Past registrations are written directly (registering refuses past events); the coming
ones go through events/services.py, as the pages would. Only the personas have accounts:
the other people (neighbours, cooks of other groups) are registered as guests, by name.
"""

from datetime import date, datetime, time, timedelta
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User
from events.models import Event, Registration, Report, Workshop
from events.report_forms import add_attachment, check_report_file
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
    _seed_reports({event.title: event for event in events}, coordinator)
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


# Reports -----------------------------------------------------------------------------------
T = Report.Theme
RV = Report.Visibility
# A picture: background, then coloured discs (x, y, radius, colour) — pots, jars, logos.
PICTURES = {
    "charte": (
        "#f4efe6",
        [(200, 150, 90, "#1f5c3d"), (420, 170, 70, "#e07a1f"), (620, 140, 80, "#2b6cb0")],
    ),
    "logos": (
        "#fff7e0",
        [(170, 200, 110, "#c0392b"), (400, 220, 100, "#1f5c3d"), (620, 200, 95, "#8e44ad")],
    ),
    "bouillon": (
        "#efe3cf",
        [(400, 330, 200, "#7a4a1f"), (400, 300, 150, "#d9a441"), (330, 260, 30, "#3f8f3f")],
    ),
    "bocaux": (
        "#e8f1ea",
        [(180, 300, 90, "#d35400"), (400, 300, 90, "#c0392b"), (620, 300, 90, "#27ae60")],
    ),
    "legumes": (
        "#f1f7e8",
        [(220, 250, 120, "#e67e22"), (450, 320, 100, "#27ae60"), (620, 200, 80, "#8e44ad")],
    ),
    "banquet": (
        "#fdf2e9",
        [
            (150, 300, 80, "#e07a1f"),
            (330, 300, 80, "#1f5c3d"),
            (510, 300, 80, "#c0392b"),
            (690, 300, 80, "#d9a441"),
        ],
    ),
}
CHARTER = """<h1>Charte de communication du Mouvement</h1>
<p>Écrite ensemble au Rendez-vous des Cuisines #4, le 25 mars 2023.</p>
<ol>
<li>Un groupe WhatsApp par groupe de cuisine, pour s'organiser.</li>
<li>Les nouvelles du Mouvement passent par l'espace membre, pas par le grand groupe.</li>
<li>On écrit court, on peut envoyer un message vocal.</li>
<li>Pas de message entre 21 h et 8 h, sauf urgence.</li>
<li>Chaque groupe a une personne relais pour les nouvelles du Mouvement.</li>
</ol>"""

# event title, report title, theme, visibility, text, [(picture, caption)], with the charter
REPORTS = [
    (
        PAST_RENDEZVOUS[0][0],
        "Une charte pour communiquer sans être submergé",
        T.COMMUNICATION,
        RV.MEMBERS,
        "Quel outil utiliser ? Comment inclure tout le Mouvement ? Comment ne pas être "
        "submergé quand on est **plus de 50 personnes** sur un groupe WhatsApp ?\n\n"
        "Ensemble, nous avons posé les bases d'une charte :\n\n"
        "- un groupe de discussion par groupe de cuisine ;\n"
        "- les nouvelles du Mouvement dans l'espace membre ;\n"
        "- une personne relais par groupe.\n\n"
        "La charte est jointe : lisez-la avec votre groupe.",
        [("charte", "Les idées des groupes, au tableau")],
        True,
    ),
    (
        PAST_RENDEZVOUS[1][0],
        "Chaque groupe a son logo",
        T.GROUP_LIFE,
        RV.PUBLIC,
        "À leur demande, aidés d'artistes jettois, des groupes ont créé **leur propre logo**. "
        "Ils l'utilisent pour signer leurs communications et reconnaître leur matériel et "
        "leurs productions.\n\nDonner un nom à son groupe est, depuis le début des "
        "cuisines, une étape de la dynamique collective.",
        [("logos", "Les logos créés par les groupes")],
        False,
    ),
    (
        PAST_RENDEZVOUS[2][0],
        "50 kg de bouillon pour 8 groupes",
        T.CONSERVATION,
        RV.PUBLIC,
        "Après un échange de questions, de conseils et de pratiques, **50 kg de bouillon de "
        "légumes** à conservation longue ont été préparés et partagés entre les 8 groupes "
        "présents.\n\nLes groupes de CBO ont dit leur besoin d'un **congélateur partagé** "
        "sur place : nous cherchons une solution.",
        [("bouillon", "Préparation des bouillons salés"), ("bocaux", "Les bocaux prêts")],
        False,
    ),
    (
        PAST_RENDEZVOUS[2][0],
        "Mettre du beurre dans les épinards",
        T.MONEY,
        RV.MEMBERS,
        "Le prix de l'alimentation augmente. Calculer le prix de la portion montre bien "
        "l'intérêt de cuisiner à plusieurs, en grande quantité.\n\nPistes partagées "
        "pour les petites rentrées des groupes :\n\n"
        "- bourses et primes ;\n- petites ventes de soutien ;\n- mini caterings.\n\n"
        "Attention aux règles d'hygiène qui encadrent la vente de nourriture.",
        [],
        False,
    ),
]
# The annual gathering's six morning workshops: report title, theme, text, picture.
GATHERING_REPORTS = {
    "Mes émotions et mon alimentation": (
        "Manger ensemble, c'est prendre soin de soi",
        T.GROUP_LIFE,
        "Pourquoi mange-t-on quand on est triste ou stressé ? Chacun a raconté un plat qui "
        "réconforte. À retenir : manger ensemble, c'est aussi prendre soin de soi.",
        None,
    ),
    "Manger végétarien": (
        "Des protéines sans viande, et moins chères",
        T.RECIPES,
        "Des protéines sans viande : lentilles, pois chiches, haricots, œufs. Un dahl et un "
        "houmous goûtés sur place, **moins chers** qu'un plat avec viande pour 16 portions.",
        "legumes",
    ),
    "Ma vie sans Tefal": (
        "Quelles casseroles quand l'antiadhésif s'abîme ?",
        T.SUPPLY,
        "Inox, fonte, verre : quelles casseroles choisir quand le revêtement antiadhésif "
        "s'abîme ? Où les trouver en seconde main à Bruxelles.",
        None,
    ),
    "Une cuisine pauvre en sucre et savoureuse": (
        "Des desserts avec moitié moins de sucre",
        T.RECIPES,
        "Les sucres cachés dans les sauces et les boissons. Des desserts avec des fruits "
        "mûrs, des épices (cannelle, vanille) et **moitié moins de sucre**.",
        None,
    ),
    "Cuisiner un produit de A à Z": (
        "Un potiron entier, rien ne se perd",
        T.CONSERVATION,
        "Un potiron entier : la chair en soupe, les graines grillées, la peau en chips. "
        "Rien ne se perd.",
        None,
    ),
    "Enregistrer une recette de cuisine audio": (
        "Nos recettes à écouter",
        T.COMMUNICATION,
        "Avec Graphoui, chaque participant a enregistré sa recette au téléphone. Parler "
        "lentement, dire les quantités, décrire les gestes : pour celles et ceux qui lisent "
        "peu. **Écoutez** ce compte-rendu ci-dessous.",
        None,
    ),
}

# This report read aloud (a synthetic voice: espeak-ng, then oggenc; 14 seconds, 35 KB).
SPOKEN_REPORT = Path(__file__).parent / "files" / "recettes-a-ecouter.ogg"


def _picture(name: str) -> SimpleUploadedFile:
    """A small, simple drawing standing for a photo (the demo has no real photos)."""
    background, discs = PICTURES[name]
    image = Image.new("RGB", (800, 600), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 480, 800, 600), fill="#d8cbb5")  # the table
    for x, y, radius, colour in discs:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    out = BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(f"{name}.jpg", out.getvalue())


def _charter_pdf() -> SimpleUploadedFile:
    from weasyprint import HTML  # noqa: PLC0415 (heavy: only when the demo is loaded)

    return SimpleUploadedFile("charte.pdf", HTML(string=CHARTER).write_pdf())


def _report(event, workshop, title, theme, visibility, text, coordinator) -> Report | None:
    """The report, or None when it exists already (running the demo again adds nothing)."""
    report, created = Report.objects.get_or_create(
        event=event,
        title=title,
        defaults={
            "workshop": workshop,
            "theme": theme,
            "visibility": visibility,
            "text": text,
            "created_by": coordinator,
            "created_at": event.ends_at + timedelta(days=3),
        },
    )
    return report if created else None


def _seed_reports(events: dict[str, Event], coordinator: User) -> None:
    for event_title, title, theme, visibility, text, pictures, pdf in REPORTS:
        event = events[event_title]
        report = _report(event, None, title, theme, visibility, text, coordinator)
        if report is None:
            continue
        for picture, caption in pictures:
            add_attachment(report, check_report_file(_picture(picture)), caption)
        if pdf:
            add_attachment(report, check_report_file(_charter_pdf()), "La charte (1 page)")
    gathering = events[GATHERING]
    for workshop in gathering.workshops.all():
        title, theme, text, picture = GATHERING_REPORTS[workshop.title]
        report = _report(gathering, workshop, title, theme, RV.MEMBERS, text, coordinator)
        if report is not None and picture:
            add_attachment(report, check_report_file(_picture(picture)), workshop.title)
        if report is not None and workshop.title == "Enregistrer une recette de cuisine audio":
            sound = SimpleUploadedFile(SPOKEN_REPORT.name, SPOKEN_REPORT.read_bytes())
            add_attachment(report, check_report_file(sound), "Le compte-rendu, à écouter")
    report = _report(
        gathering,
        None,
        "Une journée pour fêter les Cuisines",
        T.GROUP_LIFE,
        RV.PUBLIC,
        "53 cuistots·es de 12 groupes aux six ateliers du matin, un grand banquet à midi "
        "(environ 80 personnes), puis la nouvelle vidéo des Cuisines et un débat sur les "
        "démarches communautaires en alimentation.",
        coordinator,
    )
    if report is not None:
        add_attachment(report, check_report_file(_picture("banquet")), "Le banquet")
