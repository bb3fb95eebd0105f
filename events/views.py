from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cdq.http import AuthenticatedHttpRequest, HtmxHttpRequest
from events import services
from events.forms import GuestForm
from events.models import Registration, Workshop
from events.queries import my_registrations
from groups import access

R = Registration.Status


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    """The coming events as date cards; a person's own registrations first."""
    events = (
        access.visible_events(request.user)
        .filter(ends_at__gte=timezone.now())
        .select_related("kitchen")
        .order_by("starts_at")[:30]
    )
    mine = my_registrations(request.user, limit=20) if request.user.is_authenticated else []
    return render(request, "events/index.html", {"events": events, "mine": mine})


@require_http_methods(["GET", "POST"])
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The event, its places and workshops, and the one main button: "I'm coming"."""
    event = access.get_event_for_reader(request.user, pk)
    workshops = list(event.workshops.all())
    registrations = list(
        event.registrations.exclude(status=R.CANCELLED).only(
            "workshop_id", "person_id", "companions", "status"
        )
    )
    taken: dict[int | None, int] = {}
    mine: dict[int | None, Registration] = {}
    for row in registrations:
        if row.status == R.CONFIRMED:
            taken[row.workshop_id] = taken.get(row.workshop_id, 0) + row.seats
        if request.user.is_authenticated and row.person_id == request.user.pk:
            mine[row.workshop_id] = row
    for workshop in workshops:
        workshop.left = (
            None if workshop.places is None else max(workshop.places - taken.get(workshop.pk, 0), 0)
        )
        workshop.mine = mine.get(workshop.pk)
    left = None if event.capacity is None else max(event.capacity - taken.get(None, 0), 0)
    guest_form = None
    if not request.user.is_authenticated:
        guest_form = GuestForm(request.POST or None, most_companions=event.most_companions)
        if request.method == "POST" and guest_form.is_valid():
            try:
                registration = services.register(event, **guest_form.cleaned_data)
            except services.RegistrationError as refusal:
                messages.error(request, refusal.message)
            else:
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
            "guest_form": guest_form,
            "companions": range(event.most_companions + 1),
        },
    )


@login_required
@require_POST
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_reader(request.user, pk)
    workshop = None
    if request.POST.get("workshop"):
        workshop = Workshop.objects.filter(pk=request.POST["workshop"]).first()
        if workshop is None:
            messages.error(request, _("This workshop is not part of this event."))
            return redirect(event)
    try:
        companions = int(request.POST.get("companions") or 0)
    except ValueError:
        companions = -1
    try:
        registration = services.register(
            event, person=request.user, companions=companions, workshop=workshop
        )
    except services.RegistrationError as refusal:
        messages.error(request, refusal.message)
    else:
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


@require_http_methods(["GET", "POST"])
def registration(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """A guest's private page: their registration, and cancelling it."""
    registration = access.get_registration_by_token(token)
    if request.method == "POST":
        services.cancel(registration)
        messages.success(request, _("Cancelled. Thank you for freeing your place."))
        return redirect("events:registration", token)
    return render(request, "events/registration.html", {"registration": registration})
