"""Events as iCalendar (.ics): one event to add to a phone's calendar, or a person's
private feed that their calendar app reads again by itself.

Times are written in Brussels time with its VTIMEZONE, so a calendar abroad still shows
the right hour. The UID stays the same for an event, so a calendar updates it (moved,
cancelled) instead of adding it twice.
"""

from collections.abc import Callable, Collection, Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from events.models import Event

PRODID = "-//Cuisines de Quartier//espace membre//FR"


def uid(event: Event) -> str:
    return f"event-{event.pk}@cuisinesdequartier.be"


def location(event: Event) -> str:
    """The kitchen and its address, or the address: what a map app can search for."""
    if event.kitchen_id:
        return ", ".join(part for part in (event.kitchen.name, event.kitchen.address) if part)
    return event.address


def event_calendar(
    events: Iterable[Event],
    *,
    url_for: Callable[[Event], str],
    name: str = "Cuisines de Quartier",
    waiting: Collection[int] = (),
    refresh: timedelta | None = None,
) -> bytes:
    """The calendar of `events` (kitchens selected with them). `url_for(event)` is the
    absolute address of the event's page; the events whose pk is in `waiting` say in
    their title that the person is on the waiting list. Strings are translated in the
    active language. A feed gives `refresh`: how often calendar apps should read it again."""
    events = list(events)
    brussels = timezone.get_default_timezone()
    stamp = timezone.now()
    calendar = Calendar.new(prodid=PRODID, version="2.0")
    calendar.pop("UID", None)  # a new one at each download would say "another calendar"
    calendar["X-WR-CALNAME"] = name
    calendar["X-WR-TIMEZONE"] = str(brussels)
    if refresh is not None:
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", refresh)
    for event in events:
        summary = event.title
        description = event.description
        if event.is_cancelled:
            summary = _("Cancelled: %(title)s") % {"title": summary}
            description = "\n\n".join(
                part for part in (event.cancel_message, event.description) if part
            )
        elif event.pk in waiting:
            summary = _("On the waiting list: %(title)s") % {"title": summary}
        vevent = VEvent.new(
            uid=uid(event),
            stamp=stamp,
            start=timezone.localtime(event.starts_at, brussels),
            end=timezone.localtime(event.ends_at, brussels),
            summary=summary,
            description=description or None,
            location=location(event) or None,
            url=url_for(event),
        )
        if event.is_cancelled:
            vevent["STATUS"] = "CANCELLED"
        calendar.add_component(vevent)
    if events:
        # The time zone's rules for the years of these events only: a short file.
        year = timedelta(days=366)
        calendar.add_missing_timezones(
            first_date=min(event.starts_at for event in events).date() - year,
            last_date=max(event.ends_at for event in events).date() + year,
        )
    return calendar.to_ical()
