from django.core.management.base import BaseCommand

from demo.accounts import seed_people
from demo.events import seed_events
from demo.facilitation import seed_followup
from demo.figures import seed_figures
from demo.groups import seed_groups
from demo.portions import seed_sessions
from demo.recipes import seed_recipes


class Command(BaseCommand):
    help = "Load the demo data (idempotent): the personas, and what later features add."

    def handle(self, *args, **options):
        people = seed_people()
        groups = seed_groups(people)
        seed_followup(groups, people)
        recipes = seed_recipes(groups, people)
        sessions = seed_sessions(groups, people)
        events = seed_events(people)
        seed_figures(groups, people)  # last year's and this year's history, for the figures
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(people)} people, {len(groups)} groups, "
                f"{len(recipes)} recipes, {len(sessions)} cooking sessions, "
                f"{len(events)} events. Log in as one of:"
            )
        )
        for email in people:
            self.stdout.write(f"  {email}")
        self.stdout.write("The login code is printed on this console (DJANGO_DEBUG=1).")
