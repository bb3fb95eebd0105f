from django.core.management.base import BaseCommand

from accounts.demo import seed_people
from cdq.demo_figures import seed_figures
from events.demo import seed_events
from groups.demo import seed_groups
from groups.demo_followup import seed_followup
from portions.demo import seed_sessions
from recipes.demo import seed_recipes


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
