"""The logged-in request type: views behind a login say so, and the type checker knows
`request.user` is one of our people."""

from accounts.models import User
from core.http import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
