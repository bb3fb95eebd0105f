"""A guest (no account) chooses their workshops on their private page, one per time slot,
and leaves them there; nobody else's registration can be touched from that page."""

import pytest

from events.models import Event, Registration, Workshop
from events.services import register
from tests.factories import make_event

R = Registration.Status


@pytest.fixture
def gathering(db):
    event = make_event(capacity=10, audience=Event.Audience.PUBLIC)
    bread = Workshop.objects.create(event=event, slot="matin", title="Pain", places=1)
    soap = Workshop.objects.create(event=event, slot="matin", title="Savon", places=5)
    return event, bread, soap


def guest(event, name="Lucie"):
    return register(event, name=name, email=f"{name.lower()}@example.org")


def test_the_private_page_lists_the_workshops_with_their_places(client, gathering):
    event, _bread, _soap = gathering
    lucie = guest(event)

    page = client.get(f"/events/r/{lucie.token}/").text

    assert "Pain" in page and "Savon" in page
    assert "1 place restante" in page and "5 places restantes" in page
    assert page.count('name="workshop"') == 2


def test_a_guest_chooses_a_workshop_and_it_hangs_on_their_place(client, gathering):
    event, bread, _soap = gathering
    lucie = guest(event)

    response = client.post(f"/events/r/{lucie.token}/", {"workshop": bread.pk}, follow=True)

    row = Registration.objects.get(workshop=bread)
    assert (row.event_place_id, row.status, row.name) == (lucie.pk, R.CONFIRMED, "Lucie")
    assert "Vous êtes inscrit" in response.text
    assert 'name="leave"' in response.text


def test_a_second_workshop_at_the_same_time_is_refused(client, gathering):
    event, bread, soap = gathering
    lucie = guest(event)
    client.post(f"/events/r/{lucie.token}/", {"workshop": bread.pk})

    response = client.post(f"/events/r/{lucie.token}/", {"workshop": soap.pk}, follow=True)

    assert "déjà choisi un atelier" in response.text
    assert not Registration.objects.filter(workshop=soap).exists()


def test_a_full_workshop_puts_the_guest_on_its_waiting_list(client, gathering):
    event, bread, _soap = gathering
    client.post(f"/events/r/{guest(event, 'Anna').token}/", {"workshop": bread.pk})
    lucie = guest(event)

    response = client.post(f"/events/r/{lucie.token}/", {"workshop": bread.pk}, follow=True)

    assert Registration.objects.get(workshop=bread, event_place=lucie).status == R.WAITING
    assert "liste d'attente" in response.text


def test_a_guest_leaves_a_workshop_and_keeps_their_place(client, gathering):
    event, bread, _soap = gathering
    lucie = guest(event)
    client.post(f"/events/r/{lucie.token}/", {"workshop": bread.pk})
    row = Registration.objects.get(workshop=bread)

    client.post(f"/events/r/{lucie.token}/", {"leave": row.pk})

    row.refresh_from_db()
    lucie.refresh_from_db()
    assert (row.status, lucie.status) == (R.CANCELLED, R.CONFIRMED)


@pytest.mark.parametrize("forged", ["9999", "abc", ""])
def test_a_forged_workshop_saves_nothing(client, gathering, forged):
    event, _bread, _soap = gathering
    other = make_event(audience=Event.Audience.PUBLIC)
    elsewhere = Workshop.objects.create(event=other, title="Ailleurs", places=5)
    lucie = guest(event)
    before = Registration.objects.count()

    for value in [forged, elsewhere.pk]:
        client.post(f"/events/r/{lucie.token}/", {"workshop": value})

    lucie.refresh_from_db()
    assert Registration.objects.count() == before
    assert lucie.status == R.CONFIRMED  # a bad choice never cancels the place


def test_leaving_someone_elses_workshop_from_my_page_does_nothing(client, gathering):
    event, bread, _soap = gathering
    anna, lucie = guest(event, "Anna"), guest(event)
    client.post(f"/events/r/{anna.token}/", {"workshop": bread.pk})
    annas = Registration.objects.get(workshop=bread)

    client.post(f"/events/r/{lucie.token}/", {"leave": annas.pk})

    annas.refresh_from_db()
    lucie.refresh_from_db()
    assert (annas.status, lucie.status) == (R.CONFIRMED, R.CONFIRMED)


def test_the_private_page_stays_within_the_query_budget(client, gathering, max_queries):
    event, _bread, _soap = gathering
    lucie = guest(event)
    for n in range(30):
        register(event, name=f"G{n}", phone="0470")

    with max_queries():
        assert client.get(f"/events/r/{lucie.token}/").status_code == 200


@pytest.mark.parametrize("forged", ["abc", "9999"])
def test_a_member_posting_a_forged_workshop_gets_a_message(client_as, gathering, forged):
    event, _bread, _soap = gathering
    client = client_as("member")

    response = client.post(f"/events/{event.pk}/register/", {"workshop": forged}, follow=True)

    assert response.status_code == 200
    assert "ne fait pas partie de cet événement" in response.text
    assert not Registration.objects.exists()
