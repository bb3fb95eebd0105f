"""The group's ledger: the one module that writes `LedgerEntry` rows, and reads balances.

Rows are only ever added: settling a session writes what each member paid (positive)
and what their portions cost (negative); reopening it writes the opposite of each of
those rows; a payment between two members, once the receiver confirms it, writes one row
for each. A balance is the sum of a membership's rows: positive, the group owes them.
The ledger's queryset refuses `update()` and `delete()`, and a row refuses `save()` twice.
"""

from datetime import datetime

from django.db.models import Sum

from portions.models import CookingSession, LedgerEntry, Transfer

Kind = LedgerEntry.Kind


def write_settlement(
    session: CookingSession, *, paid: dict[int, int], charges: dict[int, int], by, at: datetime
) -> None:
    """What each membership paid for the session's shopping, and what its portions cost
    (both in cents, by membership id); nothing is written for a zero."""
    rows = [(membership, Kind.RECEIPT, cents) for membership, cents in paid.items() if cents]
    rows += [(membership, Kind.CHARGE, -cents) for membership, cents in charges.items() if cents]
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            group_id=session.group_id,
            membership_id=membership,
            session=session,
            kind=kind,
            amount_cents=cents,
            created_at=at,
            created_by=by,
        )
        for membership, kind, cents in rows
    )


def reverse_settlement(session: CookingSession, *, by, at: datetime) -> None:
    """Cancel a session's settlement by writing the opposite of each of its standing rows."""
    standing = session.entries.filter(
        kind__in=[Kind.RECEIPT, Kind.CHARGE], reversed_by__isnull=True
    )
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            group_id=entry.group_id,
            membership_id=entry.membership_id,
            session=session,
            kind=Kind.REVERSAL,
            amount_cents=-entry.amount_cents,
            reverses=entry,
            created_at=at,
            created_by=by,
        )
        for entry in standing
    )


def write_payment(transfer: Transfer, *, by, at: datetime) -> None:
    """Money given by the debtor to the creditor: the debtor owes that much less (a positive
    row), the creditor is owed that much less (a negative one)."""
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            group_id=transfer.group_id,
            membership_id=membership,
            transfer=transfer,
            kind=Kind.PAYMENT,
            amount_cents=cents,
            created_at=at,
            created_by=by,
        )
        for membership, cents in [
            (transfer.debtor_id, transfer.amount_cents),
            (transfer.creditor_id, -transfer.amount_cents),
        ]
    )


def balances(group) -> dict[int, int]:
    """Each membership's balance in the group, in cents: positive, the group owes them."""
    rows = (
        LedgerEntry.objects.filter(group=group)
        .values("membership")
        .annotate(total=Sum("amount_cents"))
        .order_by("membership")
    )
    return {row["membership"]: row["total"] for row in rows}
