"""The demo personas every issue's demo data and tests build on."""

from django.db import transaction

from accounts.models import User

# e-mail, name, language, coordinator, facilitator
PERSONAS = [
    ("coordination@example.org", "Claire Lambert", "fr", True, False),
    ("facilitation@example.org", "Youssef El Amrani", "fr", False, True),
    ("referente@example.org", "Rosa Martínez", "fr", False, False),
    ("amina@example.org", "Amina Benali", "fr", False, False),
    ("ferhat@example.org", "Ferhat Yılmaz", "fr", False, False),
    ("sadika@example.org", "Sadika Diallo", "fr", False, False),
    ("melvin@example.org", "Melvin Mukendi", "fr", False, False),
    ("voisin@example.org", "Jan Peeters", "nl", False, False),
    ("nadia@example.org", "Nadia Haddad", "fr", False, False),
]


@transaction.atomic
def seed_people() -> dict[str, User]:
    """Create or refresh the personas; running it again changes nothing."""
    people = {}
    for email, name, language, coordinator, facilitator in PERSONAS:
        user, created = User.objects.update_or_create(
            email=email,
            defaults={
                "display_name": name,
                "language": language,
                "is_coordinator": coordinator,
                "is_facilitator": facilitator,
                # The coordinator manages kitchens, partners and people in the admin.
                "is_staff": coordinator,
                "is_superuser": coordinator,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.record_email(verified=True)
        people[email] = user
    return people
