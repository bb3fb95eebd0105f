"""The forms every app shares: one field template (FORM_RENDERER) and one box to tick
before what cannot be undone."""

from datetime import timedelta

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.utils import timezone

from core.forms import ConfirmForm, PlainForm
from events.models import CalendarFeed, Report
from groups.models import Membership
from portions.models import CookingSession
from portions.services import create_session
from recipes.models import Recipe
from tests.factories import make_event

TICK = "Cochez la case pour confirmer."


class NameForm(PlainForm):
    name = forms.CharField(label="Nom", help_text="Comme on vous appelle.", max_length=5)


def test_a_field_group_shows_the_label_the_help_text_the_errors_then_the_input():
    html = NameForm({"name": "Marguerite"})["name"].as_field_group()

    assert html == (
        '<div class="field has-error">\n'
        '  <label for="id_name">Nom</label>\n'
        '  <span class="helptext" id="id_name_helptext">Comme on vous appelle.</span>\n'
        '  <ul class="errorlist" id="id_name_error"><li>'
        "Assurez-vous que cette valeur comporte au plus 5 caractères (actuellement 10).</li></ul>\n"
        '  <input type="text" name="name" value="Marguerite" maxlength="5" required'
        ' aria-invalid="true" aria-describedby="id_name_helptext id_name_error" id="id_name">\n'
        "</div>"
    )


def test_the_box_is_valid_only_ticked_and_says_to_tick_it():
    assert ConfirmForm({"confirm": "1"}, label="Oui").is_valid()
    unticked = ConfirmForm({}, label="Oui")

    assert not unticked.is_valid()
    assert unticked.errors["confirm"] == [TICK]


def test_the_box_has_the_callers_sentence_and_posts_1():
    form = ConfirmForm(label="Oui, supprimer")

    assert str(form["confirm"]) == '<input type="checkbox" name="confirm" value="1" id="confirm">'
    assert form["confirm"].label_tag() == '<label for="confirm">Oui, supprimer</label>'


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_an_unticked_box_deletes_no_recipe(client_as, soup):
    response = client_as("referent").post(f"/recipes/{soup.pk}/delete/")

    assert response.status_code == 200 and said(response) == [TICK]
    assert Recipe.objects.filter(pk=soup.pk).exists()


@pytest.mark.django_db
def test_an_unticked_box_deletes_no_report(client_as):
    report = Report.objects.create(event=make_event(), title="Conserves", theme="conservation")

    response = client_as("coordinator").post(f"/events/reports/{report.pk}/delete/")

    assert response.status_code == 200 and said(response) == [TICK]
    assert Report.objects.filter(pk=report.pk).exists()


@pytest.mark.django_db
def test_an_unticked_box_keeps_the_calendar_address(client_as, member):
    client = client_as("member")
    client.get("/events/calendar/")
    token = CalendarFeed.objects.get(person=member).token

    response = client.post("/events/calendar/")

    assert response.status_code == 302 and said(response) == [TICK]
    assert CalendarFeed.objects.get(person=member).token == token


@pytest.mark.django_db
def test_an_unticked_box_keeps_a_member_in_the_group(client_as, group, member):
    membership = group.memberships.get(person=member)

    response = client_as("referent").post(
        f"/groups/{group.slug}/members/{membership.pk}/", {"action": "leave"}
    )

    assert response.status_code == 200 and said(response) == [TICK]
    assert Membership.objects.current().filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_an_unticked_box_keeps_a_session_settled(client_as, group, soup):
    start = timezone.now() + timedelta(days=3)
    session = create_session(
        group, starts_at=start, deadline=start - timedelta(days=1), recipes=[(soup, 30)], by=None
    )
    CookingSession.objects.filter(pk=session.pk).update(status=CookingSession.Status.SETTLED)

    response = client_as("referent").post(f"/cooking/{group.slug}/{session.pk}/reopen/")

    assert response.status_code == 302 and said(response) == [TICK]
    session.refresh_from_db()
    assert session.status == CookingSession.Status.SETTLED


@pytest.mark.django_db
def test_an_unticked_box_cancels_no_event_and_says_so_next_to_it(client_as):
    event = make_event()

    response = client_as("coordinator").post(f"/events/{event.pk}/cancel/", {"message": "Fermé"})

    assert TICK in response.text
    event.refresh_from_db()
    assert not event.is_cancelled
