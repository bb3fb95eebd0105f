"""Registering for events: the only way a Registration is made or changed.

Everyone registering for the same event at the same moment queues on the event's row
(cdq/locks.py): places are counted again under the lock, so capacity is never exceeded.
When someone cancels, the first people on the waiting list move up by themselves and are
told by e-mail once the change is saved.
"""

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.locks import lock_row, locked
from core.mail import send_templated
from core.refusals import Refusal
from events.calendar import location
from events.models import Event, Registration, Workshop, free_places

R = Registration.Status


class RegistrationError(Refusal):
    """A registration that cannot be made; `message` is translated, ready to show."""


_locked = locked(gettext_lazy("Many people are registering right now. Please try again."))


def places_taken(event: Event, workshop: Workshop | None = None) -> int:
    """Places taken by confirmed registrations: one per person, one per companion."""
    rows = Registration.objects.filter(event=event, workshop=workshop, status=R.CONFIRMED)
    total = rows.aggregate(companions=Sum("companions"), people=Count("pk"))
    return (total["companions"] or 0) + total["people"]


def places_left(event: Event, workshop: Workshop | None = None) -> int | None:
    limit = workshop.places if workshop else event.capacity
    return None if limit is None else free_places(limit, places_taken(event, workshop))


def guest_workshops(registration: Registration):
    """A guest's workshop registrations: those hanging on their place at the event."""
    return Registration.objects.filter(event_place=registration)


def _owner(row: Registration) -> tuple:
    """Whose registration it is: a member's, or the guest's behind one place at the event."""
    if row.person_id:
        return ("person", row.person_id)
    return ("guest", row.event_place_id or row.pk)


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
    guest: Registration | None = None,
    language: str = "",
) -> Registration:
    """A place for `person` (or a guest by name), or a place on the waiting list when it
    is full. Registering for a workshop registers for its event too; a guest who already
    has a place at the event (`guest`, from their private link) adds a workshop to it.
    A guest's `language` is the page's: their e-mails are written in it."""
    lock_row(event)
    event.refresh_from_db()
    if event.is_cancelled:
        raise RegistrationError(_("This event is cancelled."))
    if not event.registration_open():
        raise RegistrationError(_("Registration is closed for this event."))
    if workshop is not None:
        # Read again under the lock: its places may have changed since it was loaded.
        workshop = Workshop.objects.filter(pk=workshop.pk, event=event).first()
        if workshop is None:
            raise RegistrationError(_("This workshop is not part of this event."))
    if guest is not None:
        guest.refresh_from_db()
        if (guest.event_id, guest.person_id, guest.workshop_id) != (event.pk, None, None) or (
            guest.status == R.CANCELLED
        ):
            raise RegistrationError(_("Your registration is cancelled."))
        name, email, phone = guest.name, guest.email, guest.phone
        companions, language = guest.companions, guest.language
    if not 0 <= companions <= event.most_companions:
        raise RegistrationError(
            _("You may bring %(most)s people at most.") % {"most": event.most_companions}
        )
    if person is None and not name.strip():
        raise RegistrationError(_("Give your name."))
    if person is None and not (email.strip() or phone.strip()):
        raise RegistrationError(_("Give an e-mail or a phone number, to reach you."))
    who = dict(person=person, name=name, email=email, phone=phone, companions=companions)
    who["language"] = "" if person is not None else language
    if person is not None:
        live = Registration.objects.filter(event=event, person=person).exclude(status=R.CANCELLED)
        at_event = live.filter(workshop=None).first()
        chosen = live.filter(workshop__isnull=False)
    else:
        at_event = guest
        chosen = guest_workshops(guest) if guest else Registration.objects.none()
        chosen = chosen.exclude(status=R.CANCELLED)
    if workshop is None:
        if at_event is not None:
            raise RegistrationError(_("You are already registered."))
        return _create(event, None, **who)
    if chosen.filter(workshop=workshop).exists():
        raise RegistrationError(_("You are already registered."))
    if chosen.filter(workshop__slot=workshop.slot).exists():
        raise RegistrationError(_("You already chose a workshop at this time. Cancel it first."))
    if at_event is None:
        at_event = _create(event, None, **who)
    # A guest's workshop place hangs on their place at the event (see guest_workshops).
    event_place = None if person is not None else at_event
    # Nobody holds a workshop place while still waiting to come at all.
    return _create(
        event, workshop, **who, event_place=event_place, must_wait=at_event.status == R.WAITING
    )


def _create(
    event,
    workshop,
    *,
    person,
    name,
    email,
    phone,
    companions,
    language="",
    event_place=None,
    must_wait=False,
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
        language=language,
        event_place=event_place,
        status=R.WAITING if full else R.CONFIRMED,
    )


