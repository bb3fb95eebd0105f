from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from core.http import HtmxHttpRequest
from core.refusals import shown_as_message
from events import access, services
from events.forms import GuestForm
from events.models import Registration, Workshop, free_places
from events.queries import my_registrations, with_places_left

R = Registration.Status


@login_not_required
@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    """The coming events as date cards; a person's own registrations first."""
    events = with_places_left(
        access.visible_events(request.user)
        .filter(ends_at__gte=timezone.now())
        .select_related("kitchen")
        .order_by("starts_at"),
        limit=30,
    )
    mine = my_registrations(request.user, limit=20) if request.user.is_authenticated else []
    context = {
        "events": events,
        "mine": mine,
        "may_create": access.may_create_events(request.user),
    }
    return render(request, "events/index.html", context)


def _places(event, is_mine) -> tuple[list[Workshop], int | None, dict]:
    """The event's workshops, each with its places `left` and the reader's own
    registration (`mine`); the places left at the event; and the reader's registrations by
    workshop id (None: the event). `is_mine(row)` tells the reader's rows. Two queries."""
    workshops = list(event.workshops.all())
    registrations = event.registrations.exclude(status=R.CANCELLED).only(
        "workshop_id", "person_id", "event_place_id", "companions", "status"
    )
    taken: dict[int | None, int] = {}
    mine: dict[int | None, Registration] = {}
    for row in registrations:
        if row.status == R.CONFIRMED:
            taken[row.workshop_id] = taken.get(row.workshop_id, 0) + row.seats
        if is_mine(row):
            mine[row.workshop_id] = row
    for workshop in workshops:
        workshop.left = free_places(workshop.places, taken.get(workshop.pk, 0))
        workshop.mine = mine.get(workshop.pk)
    left = free_places(event.capacity, taken.get(None, 0))
    return workshops, left, mine


@login_not_required
@require_http_methods(["GET", "POST"])
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The event, its places and workshops, and the one main button: "I'm coming"."""
    event = access.get_event_for_reader(request.user, pk)
    person_id = request.user.pk if request.user.is_authenticated else None
    workshops, left, mine = _places(event, lambda row: person_id and row.person_id == person_id)
    guest_form = None
    if not request.user.is_authenticated:
        guest_form = GuestForm(request.POST or None, most_companions=event.most_companions)
        if request.method == "POST" and guest_form.is_valid():
            with shown_as_message(request) as attempt:
                registration = services.register(
                    event, **guest_form.cleaned_data, language=get_language()
                )
            if attempt.ok:
                return redirect("events:registration", registration.token)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "workshops": workshops,
            "left": left,
            "mine": mine.get(None),
            "open": event.registration_open(),
            "members_choose": request.user.is_authenticated and event.registration_open(),
            "guest_form": guest_form,
            "companions": range(event.most_companions + 1),
            "can_manage": access.may_manage_events(request.user),
        },
    )


@login_required
@require_POST
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_reader(request.user, pk)
    workshop = None
    if request.POST.get("workshop"):
        workshop = Workshop.objects.filter(pk=_int(request.POST["workshop"]), event=event).first()
        if workshop is None:
            messages.error(request, _("This workshop is not part of this event."))
            return redirect(event)
    try:
        companions = int(request.POST.get("companions") or 0)
    except ValueError:
        companions = -1
    with shown_as_message(request) as attempt:
        registration = services.register(
            event, person=request.user, companions=companions, workshop=workshop
        )
    if attempt.ok:
        if registration.status == R.CONFIRMED:
            messages.success(request, _("You are registered. See you there!"))
        else:
            messages.info(
                request, _("It is full: you are on the waiting list. We will e-mail you.")
            )
    return redirect(event)


@login_required
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    registration = access.get_own_registration(request.user, pk)
    services.cancel(registration)
    messages.success(request, _("Cancelled. Thank you for freeing your place."))
    return redirect(registration.event)


@login_not_required
@require_http_methods(["GET", "POST"])
def registration(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """A guest's private page: their registration, their workshops (one per time slot),
    and cancelling."""
    registration = access.get_registration_by_token(token)
    event = registration.event
    at_event = registration.workshop_id is None and registration.status != R.CANCELLED
    if request.method == "POST":
        if at_event and "workshop" in request.POST:
            return _guest_workshop(request, registration)
        if at_event and "leave" in request.POST:
            chosen = services.guest_workshops(registration).filter(pk=_int(request.POST["leave"]))
            if (row := chosen.first()) is not None:
                services.cancel(row)
                messages.success(request, _("You left this workshop."))
            return redirect("events:registration", token)
        services.cancel(registration)
        messages.success(request, _("Cancelled. Thank you for freeing your place."))
        return redirect("events:registration", token)
    workshops = []
    if at_event:
        workshops, _left, _mine = _places(event, lambda row: row.event_place_id == registration.pk)
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": event,
            "workshops": workshops,
            "open": event.registration_open(),
        },
    )


def _guest_workshop(request: HtmxHttpRequest, registration: Registration) -> HttpResponse:
    workshop = Workshop.objects.filter(
        pk=_int(request.POST["workshop"]), event=registration.event_id
    ).first()
    if workshop is None:
        messages.error(request, _("This workshop is not part of this event."))
    else:
        with shown_as_message(request) as attempt:
            row = services.register(registration.event, workshop=workshop, guest=registration)
        if attempt.ok:
            if row.status == R.CONFIRMED:
                messages.success(request, _("You are registered. See you there!"))
            else:
                messages.info(
                    request, _("It is full: you are on the waiting list. We will e-mail you.")
                )
    return redirect("events:registration", registration.token)


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
