"""Events in people's calendars: one event's .ics, the calendar page and the private feed.
Every .ics is read back with the icalendar library, as a calendar app would."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from events.calendar import PRODID
from events.models import CalendarFeed, Event, Registration, Workshop
from events.services import cancel, register
from tests.factories import make_event

R = Registration.Status


def in_days(days: int, hour: int = 18):
    """A time on the minute (an .ics has no microseconds), `days` from now."""
    return (timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def read(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(vevent["UID"]) for vevent in calendar.events}


def uid(event: Event) -> str:
    return f"event-{event.pk}@cuisinesdequartier.be"


def feed_url(person) -> str:
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return reverse("events:feed", args=[feed.token])


# One event's .ics


def test_an_event_reads_back_from_its_ics(client_as, kitchen):
    event = make_event(
        title="Rendez-vous d'été à Jette",
        description="On cuisine les conserves ensemble.",
        starts_at=in_days(10),
        kitchen=kitchen,
    )

    response = client_as("member").get(reverse("events:ics", args=[event.pk]))

    calendar = read(response)
    assert response["Content-Disposition"] == 'attachment; filename="rendez-vous-d-ete-a-jette.ics"'
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Rendez-vous d'été à Jette"
    [vevent] = calendar.events
    assert str(vevent["UID"]) == uid(event)
    assert str(vevent["SUMMARY"]) == "Rendez-vous d'été à Jette"
    assert str(vevent["DESCRIPTION"]) == "On cuisine les conserves ensemble."
    assert vevent.start == event.starts_at
    assert vevent.end == event.starts_at + timedelta(hours=3)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent.start.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
    assert "DTSTAMP" in vevent
    assert str(vevent["LOCATION"]) == "CBO, Rue Léopold Ier 329"
    assert str(vevent["URL"]) == f"http://testserver/events/{event.pk}/"
    assert "STATUS" not in vevent
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Brussels"]


def test_an_event_away_from_a_kitchen_is_at_its_address(client_as):
    event = make_event(address="Parc Josaphat, Schaerbeek", starts_at=in_days(5))

    calendar = read(client_as("member").get(reverse("events:ics", args=[event.pk])))

    [vevent] = calendar.events
    assert str(vevent["LOCATION"]) == "Parc Josaphat, Schaerbeek"
    assert "DESCRIPTION" not in vevent


def test_a_cancelled_event_says_so(client_as):
    event = make_event(
        starts_at=in_days(5),
        cancelled_at=timezone.now(),
        cancel_message="La cuisine est inondée.",
        description="Au programme : soupe.",
    )

    calendar = read(client_as("member").get(reverse("events:ics", args=[event.pk])))

    [vevent] = calendar.events
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["UID"]) == uid(event)  # the same event, so calendars update it
    assert event.title in str(vevent["SUMMARY"])
    assert str(vevent["DESCRIPTION"]).startswith("La cuisine est inondée.")


@pytest.mark.parametrize(
    ("audience", "for_visitor", "for_member"),
    [
        (Event.Audience.MEMBERS, 404, 200),
        (Event.Audience.PARTNERS, 404, 200),
        (Event.Audience.PUBLIC, 200, 200),
    ],
)
def test_the_ics_is_for_whoever_may_read_the_event(client_as, audience, for_visitor, for_member):
    event = make_event(audience=audience, starts_at=in_days(5))
    url = reverse("events:ics", args=[event.pk])

    assert client_as("visitor").get(url).status_code == for_visitor
    assert client_as("member").get(url).status_code == for_member


def test_an_unknown_event_has_no_ics(client_as):
    assert client_as("coordinator").get(reverse("events:ics", args=[999])).status_code == 404


# The calendar page


def test_the_calendar_page_needs_a_login(client_as):
    response = client_as("visitor").get(reverse("events:calendar"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not CalendarFeed.objects.exists()


def test_the_calendar_page_makes_the_feed_once_and_shows_its_address(client_as, member):
    client = client_as("member")

    first = client.get(reverse("events:calendar"))
    second = client.get(reverse("events:calendar"))

    feed = CalendarFeed.objects.get()
    assert feed.person == member
    address = f"http://testserver/events/calendar/{feed.token}.ics"
    for response in (first, second):
        assert response.status_code == 200
        assert address in response.content.decode()
        assert f"webcal://testserver/events/calendar/{feed.token}.ics" in response.content.decode()
        assert "no-cache" in response["Cache-Control"]


def test_the_calendar_page_shows_only_ones_own_address(client_as, member, outsider):
    theirs = CalendarFeed.objects.create(person=outsider)

    response = client_as("member").get(reverse("events:calendar"))

    assert theirs.token not in response.content.decode()
    assert CalendarFeed.objects.get(person=member).token in response.content.decode()


def test_resetting_needs_the_box_ticked(client_as, member):
    client = client_as("member")
    client.get(reverse("events:calendar"))
    token = CalendarFeed.objects.get(person=member).token

    response = client.post(reverse("events:calendar"), follow=True)

    assert CalendarFeed.objects.get(person=member).token == token
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_resetting_gives_a_new_address_and_the_old_one_stops(client_as, member):
    client = client_as("member")
    old_url = feed_url(member)
    assert client_as("visitor").get(old_url).status_code == 200

    response = client.post(reverse("events:calendar"), {"confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("events:calendar")
    new_url = feed_url(member)
    assert new_url != old_url
    assert client_as("visitor").get(old_url).status_code == 404
    assert client_as("visitor").get(new_url).status_code == 200
    assert CalendarFeed.objects.count() == 1


# The private feed


def test_the_feed_lists_exactly_the_persons_places_and_waiting_lists(
    client_as, member, referent, outsider
):
    coming = make_event(title="Rendez-vous de printemps", starts_at=in_days(10))
    workshop = Workshop.objects.create(event=coming, title="Conserves", places=10)
    register(coming, person=member)
    register(coming, person=member, workshop=workshop)  # still one event in the calendar
    full = make_event(title="Grande tablée", capacity=1, starts_at=in_days(20))
    register(full, person=referent)
    waiting = register(full, person=member)
    assert waiting.status == R.WAITING
    changed_mind = make_event(title="Atelier pain", starts_at=in_days(15))
    cancel(register(changed_mind, person=member))
    not_mine = make_event(title="Formation compost", starts_at=in_days(12))
    register(not_mine, person=outsider)
    make_event(title="Nobody registered", starts_at=in_days(11))
    lately = make_event(title="Rendez-vous d'hiver", starts_at=in_days(-30))
    long_ago = make_event(title="Rendez-vous d'automne", starts_at=in_days(-90))
    for past in (lately, long_ago):
        Registration.objects.create(event=past, person=member, status=R.CONFIRMED)

    calendar = read(client_as("visitor").get(feed_url(member)))

    assert uids(calendar) == {uid(coming), uid(full), uid(lately)}
    summaries = {str(vevent["UID"]): str(vevent["SUMMARY"]) for vevent in calendar.events}
    assert summaries[uid(coming)] == "Rendez-vous de printemps"
    assert summaries[uid(lately)] == "Rendez-vous d'hiver"
    with translation.override(member.language):
        assert summaries[uid(full)] == _("On the waiting list: %(title)s") % {
            "title": "Grande tablée"
        }
    [vevent] = [v for v in calendar.events if str(v["UID"]) == uid(coming)]
    assert vevent.start == coming.starts_at
    assert str(vevent["URL"]) == f"http://testserver/events/{coming.pk}/"


def test_the_feed_is_for_its_person_only(client_as, member, outsider):
    event = make_event(starts_at=in_days(10))
    register(event, person=outsider)

    assert uids(read(client_as("visitor").get(feed_url(member)))) == set()
    assert uids(read(client_as("visitor").get(feed_url(outsider)))) == {uid(event)}


def test_the_feed_shows_a_cancelled_event_as_cancelled(client_as, member):
    event = make_event(starts_at=in_days(10))
    register(event, person=member)
    Event.objects.filter(pk=event.pk).update(cancelled_at=timezone.now())

    [vevent] = read(client_as("visitor").get(feed_url(member))).events

    assert str(vevent["STATUS"]) == "CANCELLED"


def test_the_feed_needs_no_login_and_may_be_kept_15_minutes_by_the_app(client_as, member):
    response = client_as("visitor").get(feed_url(member))

    calendar = read(response)
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=900"}
    assert str(calendar["PRODID"]) == PRODID
    assert "X-WR-CALNAME" in calendar


@pytest.mark.parametrize("token", ["unknown", "x" * 32])
def test_an_unknown_feed_address_is_a_404(client_as, member, token):
    CalendarFeed.objects.create(person=member)

    assert client_as("visitor").get(reverse("events:feed", args=[token])).status_code == 404


def test_the_feed_of_a_closed_account_stops(client_as, member):
    url = feed_url(member)
    member.is_active = False
    member.save(update_fields=["is_active"])

    assert client_as("visitor").get(url).status_code == 404


def test_the_feed_runs_few_queries_whatever_the_number_of_events(
    client_as, member, kitchen, django_assert_max_num_queries
):
    for i in range(30):
        event = make_event(title=f"Atelier {i}", starts_at=in_days(i - 20), kitchen=kitchen)
        status = R.WAITING if i % 3 == 0 else R.CONFIRMED
        Registration.objects.create(event=event, person=member, status=status)
    url = feed_url(member)
    client = client_as("visitor")

    with django_assert_max_num_queries(4):
        response = client.get(url)

    assert len(read(response).events) == 30
