"""Booking a kitchen: the only way a KitchenBooking is made, so two never overlap."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from groups.models import Group, Kitchen, KitchenBooking

LONGEST_BOOKING = timedelta(hours=24)
# A booking made on the spot may start a few minutes ago.
GRACE = timedelta(minutes=15)


class BookingConflict(Exception):
    """The kitchen is already booked then; `message` is ready to show."""

    def __init__(self, conflicting: KitchenBooking):
        self.conflicting = conflicting
        self.message = _("This kitchen is already booked at that time, by %(group)s.") % {
            "group": conflicting.group.name
        }
        super().__init__(self.message)


def _check_slot(starts_at, ends_at) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("Booking times must be aware datetimes.")
    if ends_at <= starts_at:
        raise ValidationError(_("The end must come after the start."), code="ends_before")
    if ends_at - starts_at > LONGEST_BOOKING:
        raise ValidationError(_("A booking lasts one day at most."), code="too_long")
    if starts_at < timezone.now() - GRACE:
        raise ValidationError(_("This time is already past."), code="past")


def book_kitchen(
    *,
    kitchen: Kitchen,
    group: Group,
    starts_at,
    ends_at,
    booked_by: User | None,
    note: str = "",
) -> KitchenBooking:
    """Book `kitchen` for `group`, or raise BookingConflict if the slot overlaps another.

    The kitchen row is locked for the check and the insert: on PostgreSQL,
    `select_for_update` makes concurrent bookers of one kitchen wait for each other; on
    SQLite, the IMMEDIATE transactions do. So the check cannot be outrun.
    """
    _check_slot(starts_at, ends_at)
    with transaction.atomic():
        Kitchen.objects.select_for_update().only("pk").get(pk=kitchen.pk)
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


def cancel_booking(booking: KitchenBooking, *, by: User | None) -> None:
    """Free the slot. Bookings carry no money: the row goes."""
    booking.delete()
