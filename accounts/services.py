from accounts.models import User


def create_person(
    email: str | None, display_name: str, *, email_verified: bool = False, **fields
) -> User:
    """Create a person; one with an e-mail can log in by code."""
    return User.objects.create_user(
        email=email, display_name=display_name, email_verified=email_verified, **fields
    )
