"""Browser tests: Debian's Chromium at a 360×740 phone viewport, axe at 0, page weight.

Every browser test takes the `phone` fixture, which runs it twice: with JavaScript on and
with JavaScript off, since every core form must work without it.
"""

import gzip
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, Response

from accounts.models import User

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "fr-BE",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGE_BUDGET_BYTES = 60 * 1024


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    if executable is None:
        # Never skip the browser tests: say how to get what they need.
        pytest.fail(
            "Chromium is missing. Install Debian's package (apt-get install -y chromium) "
            "or run `make test`, which installs it when it can.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


@pytest.fixture(params=["js", "nojs"])
def javascript(request) -> bool:
    return request.param == "js"


@pytest.fixture
def phone(browser: Browser, browser_context_args, javascript: bool) -> Iterator[Page]:
    """A page in a phone-sized browser, with JavaScript on, then off."""
    context = browser.new_context(**browser_context_args, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    if not javascript:
        JAVASCRIPT_OFF.add(id(page))
    yield page
    JAVASCRIPT_OFF.discard(id(page))
    context.close()


@pytest.fixture
def js_phone(browser: Browser, browser_context_args) -> Iterator[Page]:
    """A phone-sized page with JavaScript on, for what only makes sense with it."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


_axe = Axe()
JAVASCRIPT_OFF: set[int] = set()  # pages whose context runs without JavaScript


def assert_accessible(page: Page) -> None:
    """Run axe on the page as it is now; fail on any WCAG 2.2 A/AA violation.

    axe needs JavaScript timers, which never fire in a JavaScript-off page: there, the
    page's current HTML is served again, same URL and styles, to a twin page whose own
    scripts are blocked, and axe runs on the twin.
    """
    # A click that navigates returns once the new page starts loading: wait for all of it.
    page.wait_for_load_state("load")
    target = page
    twin_context = None
    if id(page) in JAVASCRIPT_OFF:
        html, url = page.content(), page.url
        twin_context = page.context.browser.new_context(**PHONE)
        twin_context.route("**/*.js", lambda route: route.abort())
        twin_context.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
        target = twin_context.new_page()
        target.goto(url)
    try:
        results = _axe.run(target, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    finally:
        if twin_context is not None:
            twin_context.close()
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_big_enough_targets(page: Page) -> None:
    """Every visible link and button is at least 44×44 px, or is a link inside a sentence."""
    small = page.evaluate(
        """() => [...document.querySelectorAll('a, button, input[type=submit]')]
            .filter(el => el.offsetParent !== null && !el.closest('p, li:not(.tabbar li), dd'))
            .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)
            .map(([text, r]) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == [], f"tap targets under 44 px on {page.url}: {small}"


@dataclass
class Transfer:
    """What a page made the browser download, with each body gzip-compressed as production
    serves it (whitenoise's precompressed static files, a compressing proxy for HTML)."""

    bodies: dict[str, int] = field(default_factory=dict)

    def record(self, response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect has no body
            return
        self.bodies[response.url] = len(gzip.compress(body, compresslevel=6))

    @property
    def total(self) -> int:
        return sum(self.bodies.values())


def measure_first_load(page: Page, url: str) -> Transfer:
    transfer = Transfer()
    page.on("response", transfer.record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", transfer.record)
    return transfer


def log_in(page: Page, live_server, user: User) -> None:
    """Put a logged-in session in the browser, as if the person had typed their code."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
