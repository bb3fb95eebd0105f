import pytest
from django.db import IntegrityError

from accounts.models import User


def test_members_without_email_are_stored_without_one_and_can_be_many(db):
    first = User.objects.create_user(email="", display_name="Fatima")
    second = User.objects.create_user(email=None, display_name="Moussa")

    assert first.email is None and second.email is None
    assert not first.can_log_in
    assert not first.has_usable_password()


def test_an_email_belongs_to_one_person_only_whatever_its_case(db):
    User.objects.create_user(email="Amina@Example.org", display_name="Amina")

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="amina@example.ORG", display_name="Another Amina")


def test_the_database_refuses_the_same_email_in_another_case_whatever_the_path(db):
    # The admin, a shell or a future form may skip the manager's lower-casing.
    User.objects.create(email="amina@example.org", display_name="Amina")

    with pytest.raises(IntegrityError):
        User.objects.create(email="AMINA@example.org", display_name="Another Amina")


def test_the_greeting_uses_the_first_word_of_the_name_or_the_email(db):
    assert User(display_name="Amina Benali").first_name == "Amina"
    assert User(display_name="", email="melvin@example.org").first_name == "melvin"


def test_createsuperuser_makes_a_coordinator_with_admin_access(db):
    boss = User.objects.create_superuser("coordination@example.org", "a long passphrase 42")

    assert boss.is_coordinator and boss.is_staff and boss.is_superuser
    assert boss.is_movement_staff
    assert boss.check_password("a long passphrase 42")
