from django.utils import timezone

from events.models import Registration


def my_registrations(person, limit: int = 5) -> list[Registration]:
    """The person's coming events (places and waiting lists), soonest first. One query."""
    return list(
        Registration.objects.filter(
            person=person, event__ends_at__gte=timezone.now(), workshop__isnull=True
        )
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:limit]
    )
