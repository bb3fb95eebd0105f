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
    "nadia@example.org",
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


def test_the_demo_places_the_personas_in_their_groups(db):
    from groups.models import Group, Membership

    call_command("seed_demo", stdout=StringIO())

    ca_chauffe = Group.objects.get(slug="ca-chauffe")
    members = dict(ca_chauffe.memberships.current().values_list("person__email", "role"))
    assert members == {
        "referente@example.org": Membership.Role.REFERENT,
        "amina@example.org": "member",
        "ferhat@example.org": "member",
        "sadika@example.org": "member",
        "melvin@example.org": "member",
    }
    assert Group.objects.filter(memberships__person__email="voisin@example.org").get().slug == (
        "les-mosaiques-de-saveurs"
    )
    assert Group.objects.count() >= 8
    assert set(Group.objects.values_list("status", flat=True)) == {
        "launching",
        "active",
        "dormant",
        "stopped",
    }
    assert ca_chauffe.status_changes.count() == 2
