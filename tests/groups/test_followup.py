"""Facilitation: due dates, the dashboard, logging a contact, the launch checklist, and
who may see the contacts."""

import gzip
import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from facilitation.models import Contact, FollowUp, Need
from facilitation.queries import cooking_by_month
from facilitation.rules import due_label, due_on, needs_overview, trend
from groups.models import Group
from groups.services import create_group
from portions.counter import portion_counter
from portions.models import CookingSession
from tests.factories import make_cooked_session, make_person

TODAY = timezone.localdate


def contact(group, days_ago: int, *, needs=(), news="", next_contact_on=None, by=None):
    return Contact.objects.create(
        group=group,
        contacted_on=TODAY() - timedelta(days=days_ago),
        needs=list(needs),
        news=news,
        next_contact_on=next_contact_on,
        by=by,
    )


def listed(page: str) -> str:
    """The dashboard's list of groups, without the message or the needs above and below."""
    return page[page.index('id="groups"') : page.index('id="needs"')]


@pytest.fixture
def followed(group, other_group, facilitator):
    """The facilitator follows both groups."""
    Group.objects.filter(pk=group.pk).update(facilitator=facilitator)
    group.refresh_from_db()
    return [group, other_group]


# Due dates ---------------------------------------------------------------------------------


def test_a_group_is_due_after_its_rhythm_unless_a_day_was_chosen():
    last = date(2026, 3, 2)

    assert due_on(last_contact_on=last, next_contact_on=None, rhythm_days=42, since=last) == date(
        2026, 4, 13
    )
    chosen = date(2026, 3, 20)
    assert (
        due_on(last_contact_on=last, next_contact_on=chosen, rhythm_days=42, since=last) == chosen
    )


def test_a_group_never_contacted_is_due_since_it_was_created():
    created = date(2025, 1, 10)

    assert due_on(last_contact_on=None, next_contact_on=None, rhythm_days=42, since=created) == (
        created
    )


def test_the_due_label_says_it_in_french_words(db):
    today = date(2026, 5, 20)

    assert due_label(today - timedelta(days=9), today) == "en retard de 9 jours"
    assert due_label(today + timedelta(days=3), today) == "dans 3 jours"
    assert due_label(today, today) == "aujourd'hui"
    assert due_label(today, today, contacted=False) == "pas encore de contact"


@given(
    last=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    rhythm=st.integers(min_value=1, max_value=365),
    offset=st.integers(min_value=-400, max_value=400),
)
def test_a_group_is_overdue_exactly_when_its_rhythm_has_passed(last, rhythm, offset):
    today = last + timedelta(days=offset)
    due = due_on(last_contact_on=last, next_contact_on=None, rhythm_days=rhythm, since=last)

    with translation.override("en"):
        label = due_label(due, today)

    assert (due < today) == (offset > rhythm)
    assert ("overdue" in label) == (offset > rhythm)
    assert (label == "today") == (offset == rhythm)


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=6, max_size=6))
def test_the_trend_reads_backwards_as_its_opposite_and_ignores_the_scale(values):
    opposite = {"up": "down", "down": "up", "steady": "steady", "none": "none"}

    assert trend(values[::-1]) == opposite[trend(values)]
    assert trend([value * 3 for value in values]) == trend(values)


def test_a_group_cooking_more_lately_is_going_up_and_one_cooking_less_going_down():
    assert trend([10, 10, 10, 20, 20, 20]) == "up"
    assert trend([20, 20, 20, 10, 10, 0]) == "down"
    assert trend([10, 10, 10, 11, 10, 10]) == "steady"
    assert trend([0] * 6) == "none"


def test_the_needs_overview_counts_groups_not_contacts():
    class G:
        def __init__(self, needs):
            self.needs = needs

    groups = [G(["money", "space"]), G(["money"]), G(["money", "money"]), G([])]

    assert needs_overview(groups) == [(Need.MONEY, 3), (Need.SPACE, 1)]


