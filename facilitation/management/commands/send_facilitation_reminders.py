"""E-mail each facilitator the groups due for a contact this week, and those overdue.

Run it from cron every Monday morning (or every day), e.g.
    0 7 * * 1  cd /srv/cdq && .venv/bin/python manage.py send_facilitation_reminders
Nobody gets the same week twice, even if two runs overlap (see groups/followup_reminders.py).
"""

from django.core.management.base import BaseCommand

from facilitation.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each facilitator the groups to contact this week and those overdue. "
        "Run it from cron every Monday or every day; never twice in a week."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
