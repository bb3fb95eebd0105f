"""The reminder two days before an event: one e-mail per confirmed registration, once.

`send_reminders` is run by the `send_event_reminders` command from cron (every hour or
every day): it reminds the people of the events starting between 36 and 60 hours from
now, so a daily run catches every event once and an hourly run does no harm.

Never twice: each registration is claimed by setting its `reminded_at` in a single
UPDATE ... WHERE reminded_at IS NULL before its e-mail goes. Of two runs that overlap,
only one claims a given registration; the other skips it.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from core.mail import render_templated
from events.calendar import location
from events.models import Registration

logger = logging.getLogger(__name__)
R = Registration.Status

EARLIEST = timedelta(hours=36)  # "two days before", whatever hour the cron runs
LATEST = timedelta(hours=60)


def due(now: datetime):
    """The confirmed places at events starting in 36 to 60 hours, not reminded yet."""
    return (
        Registration.objects.filter(
            status=R.CONFIRMED,
            workshop__isnull=True,
            reminded_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gte=now + EARLIEST,
            event__starts_at__lt=now + LATEST,
        )
        .select_related("event__kitchen", "person")
        .order_by("event__starts_at", "pk")
    )


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone due (see `due`); returns how many e-mails went."""
    now = now or timezone.now()
    sent = 0
    for registration in due(now):
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed != 1:
            continue  # another run took it
        email, language = registration.recipient()
        if not email:
            continue  # the referent or coordinator calls those without e-mail
        try:
            _send(registration, email, language)
        except Exception:
            # Not sent: give it back, so the next run tries again.
            Registration.objects.filter(pk=registration.pk, reminded_at=now).update(
                reminded_at=None
            )
            logger.exception("Reminder for registration %s not sent", registration.pk)
            continue
        sent += 1
    return sent


def _link(registration: Registration) -> str:
    """The event's page for a member; a guest's private page (to cancel without an
    account). Absolute when the SITE_URL setting gives the site's address."""
    if registration.person_id:
        path = registration.event.get_absolute_url()
    else:
        path = reverse("events:registration", args=[registration.token])
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _send(registration: Registration, email: str, language: str) -> None:
    event = registration.event
    subject, text, html = render_templated(
        "events/email/reminder",
        {
            "title": event.title,
            "starts_at": event.starts_at,
            "place": location(event),
            "companions": registration.companions,
            "link": _link(registration),
        },
        language=language,
    )
    # This module's own send_mail rather than send_templated: the tests make it fail.
    send_mail(subject, text, None, [email], html_message=html)
