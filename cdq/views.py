from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from core.http import HtmxHttpRequest
from events.queries import my_registrations
from groups.access import groups_of
from portions.queries import next_menu, with_my_balance


@login_not_required
@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The visitor's welcome, or the member's home once logged in."""
    if not request.user.is_authenticated:
        return render(request, "cdq/home_visitor.html")
    my_groups = list(with_my_balance(groups_of(request.user), request.user))
    return render(
        request,
        "cdq/home_member.html",
        {
            "my_groups": my_groups,
            "any_balance": any(group.my_balance for group in my_groups),
            "staff_groups": request.user.is_movement_staff,
            "menu": next_menu(request.user),
            "registrations": my_registrations(request.user),
        },
    )


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a logged-in person keeps it on every phone."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers; what a load balancer or uptime check polls."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
