"""Send the reminder two days before each event to the people registered.

Run it from cron every hour or every day, e.g.
    0 * * * *  cd /srv/cdq && .venv/bin/python manage.py send_event_reminders
Nobody is reminded twice, even if two runs overlap (see events/reminders.py).
"""

from django.core.management.base import BaseCommand

from events.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the people registered for an event two days before it. "
        "Run it from cron every hour or every day; nobody is reminded twice."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