def test_portions_per_month_agree_with_the_portion_counter(group, member, soup):
    membership = group.memberships.get(person=member)
    make_cooked_session(group, soup, 3, 12)
    make_cooked_session(group, soup, 40, 7, membership=membership)
    make_cooked_session(group, soup, 75, 16)
    draft = make_cooked_session(group, soup, 10, 99)
    CookingSession.objects.filter(pk=draft.pk).update(status=CookingSession.Status.OPEN)

    months = cooking_by_month([group.pk], TODAY())[group.pk]

    counter = dict(portion_counter(group, with_movement=False)["months"])
    assert [portions for month, _s, portions in months] == [counter[m] for m, _s, _p in months]
    assert sum(sessions for _m, sessions, _p in months) == 3
    assert sum(portions for _m, _s, portions in months) == 35


# The dashboard -------------------------------------------------------------------------------


def test_the_facilitator_sees_the_overdue_group_first_with_words(client_as, followed):
    group, other = followed
    contact(group, 10)  # due in 32 days
    contact(other, 51)  # overdue by 9 days

    text = client_as("facilitator").get("/facilitation/").text

    assert text.index("Les Mosaïques de Saveurs") < text.index("Ça Chauffe")
    assert "en retard de 9 jours" in text and "dans 32 jours" in text
    assert "1 groupe à contacter cette semaine." in text and "1 est en retard." in text


def test_a_facilitator_sees_only_the_groups_they_follow(client_as, group, other_group):
    text = client_as("facilitator").get("/facilitation/").text

    assert "Les Mosaïques de Saveurs" in text
    assert "Ça Chauffe" not in text


def test_a_coordinator_sees_every_group_but_the_stopped_ones(client_as, group, other_group):
    Group.objects.filter(pk=other_group.pk).update(status=Group.Status.STOPPED)

    text = client_as("coordinator").get("/facilitation/").text

    assert "Ça Chauffe" in text and "Les Mosaïques de Saveurs" not in text


def test_the_dashboard_shows_health_needs_and_the_launch_checklist(
    client_as, followed, member, soup
):
    group, other = followed
    make_cooked_session(group, soup, 5, 32)
    make_cooked_session(group, soup, 20, 16)
    contact(group, 3, needs=[Need.MONEY, Need.EQUIPMENT])
    contact(other, 3, needs=[Need.MONEY])
    Group.objects.filter(pk=other.pk).update(status=Group.Status.LAUNCHING)
    FollowUp.objects.create(group=other, launch_steps=["space", "members", "referent"])

    text = client_as("facilitator").get("/facilitation/").text

    assert "2 sessions · 48 portions en 3 mois" in text
    assert 'class="trend"' in text and "Portions par mois" in text
    assert "2 membres" in text
    assert ">Matériel<" in text
    assert "Lancement : 3 étapes sur 6 faites. Suite : le matériel de base." in text
    overview = text[text.index('id="needs"') :]
    assert overview.index("Argent") < overview.index("Matériel")
    assert "2 groupes" in overview


def test_a_need_link_shows_only_the_groups_with_that_need(client_as, followed):
    group, other = followed
    contact(group, 3, needs=[Need.SPACE])
    contact(other, 3, needs=[Need.MONEY])

    text = client_as("facilitator").get("/facilitation/?need=space").text

    assert "Ça Chauffe" in listed(text) and "Mosaïques" not in listed(text)


def test_only_the_last_contact_says_what_a_group_needs_now(client_as, followed):
    group, _other = followed
    contact(group, 50, needs=[Need.SPACE])
    contact(group, 2, needs=[Need.RECIPES])

    text = client_as("facilitator").get("/facilitation/").text

    assert ">Recettes<" in text and ">Espace<" not in text


def test_changing_the_rhythm_moves_the_due_date_at_once(client_as, followed):
    group, _other = followed
    contact(group, 30)
    client = client_as("facilitator")

    response = client.post("/facilitation/ca-chauffe/rhythm/", {"rhythm_days": 21})

    assert response.status_code == 302
    assert FollowUp.objects.get(group=group).rhythm_days == 21
    assert "en retard de 9 jours" in client.get("/facilitation/ca-chauffe/").text


def test_a_rhythm_out_of_range_is_refused_on_the_page(client_as, followed):
    response = client_as("facilitator").post("/facilitation/ca-chauffe/rhythm/", {"rhythm_days": 2})

    assert response.status_code == 200
    assert "supérieure ou égale à 7" in response.text
    assert not FollowUp.objects.exists()


