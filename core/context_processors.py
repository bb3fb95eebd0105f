from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict:
    """What the page shell needs on every page, error pages included."""
    match = request.resolver_match  # None on a 404
    section = (match.app_name or match.url_name or "") if match else ""
    if section.startswith("account_") and request.user.is_authenticated:
        section = "accounts"  # allauth's pages (e-mail, password) belong to "Me"
    return {
        # Which entry of the bottom menu the page belongs to.
        "nav_section": section,
        # In the demo (debug) the e-mails, login codes included, are printed on the console.
        "demo_mode": settings.DEBUG,
    }
