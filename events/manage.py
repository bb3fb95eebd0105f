"""The coordinators' pages for an event: who is coming, the waiting list, the printed
attendance list, a message to everyone, cancelling."""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cdq.forms import PlainForm
from cdq.http import AuthenticatedHttpRequest
from events import services
from events.models import Registration
from groups import access
from recipes.pdf import slug

R = Registration.Status


class MessageForm(PlainForm):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=120)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 6}))
    waiting_too = forms.BooleanField(
        label=gettext_lazy("Also to the people on the waiting list"), required=False
    )


class CancelForm(PlainForm):
    message = forms.CharField(
        label=gettext_lazy("Message to the people registered"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(label=gettext_lazy("Yes, cancel this event"))


def _rows(event):
    return list(
        event.registrations.select_related("person", "workshop").order_by(
            "workshop__slot", "workshop_id", "created_at", "pk"
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
    try:
        services.move_up(registration)
    except services.RegistrationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("%(name)s has a place now.") % {"name": registration.display_name}
        )
    return redirect("events:manage", registration.event_id)


@login_required
@require_GET
def registrations_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """For a spreadsheet: `;` and a BOM, as Excel in Belgium expects."""
    event = access.get_event_for_coordinator(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug(event.title)}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Name"), _("E-mail"), _("Phone"), _("Workshop"), _("Status"), _("People I bring")]
    )
    for row in _rows(event):
        person = row.person
        name = row.display_name
        if name[:1] in "=+-@":
            name = "'" + name  # never a formula in a spreadsheet
        writer.writerow(
            [
                name,
                person.email if person else row.email,
                (person.phone if person else row.phone) or "",
                row.workshop.title if row.workshop else "",
                row.get_status_display(),
                row.companions,
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The printable list with a box per person; ticked and saved, it says who came."""
    event = access.get_event_for_coordinator(request.user, pk)
    rows = [row for row in _rows(event) if row.workshop_id is None and row.status == R.CONFIRMED]
    if request.method == "POST":
        came = {int(value) for value in request.POST.getlist("came") if value.isdigit()}
        services.mark_attendance(event, came)
        messages.success(request, _("Saved."))
        return redirect("events:attendance", event.pk)
    return render(request, "events/attendance.html", {"event": event, "rows": rows})


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
        try:
            count = services.cancel_event(event, message=form.cleaned_data["message"])
        except services.RegistrationError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("The event is cancelled. %(count)s people are told.") % {"count": count}
            )
        return redirect(event)
    return render(request, "events/cancel.html", {"event": event, "form": form})
