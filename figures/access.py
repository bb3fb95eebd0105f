"""Who may read the movement's figures: month by month for coordinators (the annual
report); the public page shows a few totals, with no personal data, to everyone."""

from django.core.exceptions import PermissionDenied

from accounts.http import AnyUser


def check_may_read_figures(user: AnyUser) -> None:
    """Coordinators read the movement's figures; anyone else logged in gets 403."""
    if not (user.is_authenticated and user.is_coordinator):
        raise PermissionDenied
