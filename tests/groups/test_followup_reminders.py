"""The weekly facilitation e-mail: the groups due this week and overdue, never twice."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from facilitation import reminders as followup_reminders
from facilitation.models import Contact, FacilitationReminder
from facilitation.reminders import send_reminders
from groups.models import Group
from groups.services import create_group
from tests.factories import make_person
from tests.races import at_once

WEDNESDAY = date(2026, 11, 25)


@pytest.fixture
def followed(group, other_group, facilitator):
    """The facilitator follows both groups: Ça Chauffe is overdue by 9 days on Wednesday,
    Les Mosaïques de Saveurs due on Saturday."""
    Group.objects.filter(pk=group.pk).update(facilitator=facilitator)
    Contact.objects.create(group=group, contacted_on=WEDNESDAY - timedelta(days=51))
    Contact.objects.create(group=other_group, contacted_on=WEDNESDAY - timedelta(days=39))
    return group, other_group


def test_the_facilitator_gets_the_groups_due_this_week_the_overdue_first(followed, facilitator):
    assert send_reminders(WEDNESDAY) == 1

    [email] = mail.outbox
    assert email.to == [facilitator.email]
    assert email.subject == (
        "Facilitation : 2 groupes à contacter, semaine du 23 novembre · 1 en retard"
    )
    assert "- Ça Chauffe: en retard de 9 jours\n- Les Mosaïques de Saveurs: dans 3 jours" in (
        email.body
    )
    assert "/facilitation/" in email.body


def test_a_group_due_next_week_is_not_in_this_week_s_e_mail(followed):
    _group, other = followed
    Contact.objects.create(group=other, contacted_on=WEDNESDAY - timedelta(days=20))

    send_reminders(WEDNESDAY)

    assert "Mosaïques" not in mail.outbox[0].body


def test_the_same_week_is_never_sent_twice_but_the_next_week_is(followed):
    send_reminders(WEDNESDAY)
    send_reminders(WEDNESDAY + timedelta(days=1))
    send_reminders(WEDNESDAY + timedelta(days=4))  # Sunday, same week

    assert len(mail.outbox) == 1

    send_reminders(WEDNESDAY + timedelta(days=5))  # Monday

    assert len(mail.outbox) == 2
    assert FacilitationReminder.objects.count() == 2


def test_a_facilitator_with_nothing_due_gets_nothing(group, facilitator):
    Group.objects.filter(pk=group.pk).update(facilitator=facilitator)
    Contact.objects.create(group=group, contacted_on=WEDNESDAY - timedelta(days=1))

    assert send_reminders(WEDNESDAY) == 0
    assert mail.outbox == [] and not FacilitationReminder.objects.exists()


def test_the_e_mail_speaks_the_facilitator_s_language(group, db):
    dutch = make_person("pieter@example.org", "Pieter Janssens", is_facilitator=True, language="nl")
    Group.objects.filter(pk=group.pk).update(facilitator=dutch)
    Contact.objects.create(group=group, contacted_on=WEDNESDAY - timedelta(days=50))

    send_reminders(WEDNESDAY)

    assert "Ça Chauffe: 8 dagen te laat" in mail.outbox[0].body


def test_stopped_groups_and_facilitators_without_e_mail_get_nothing(group, db):
    no_email = make_person(None, "Sans E-mail", is_facilitator=True)
    Group.objects.filter(pk=group.pk).update(facilitator=no_email)

    assert send_reminders(WEDNESDAY) == 0

    Group.objects.filter(pk=group.pk).update(
        facilitator=make_person("f@example.org", "F", is_facilitator=True),
        status=Group.Status.STOPPED,
    )
    assert send_reminders(WEDNESDAY) == 0


def test_an_e_mail_that_fails_is_tried_again_on_the_next_run(followed, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr(followup_reminders, "send_mail", broken)
    assert send_reminders(WEDNESDAY) == 0
    assert not FacilitationReminder.objects.exists()

    monkeypatch.undo()
    assert send_reminders(WEDNESDAY) == 1


def test_the_command_says_how_many_went(followed):
    out = StringIO()

    call_command("send_facilitation_reminders", stdout=out)

    assert out.getvalue().strip().endswith("reminder(s) sent.")


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_facilitator_one_e_mail():
    facilitators = [
        make_person(f"fac{i}@example.org", f"Fac {i}", is_facilitator=True) for i in range(6)
    ]
    for i, facilitator in enumerate(facilitators):
        group = create_group(
            by=None, name=f"G{i}", slug=f"g-{i}", commune="forest", facilitator=facilitator
        )
        Contact.objects.create(group=group, contacted_on=WEDNESDAY - timedelta(days=50))

    outcomes = at_once(4, lambda _i: send_reminders(WEDNESDAY))

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == len(facilitators)
    assert sorted(email.to[0] for email in mail.outbox) == sorted(f.email for f in facilitators)
