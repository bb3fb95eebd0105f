from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict:
    """What the page shell needs on every page, error pages included."""
    match = request.resolver_match  # None on a 404
    return {
        # Which entry of the bottom menu the page belongs to.
        "nav_section": (match.app_name or match.url_name) if match else "",
        # In the demo (debug) the e-mails, login codes included, are printed on the console.
        "demo_mode": settings.DEBUG,
    }
