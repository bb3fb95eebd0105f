"""A payment between two members is confirmed by the one who receives it, whoever asks
the service: the rule is in portions/services.py, not only on the page."""

import pytest

from groups.models import Membership
from portions import ledger, services
from portions.models import LedgerEntry, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(group, member, referent):
    """Amina says she paid Rosa 7,45 €; Rosa has not confirmed yet."""
    amina = Membership.objects.get(group=group, person=member)
    rosa = Membership.objects.get(group=group, person=referent)
    transfer = Transfer.objects.create(
        group=group, debtor=amina, creditor=rosa, amount_cents=745, status=Transfer.Status.PAID
    )
    return transfer


@pytest.mark.parametrize("who", ["member", "coordinator", "facilitator"])
def test_nobody_but_the_receiver_confirms_a_payment(paid, who, request):
    someone = request.getfixturevalue(who)

    with pytest.raises(services.SessionError) as refused:
        services.confirm(paid, by=someone)

    assert "reçoit" in refused.value.message or "receives" in refused.value.message
    paid.refresh_from_db()
    assert paid.status == Transfer.Status.PAID
    assert not LedgerEntry.objects.exists()


def test_the_receiver_confirms_and_the_ledger_writes_both_sides(paid, referent):
    services.confirm(paid, by=referent)

    paid.refresh_from_db()
    assert paid.status == Transfer.Status.CONFIRMED
    assert ledger.balances(paid.group) == {paid.debtor_id: 745, paid.creditor_id: -745}
