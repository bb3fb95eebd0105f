"""The logged-in request type: views behind a login say so, and the type checker knows
`request.user` is one of our people."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from core.http import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User


# Whoever asks, logged in or not: what `request.user` is on a page open to everyone
# (`@login_not_required`), and what the access rules that answer visitors too take.
type AnyUser = User | AnonymousUser
