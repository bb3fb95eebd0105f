"""One way to make each thing the tests need.

Dates are built so that the hour of the run cannot matter: an event starts at a fixed
local time on a day ahead, never at "now + n hours", which crosses midnight (or the
night the clocks change) when the suite runs late in the evening.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import Event


def local_moment(days: int, at: time = time(14, 0)):
    """An aware moment at a local time `days` days from today, in Brussels."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def make_event(**fields) -> Event:
    """An event in ten days, 14:00 to 17:00 local time (unless told otherwise)."""
    starts_at = fields.pop("starts_at", None) or local_moment(10)
    fields.setdefault("ends_at", starts_at + timedelta(hours=3))
    fields.setdefault("title", "Rendez-vous de printemps")
    return Event.objects.create(starts_at=starts_at, **fields)
