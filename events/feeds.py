"""Events in people's own calendars: one event's .ics, and a person's private feed.

A calendar app cannot log in: the feed's secret address is the key (`CalendarFeed.token`).
Its owner sees it on their calendar page and may reset it, and the old address then stops
working (a 404), as when a phone is lost.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.http import AuthenticatedHttpRequest
from core.forms import ConfirmForm
from core.http import HtmxHttpRequest
from core.text import slug
from events import access
from events.calendar import event_calendar
from events.models import CalendarFeed, Registration, new_token

R = Registration.Status
CONTENT_TYPE = "text/calendar; charset=utf-8"
FEED_PAST = timedelta(days=60)  # past events stay in the feed this long
FEED_REFRESH = timedelta(minutes=15)  # how often calendar apps should read it again


def _absolute_url(request):
    return lambda event: request.build_absolute_uri(event.get_absolute_url())


@login_not_required
@require_safe
def event_ics(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One event, to add to one's calendar: for whoever may read the event, else 404."""
    event = access.get_event_for_reader(request.user, pk)
    body = event_calendar([event], url_for=_absolute_url(request), name=event.title)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slug(event.title)}.ics"'
    return response


@never_cache  # the page holds the secret address
@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's private calendar address, made on the first visit; resetting it (with
    the box ticked) gives a new address and the old one stops working."""
    feed, _created = CalendarFeed.objects.get_or_create(person=request.user)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None, label=_("Yes, stop the old address")
    )
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, form.errors["confirm"][0])
        else:
            feed.token = new_token()
            feed.save(update_fields=["token"])
            messages.success(
                request,
                _("Here is your new address. Put it in your calendar again: the old one stopped."),
            )
        return redirect("events:calendar")
    url = request.build_absolute_uri(reverse("events:feed", args=[feed.token]))
    return render(
        request,
        "events/calendar.html",
        {"url": url, "webcal": "webcal://" + url.split("://", 1)[1], "form": form},
    )


@login_not_required
@require_safe
@cache_control(private=True, max_age=int(FEED_REFRESH.total_seconds()))
def feed(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The private feed: the events of the last 60 days and to come that the person is
    registered for or waiting for (not the ones they cancelled), in their language.
    Two queries: the feed and its person, then the events with their kitchens."""
    person = access.get_calendar_feed_by_token(token).person
    place = Registration.objects.filter(event=OuterRef("pk"), person=person, workshop=None)
    events = (
        access.visible_events(person)
        .annotate(my_status=Subquery(place.exclude(status=R.CANCELLED).values("status")[:1]))
        .filter(my_status__isnull=False, ends_at__gte=timezone.now() - FEED_PAST)
        .select_related("kitchen")
        .order_by("starts_at")
    )
    events = list(events)
    with translation.override(person.language):
        body = event_calendar(
            events,
            url_for=_absolute_url(request),
            name=_("Cuisines de Quartier: my events"),
            waiting={event.pk for event in events if event.my_status == R.WAITING},
            refresh=FEED_REFRESH,
        )
    return HttpResponse(body, content_type=CONTENT_TYPE)