# Logging a contact ---------------------------------------------------------------------------


def test_logging_a_contact_moves_the_group_down_the_list(client_as, followed, facilitator):
    group, other = followed
    contact(group, 50)  # overdue: first
    contact(other, 20)
    client = client_as("facilitator")
    before = client.get("/facilitation/").text
    assert before.index("Ça Chauffe") < before.index("Mosaïques")

    response = client.post(
        "/facilitation/ca-chauffe/contact/",
        {
            "contacted_on": TODAY().isoformat(),
            "channel": "call",
            "news": "Deux nouvelles personnes.",
            "needs": ["money", "space"],
            "resources": "La liste des bons plans.",
            "next_steps": "Visiter la cuisine.",
        },
    )

    assert response.status_code == 302 and response["Location"] == "/facilitation/"
    saved = group.facilitation_contacts.latest_first().first()
    assert (saved.channel, saved.needs, saved.by) == ("call", ["space", "money"], facilitator)
    after = client.get("/facilitation/").text
    assert listed(after).index("Mosaïques") < listed(after).index("Ça Chauffe")
    assert "Contact avec Ça Chauffe noté. Prochain contact :" in after
    assert "dans 42 jours" in after


def test_a_chosen_next_contact_day_wins_over_the_rhythm(client_as, followed):
    day = TODAY() + timedelta(days=14)

    client_as("facilitator").post(
        "/facilitation/ca-chauffe/contact/",
        {"contacted_on": TODAY().isoformat(), "channel": "visit", "next_contact_on": day},
    )

    assert "dans 14 jours" in client_as("facilitator").get("/facilitation/ca-chauffe/").text


def test_a_contact_in_the_future_is_refused_and_nothing_typed_is_lost(client_as, followed):
    response = client_as("facilitator").post(
        "/facilitation/ca-chauffe/contact/",
        {
            "contacted_on": (TODAY() + timedelta(days=2)).isoformat(),
            "channel": "visit",
            "news": "Ils cherchent une cuisine.",
            "needs": ["space"],
        },
    )

    assert response.status_code == 200
    assert "Ce jour est dans le futur." in response.text
    assert "Ils cherchent une cuisine." in response.text
    assert 'value="space" id="id_needs_0" checked' in response.text
    assert not Contact.objects.exists()


def test_a_next_contact_before_the_contact_is_refused(client_as, followed):
    response = client_as("facilitator").post(
        "/facilitation/ca-chauffe/contact/",
        {
            "contacted_on": TODAY().isoformat(),
            "channel": "visit",
            "next_contact_on": (TODAY() - timedelta(days=1)).isoformat(),
        },
    )

    assert "Choisissez un jour après le contact." in response.text
    assert not Contact.objects.exists()


def test_the_group_follow_up_lists_its_contacts_latest_first(client_as, followed, facilitator):
    group, _other = followed
    contact(group, 90, news="Première visite.", by=facilitator)
    contact(group, 10, news="Tout va bien.", needs=[Need.HYGIENE], by=facilitator)

    text = client_as("facilitator").get("/facilitation/ca-chauffe/").text

    assert text.index("Tout va bien.") < text.index("Première visite.")
    assert "Hygiène et conservation" in text and "Noté par Youssef" in text


# The launch checklist ------------------------------------------------------------------------


def test_ticking_launch_steps_keeps_them_in_order(client_as, followed):
    group, _other = followed
    Group.objects.filter(pk=group.pk).update(status=Group.Status.LAUNCHING)
    client = client_as("facilitator")

    response = client.post(
        "/facilitation/ca-chauffe/launch/", {"steps": ["first_session", "space", "nonsense"]}
    )
    assert response.status_code == 200  # an unknown step: the form says so, nothing saved
    assert not FollowUp.objects.exists()

    response = client.post(
        "/facilitation/ca-chauffe/launch/", {"steps": ["first_session", "space"]}
    )

    assert response.status_code == 302
    assert FollowUp.objects.get(group=group).launch_steps == ["space", "first_session"]


