"""The weekly e-mail to each facilitator: the groups due this week and those overdue.

`send_reminders` is run by the `send_facilitation_reminders` command from cron (every
Monday morning, or every day: it does no harm). A facilitator gets at most one e-mail a
week: the week is claimed by inserting a `FacilitationReminder` row (unique per person
and week) before the e-mail goes; of two runs that overlap, only one inserts it. If the
e-mail fails, the row is deleted so the next run tries again.

Which groups are due is decided by groups/followup.py, as on the dashboard.
"""

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import render_templated
from facilitation.models import FacilitationReminder
from facilitation.queries import followed_by_due
from facilitation.rules import week_of
from groups.models import Group

logger = logging.getLogger(__name__)


def due_by_facilitator(today: date) -> dict:
    """{facilitator: [groups due by Sunday, the most overdue first]}, for the facilitators
    who can receive an e-mail. One query."""
    _monday, sunday = week_of(today)
    groups = Group.objects.filter(
        facilitator__is_facilitator=True,
        facilitator__is_active=True,
        facilitator__email__isnull=False,
    )
    due = defaultdict(list)
    for group in followed_by_due(groups, today):
        if group.due_on <= sunday:
            due[group.facilitator].append(group)
    return due


def send_reminders(today: date | None = None) -> int:
    """E-mail each facilitator with groups due this week, once a week; returns how many
    e-mails went."""
    today = today or timezone.localdate()
    monday, _sunday = week_of(today)
    sent = 0
    for facilitator, groups in due_by_facilitator(today).items():
        try:
            with transaction.atomic():
                claim = FacilitationReminder.objects.create(facilitator=facilitator, week=monday)
        except IntegrityError:
            continue  # already sent this week, or another run is sending it
        try:
            _send(facilitator, groups, today)
        except Exception:
            claim.delete()
            logger.exception("Facilitation reminder for %s not sent", facilitator.pk)
            continue
        sent += 1
    return sent


def _send(facilitator, groups, today: date) -> None:
    link = getattr(settings, "SITE_URL", "").rstrip("/") + reverse("facilitation:dashboard")
    subject, text, html = render_templated(
        "facilitation/email/reminder",
        {
            "facilitator": facilitator,
            "groups": groups,
            "late": sum(1 for group in groups if group.due_on < today),
            "today": today,
            "monday": week_of(today)[0],
            "link": link,
        },
        language=facilitator.language,
    )
    # This module's own send_mail rather than send_templated: the tests make it fail.
    send_mail(subject, text, None, [facilitator.email], html_message=html)
