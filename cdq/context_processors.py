from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict:
    """What the page shell needs on every page."""
    # In the demo (debug) the e-mails, login codes included, are printed on the console.
    return {"demo_mode": settings.DEBUG}
