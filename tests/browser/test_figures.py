"""The movement's figures on a phone: the coordinator opens them, picks last year, reads
the charts and downloads the table; a visitor reads the public page. JavaScript on and
off, axe at 0, under 60 KB."""

import csv
import io

from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    PAGE_BUDGET_BYTES,
    assert_accessible,
    assert_big_enough_targets,
    log_in,
    measure_first_load,
)


def test_the_coordinator_picks_a_year_reads_the_charts_and_downloads_the_table(
    phone: Page,
    live_server,
    coordinator,
    year_2025,
):
    log_in(phone, live_server, coordinator)
    transfer = measure_first_load(phone, live_server.url + "/figures/")

    assert transfer.total <= PAGE_BUDGET_BYTES, transfer.bodies
    this_year = timezone.localdate().year
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        f"Le mouvement en chiffres, {this_year}"
    )
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_label("Année").select_option("2025")
    phone.get_by_role("button", name="Afficher").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Le mouvement en chiffres, 2025")
    portions = phone.locator("#portions")
    expect(portions.get_by_role("heading")).to_have_text("Portions cuisinées")
    expect(portions.locator(".big-number")).to_have_text("29")
    spoken = portions.get_by_role("img").get_attribute("aria-label")
    assert spoken.startswith(
        "Portions cuisinées : janvier 2025 : 1, février 2025 : 0, mars 2025 : 14"
    )
    expect(phone.locator("svg.bar-chart")).to_have_count(14)
    expect(phone.locator("#active .big-number")).to_have_text("2")
    expect(phone.locator("#came .big-number")).to_have_text("11")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Télécharger le tableau (CSV)").click()
    assert download.value.suggested_filename == "chiffres-2025.csv"
    with open(download.value.path(), encoding="utf-8-sig") as table:
        rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(table.read()), delimiter=";")}
    assert rows["Chiffre"][:2] == ["2025", "2025-01"]
    assert [int(n) for n in rows["Portions cuisinées"]] == [29, 1, 0, 14, 0, 0, 3, 0, 0, 6, 5, 0, 0]
    assert rows["Personnes venues aux rendez-vous"][0] == "11"

    phone.get_by_role("link", name="La page publique").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Cuisines de Quartier en chiffres, 2025"
    )
    assert_accessible(phone)


def test_a_visitor_reads_a_few_figures_and_picks_a_year(
    phone: Page,
    live_server,
    year_2025,
):
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Cuisines de Quartier en chiffres").click()
    assert_accessible(phone)

    transfer = measure_first_load(phone, live_server.url + "/figures/public/")
    assert transfer.total <= PAGE_BUDGET_BYTES, transfer.bodies
    phone.get_by_label("Année").select_option("2025")
    phone.get_by_role("button", name="Afficher").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Cuisines de Quartier en chiffres, 2025"
    )
    figures = phone.locator(".figure-grid li")
    expect(figures).to_have_count(5)
    expect(figures.nth(4)).to_contain_text("29")
    expect(figures.nth(4)).to_contain_text("Portions cuisinées")
    expect(figures.nth(2)).to_contain_text("4")
    expect(figures.nth(2)).to_contain_text("Quartiers touchés")
    expect(phone.get_by_text("Amina")).to_have_count(0)
    assert_accessible(phone)
    assert_big_enough_targets(phone)


def test_a_member_may_not_read_the_figures(phone: Page, live_server, member, year_2025):
    log_in(phone, live_server, member)

    response = phone.goto(live_server.url + "/figures/")

    assert response.status == 403
