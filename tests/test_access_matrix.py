"""Every URL × every persona: who may see what. The one place access is proven.

The world: "Ça Chauffe" (the member and the referent cook there, with a kitchen, a booking,
an invitation) and "Les Mosaïques de Saveurs" (the outsider and the outsider referent; the
facilitator follows it, not Ça Chauffe). Every path below points at Ça Chauffe's things.

A new URL fails `test_every_url_is_in_the_matrix` until its row is written here. A row
gives, per persona, the status of a plain GET (302 sends a visitor to the login page);
`POSTS` gives the status of a POST to the URLs that change something.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from events.models import Attachment, CalendarFeed, Report, Workshop
from events.services import register as register_for_event
from events.storage import report_files
from facilitation.models import Contact
from groups.bookings import book_kitchen
from groups.services import create_invitation
from portions.models import CookingSession, Transfer
from portions.services import change_status
from tests.conftest import PERSONAS, QUERY_BUDGET
from tests.factories import local_moment, make_event, make_session

LOGIN = "/accounts/login/code/"


def row(visitor, member, referent, outsider, outsider_referent, facilitator, coordinator):
    return dict(
        zip(
            PERSONAS,
            [visitor, member, referent, outsider, outsider_referent, facilitator, coordinator],
            strict=True,
        )
    )


EVERYONE_200 = row(200, 200, 200, 200, 200, 200, 200)
LOGGED_IN_200 = row(302, 200, 200, 200, 200, 200, 200)
VISITORS_ONLY = row(200, 302, 302, 302, 302, 302, 302)
GROUP_READERS = row(302, 200, 200, 404, 404, 404, 200)
GROUP_MANAGERS = row(302, 403, 200, 404, 404, 404, 200)
POST_ONLY = row(302, 405, 405, 405, 405, 405, 405)
COORDINATORS = row(302, 403, 403, 403, 403, 403, 200)
LOGIN_REQUIRED = [LOGGED_IN_200, GROUP_READERS, GROUP_MANAGERS, POST_ONLY]

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "home": ("/", EVERYONE_200),
    "healthz": ("/healthz", EVERYONE_200),
    "set_language": ("/i18n/setlang/", dict.fromkeys(PERSONAS, 405)),
    # The movement's figures month by month: coordinators; a few totals for everyone.
    "figures": ("/figures/?year=2025", COORDINATORS),
    "figures_csv": ("/figures/2025.csv", COORDINATORS),
    "public_figures": ("/figures/public/", EVERYONE_200),
    "accounts:me": ("/me/", LOGGED_IN_200),
    # Cooking sessions of Ça Chauffe; {transfer}: the member owes the referent.
    "portions:index": ("/cooking/", LOGGED_IN_200),
    "portions:new_session": ("/cooking/{group}/new/", GROUP_MANAGERS),
    "portions:accounts": ("/cooking/{group}/accounts/", GROUP_READERS),
    "portions:session": ("/cooking/{group}/{session}/", GROUP_READERS),
    "portions:order": ("/cooking/{group}/{session}/order/", POST_ONLY),
    "portions:edit_session": ("/cooking/{group}/{session}/edit/", GROUP_MANAGERS),
    "portions:orders": ("/cooking/{group}/{session}/orders/", GROUP_MANAGERS),
    "portions:status": ("/cooking/{group}/{session}/status/", POST_ONLY),
    "portions:receipts": ("/cooking/{group}/{session}/receipts/", GROUP_MANAGERS),
    "portions:taken": ("/cooking/{group}/{session}/taken/", GROUP_MANAGERS),
    "portions:settle": ("/cooking/{group}/{session}/settle/", GROUP_MANAGERS),
    "portions:reopen": ("/cooking/{group}/{session}/reopen/", POST_ONLY),
    "portions:shopping": ("/cooking/{group}/{session}/shopping/", GROUP_READERS),
    "portions:labels": ("/cooking/{group}/{session}/labels.pdf", GROUP_MANAGERS),
    "portions:session_csv": ("/cooking/{group}/{session}/accounts.csv", GROUP_MANAGERS),
    "portions:ledger_csv": ("/cooking/{group}/ledger.csv", GROUP_MANAGERS),
    "portions:transfer_paid": ("/cooking/transfers/{transfer}/paid/", POST_ONLY),
    "portions:transfer_confirm": ("/cooking/transfers/{transfer}/confirm/", POST_ONLY),
    # Recipes: the library is for every member; {recipe} is kept by Ça Chauffe for itself.
    "recipes:index": ("/recipes/", LOGGED_IN_200),
    "recipes:create": ("/recipes/new/", LOGGED_IN_200),
    "recipes:booklet": ("/recipes/booklet/", LOGGED_IN_200),
    "recipes:prices": ("/recipes/prices/", LOGGED_IN_200),
    "recipes:add_price": ("/recipes/prices/add/", row(302, 403, 200, 403, 200, 200, 200)),
    "recipes:add_food": ("/recipes/prices/foods/new/", row(302, 403, 200, 403, 200, 200, 200)),
    "recipes:detail": ("/recipes/{recipe}/", GROUP_READERS),
    "recipes:sheet": ("/recipes/{recipe}/sheet.pdf", GROUP_READERS),
    "recipes:edit": ("/recipes/{recipe}/edit/", GROUP_MANAGERS),
    "recipes:variant": ("/recipes/{recipe}/variant/", POST_ONLY),
    "recipes:delete": ("/recipes/{recipe}/delete/", GROUP_MANAGERS),
    "events:index": ("/events/", EVERYONE_200),
    # {event} is for members (a 404 for visitors); {registration}: the member's place.
    "events:detail": ("/events/{event}/", row(404, 200, 200, 200, 200, 200, 200)),
    "events:register": ("/events/{event}/register/", POST_ONLY),
    "events:cancel": ("/events/registrations/{registration}/cancel/", POST_ONLY),
    "events:registration": ("/events/r/{registration_token}/", EVERYONE_200),
    "events:ics": ("/events/{event}/calendar.ics", row(404, 200, 200, 200, 200, 200, 200)),
    "events:calendar": ("/events/calendar/", LOGGED_IN_200),
    # The private address is the key: calendar apps cannot log in.
    "events:feed": ("/events/calendar/{feed_token}.ics", EVERYONE_200),
    # Managing an event is the coordinators' (others see the event: 403).
    "events:manage": ("/events/{event}/manage/", COORDINATORS),
    "events:registrations_csv": ("/events/{event}/registrations.csv", COORDINATORS),
    "events:attendance": ("/events/{event}/attendance/", COORDINATORS),
    "events:message": ("/events/{event}/message/", COORDINATORS),
    "events:cancel_event": ("/events/{event}/cancel/", COORDINATORS),
    "events:move_up": ("/events/registrations/{registration}/move-up/", POST_ONLY),
    # Writing and changing events (and their workshops): coordinators.
    "events:create": ("/events/new/", COORDINATORS),
    "events:edit": ("/events/{event}/edit/", COORDINATORS),
    # Reports: {report} is for the members of any group and staff (a 404 for visitors);
    # only coordinators change them.
    "events:reports": ("/events/reports/", EVERYONE_200),
    "events:report": ("/events/reports/{report}/", row(404, 200, 200, 200, 200, 200, 200)),
    # Its PDF file, served by the app to whoever may read the report.
    "events:report_media": ("/events/files/{report_file}", row(404, 200, 200, 200, 200, 200, 200)),
    "events:report_create": ("/events/{event}/reports/new/", COORDINATORS),
    "events:report_edit": ("/events/reports/{report}/edit/", COORDINATORS),
    "events:report_add_file": ("/events/reports/{report}/files/new/", COORDINATORS),
    "events:report_remove_file": (
        "/events/reports/{report}/files/{attachment}/remove/",
        COORDINATORS,
    ),
    "events:report_delete": ("/events/reports/{report}/delete/", COORDINATORS),
    # Groups: public cards for all, the rest for the group's people only.
    "groups:directory": ("/groups/", EVERYONE_200),
    "groups:overview": ("/groups/overview/", row(302, 404, 404, 404, 404, 200, 200)),
    "groups:join": ("/groups/join/{token}/", row(200, 302, 302, 200, 200, 200, 200)),
    "group": ("/groups/{group}/", GROUP_READERS),
    "groups:settings": ("/groups/{group}/settings/", GROUP_MANAGERS),
    "groups:status": ("/groups/{group}/status/", POST_ONLY),
    "groups:members": ("/groups/{group}/members/", GROUP_MANAGERS),
    "groups:membership": ("/groups/{group}/members/{membership}/", GROUP_MANAGERS),
    "groups:invitations": ("/groups/{group}/invitations/", GROUP_MANAGERS),
    "groups:invitation": ("/groups/{group}/invitations/{invitation}/", GROUP_MANAGERS),
    "groups:revoke": ("/groups/{group}/invitations/{invitation}/cancel/", POST_ONLY),
    "groups:kitchens": ("/kitchens/", LOGGED_IN_200),
    "groups:kitchen": ("/kitchens/{kitchen}/", LOGGED_IN_200),
    # Booking is for people who manage a group: the outsider referent books for their own.
    "groups:book": ("/kitchens/{kitchen}/book/", row(302, 403, 200, 403, 200, 200, 200)),
    "groups:cancel_booking": ("/kitchens/bookings/{booking}/cancel/", POST_ONLY),
    # Facilitation: a group's contacts are for its facilitator and coordinators; its own
    # members (referents too) get 403, everyone else 404 (the facilitator follows the other).
    "facilitation:dashboard": ("/facilitation/", row(302, 404, 404, 404, 404, 200, 200)),
    "facilitation:group": ("/facilitation/{group}/", row(302, 403, 403, 404, 404, 404, 200)),
    "facilitation:log": ("/facilitation/{group}/contact/", row(302, 403, 403, 404, 404, 404, 200)),
    "facilitation:change": (
        "/facilitation/{group}/contact/{contact}/",
        row(302, 403, 403, 404, 404, 404, 200),
    ),
    "facilitation:remove": (
        "/facilitation/{group}/contact/{contact}/remove/",
        row(302, 403, 403, 404, 404, 404, 200),
    ),
    "facilitation:rhythm": ("/facilitation/{group}/rhythm/", POST_ONLY),
    "facilitation:launch": ("/facilitation/{group}/launch/", POST_ONLY),
    # allauth's pages, in our shell.
    "account_request_login_code": (LOGIN, VISITORS_ONLY),
    "account_confirm_login_code": ("/accounts/login/code/confirm/", dict.fromkeys(PERSONAS, 302)),
    "account_login": ("/accounts/login/", VISITORS_ONLY),
    "account_signup": ("/accounts/signup/", VISITORS_ONLY),
    "account_logout": ("/accounts/logout/", row(302, 200, 200, 200, 200, 200, 200)),
    "account_inactive": ("/accounts/inactive/", EVERYONE_200),
    # People who log in by code have no password to type again.
    "account_reauthenticate": ("/accounts/reauthenticate/", row(302, 403, 403, 403, 403, 403, 403)),
    "account_email": ("/accounts/email/", LOGGED_IN_200),
    "account_email_verification_sent": (
        "/accounts/confirm-email/",
        row(302, 302, 302, 302, 302, 302, 302),
    ),
    "account_change_password": ("/accounts/password/change/", dict.fromkeys(PERSONAS, 302)),
    "account_set_password": ("/accounts/password/set/", LOGGED_IN_200),
    "account_reset_password": ("/accounts/password/reset/", EVERYONE_200),
    "account_reset_password_done": ("/accounts/password/reset/done/", EVERYONE_200),
    "account_reset_password_from_key_done": ("/accounts/password/reset/key/done/", EVERYONE_200),
    # E-mails are confirmed by code: the old link-with-a-key answers 404 to everyone.
    "account_confirm_email": ("/accounts/confirm-email/unknown-key/", dict.fromkeys(PERSONAS, 404)),
    # An unknown password-reset key gets allauth's "bad token" page.
    "account_reset_password_from_key": (
        "/accounts/password/reset/key/1-unknown-key/",
        EVERYONE_200,
    ),
}

# What a POST by each persona gets on the URLs that change Ça Chauffe's things. A redirect
# (302) or a page (200) means it was allowed; outsiders get 404, a plain member 403.
MANAGERS_POST = row(302, 403, 302, 404, 404, 404, 302)
POSTS: dict[str, tuple[str, dict, dict[str, int]]] = {
    "groups:settings": (
        "/groups/{group}/settings/",
        {"name": "Renamed"},
        row(302, 403, 200, 404, 404, 404, 200),
    ),
    "groups:status": ("/groups/{group}/status/", {"status": "dormant"}, MANAGERS_POST),
    "groups:members": ("/groups/{group}/members/", {"display_name": "Fatima"}, MANAGERS_POST),
    "groups:membership": (
        "/groups/{group}/members/{membership}/",
        {"action": "role", "role": "referent"},
        MANAGERS_POST,
    ),
    "groups:invitations": (
        "/groups/{group}/invitations/",
        {"days": 7, "max_uses": 5},
        MANAGERS_POST,
    ),
    "groups:revoke": ("/groups/{group}/invitations/{invitation}/cancel/", {}, MANAGERS_POST),
    "groups:cancel_booking": (
        "/kitchens/bookings/{booking}/cancel/",
        {},
        row(302, 404, 302, 404, 404, 404, 302),
    ),
    "recipes:create": ("/recipes/new/", {"title": ""}, row(302, 200, 200, 200, 200, 200, 200)),
    "recipes:edit": (
        "/recipes/{recipe}/edit/",
        {"title": ""},
        row(302, 403, 200, 404, 404, 404, 200),
    ),
    # Anyone who may read a recipe may copy it for their own group.
    "recipes:variant": ("/recipes/{recipe}/variant/", {}, row(302, 302, 302, 404, 404, 404, 302)),
    "recipes:delete": ("/recipes/{recipe}/delete/", {"confirm": "1"}, MANAGERS_POST),
    "recipes:add_price": ("/recipes/prices/add/", {}, row(302, 403, 200, 403, 200, 200, 200)),
    "recipes:add_food": ("/recipes/prices/foods/new/", {}, row(302, 403, 200, 403, 200, 200, 200)),
    # Coordinators and facilitators are not members: told so, nothing ordered.
    "portions:order": (
        "/cooking/{group}/{session}/order/",
        {},
        row(302, 302, 302, 404, 404, 404, 302),
    ),
    "portions:orders": (
        "/cooking/{group}/{session}/orders/",
        {},
        row(302, 403, 200, 404, 404, 404, 200),
    ),
    "portions:status": ("/cooking/{group}/{session}/status/", {"status": "closed"}, MANAGERS_POST),
    "portions:edit_session": (
        "/cooking/{group}/{session}/edit/",
        {},
        row(302, 403, 200, 404, 404, 404, 200),
    ),
    "portions:receipts": (
        "/cooking/{group}/{session}/receipts/",
        {},
        row(302, 403, 200, 404, 404, 404, 200),
    ),
    # Still open for pre-orders: refused with a message on the page.
    "portions:taken": (
        "/cooking/{group}/{session}/taken/",
        {},
        row(302, 403, 200, 404, 404, 404, 200),
    ),
    "portions:settle": ("/cooking/{group}/{session}/settle/", {}, MANAGERS_POST),
    "portions:reopen": ("/cooking/{group}/{session}/reopen/", {}, MANAGERS_POST),
    "events:register": ("/events/{event}/register/", {}, row(302, 302, 302, 302, 302, 302, 302)),
    "events:cancel": (
        "/events/registrations/{registration}/cancel/",
        {},
        row(302, 302, 404, 404, 404, 404, 404),
    ),
    "events:calendar": ("/events/calendar/", {"confirm": "1"}, dict.fromkeys(PERSONAS, 302)),
    "events:move_up": (
        "/events/registrations/{registration}/move-up/",
        {},
        row(302, 403, 403, 403, 403, 403, 302),
    ),
    "events:attendance": (
        "/events/{event}/attendance/",
        {},
        row(302, 403, 403, 403, 403, 403, 302),
    ),
    "events:message": ("/events/{event}/message/", {}, row(302, 403, 403, 403, 403, 403, 200)),
    "events:cancel_event": ("/events/{event}/cancel/", {}, row(302, 403, 403, 403, 403, 403, 200)),
    # An empty form: shown again with its errors, nothing saved.
    "events:create": ("/events/new/", {}, row(302, 403, 403, 403, 403, 403, 200)),
    "events:edit": ("/events/{event}/edit/", {}, row(302, 403, 403, 403, 403, 403, 200)),
    "events:report_create": (
        "/events/{event}/reports/new/",
        {"title": "Compte-rendu", "theme": "supply", "visibility": "members"},
        row(302, 403, 403, 403, 403, 403, 302),
    ),
    "events:report_edit": (
        "/events/reports/{report}/edit/",
        {"title": "Compte-rendu", "theme": "supply", "visibility": "public"},
        row(302, 403, 403, 403, 403, 403, 302),
    ),
    # No file sent: the form says so (200), nothing added.
    "events:report_add_file": (
        "/events/reports/{report}/files/new/",
        {},
        row(302, 403, 403, 403, 403, 403, 200),
    ),
    "events:report_remove_file": (
        "/events/reports/{report}/files/{attachment}/remove/",
        {},
        row(302, 403, 403, 403, 403, 403, 302),
    ),
    "events:report_delete": (
        "/events/reports/{report}/delete/",
        {"confirm": "1"},
        row(302, 403, 403, 403, 403, 403, 302),
    ),
    # The private link is the key: whoever holds it may cancel.
    "events:registration": ("/events/r/{registration_token}/", {}, dict.fromkeys(PERSONAS, 302)),
    # The two people of a transfer, and whoever manages the group.
    "portions:transfer_paid": (
        "/cooking/transfers/{transfer}/paid/",
        {"method": "cash"},
        row(302, 302, 302, 404, 404, 404, 302),
    ),
    "portions:transfer_confirm": (
        "/cooking/transfers/{transfer}/confirm/",
        {},
        row(302, 302, 302, 404, 404, 404, 302),
    ),
    # Facilitation: only the group's facilitator and coordinators (an empty contact form
    # comes back with its errors: 200).
    "facilitation:log": (
        "/facilitation/{group}/contact/",
        {},
        row(302, 403, 403, 404, 404, 404, 200),
    ),
    "facilitation:change": (
        "/facilitation/{group}/contact/{contact}/",
        {},
        row(302, 403, 403, 404, 404, 404, 200),
    ),
    "facilitation:remove": (
        "/facilitation/{group}/contact/{contact}/remove/",
        {},
        row(302, 403, 403, 404, 404, 404, 302),
    ),
    "facilitation:rhythm": (
        "/facilitation/{group}/rhythm/",
        {"rhythm_days": 28},
        row(302, 403, 403, 404, 404, 404, 302),
    ),
    "facilitation:launch": (
        "/facilitation/{group}/launch/",
        {"steps": "space"},
        row(302, 403, 403, 404, 404, 404, 302),
    ),
}
# Changes anyone may make who holds the link (a guest's own registration).
OPEN_POSTS = {"events:registration"}
# Reached through their own login and tested by Django: the admin.
NOT_IN_MATRIX = {"admin"}


@pytest.fixture
def world(group, other_group, referent, member, kitchen, kept_recipe, soup):
    start = local_moment(3)
    booking = book_kitchen(
        kitchen=kitchen,
        group=group,
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        booked_by=referent,
    )
    invitation = create_invitation(group, by=referent)
    session = make_session(group, [(soup, 40), kept_recipe], by=referent, starts_at=start)
    change_status(session, CookingSession.Status.OPEN, by=referent)
    members = {m.person_id: m for m in group.memberships.all()}
    transfer = Transfer.objects.create(
        group=group, debtor=members[member.pk], creditor=members[referent.pk], amount_cents=745
    )
    event = make_event(title="Rendez-vous d'hiver", starts_at=start, capacity=30)
    Workshop.objects.create(event=event, title="Conserves", places=10)
    report = Report.objects.create(event=event, title="Ce qui s'est dit", theme="supply")
    stored = report_files.save("reports/charte.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    attachment = Attachment.objects.create(report=report, kind=Attachment.Kind.PDF, file=stored)
    registration = register_for_event(event, person=member)
    feed = CalendarFeed.objects.create(person=member)
    contact = Contact.objects.create(
        group=group, contacted_on=timezone.localdate(), news="Le frigo est en panne."
    )
    return {
        "contact": contact.pk,
        "feed_token": feed.token,
        "report": report.pk,
        "attachment": attachment.pk,
        "report_file": stored,
        "event": event.pk,
        "registration": registration.pk,
        "registration_token": registration.token,
        "group": group.slug,
        "membership": group.memberships.get(person=member).pk,
        "invitation": invitation.pk,
        "token": invitation.token,
        "kitchen": kitchen.slug,
        "booking": booking.pk,
        "recipe": kept_recipe.pk,
        "session": session.pk,
        "transfer": transfer.pk,
    }


def url_names(patterns=None, namespace: str | None = None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_IN_MATRIX:
                continue
            yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    missing = set(url_names()) - set(MATRIX)
    assert not missing, f"add these URLs to the access matrix: {sorted(missing)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_the_matrix_says_within_the_query_budget(
    client_as, max_queries, world, persona, name
):
    path, expected = MATRIX[name]
    client = client_as(persona)

    with max_queries(QUERY_BUDGET):
        response = client.get(path.format(**world))

    assert response.status_code == expected[persona], (path, persona, response.get("Location"))
    if persona == "visitor" and any(expected is r for r in LOGIN_REQUIRED):
        assert response["Location"].startswith(LOGIN + "?next=")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(POSTS))
def test_each_persona_may_change_only_what_the_matrix_says(client_as, world, persona, name):
    path, data, expected = POSTS[name]
    client = client_as(persona)

    response = client.post(path.format(**world), data)

    assert response.status_code == expected[persona], (path, persona, response.get("Location"))
    if persona == "visitor" and name not in OPEN_POSTS:
        assert response["Location"].startswith("/accounts/login/")
