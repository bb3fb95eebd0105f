from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Registration, free_places

R = Registration.Status


def my_registrations(person, limit: int = 5) -> list[Registration]:
    """The person's coming events (places and waiting lists), soonest first. One query."""
    return list(
        Registration.objects.filter(
            person=person, event__ends_at__gte=timezone.now(), workshop__isnull=True
        )
        .exclude(status=R.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:limit]
    )


def with_places_left(events, limit: int) -> list:
    """The first `limit` events, each with `left`: the places still free at the event
    (None: no limit), counted in the same query as the list."""
    confirmed = Q(registrations__workshop__isnull=True, registrations__status=R.CONFIRMED)
    rows = list(
        events.annotate(
            people=Count("registrations", filter=confirmed),
            companions=Coalesce(Sum("registrations__companions", filter=confirmed), 0),
        )[:limit]
    )
    for event in rows:
        taken = event.people + event.companions
        event.left = free_places(event.capacity, taken)
    return rows
