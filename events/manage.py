"""The coordinators' pages for an event: writing or changing it (with its workshops), who
is coming, the waiting list, the printed attendance list, a message to everyone,
cancelling."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from core.exports import csv_response
from core.forms import ConfirmForm, PlainForm
from core.refusals import shown_as_message
from core.text import slug
from events import access, services
from events.forms import EventForm, WorkshopFormSet
from events.models import Event, Registration
from groups.models import Kitchen

R = Registration.Status


class MessageForm(PlainForm):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=120)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 6}))
    waiting_too = forms.BooleanField(
        label=gettext_lazy("Also to the people on the waiting list"), required=False
    )


class CancelForm(ConfirmForm):
    """The message to everyone, and the box to tick (its error shown next to it)."""

    message = forms.CharField(
        label=gettext_lazy("Message to the people registered"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["message", "confirm"]

    def __init__(self, *args, **kwargs):
        label = gettext_lazy("Yes, cancel this event")
        super().__init__(*args, label=label, auto_id="id_%s", use_required_attribute=True, **kwargs)


def _rows(event):
    return list(
        # The places at the event first, then each workshop: NULLs first on both databases
        # (PostgreSQL puts them last by default, SQLite first).
        event.registrations.select_related("person", "workshop").order_by(
            F("workshop__slot").asc(nulls_first=True),
            F("workshop_id").asc(nulls_first=True),
            "created_at",
            "pk",
        )
    )


@login_required
@require_GET
def manage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_coordinator(request.user, pk)
    rows = _rows(event)
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.workshop, {R.CONFIRMED: [], R.WAITING: [], R.CANCELLED: []})
        groups[row.workshop][row.status].append(row)
    return render(request, "events/manage.html", {"event": event, "groups": groups.items()})


@login_required
@require_POST
def move_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    registration = access.get_registration_for_coordinator(request.user, pk)
    with shown_as_message(request) as attempt:
        services.move_up(registration)
    if attempt.ok:
        messages.success(
            request, _("%(name)s has a place now.") % {"name": registration.display_name}
        )
    return redirect("events:manage", registration.event_id)


@login_required
@require_GET
def registrations_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Everyone registered, waiting or cancelled, for a spreadsheet (core/exports.py)."""
    event = access.get_event_for_coordinator(request.user, pk)
    header = [_("Name"), _("E-mail"), _("Phone"), _("Workshop"), _("Status"), _("People I bring")]
    rows = (
        [
            row.display_name,
            row.person.email if row.person else row.email,
            (row.person.phone if row.person else row.phone) or "",
            row.workshop.title if row.workshop else "",
            row.get_status_display(),
            row.companions,
        ]
        for row in _rows(event)
    )
    return csv_response(f"{slug(event.title)}.csv", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The printable list with a box per person; ticked and saved, it says who came."""
    event = access.get_event_for_coordinator(request.user, pk)
    confirmed = [row for row in _rows(event) if row.status == R.CONFIRMED]
    rows = [row for row in confirmed if row.workshop_id is None]
    workshops: dict = {}
    for row in confirmed:
        if row.workshop_id is not None:
            workshops.setdefault(row.workshop, []).append(row)
    if request.method == "POST":
        services.mark_attendance(
            event, _ticked(request, "came"), at_workshops=_ticked(request, "came_workshop")
        )
        messages.success(request, _("Saved."))
        return redirect("events:attendance", event.pk)
    return render(
        request,
        "events/attendance.html",
        {"event": event, "rows": rows, "workshops": list(workshops.items())},
    )


def _ticked(request: AuthenticatedHttpRequest, name: str) -> set[int]:
    return {int(value) for value in request.POST.getlist(name) if value.isdigit()}


@login_required
@require_http_methods(["GET", "POST"])
def message(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_coordinator(request.user, pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        count = services.message_registered(event, **form.cleaned_data)
        messages.success(request, _("Sent to %(count)s people.") % {"count": count})
        return redirect("events:manage", event.pk)
    return render(request, "events/message.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def cancel_event(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_coordinator(request.user, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with shown_as_message(request) as attempt:
            count = services.cancel_event(event, message=form.cleaned_data["message"])
        if attempt.ok:
            messages.success(
                request, _("The event is cancelled. %(count)s people are told.") % {"count": count}
            )
        return redirect(event)
    return render(request, "events/cancel.html", {"event": event, "form": form})


# Writing and changing an event -------------------------------------------------------------


def _add_line(data):
    """The posted form with one more empty workshop line: "Add a workshop" works without
    JavaScript, and with htmx it only saves a page load."""
    data = data.copy()
    try:
        lines = int(data.get("workshops-TOTAL_FORMS") or 0)
    except ValueError:
        lines = 0
    data["workshops-TOTAL_FORMS"] = str(max(lines, 0) + 1)
    return data


def _lines(workshops) -> list[tuple]:
    """The workshop lines to save with their forms, in order: empty new lines are left out."""
    lines = []
    for form in workshops.forms:
        existing = form.instance if form.instance.pk else None
        if existing is None and not form.has_changed():
            continue
        data = form.cleaned_data
        line = services.WorkshopLine(
            workshop=existing,
            slot=data.get("slot", ""),
            title=data.get("title", ""),
            host=data.get("host", ""),
            places=data.get("places"),
            remove=bool(data.get("DELETE")),
        )
        lines.append((form, line))
    return lines


def _when_and_where(event: Event) -> tuple:
    """What people registered must hear about when it changes (to the minute)."""
    minutes = [
        moment.replace(second=0, microsecond=0) if moment else None
        for moment in (event.starts_at, event.ends_at)
    ]
    return (*minutes, event.kitchen_id, event.address.strip())


def _edit(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    creating = event.pk is None
    posted = request.method == "POST"
    data = request.POST if posted else None
    adding = posted and "add" in request.POST
    if adding:
        data = _add_line(data)
    form = EventForm(
        data, request.FILES if posted else None, instance=event, kitchens=Kitchen.objects.all()
    )
    workshops = WorkshopFormSet(data, instance=event, prefix="workshops")
    when_and_where = _when_and_where(event)
    if posted and not adding:
        if form.is_valid() and workshops.is_valid():
            lines = _lines(workshops)
            try:
                moved = services.save_event(event, [line for _form, line in lines])
            except services.EventChangeError as refusal:
                for number, field, message in refusal.problems:
                    target = form if number is None else lines[number][0]
                    target.add_error(field if field in target.fields else None, message)
            except services.RegistrationError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Saved."))
                if not creating and _when_and_where(event) != when_and_where:
                    told = services.tell_of_change(event)
                    messages.info(
                        request,
                        ngettext(
                            "%(count)s person registered is told of the new day, time or place "
                            "by e-mail.",
                            "%(count)s people registered are told of the new day, time or place "
                            "by e-mail.",
                            told,
                        )
                        % {"count": told},
                    )
                if moved:
                    messages.info(
                        request,
                        ngettext(
                            "%(count)s person moved up from the waiting list; they are told by "
                            "e-mail.",
                            "%(count)s people moved up from the waiting list; they are told by "
                            "e-mail.",
                            len(moved),
                        )
                        % {"count": len(moved)},
                    )
                return redirect(event)
        messages.error(request, _("Some lines need a correction: see the red messages."))
    context = {"event": event, "form": form, "workshops": workshops, "creating": creating}
    if request.htmx and adding:
        return render(request, "events/edit.html#event-form", context)
    return render(request, "events/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.may_create_events(request.user):
        raise PermissionDenied
    return _edit(request, Event(created_by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, access.get_event_for_coordinator(request.user, pk))