def _reload_locked(registration: Registration) -> None:
    """Lock the registration's event, then read the registration again, and with it its
    event and workshop: their places may have changed since the caller loaded them."""
    lock_row(Event(pk=registration.event_id))
    registration.refresh_from_db()  # also forgets the event and workshop loaded before


@_locked
def cancel(registration: Registration) -> list[Registration]:
    """Free the place; the first people waiting move up. Cancelling one's place at the
    event cancels one's workshops too. Returns the registrations that moved up."""
    _reload_locked(registration)
    event = registration.event
    if registration.status == R.CANCELLED:
        return []
    freed = [registration]
    if registration.workshop_id is None:
        if registration.person_id is not None:
            workshops = Registration.objects.filter(
                event=event, person_id=registration.person_id, workshop__isnull=False
            )
        else:
            workshops = guest_workshops(registration)
        freed += list(workshops.exclude(status=R.CANCELLED))
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
        still_waiting_to_come = {
            _owner(row)
            for row in Registration.objects.filter(
                event=event, workshop=None, status=R.WAITING
            ).only("person_id", "event_place_id")
        }
    for row in waiting.select_related("person", "workshop"):
        if _owner(row) in still_waiting_to_come:
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
        owners = {_owner(row) for row in moved}
        waiting_workshops = {
            row.workshop_id
            for row in Registration.objects.filter(
                event=event, workshop__isnull=False, status=R.WAITING
            ).only("person_id", "event_place_id", "workshop_id")
            if _owner(row) in owners
        }
        for waiting_workshop in Workshop.objects.filter(pk__in=waiting_workshops):
            moved += _promote(event, waiting_workshop)
    return moved


@_locked
def move_up(registration: Registration) -> Registration:
    """A coordinator gives a waiting person a place that is free (never beyond the places)."""
    _reload_locked(registration)
    event = registration.event
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
    what = registration.workshop.title if registration.workshop else registration.event.title
    send_templated(
        "events/email/moved_up",
        {"what": what, "starts_at": registration.event.starts_at},
        to=[email],
        language=language,
    )


def tell_of_change(event: Event) -> int:
    """The day, time or place of an event changed: everyone registered or waiting is told,
    each in their own language, once it is saved. Returns how many have an e-mail."""
    people = [
        row
        for row in event.registrations.filter(workshop=None)
        .exclude(status=R.CANCELLED)
        .select_related("person")
        if row.recipient()[0]
    ]

    def send() -> None:
        for row in people:
            email, language = row.recipient()
            send_templated(
                "events/email/changed",
                {"title": event.title, "starts_at": event.starts_at, "place": location(event)},
                to=[email],
                language=language,
            )

    transaction.on_commit(send)
    return len(people)


def _send_to(
    registrations, template_prefix: str, context: dict, *, language: str | None = None
) -> int:
    """The e-mail `template_prefix` to each registered person who has an address, in their
    language, or in `language` when given. Returns how many went."""
    sent = 0
    for registration in registrations:
        email, their_language = registration.recipient()
        if email:
            send_templated(
                template_prefix,
                context,
                to=[email],
                language=their_language if language is None else language,
            )
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
    # The fixed words ("Cancelled: …") stay in the language of the coordinator who cancels,
    # as before these e-mails were templates; without `language`, each reader's would do.
    language = translation.get_language()
    context = {"title": event.title, "message": message}
    transaction.on_commit(
        partial(_send_to, people, "events/email/cancelled", context, language=language)
    )
    return len(people)


# Creating and changing events --------------------------------------------------------------


@dataclass
class WorkshopLine:
    """One workshop line of the event form: an existing workshop (or None for a new one),
    its new values, and whether it is to be removed."""

    workshop: Workshop | None
    slot: str = ""
    title: str = ""
    host: str = ""
    places: int | None = None
    remove: bool = False


class EventChangeError(RegistrationError):
    """Changes refused because of the registrations: `problems` lists where each one goes
    on the form, as (workshop line number or None for the event, field name, message)."""

    def __init__(self, problems: list[tuple[int | None, str, str]]):
        super().__init__(" ".join(message for _line, _field, message in problems))
        self.problems = problems


def _too_few(taken: int) -> str:
    return ngettext(
        "%(taken)s place is already taken: give at least %(taken)s place.",
        "%(taken)s places are already taken: give at least %(taken)s places.",
        taken,
    ) % {"taken": taken}


def _more_places(before: int | None, after: int | None) -> bool:
    return after is None or (before is not None and after > before)


