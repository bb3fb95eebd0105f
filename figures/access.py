"""Who may read the movement's figures: month by month for coordinators (the annual
report); the public page shows a few totals, with no personal data, to everyone."""

from accounts.http import AnyUser


def may_read_figures(user: AnyUser) -> bool:
    """Coordinators read the movement's figures month by month (others logged in: 403)."""
    return user.is_authenticated and user.is_coordinator
