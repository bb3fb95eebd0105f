from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User


@transaction.atomic
def create_person(
    email: str | None, display_name: str, *, email_verified: bool = False, **fields
) -> User:
    """Create a person; one with an e-mail also gets allauth's record of it, so that the
    login by code finds them."""
    user = User.objects.create_user(email=email, display_name=display_name, **fields)
    if user.email:
        EmailAddress.objects.create(
            user=user, email=user.email, verified=email_verified, primary=True
        )
    return user
