"""Reports on a phone: a coordinator writes one after a rendez-vous and adds a photo, a PDF
file and a sound; a member reads it, sees the photo and gets the player; a visitor is told
it does not exist."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from weasyprint import HTML

from events.models import Event, Report
from tests.browser.conftest import (
    assert_accessible,
    assert_big_enough_targets,
    log_in,
    measure_first_load,
)
from tests.factories import local_moment, make_event, picture

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(417) * 4


@pytest.fixture
def media(settings, tmp_path):
    """The report's files in a folder of this test (the app serves them: events/storage.py)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def rendezvous(db):
    start = local_moment(-10)
    return make_event(
        kind=Event.Kind.RENDEZVOUS,
        title="Rendez-vous des Cuisines #6",
        starts_at=start,
        ends_at=start + timedelta(hours=5),
    )


def add_file(page: Page, name: str, data: bytes, mime: str, caption: str) -> None:
    page.get_by_role("link", name="Ajouter une photo ou un fichier").click()
    assert_accessible(page)
    page.get_by_label("Photo, son ou fichier PDF").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_label("En quelques mots (facultatif)").fill(caption)
    page.get_by_role("button", name="Ajouter").click()
    expect(page.locator(".messages")).to_contain_text("Ajouté")


def test_a_coordinator_writes_a_report_a_member_reads_it_a_visitor_gets_a_404(
    phone: Page, live_server, media, rendezvous, coordinator, member, group
):
    log_in(phone, live_server, coordinator)
    phone.goto(live_server.url + rendezvous.get_absolute_url())
    phone.get_by_role("link", name="Écrire le compte-rendu").click()
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_label("Titre").fill("50 kg de bouillon pour 8 groupes")
    phone.get_by_label("Thème").select_option(label="Conservation et hygiène")
    phone.get_by_label("Ce qui s'est passé").fill(
        "Nous avons préparé **50 kg de bouillon**.\n\n<script>alert(1)</script>"
    )
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator(".messages")).to_contain_text("Le compte-rendu est enregistré")
    expect(phone.get_by_role("heading", level=1)).to_have_text("50 kg de bouillon pour 8 groupes")

    add_file(
        phone,
        "bouillon.png",
        picture("PNG", size=(640, 480), color="#d9a441"),
        "image/png",
        "Les marmites",
    )
    add_file(
        phone,
        "charte.pdf",
        HTML(string="<p>Charte</p>").write_pdf(),
        "application/pdf",
        "La charte",
    )
    add_file(phone, "voix.mp3", MP3, "audio/mpeg", "Sadika raconte")
    # A fake file: told so, nothing added.
    phone.get_by_role("link", name="Ajouter une photo ou un fichier").click()
    phone.get_by_label("Photo, son ou fichier PDF").set_input_files(
        {"name": "voix.mp3", "mimeType": "audio/mpeg", "buffer": b"<html>not a sound</html>"}
    )
    phone.get_by_role("button", name="Ajouter").click()
    expect(phone.locator(".errorlist")).to_contain_text("Nous ne pouvons pas utiliser ce fichier")
    assert_accessible(phone)
    report = Report.objects.get()
    assert sorted(report.attachments.values_list("kind", flat=True)) == ["audio", "pdf", "photo"]

    # A member reads it: the photo shows, the player waits for a tap, the PDF is a link.
    log_in(phone, live_server, member)
    phone.goto(live_server.url + "/events/reports/")
    phone.get_by_role("link", name="50 kg de bouillon pour 8 groupes").click()
    expect(phone.locator(".report-text strong")).to_have_text("50 kg de bouillon")
    photo = phone.get_by_role("img", name="Les marmites")
    photo.scroll_into_view_if_needed()
    expect(photo).to_be_visible()
    assert loaded_width(phone, photo) == 640  # the file really came (lazy, then loaded)
    player = phone.locator("audio")
    expect(player).to_have_attribute("preload", "none")
    expect(player).to_have_attribute("controls", "")
    expect(phone.get_by_role("link", name="La charte")).to_be_visible()
    assert phone.get_by_role("link", name="Modifier le texte").count() == 0
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    weight = measure_first_load(phone, live_server.url + report.get_absolute_url())
    assert weight.total < 60 * 1024, weight.bodies

    # A visitor: the members' report does not exist for them.
    phone.context.clear_cookies()
    response = phone.goto(live_server.url + report.get_absolute_url())
    assert response.status == 404
    assert_accessible(phone)


def loaded_width(page: Page, image) -> int:
    """The picture's real width once the browser has it (lazy images load when near)."""
    for _ in range(50):
        width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
        if width:
            return width
        page.wait_for_timeout(100)
    return 0


def test_the_reports_index_filters_by_theme_without_javascript_too(
    phone: Page, live_server, rendezvous, member, group
):
    for n, theme in enumerate(["conservation", "communication", "conservation"]):
        Report.objects.create(
            event=rendezvous, title=f"Compte-rendu {n}", theme=theme, visibility="public"
        )
    phone.goto(live_server.url + "/events/")
    phone.get_by_role("link", name="Comptes-rendus des événements passés").click()
    expect(phone.locator("article")).to_have_count(3)
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_label("Thème").select_option(label="Communication")
    phone.get_by_role("button", name="Afficher").click()

    expect(phone.locator("article")).to_have_count(1)
    expect(phone.get_by_role("link", name="Compte-rendu 1")).to_be_visible()
    assert "theme=communication" in phone.url
