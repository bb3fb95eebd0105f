"""The coordinators' pages: who comes, moving someone up, who came, writing, cancelling."""

import csv
import io

import pytest

from events.models import Registration, Workshop
from events.services import register
from tests.factories import make_event

pytestmark = pytest.mark.django_db
R = Registration.Status


@pytest.fixture
def full_event(member, referent, outsider):
    event = make_event(capacity=2, title="Atelier conserves")
    register(event, person=member)
    register(event, person=referent, companions=0)
    waiting = register(event, person=outsider)
    return event, waiting


def test_the_coordinator_sees_who_comes_and_who_waits(client_as, full_event):
    event, _waiting = full_event

    page = client_as("coordinator").get(f"/events/{event.pk}/manage/").content.decode()

    assert "Amina Benali" in page and "Rosa Martínez" in page and "Jan Peeters" in page
    assert f"/events/registrations/{_waiting.pk}/move-up/" in page


def test_moving_up_refused_while_full_then_given_when_a_place_is_free(
    client_as, full_event, mailoutbox, django_capture_on_commit_callbacks
):
    event, waiting = full_event
    coordinator = client_as("coordinator")

    coordinator.post(f"/events/registrations/{waiting.pk}/move-up/")
    waiting.refresh_from_db()
    assert waiting.status == R.WAITING  # nobody beyond the places

    event.capacity = 3
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(f"/events/registrations/{waiting.pk}/move-up/")
    waiting.refresh_from_db()
    assert waiting.status == R.CONFIRMED
    assert [message.to for message in mailoutbox] == [["voisin@example.org"]]


def test_the_spreadsheet_lists_everyone_with_their_status(client_as, full_event):
    event, _waiting = full_event

    response = client_as("coordinator").get(f"/events/{event.pk}/registrations.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Amina Benali", "Rosa Martínez", "Jan Peeters"]
    assert rows[3][4] != rows[1][4]  # waiting is not registered


def test_ticking_who_came_saves_it(client_as, full_event):
    event, _waiting = full_event
    amina = event.registrations.get(person__email="amina@example.org")

    client_as("coordinator").post(f"/events/{event.pk}/attendance/", {"came": [amina.pk]})

    assert dict(
        event.registrations.filter(status=R.CONFIRMED).values_list("person__email", "came")
    ) == {
        "amina@example.org": True,
        "referente@example.org": False,
    }


def test_a_message_goes_to_the_people_coming_and_if_asked_those_waiting(
    client_as, full_event, mailoutbox
):
    event, _waiting = full_event
    coordinator = client_as("coordinator")

    coordinator.post(f"/events/{event.pk}/message/", {"subject": "Bocaux", "body": "Apportez-en."})
    assert sorted(m.to[0] for m in mailoutbox) == ["amina@example.org", "referente@example.org"]

    coordinator.post(
        f"/events/{event.pk}/message/",
        {"subject": "Bocaux", "body": "Apportez-en.", "waiting_too": "on"},
    )
    assert len(mailoutbox) == 5


def test_cancelling_needs_the_box_then_tells_everyone_and_closes_registration(
    client_as, full_event, mailoutbox, django_capture_on_commit_callbacks, member
):
    event, _waiting = full_event
    coordinator = client_as("coordinator")

    coordinator.post(f"/events/{event.pk}/cancel/", {"message": "La cuisine est fermée."})
    event.refresh_from_db()
    assert not event.is_cancelled

    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            f"/events/{event.pk}/cancel/", {"message": "La cuisine est fermée.", "confirm": "on"}
        )
    event.refresh_from_db()
    assert event.is_cancelled
    assert len(mailoutbox) == 3 and mailoutbox[0].body == "La cuisine est fermée."
    page = client_as("member").get(event.get_absolute_url()).content.decode()
    assert "La cuisine est fermée." in page


def test_a_forged_workshop_id_is_refused_with_a_message_and_nothing_saved(
    client_as, full_event, member
):
    event, _waiting = full_event
    other = make_event(title="Autre")
    foreign = Workshop.objects.create(event=other, title="Ailleurs", places=5)
    before = Registration.objects.count()

    response = client_as("outsider_referent").post(
        f"/events/{event.pk}/register/", {"workshop": foreign.pk}, follow=True
    )

    assert Registration.objects.count() == before
    assert "Cet atelier ne fait pas partie de cet événement." in response.content.decode()


@pytest.fixture
def gathering(member, referent, outsider):
    """Two workshops at the same time: Amina and Rosa at bread, Jan at soap."""
    event = make_event(capacity=50, title="Rencontre annuelle")
    bread = Workshop.objects.create(event=event, slot="matin", title="Pain", host="Sophie")
    soap = Workshop.objects.create(event=event, slot="matin", title="Savon")
    rows = {
        "amina": register(event, person=member, workshop=bread),
        "rosa": register(event, person=referent, workshop=bread),
        "jan": register(event, person=outsider, workshop=soap),
    }
    return event, rows


def test_the_attendance_page_has_a_list_per_workshop(client_as, gathering):
    event, rows = gathering

    page = client_as("coordinator").get(f"/events/{event.pk}/attendance/").text

    bread, soap = page.index(">Pain"), page.index(">Savon")
    assert "Animé par Sophie" in page
    assert page.count('name="came"') == 3  # everyone at the event
    assert page.count('name="came_workshop"') == 3
    assert bread < page.index(f'value="{rows["amina"].pk}"') < soap
    assert soap < page.index(f'value="{rows["jan"].pk}"')


def test_ticked_at_a_workshop_came_unticked_is_unknown_absent_at_the_event_did_not(
    client_as, gathering
):
    event, rows = gathering
    at_event = {
        who: event.registrations.get(person=rows[who].person, workshop=None).pk for who in rows
    }

    client_as("coordinator").post(
        f"/events/{event.pk}/attendance/",
        {"came": [at_event["amina"], at_event["jan"]], "came_workshop": [rows["amina"].pk]},
    )

    came = {who: Registration.objects.get(pk=row.pk).came for who, row in rows.items()}
    assert came == {"amina": True, "rosa": False, "jan": None}
