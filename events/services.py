"""Registering for events: the only way a Registration is made or changed.

Everyone registering for the same event at the same moment queues on the event's row
(cdq/locks.py): places are counted again under the lock, so capacity is never exceeded.
When someone cancels, the first people on the waiting list move up by themselves and are
told by e-mail once the change is saved.
"""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cdq.locks import lock_row, locked
from events.models import Event, Registration, Workshop

R = Registration.Status


class RegistrationError(Exception):
    """A registration that cannot be made; `message` is translated, ready to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _busy() -> RegistrationError:
    return RegistrationError(_("Many people are registering right now. Please try again."))


_locked = locked(_busy)


def places_taken(event: Event, workshop: Workshop | None = None) -> int:
    """Places taken by confirmed registrations: one per person, one per companion."""
    rows = Registration.objects.filter(event=event, workshop=workshop, status=R.CONFIRMED)
    total = rows.aggregate(companions=Sum("companions"), people=Count("pk"))
    return (total["companions"] or 0) + total["people"]


def places_left(event: Event, workshop: Workshop | None = None) -> int | None:
    limit = workshop.places if workshop else event.capacity
    if limit is None:
        return None
    return max(limit - places_taken(event, workshop), 0)


@_locked
def register(
    event: Event,
    *,
    person=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    companions: int = 0,
    workshop: Workshop | None = None,
) -> Registration:
    """A place for `person` (or a guest by name), or a place on the waiting list when it
    is full. Registering for a workshop registers for its event too."""
    lock_row(event)
    event.refresh_from_db()
    if event.is_cancelled:
        raise RegistrationError(_("This event is cancelled."))
    if not event.registration_open():
        raise RegistrationError(_("Registration is closed for this event."))
    if workshop is not None and workshop.event_id != event.pk:
        raise RegistrationError(_("This workshop is not part of this event."))
    if not 0 <= companions <= event.most_companions:
        raise RegistrationError(
            _("You may bring %(most)s people at most.") % {"most": event.most_companions}
        )
    if person is None and not name.strip():
        raise RegistrationError(_("Give your name."))
    if person is None and not (email.strip() or phone.strip()):
        raise RegistrationError(_("Give an e-mail or a phone number, to reach you."))
    live = Registration.objects.filter(event=event, person=person).exclude(status=R.CANCELLED)
    if person is not None:
        if live.filter(workshop=workshop).exists():
            raise RegistrationError(_("You are already registered."))
        if workshop is not None:
            same_slot = live.filter(workshop__slot=workshop.slot, workshop__isnull=False)
            if same_slot.exists():
                raise RegistrationError(
                    _("You already chose a workshop at this time. Cancel it first.")
                )
            at_event = live.filter(workshop=None).first()
            if at_event is None:
                at_event = _create(event, None, person, name, email, phone, companions)
            # Nobody holds a workshop place while still waiting to come at all.
            waiting = at_event.status == R.WAITING
            return _create(
                event, workshop, person, name, email, phone, companions, must_wait=waiting
            )
    return _create(event, workshop, person, name, email, phone, companions)


def _create(
    event, workshop, person, name, email, phone, companions, *, must_wait=False
) -> Registration:
    """A place if one is free and nobody is waiting for it already (first come, first
    served), else a place on the waiting list."""
    limit = workshop.places if workshop else event.capacity
    seats = 1 + companions
    queue = Registration.objects.filter(event=event, workshop=workshop, status=R.WAITING)
    full = limit is not None and (queue.exists() or places_taken(event, workshop) + seats > limit)
    full = full or must_wait
    return Registration.objects.create(
        event=event,
        workshop=workshop,
        person=person,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        companions=companions,
        status=R.WAITING if full else R.CONFIRMED,
    )


@_locked
def cancel(registration: Registration) -> list[Registration]:
    """Free the place; the first people waiting move up. Cancelling one's place at the
    event cancels one's workshops too. Returns the registrations that moved up."""
    event = registration.event
    lock_row(event)
    registration.refresh_from_db()
    if registration.status == R.CANCELLED:
        return []
    freed = [registration]
    if registration.workshop_id is None and registration.person_id is not None:
        freed += list(
            Registration.objects.filter(
                event=event, person_id=registration.person_id, workshop__isnull=False
            ).exclude(status=R.CANCELLED)
        )
    now = timezone.now()
    for row in freed:
        row.status, row.cancelled_at = R.CANCELLED, now
        row.save(update_fields=["status", "cancelled_at"])
    moved = []
    for workshop in {row.workshop for row in freed}:
        moved += _promote(event, workshop)
    return moved


