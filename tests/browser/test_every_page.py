"""Every page of the shell, in French, Dutch and English, with JavaScript on and off:
the right language, and axe at 0."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in

VISITOR_PAGES = [
    "/",
    "/accounts/login/code/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/nothing-here/",
]
MEMBER_PAGES = [
    "/",
    "/cooking/",
    "/recipes/",
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


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_visitor_page_is_accessible_in_each_language(phone: Page, live_server, language):
    speak(phone, live_server, language)

    for path in VISITOR_PAGES:
        phone.goto(live_server.url + path)
        expect(phone.locator("html")).to_have_attribute("lang", language)
        assert_accessible(phone)
        assert_big_enough_targets(phone)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_member_page_is_accessible_in_each_language(
    phone: Page, live_server, member: User, language
):
    log_in(phone, live_server, member)
    speak(phone, live_server, language)

    for path in MEMBER_PAGES:
        phone.goto(live_server.url + path)
        expect(phone.locator("html")).to_have_attribute("lang", language)
        assert_accessible(phone)
        assert_big_enough_targets(phone)
