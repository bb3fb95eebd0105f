"""Every page of the shell, in French, Dutch and English, with JavaScript on and off:
the right language, and axe at 0."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from events.models import Attachment, Event, Report, Workshop
from events.services import register
from facilitation.models import Contact
from groups.services import create_invitation
from portions.models import CookingSession
from portions.services import change_status, create_session, place_order
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in

VISITOR_PAGES = [
    "/",
    "/groups/",
    "/groups/join/not-a-token/",
    "/accounts/login/code/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/events/",
    "/events/reports/",
    "/figures/public/",
    "/nothing-here/",
]
MEMBER_PAGES = [
    "/",
    "/groups/ca-chauffe/",
    "/kitchens/",
    "/kitchens/cbo/",
    "/cooking/",
    "/recipes/",
    "/recipes/?diet=vegan&without=0&season=7&max_cost=300&mine=on",
    "/recipes/{soup}/?portions=48",
    "/recipes/new/",
    "/recipes/booklet/",
    "/recipes/prices/",
    "/cooking/ca-chauffe/{session}/",
    "/cooking/ca-chauffe/accounts/",
    "/events/",
    "/events/{event}/",
    "/events/r/{token}/",
    "/events/reports/",
    "/events/reports/?theme=conservation",
    "/events/reports/{report}/",
    "/me/",
    "/accounts/email/",
    "/accounts/password/set/",
    "/accounts/logout/",
]


def speak(page: Page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def check_pages(page: Page, live_server, language: str, paths) -> None:
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)
        assert_big_enough_targets(page)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_visitor_page_is_accessible_in_each_language(phone: Page, live_server, language):
    speak(phone, live_server, language)

    check_pages(phone, live_server, language, VISITOR_PAGES)


REFERENT_PAGES = [
    "/groups/ca-chauffe/settings/",
    "/groups/ca-chauffe/members/",
    "/groups/ca-chauffe/members/{membership}/",
    "/groups/ca-chauffe/invitations/",
    "/groups/ca-chauffe/invitations/{invitation}/",
    "/kitchens/cbo/book/",
    "/groups/join/{token}/",
    "/recipes/{soup}/edit/",
    "/recipes/{soup}/delete/",
    "/recipes/prices/add/",
    "/recipes/prices/foods/new/",
    "/cooking/",
    "/cooking/ca-chauffe/new/",
    "/cooking/ca-chauffe/{session}/",
    "/cooking/ca-chauffe/{session}/edit/",
    "/cooking/ca-chauffe/{session}/orders/?member={membership}",
    "/cooking/ca-chauffe/{session}/receipts/",
    "/cooking/ca-chauffe/{session}/taken/",
    "/cooking/ca-chauffe/{session}/settle/",
    "/cooking/ca-chauffe/accounts/",
]


@pytest.fixture
def open_session(group, referent, member, soup):
    start = timezone.now() + timedelta(days=3)
    session = create_session(
        group,
        starts_at=start,
        deadline=start - timedelta(days=1),
        recipes=[(soup, 30)],
        by=referent,
    )
    change_status(session, CookingSession.Status.OPEN, by=referent)
    place_order(
        session, group.memberships.get(person=member), {session.dishes.get().pk: 3}, by=member
    )
    return session


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_referent_and_staff_page_is_accessible_in_each_language(
    phone: Page,
    live_server,
    group,
    kitchen,
    referent,
    member,
    coordinator,
    soup,
    open_session,
    language,
):
    invitation = create_invitation(group, by=referent)
    ids = {
        "soup": soup.pk,
        "session": open_session.pk,
        "membership": group.memberships.get(person=member).pk,
        "invitation": invitation.pk,
        "token": invitation.token,
    }
    log_in(phone, live_server, referent)
    speak(phone, live_server, language)
    check_pages(phone, live_server, language, [path.format(**ids) for path in REFERENT_PAGES])

    log_in(phone, live_server, coordinator)
    phone.goto(live_server.url + "/groups/overview/")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    noted = Contact.objects.create(group=group, contacted_on=timezone.localdate(), news="Tout va.")
    facilitation = [
        "",
        "ca-chauffe/",
        "ca-chauffe/contact/",
        f"ca-chauffe/contact/{noted.pk}/",
        f"ca-chauffe/contact/{noted.pk}/remove/",
    ]
    check_pages(phone, live_server, language, [f"/facilitation/{path}" for path in facilitation])
    check_pages(phone, live_server, language, ["/figures/", "/figures/?year=2025"])
    start = timezone.now() + timedelta(days=20)
    event = Event.objects.create(
        title="Atelier", starts_at=start, ends_at=start + timedelta(hours=3), capacity=1
    )
    bread = Workshop.objects.create(event=event, title="Pain", host="Sophie", places=5)
    register(event, person=member, workshop=bread)
    register(event, person=referent)  # waiting
    manage = [
        f"/events/{event.pk}/{page}/"
        for page in ["manage", "attendance", "message", "cancel", "edit"]
    ] + ["/events/new/"]
    check_pages(phone, live_server, language, manage)
    report = Report.objects.create(event=event, title="Conserves", theme="conservation")
    pdf = Attachment.objects.create(report=report, kind="pdf", file="reports/charte.pdf")
    reports = [
        f"/events/{event.pk}/reports/new/",
        f"/events/reports/{report.pk}/",
        f"/events/reports/{report.pk}/edit/",
        f"/events/reports/{report.pk}/files/new/",
        f"/events/reports/{report.pk}/files/{pdf.pk}/remove/",
        f"/events/reports/{report.pk}/delete/",
    ]
    check_pages(phone, live_server, language, reports)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_member_page_is_accessible_in_each_language(
    phone: Page, live_server, member: User, group, kitchen, soup, open_session, language
):
    log_in(phone, live_server, member)
    speak(phone, live_server, language)

    start = timezone.now() + timedelta(days=20)
    event = Event.objects.create(
        title="Rendez-vous", starts_at=start, ends_at=start + timedelta(hours=3), capacity=20
    )
    Workshop.objects.create(event=event, slot="Matin", title="Conserves", places=1)
    token = register(event, person=member).token
    report = Report.objects.create(
        event=event,
        title="Conserves",
        theme="conservation",
        text="Nous avons fait **des bocaux** :\n\n- tomates\n- courgettes",
        video_url="https://peertube.example.org/w/abc",
    )
    Attachment.objects.create(report=report, kind="audio", file="reports/voix.mp3", caption="Voix")
    ids = {"soup": soup.pk, "session": open_session.pk, "event": event.pk, "token": token}
    ids["report"] = report.pk
    paths = [p.format(**ids) for p in MEMBER_PAGES]
    check_pages(phone, live_server, language, paths)
