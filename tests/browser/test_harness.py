"""The browser helpers must really fail when a page is wrong, with JavaScript on and off."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (
    assert_accessible,
    assert_big_enough_targets,
    measure_first_load,
)

BROKEN = """
  const img = document.createElement('img'); img.src = '/static/icons/favicon.svg';
  document.querySelector('main').append(img);
"""


def test_axe_fails_on_an_image_without_a_text_alternative(phone: Page, live_server):
    phone.goto(live_server.url)
    phone.evaluate(BROKEN)

    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(phone)


def test_a_button_smaller_than_44_px_is_caught(phone: Page, live_server):
    phone.goto(live_server.url)
    phone.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<button style=\"padding:0;font-size:8px\">x</button>')"
    )

    with pytest.raises(AssertionError, match="under 44 px"):
        assert_big_enough_targets(phone)


def test_the_first_load_counts_every_file_compressed(js_phone: Page, live_server):
    transfer = measure_first_load(js_phone, live_server.url)

    assert set(transfer.bodies) >= {
        live_server.url + "/",
        live_server.url + "/static/css/app.css",
        live_server.url + "/static/django_htmx/htmx-2.min.js",
    }
    htmx = transfer.bodies[live_server.url + "/static/django_htmx/htmx-2.min.js"]
    # htmx is 51 kB as sent by a plain server; compressed it is about a third of that.
    assert 10_000 < htmx < 25_000
    assert transfer.total == sum(transfer.bodies.values())
