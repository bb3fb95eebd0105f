"""Demo facilitation: a year of contacts with the demo groups, some of them overdue, and
the two launching groups halfway through their checklist. Safe to run again: a group
that has contacts already is left as it is."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from facilitation.models import Contact, FollowUp, LaunchStep, Need
from groups.models import Group

C = Contact.Channel
# slug: days since the last contact, its "next contact" day if chosen (days from today),
# rhythm, launch steps done.
PLAN = {
    "ca-chauffe": (20, None, 42, []),
    "les-mosaiques-de-saveurs": (51, None, 42, []),  # overdue by 9 days
    "cuisine-casa": (38, None, 42, []),  # due this week
    "jette-ta-recette-cbo": (60, None, 42, []),  # overdue by 18 days
    "jette-ta-recette-mercredi": (30, None, 42, []),
    "les-marmites-du-logis": (100, None, 42, []),  # dormant, and nobody called
    "la-cuisine-du-foyer": (
        14,
        5,
        21,
        [LaunchStep.SPACE, LaunchStep.MEMBERS, LaunchStep.REFERENT],
    ),
    "les-pissenlits-gourmands": (10, None, 21, [LaunchStep.MEMBERS, LaunchStep.REFERENT]),
}
NEWS = [
    ("Bonne ambiance, deux nouvelles personnes sont venues à la dernière session.", ["recipes"]),
    ("Le groupe voudrait cuisiner plus de plats végétariens.", ["recipes", "training"]),
    ("La marmite de 20 litres fuit ; ils cuisinent en deux fois.", ["equipment"]),
    ("Des tensions sur qui fait la vaisselle. On en a parlé ensemble.", ["group_life"]),
    ("Les courses coûtent plus cher ; ils cherchent un grossiste.", ["supply", "money"]),
    ("Questions sur les bocaux et le frigo : combien de jours tiennent les plats ?", ["hygiene"]),
    ("La cuisine n'est plus libre le samedi matin.", ["space"]),
    ("Tout roule : sessions régulières, les comptes sont à jour.", []),
    ("La référente est fatiguée, il faudrait partager les tâches.", ["group_life", "training"]),
]
RESOURCES = [
    "Fiche « Conserver en bocaux » et invitation à l'atelier stérilisation.",
    "Contact de Cultureghem pour les invendus.",
    "Prêt du stérilisateur du pôle Schaerbeek.",
    "Trois recettes végétariennes de la bibliothèque.",
    "",
]
NEXT_STEPS = [
    "Passer à la prochaine session.",
    "Proposer un tour de rôle pour la vaisselle.",
    "Réserver la cuisine du CBO pour le mois prochain.",
    "",
]


@transaction.atomic
def seed_followup(groups: dict[str, Group], people: dict[str, User]) -> list[Contact]:
    facilitator = people["facilitation@example.org"]
    coordinator = people["coordination@example.org"]
    today = timezone.localdate()
    chance = random.Random(7)  # noqa: S311 (the same demo every time, not a secret)
    contacts = []
    for slug, (last, chosen, rhythm, steps) in PLAN.items():
        group = groups[slug]
        FollowUp.objects.get_or_create(
            group=group,
            defaults={"rhythm_days": rhythm, "launch_steps": [step.value for step in steps]},
        )
        if group.facilitation_contacts.exists():
            continue
        by = facilitator if group.facilitator_id == facilitator.pk else coordinator
        days = [last]
        while days[-1] + rhythm + 14 < 365 and group.status != Group.Status.LAUNCHING:
            days.append(days[-1] + rhythm + chance.randint(-7, 10))
        if group.status == Group.Status.LAUNCHING:
            days.append(last + rhythm)
        for ago in sorted(days, reverse=True):
            news, needs = chance.choice(NEWS)
            latest = ago == last
            contacts.append(
                Contact(
                    group=group,
                    contacted_on=today - timedelta(days=ago),
                    channel=chance.choice([C.VISIT, C.VISIT, C.CALL, C.MESSAGE, C.MEETING]),
                    news=news,
                    needs=[need for need in Need.values if need in needs],
                    resources=chance.choice(RESOURCES),
                    next_steps=chance.choice(NEXT_STEPS),
                    next_contact_on=today + timedelta(days=chosen) if latest and chosen else None,
                    by=by,
                )
            )
            if latest and slug == "les-mosaiques-de-saveurs":
                contacts[-1].needs = ["equipment", "hygiene"]
                contacts[-1].news = "Elles veulent faire des conserves pour l'hiver."
    return Contact.objects.bulk_create(contacts)