def _promote(event: Event, workshop: Workshop | None) -> list[Registration]:
    """Move up the waiting list in order, while the first one waiting fits."""
    limit = workshop.places if workshop else event.capacity
    taken = places_taken(event, workshop)
    moved = []
    waiting = Registration.objects.filter(event=event, workshop=workshop, status=R.WAITING)
    still_waiting_to_come = set()
    if workshop is not None:
        still_waiting_to_come = set(
            Registration.objects.filter(
                event=event, workshop=None, status=R.WAITING, person__isnull=False
            ).values_list("person_id", flat=True)
        )
    for row in waiting.select_related("person", "workshop"):
        if row.person_id in still_waiting_to_come:
            continue  # their workshop place waits for their place at the event
        if limit is not None and taken + row.seats > limit:
            break  # first come, first served: nobody jumps the queue
        row.status = R.CONFIRMED
        row.save(update_fields=["status"])
        taken += row.seats
        moved.append(row)
        transaction.on_commit(partial(_tell_moved_up, row))
    if workshop is None and moved:
        # People who came in may now take the workshop places they were waiting for.
        people = [row.person_id for row in moved if row.person_id]
        workshops = Workshop.objects.filter(
            registrations__person_id__in=people, registrations__status=R.WAITING, event=event
        ).distinct()
        for waiting_workshop in workshops:
            moved += _promote(event, waiting_workshop)
    return moved


@_locked
def move_up(registration: Registration) -> Registration:
    """A coordinator gives a waiting person a place that is free (never beyond the places)."""
    event = registration.event
    lock_row(event)
    registration.refresh_from_db()
    if registration.status != R.WAITING:
        raise RegistrationError(_("This person is not on the waiting list."))
    left = places_left(event, registration.workshop)
    if left is not None and left < registration.seats:
        raise RegistrationError(_("No place is free. Add places first."))
    registration.status = R.CONFIRMED
    registration.save(update_fields=["status"])
    transaction.on_commit(partial(_tell_moved_up, registration))
    return registration


def _tell_moved_up(registration: Registration) -> None:
    email, language = registration.recipient()
    if not email:
        return  # the referent or coordinator calls those without e-mail
    with translation.override(language):
        what = registration.workshop.title if registration.workshop else registration.event.title
        send_mail(
            _("A place for you: %(what)s") % {"what": what},
            _(
                "Good news! A place is free and it is yours: %(what)s, %(day)s.\n\n"
                "If you cannot come, please cancel, so someone else can."
            )
            % {
                "what": what,
                "day": date_format(timezone.localtime(registration.event.starts_at), "l j F, H:i"),
            },
            None,
            [email],
        )


def _send_to(registrations, subject: str, body: str) -> int:
    """One e-mail per registered person who has an address (in their language for the
    fixed words; the coordinator's own text as written)."""
    sent = 0
    for registration in registrations:
        email, _language = registration.recipient()
        if email:
            send_mail(subject, body, None, [email])
            sent += 1
    return sent


@_locked
def cancel_event(event: Event, *, message: str) -> int:
    """Cancel an event and tell everyone registered or waiting, once it is saved."""
    lock_row(event)
    event.refresh_from_db()
    if event.is_cancelled:
        raise RegistrationError(_("This event is cancelled."))
    event.cancelled_at = timezone.now()
    event.cancel_message = message
    event.save(update_fields=["cancelled_at", "cancel_message"])
    people = list(
        event.registrations.filter(workshop=None)
        .exclude(status=R.CANCELLED)
        .select_related("person")
    )
    subject = _("Cancelled: %(title)s") % {"title": event.title}
    transaction.on_commit(partial(_send_to, people, subject, message))
    return len(people)


def message_registered(event: Event, *, subject: str, body: str, waiting_too: bool) -> int:
    """A coordinator writes to the people coming (and, if asked, those waiting)."""
    statuses = [R.CONFIRMED, R.WAITING] if waiting_too else [R.CONFIRMED]
    people = event.registrations.filter(workshop=None, status__in=statuses).select_related("person")
    return _send_to(people, subject, body)


@transaction.atomic
def mark_attendance(event: Event, came: set[int]) -> None:
    """Who came, from the printed list: ticked came, unticked did not."""
    confirmed = event.registrations.filter(workshop=None, status=R.CONFIRMED)
    confirmed.filter(pk__in=came).update(came=True)
    confirmed.exclude(pk__in=came).update(came=False)