@_locked
def save_event(event: Event, workshops: list[WorkshopLine]) -> list[Registration]:
    """Save a new or changed event (its fields already set) and its workshops, all or
    nothing. Under the event's lock, so registrations cannot slip in meanwhile: places
    never go below the places taken, a workshop people registered for is not removed, and
    more places move the waiting list up (each person told by e-mail). Returns who moved
    up."""
    editing = event.pk is not None
    before: dict[int | None, int | None] = {}
    if editing:
        lock_row(event)
        stored = Event.objects.only("capacity", "cancelled_at").get(pk=event.pk)
        if stored.is_cancelled:
            raise RegistrationError(_("This event is cancelled."))
        before[None] = stored.capacity
        before.update(event.workshops.values_list("pk", "places"))
    problems = _refusals(event, workshops, existing=set(before) - {None})
    if problems:
        raise EventChangeError(problems)
    event.save()
    changed = []
    for line in workshops:
        workshop = line.workshop or Workshop(event=event)
        if line.remove:
            if workshop.pk is not None:
                workshop.delete()
            continue
        workshop.slot, workshop.title, workshop.host = line.slot, line.title, line.host
        workshop.places = line.places
        workshop.save()
        if workshop.pk in before and _more_places(before[workshop.pk], workshop.places):
            changed.append(workshop)
    moved = []
    if editing:
        if _more_places(before[None], event.capacity):
            moved += _promote(event, None)
        for workshop in changed:
            moved += _promote(event, workshop)
    return moved


def _refusals(
    event: Event, workshops: list[WorkshopLine], existing: set[int]
) -> list[tuple[int | None, str, str]]:
    """What the registrations forbid: fewer places than taken, removing a workshop people
    registered for or reported on. Counted in two queries, under the lock. `existing`: the
    event's workshops now (another coordinator may have removed one of the form's lines)."""
    if event.pk is None:
        return []
    taken: dict[int | None, int] = {}
    live: dict[int | None, int] = {}
    history: set[int | None] = set()
    rows = event.registrations.values_list("workshop_id", "status", "companions")
    for workshop_id, status, companions in rows:
        history.add(workshop_id)
        if status == R.CONFIRMED:
            taken[workshop_id] = taken.get(workshop_id, 0) + 1 + companions
        if status != R.CANCELLED:
            live[workshop_id] = live.get(workshop_id, 0) + 1
    reported = set(
        event.reports.filter(workshop__isnull=False).values_list("workshop_id", flat=True)
    )
    problems = []
    if event.capacity is not None and event.capacity < taken.get(None, 0):
        problems.append((None, "capacity", _too_few(taken[None])))
    for number, line in enumerate(workshops):
        pk = line.workshop.pk if line.workshop else None
        if pk is None:
            continue
        if pk not in existing:
            if not line.remove:
                problems.append((number, None, _("Someone has just removed this workshop.")))
            continue
        if line.remove and live.get(pk):
            problems.append(
                (
                    number,
                    "DELETE",
                    ngettext(
                        "%(count)s person is registered for this workshop: it cannot be "
                        "removed. Write to them first, or keep it.",
                        "%(count)s people are registered for this workshop: it cannot be "
                        "removed. Write to them first, or keep it.",
                        live[pk],
                    )
                    % {"count": live[pk]},
                )
            )
        elif line.remove and pk in reported:
            problems.append(
                (number, "DELETE", _("This workshop has a report: it cannot be removed."))
            )
        elif line.remove and pk in history:
            problems.append(
                (number, "DELETE", _("People cancelled their place here: it cannot be removed."))
            )
        elif not line.remove and line.places is not None and line.places < taken.get(pk, 0):
            problems.append((number, "places", _too_few(taken[pk])))
    return problems


def message_registered(event: Event, *, subject: str, body: str, waiting_too: bool) -> int:
    """A coordinator writes to the people coming (and, if asked, those waiting), their words
    as they wrote them."""
    statuses = [R.CONFIRMED, R.WAITING] if waiting_too else [R.CONFIRMED]
    people = event.registrations.filter(workshop=None, status__in=statuses).select_related("person")
    return _send_to(people, "events/email/message", {"subject": subject, "body": body})


@transaction.atomic
def mark_attendance(event: Event, came: set[int], at_workshops: set[int] = frozenset()) -> None:
    """Who came, from the printed lists: ticked came, unticked did not. At a workshop,
    ticked came; unticked is "not known" (the workshop lists are often not kept), except
    for people unticked at the event itself (the year's figures count workshop
    participants from these rows)."""
    confirmed = event.registrations.filter(workshop=None, status=R.CONFIRMED)
    confirmed.filter(pk__in=came).update(came=True)
    confirmed.exclude(pk__in=came).update(came=False)
    absent = confirmed.filter(came=False)
    workshops = event.registrations.filter(workshop__isnull=False, status=R.CONFIRMED)
    workshops.update(came=None)
    workshops.filter(
        Q(person__in=absent.exclude(person=None).values("person")) | Q(event_place__in=absent)
    ).update(came=False)
    workshops.filter(pk__in=at_workshops).update(came=True)  # seen there: they came
