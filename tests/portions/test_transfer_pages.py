"""Through the pages: settling up (the debtor says they paid, the receiver confirms), and
changing a session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portions import ledger
from portions.models import CookingSession, LedgerEntry, Transfer
from tests.factories import cook, local_moment, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def debt(group, member, referent):
    """Amina owes Rosa 7,45 €, as a proposal from the accounts."""
    members = {m.person_id: m for m in group.memberships.all()}
    LedgerEntry.objects.create(
        group=group, membership=members[member.pk], kind=LedgerEntry.Kind.CHARGE, amount_cents=-745
    )
    LedgerEntry.objects.create(
        group=group,
        membership=members[referent.pk],
        kind=LedgerEntry.Kind.RECEIPT,
        amount_cents=745,
    )
    return Transfer.objects.create(
        group=group, debtor=members[member.pk], creditor=members[referent.pk], amount_cents=745
    )


def test_the_debtor_reads_what_she_owes_marks_it_paid_and_the_receiver_confirms(client_as, debt):
    amina, rosa = client_as("member"), client_as("referent")

    page = amina.get("/cooking/ca-chauffe/accounts/").content.decode()
    assert "Vous devez 7,45\u00a0€ à Rosa." in page

    amina.post(f"/cooking/transfers/{debt.pk}/paid/", {"method": "bank"})
    debt.refresh_from_db()
    assert (debt.status, debt.method) == ("paid", "bank")
    assert not LedgerEntry.objects.filter(
        kind=LedgerEntry.Kind.PAYMENT
    ).exists()  # not until confirmed

    amina.post(f"/cooking/transfers/{debt.pk}/confirm/")  # only the receiver confirms
    debt.refresh_from_db()
    assert debt.status == "paid"

    rosa.post(f"/cooking/transfers/{debt.pk}/confirm/")
    debt.refresh_from_db()
    assert debt.status == "confirmed"
    assert ledger.balances(debt.group) == {debt.debtor_id: 0, debt.creditor_id: 0}
    assert "Rien à payer" in amina.get("/").content.decode()


def test_the_bank_account_shows_only_to_the_debtor_when_the_receiver_gave_one(
    client_as, debt, referent
):
    referent.bank_account = "BE71 0961 2345 6769"
    referent.save()

    debtor_page = client_as("member").get("/cooking/ca-chauffe/accounts/")
    outsider_page = client_as("outsider").get("/cooking/ca-chauffe/accounts/")

    assert "BE71 0961 2345 6769" in debtor_page.content.decode()
    assert outsider_page.status_code == 404


def test_a_stranger_cannot_mark_someone_elses_transfer(client_as, debt, other_group):
    response = client_as("outsider").post(f"/cooking/transfers/{debt.pk}/paid/", {"method": "cash"})

    assert response.status_code == 404
    debt.refresh_from_db()
    assert debt.status == "proposed"


def soup_for_30_with_an_order(group, referent, member, soup, portions):
    """An open session in five days: the soup, 30 portions at most, the member ordered some."""
    start = local_moment(5)
    session = make_session(group, [soup], by=referent, starts_at=start, max_portions=30)
    membership = group.memberships.get(person=member)
    cook(
        session,
        {membership: [portions]},
        by=referent,
        members_order=True,
        until=CookingSession.Status.OPEN,
    )
    return session, start


def test_the_referent_changes_a_session_but_never_a_maximum_below_what_is_ordered(
    client_as, group, referent, member, soup
):
    session, start = soup_for_30_with_an_order(group, referent, member, soup, 6)
    dish = session.dishes.get()
    new_day = timezone.localtime(start + timedelta(days=7))
    data = {
        "day": new_day.date().isoformat(),
        "start": "10:00",
        "deadline_day": (new_day - timedelta(days=2)).date().isoformat(),
        "deadline_time": "20:00",
        "note": "Apportez vos boîtes.",
        f"max-{dish.pk}": "5",
    }
    client = client_as("referent")

    refused = client.post(f"/cooking/ca-chauffe/{session.pk}/edit/", data)
    assert "6 portions de Soupe de carottes sont déjà commandées." in refused.content.decode()
    session.refresh_from_db()
    assert session.note == ""  # nothing half-saved

    client.post(f"/cooking/ca-chauffe/{session.pk}/edit/", {**data, f"max-{dish.pk}": "12"})
    session.refresh_from_db()
    dish.refresh_from_db()
    assert (session.note, dish.max_portions) == ("Apportez vos boîtes.", 12)
    assert timezone.localtime(session.starts_at).date() == new_day.date()


def test_the_referent_adds_a_dish_and_takes_off_one_nobody_ordered(
    client_as, group, referent, member, soup, kept_recipe
):
    session, start = soup_for_30_with_an_order(group, referent, member, soup, 2)
    soup_dish = session.dishes.get()
    local = timezone.localtime(start)
    data = {
        "day": local.date().isoformat(),
        "start": local.strftime("%H:%M"),
        "deadline_day": (local - timedelta(days=1)).date().isoformat(),
        "deadline_time": local.strftime("%H:%M"),
        f"max-{soup_dish.pk}": "30",
    }
    client = client_as("referent")
    page = client.get(f"/cooking/ca-chauffe/{session.pk}/edit/").content.decode()
    assert "Ajouter un plat" in page and kept_recipe.title in page

    client.post(
        f"/cooking/ca-chauffe/{session.pk}/edit/",
        {**data, "add_recipe": kept_recipe.pk, "add_max": "16"},
    )
    added = session.dishes.get(recipe=kept_recipe)
    assert (added.max_portions, added.batch_portions) == (16, kept_recipe.portions)
    assert list(session.dishes.values_list("recipe", flat=True)) == [soup.pk, kept_recipe.pk]

    refused = client.post(
        f"/cooking/ca-chauffe/{session.pk}/edit/", {**data, f"remove-{soup_dish.pk}": "on"}
    )
    assert "2 portions de Soupe de carottes sont commandées" in refused.content.decode()
    assert session.dishes.filter(pk=soup_dish.pk).exists()

    client.post(
        f"/cooking/ca-chauffe/{session.pk}/edit/",
        {**data, f"max-{added.pk}": "16", f"remove-{added.pk}": "on"},
    )
    assert list(session.dishes.values_list("recipe", flat=True)) == [soup.pk]


def test_the_last_dish_cannot_leave_the_menu(client_as, group, referent, soup):
    start = local_moment(5)
    session = make_session(group, [soup], by=referent, starts_at=start, max_portions=30)
    dish = session.dishes.get()
    local = timezone.localtime(start)

    response = client_as("referent").post(
        f"/cooking/ca-chauffe/{session.pk}/edit/",
        {
            "day": local.date().isoformat(),
            "start": local.strftime("%H:%M"),
            "deadline_day": (local - timedelta(days=1)).date().isoformat(),
            "deadline_time": local.strftime("%H:%M"),
            f"remove-{dish.pk}": "on",
        },
    )

    assert "Choisissez au moins un plat" in response.content.decode()
    assert session.dishes.filter(pk=dish.pk).exists()