def test_with_htmx_ticking_a_step_returns_only_the_checklist(client_as, followed):
    Group.objects.filter(pk=followed[0].pk).update(status=Group.Status.LAUNCHING)

    response = client_as("facilitator").post(
        "/facilitation/ca-chauffe/launch/",
        {"steps": ["space"]},
        headers={"HX-Request": "true", "HX-Target": "launch"},
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card" id="launch"')
    assert 'value="space" id="id_steps_0" checked' in response.text


# Privacy -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "referent"])
def test_the_members_never_see_their_group_s_contacts(client_as, followed, persona):
    group, _other = followed
    contact(group, 3, news="Tension entre deux membres.", needs=[Need.GROUP_LIFE])
    client = client_as(persona)

    for path in ["/", "/groups/ca-chauffe/", "/facilitation/ca-chauffe/"]:
        assert "Tension entre deux membres" not in client.get(path).text
    assert client.get("/facilitation/ca-chauffe/").status_code == 403
    assert client.get("/facilitation/").status_code == 404


def test_another_facilitator_gets_404_on_a_group_they_do_not_follow(client, followed):
    other_facilitator = make_person("autre@example.org", "Sam Autre", is_facilitator=True)
    client.force_login(other_facilitator)

    assert client.get("/facilitation/ca-chauffe/").status_code == 404
    assert client.post("/facilitation/ca-chauffe/contact/", {}).status_code == 404
    assert "Ça Chauffe" not in client.get("/facilitation/").text


# Budgets -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["facilitator", "coordinator"])
def test_the_dashboard_stays_within_the_budgets_with_200_groups(
    client_as, max_queries, many_groups, persona
):
    client = client_as(persona)

    with max_queries():
        response = client.get("/facilitation/")
    with max_queries():
        client.get("/facilitation/?need=money&page=2")

    assert response.status_code == 200
    assert response.text.count('class="card follow"') == 30
    assert "200 groupes à contacter" not in response.text  # not all due this week
    assert len(gzip.compress(response.content)) < 20 * 1024


def test_a_group_follow_up_and_its_contact_form_stay_within_the_budget(
    client_as, max_queries, many_groups
):
    client = client_as("facilitator")

    for path in ["/facilitation/groupe-010/", "/facilitation/groupe-010/contact/"]:
        with max_queries():
            assert client.get(path).status_code == 200


def test_a_new_group_not_contacted_yet_is_due_since_its_creation(client_as, facilitator):
    create_group(by=None, name="Nouveau", slug="nouveau", commune="forest", facilitator=facilitator)

    text = client_as("facilitator").get("/facilitation/").text

    assert "pas encore de contact" in text


# The demo and the home page -------------------------------------------------------------------


def test_the_demo_has_a_year_of_contacts_overdue_groups_and_half_launched_ones(db):
    call_command("seed_demo", stdout=StringIO())
    count = Contact.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Contact.objects.count() == count
    assert Contact.objects.order_by("contacted_on").first().contacted_on <= TODAY() - timedelta(
        days=300
    )
    client = Client()
    client.force_login(User.objects.get(email="facilitation@example.org"))

    text = client.get("/facilitation/").text

    groups = listed(text)
    assert groups.index("Les Cuistots du CBO") < groups.index("Mosaïques") < groups.index("Ça Ch")
    assert "en retard de 18 jours" in groups and "en retard de 9 jours" in groups
    assert "Lancement : 3 étapes sur 6 faites." in groups
    assert ">Argent<" in text or ">Matériel<" in text


def test_facilitators_and_coordinators_find_the_dashboard_from_home(client_as, group):
    for persona in ["facilitator", "coordinator"]:
        assert 'href="/facilitation/"' in client_as(persona).get("/").text
    assert 'href="/facilitation/"' not in client_as("member").get("/").text


def test_the_group_page_leads_its_facilitator_and_coordinators_to_the_follow_up(
    followed, client_as
):
    group = followed[0]
    follow_up = f'href="/facilitation/{group.slug}/"'

    assert follow_up in client_as("facilitator").get(f"/groups/{group.slug}/").text
    assert follow_up in client_as("coordinator").get(f"/groups/{group.slug}/").text
    assert follow_up not in client_as("referent").get(f"/groups/{group.slug}/").text
    assert follow_up not in client_as("member").get(f"/groups/{group.slug}/").text


def test_someone_no_longer_a_facilitator_loses_the_contacts_of_their_old_groups(
    followed, facilitator, client
):
    group = followed[0]
    contact(group, 3, news="Le frigo est en panne.")
    User.objects.filter(pk=facilitator.pk).update(is_facilitator=False)
    client.force_login(facilitator)

    for path in [f"/facilitation/{group.slug}/", f"/facilitation/{group.slug}/contact/"]:
        response = client.get(path)
        assert response.status_code in (403, 404)
        assert "frigo" not in response.text


# Correcting and removing a contact ------------------------------------------------------


def test_the_facilitator_corrects_a_contact_and_the_group_becomes_due_again(followed, client_as):
    group = followed[0]
    typo = contact(group, 2, needs=["money"], news="Tout va bein.")
    client = client_as("facilitator")
    form = client.get(f"/facilitation/{group.slug}/contact/{typo.pk}/").text
    assert "Tout va bein." in form
    assert re.search(r'<input[^>]*value="money"[^>]*checked', form)

    response = client.post(
        f"/facilitation/{group.slug}/contact/{typo.pk}/",
        {
            "contacted_on": (TODAY() - timedelta(days=50)).isoformat(),
            "channel": "call",
            "news": "Tout va bien.",
            "needs": ["space", "supply"],
        },
    )

    assert response.status_code == 302
    typo.refresh_from_db()
    assert (typo.news, typo.channel, typo.needs) == ("Tout va bien.", "call", ["space", "supply"])
    dashboard = client.get("/facilitation/").text
    assert "en retard de 8 jours" in listed(dashboard)


def test_a_correction_with_a_mistake_keeps_what_was_typed(followed, client_as):
    group = followed[0]
    noted = contact(group, 2, news="Avant.")
    before = Contact.objects.values().get(pk=noted.pk)

    response = client_as("facilitator").post(
        f"/facilitation/{group.slug}/contact/{noted.pk}/",
        {
            "contacted_on": (TODAY() + timedelta(days=3)).isoformat(),
            "channel": "visit",
            "news": "Après.",
        },
    )

    assert response.status_code == 200
    assert "Après." in response.text and "dans le futur" in response.text
    assert Contact.objects.values().get(pk=noted.pk) == before


def test_removing_a_contact_asks_first_then_the_previous_one_counts(followed, client_as):
    group = followed[0]
    contact(group, 60)
    mistake = contact(group, 1, news="Pas le bon groupe.")
    client = client_as("facilitator")

    confirm = client.get(f"/facilitation/{group.slug}/contact/{mistake.pk}/remove/")
    assert "Pas le bon groupe." in confirm.text
    assert Contact.objects.filter(pk=mistake.pk).exists()

    client.post(f"/facilitation/{group.slug}/contact/{mistake.pk}/remove/")

    assert not Contact.objects.filter(pk=mistake.pk).exists()
    assert "en retard de 18 jours" in listed(client.get("/facilitation/").text)


def test_a_contact_of_another_group_is_not_found_through_mine(followed, client_as):
    group, other = followed
    theirs = contact(other, 5, news="Secret.")
    client = client_as("facilitator")

    assert client.get(f"/facilitation/{group.slug}/contact/{theirs.pk}/").status_code == 404
    assert client.post(f"/facilitation/{group.slug}/contact/{theirs.pk}/remove/").status_code == 404
    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_a_coordinator_looks_at_one_facilitators_groups_or_those_nobody_follows(
    followed, client_as, facilitator
):
    group, other = followed
    Group.objects.filter(pk=other.pk).update(facilitator=None)
    client = client_as("coordinator")

    everyone = listed(client.get("/facilitation/").text)
    hers = listed(client.get(f"/facilitation/?facilitator={facilitator.pk}").text)
    nobody = listed(client.get("/facilitation/?facilitator=none").text)

    assert group.name in everyone and other.name in everyone
    assert group.name in hers and other.name not in hers
    assert other.name in nobody and group.name not in nobody


def test_facilitators_do_not_get_the_filter(followed, client_as):
    page = client_as("facilitator").get("/facilitation/?facilitator=none").text

    assert 'name="facilitator"' not in page
    assert followed[0].name in listed(page)
