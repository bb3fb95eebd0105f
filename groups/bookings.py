"""Booking a kitchen: the only way a KitchenBooking is made, so two never overlap.

Two people may press "Book" for the same kitchen at the same moment. Each booking locks
its kitchen, then checks for an overlap and saves while it holds the lock, so the second
one waits, then sees the first one's booking and is refused.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.locks import is_lock_timeout, lock_row
from core.refusals import Busy, Refusal
from groups.models import Group, Kitchen, KitchenBooking

LONGEST_BOOKING = timedelta(hours=24)
# A booking made on the spot may start a few minutes ago.
GRACE = timedelta(minutes=15)
# How long a booker waits for others booking the same kitchen before giving up.
LOCK_TIMEOUT = timedelta(seconds=10)
NOTE_MAX_LENGTH = KitchenBooking._meta.get_field("note").max_length


class BookingError(Refusal):
    """A booking that cannot be made; `message` is translated, ready to show."""


class BookingConflict(BookingError):
    """The kitchen is already booked then: `conflicting` is the booking in the way."""

    def __init__(self, conflicting: KitchenBooking):
        self.conflicting = conflicting
        super().__init__(
            _("This kitchen is already booked at that time, by %(group)s.")
            % {"group": conflicting.group.name}
        )


class KitchenBusy(Busy):
    """Others kept the kitchen locked for longer than LOCK_TIMEOUT: try again later."""

    def __init__(self):
        super().__init__(_("Many people are booking right now. Please try again."))


def lock_kitchen(kitchen: Kitchen) -> None:
    """Hold `kitchen` until the current transaction ends: whoever else books it waits
    (at most LOCK_TIMEOUT on PostgreSQL). See cdq/locks.py."""
    lock_row(kitchen, timeout=LOCK_TIMEOUT)


def book_kitchen(
    *,
    kitchen: Kitchen,
    group: Group,
    starts_at,
    ends_at,
    booked_by: User | None,
    note: str = "",
) -> KitchenBooking:
    """Book `kitchen` for `group` from `starts_at` to `ends_at` (aware datetimes).

    Raises ValidationError for a slot that makes no sense (ends before it starts, too
    long, past, note too long), BookingConflict if it overlaps another booking of the
    kitchen, KitchenBusy if others held the kitchen too long. A slot that starts when
    another ends does not overlap it.
    """
    _check_slot(starts_at, ends_at)
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(_("The note is too long."), code="note_too_long")
    try:
        with transaction.atomic():
            lock_kitchen(kitchen)
            # Checked only now, under the lock: a check made before it could be outrun.
            conflicting = (
                KitchenBooking.objects.overlapping(kitchen, starts_at, ends_at)
                .select_related("group")
                .first()
            )
            if conflicting is not None:
                raise BookingConflict(conflicting)
            return KitchenBooking.objects.create(
                kitchen=kitchen,
                group=group,
                starts_at=starts_at,
                ends_at=ends_at,
                booked_by=booked_by,
                note=note,
            )
    except OperationalError as error:
        if is_lock_timeout(error):
            raise KitchenBusy() from error
        raise


@transaction.atomic
def cancel_booking(booking: KitchenBooking, *, by: User | None) -> None:
    """Free the slot. Bookings carry no money: the row goes. Locked first, as a session
    taking it locks it (free_booking): a session planned meanwhile is let go of it."""
    if _lock_if_there(booking):
        KitchenBooking.objects.filter(pk=booking.pk).delete()


def free_booking(booking: KitchenBooking) -> KitchenBooking | None:
    """`booking`, locked until the caller's transaction ends, if it still exists and no
    session uses it yet; else None (cancelled or taken a moment ago)."""
    if not _lock_if_there(booking):
        return None
    return KitchenBooking.objects.filter(pk=booking.pk, session__isnull=True).first()


def _lock_if_there(booking: KitchenBooking) -> bool:
    try:
        lock_row(booking)
    except KitchenBooking.DoesNotExist:
        return False  # cancelled a moment ago
    return True


def _check_slot(starts_at, ends_at) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        # A caller's mistake, not the cook's: the times come from timezone.make_aware().
        raise ValueError("Booking times must be aware datetimes.")
    if ends_at <= starts_at:
        raise ValidationError(_("The end must come after the start."), code="ends_before")
    if ends_at - starts_at > LONGEST_BOOKING:
        raise ValidationError(_("A booking lasts one day at most."), code="too_long")
    if starts_at < timezone.now() - GRACE:
        raise ValidationError(_("This time is already past."), code="past")
