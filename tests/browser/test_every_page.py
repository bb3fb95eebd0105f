"""Every page of the shell, in French, Dutch and English, with JavaScript on and off:
the right language, and axe at 0."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from accounts.models import User
from groups.services import create_invitation
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in

VISITOR_PAGES = [
    "/",
    "/groups/",
    "/groups/join/not-a-token/",
    "/accounts/login/code/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
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
    "/events/",
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
]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_referent_and_staff_page_is_accessible_in_each_language(
    phone: Page, live_server, group, kitchen, referent, member, coordinator, soup, language
):
    invitation = create_invitation(group, by=referent)
    ids = {
        "soup": soup.pk,
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


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_member_page_is_accessible_in_each_language(
    phone: Page, live_server, member: User, group, kitchen, soup, language
):
    log_in(phone, live_server, member)
    speak(phone, live_server, language)

    check_pages(phone, live_server, language, [p.format(soup=soup.pk) for p in MEMBER_PAGES])
