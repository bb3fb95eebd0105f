"""A coordinator writes an event on the phone, with two parallel workshops added line by
line (with and without JavaScript; the cover photo chosen first is kept), then changes its
places: never below the places taken, and more places move the waiting list up."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.models import Event, Registration
from events.services import register
from tests.browser.conftest import (
    PAGE_BUDGET_BYTES,
    assert_accessible,
    assert_big_enough_targets,
    log_in,
    measure_first_load,
)
from tests.factories import local_moment, make_event, picture


def test_a_coordinator_creates_an_event_with_two_workshops_then_changes_its_places(
    phone: Page, live_server, coordinator, member, referent, outsider
):
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    log_in(phone, live_server, coordinator)
    phone.goto(live_server.url + "/events/")
    phone.get_by_role("link", name="Nouvel événement").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Nouvel événement")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_label("Titre").fill("Rencontre annuelle")
    phone.get_by_label("Type").select_option("gathering")
    phone.get_by_label("Jour", exact=True).fill(day)
    phone.get_by_label("Commence à").fill("10:00")
    phone.get_by_label("Finit à").fill("16:00")
    phone.get_by_label("Ou à l'adresse").fill("Rue Léopold Ier 329, Jette")
    phone.get_by_label("Places pour l'événement").fill("2")
    phone.get_by_role("button", name="Photo de couverture").set_input_files(
        {
            "name": "affiche.jpg",
            "mimeType": "image/jpeg",
            "buffer": picture("JPEG", color="darkorange"),
        }
    )

    phone.get_by_role("button", name="Ajouter un atelier").click()
    first = phone.get_by_role("group", name="Atelier 1")
    first.get_by_label("Titre").fill("Pain au levain")
    first.get_by_label("Moment").fill("Matin")
    first.get_by_label("Places").fill("8")
    phone.get_by_role("button", name="Ajouter un atelier").click()
    second = phone.get_by_role("group", name="Atelier 2")
    second.get_by_label("Titre").fill("Conserves")
    second.get_by_label("Moment").fill("Matin")
    # What was typed before each new line is still there.
    expect(phone.get_by_label("Titre").first).to_have_value("Rencontre annuelle")
    expect(first.get_by_label("Titre")).to_have_value("Pain au levain")
    expect(phone.get_by_text("Photo gardée")).to_be_visible()  # chosen once, not twice
    assert_accessible(phone)
    phone.get_by_role("button", name="Publier").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Rencontre annuelle")
    expect(phone.get_by_text("Pain au levain", exact=True)).to_be_visible()
    expect(phone.get_by_text("Conserves", exact=True)).to_be_visible()
    event = Event.objects.get()
    assert list(event.workshops.order_by("pk").values_list("title", "places")) == [
        ("Pain au levain", 8),
        ("Conserves", None),
    ]
    assert timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M") == f"{day} 10:00"
    assert event.cover.name.endswith(".jpg")

    register(event, person=member)
    register(event, person=referent)
    waiting = register(event, person=outsider)
    assert waiting.status == Registration.Status.WAITING

    phone.goto(live_server.url + f"/events/{event.pk}/manage/")
    phone.get_by_role("link", name="Modifier l'événement").click()
    phone.get_by_label("Places pour l'événement").fill("1")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_text("2 places sont déjà prises")).to_be_visible()
    expect(phone.get_by_label("Titre").first).to_have_value("Rencontre annuelle")
    assert_accessible(phone)

    phone.get_by_label("Places pour l'événement").fill("3")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator(".messages")).to_contain_text("liste d'attente")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [[outsider.email]]

    phone.goto(live_server.url + "/events/")
    expect(phone.get_by_text("Complet")).to_be_visible()


def test_the_event_pages_weigh_little_on_a_first_load(
    js_phone: Page, live_server, coordinator, member
):
    for i in range(30):
        event = make_event(
            title=f"Rendez-vous {i}",
            address="Rue Haute 5",
            starts_at=local_moment(10 + i),
            capacity=20,
        )
        event.workshops.create(slot="Matin", title=f"Atelier {i}", places=10)
    register(event, person=member)
    log_in(js_phone, live_server, coordinator)

    sizes = {
        path: measure_first_load(js_phone, live_server.url + path)
        for path in ["/events/", "/events/new/", f"/events/{event.pk}/edit/"]
    }

    for path, transfer in sizes.items():
        assert transfer.total <= PAGE_BUDGET_BYTES, (path, transfer.bodies)
    print({path: transfer.total for path, transfer in sizes.items()})
