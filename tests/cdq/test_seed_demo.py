from io import StringIO

from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User

PERSONAS = {
    "coordination@example.org",
    "facilitation@example.org",
    "referente@example.org",
    "amina@example.org",
    "ferhat@example.org",
    "sadika@example.org",
    "melvin@example.org",
    "voisin@example.org",
}


def test_the_demo_data_creates_the_personas_and_running_it_twice_changes_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    first = list(User.objects.order_by("pk").values())
    call_command("seed_demo", stdout=StringIO())

    assert list(User.objects.order_by("pk").values()) == first
    assert set(User.objects.values_list("email", flat=True)) == PERSONAS
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == len(PERSONAS)


def test_the_demo_roles_are_the_ones_later_features_rely_on(db):
    call_command("seed_demo", stdout=StringIO())

    coordinator = User.objects.get(email="coordination@example.org")
    assert coordinator.is_coordinator and coordinator.is_staff
    assert User.objects.get(email="facilitation@example.org").is_facilitator
    assert User.objects.filter(is_coordinator=True).count() == 1
    assert User.objects.filter(is_facilitator=True).count() == 1
    assert User.objects.get(email="voisin@example.org").language == "nl"
    assert not any(u.has_usable_password() for u in User.objects.all())
