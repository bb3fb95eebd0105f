"""The session pages stay within 8 queries however many members, dishes and sessions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groups.services import add_member
from portions.models import CookingSession
from portions.services import (
    add_receipt,
    change_status,
    create_session,
    mark_paid,
    place_order,
    settle,
)
from tests.conftest import make_person
from tests.recipes.fixtures import add_lines

pytestmark = pytest.mark.django_db
S = CookingSession.Status


@pytest.fixture
def busy_group(group, referent, member, soup, kept_recipe, foods):
    """30 cooks, 12 settled sessions of 3 dishes, and an open one everybody ordered in."""
    cooks = [group.memberships.get(person=member)] + [
        add_member(group, make_person(f"cook{i}@example.org", f"Cook {i}")) for i in range(29)
    ]
    recipes = [
        soup,
        kept_recipe,
        add_lines(
            type(soup).objects.create(title="Dahl", author_group=group),
            (foods["lentils"], "1", "kg", True),
        ),
    ]
    now = timezone.now()
    for week in range(12):
        start = now - timedelta(days=7 * (week + 1))
        session = create_session(
            group,
            starts_at=start,
            deadline=start - timedelta(days=2),
            recipes=[(recipe, None) for recipe in recipes],
            by=referent,
        )
        change_status(session, S.OPEN, by=referent)
        for cook in cooks:
            place_order(
                session,
                cook,
                {dish.pk: 2 for dish in session.dishes.all()},
                by=referent,
                as_referent=True,
            )
        change_status(session, S.CLOSED, by=referent)
        change_status(session, S.COOKED, by=referent)
        add_receipt(session, payer=cooks[week % 30], amount_cents=9000 + week, by=referent)
        settle(session, by=referent)
    transfer = session.group.transfers.filter(status="proposed").first()
    mark_paid(transfer, by=transfer.debtor.person, method="cash")
    start = now + timedelta(days=5)
    open_session = create_session(
        group,
        starts_at=start,
        deadline=start - timedelta(days=2),
        recipes=[(recipe, 100) for recipe in recipes],
        by=referent,
    )
    change_status(open_session, S.OPEN, by=referent)
    for cook in cooks:
        place_order(open_session, cook, {dish.pk: 1 for dish in open_session.dishes.all()}, by=None)
    return {"last": session, "open": open_session}


@pytest.mark.parametrize("persona", ["member", "referent"])
def test_session_pages_stay_within_the_budget_for_a_busy_group(
    client_as, max_queries, busy_group, persona
):
    client = client_as(persona)
    last, open_session = busy_group["last"], busy_group["open"]
    paths = [
        "/",
        "/cooking/",
        open_session.get_absolute_url(),
        last.get_absolute_url(),
        "/cooking/ca-chauffe/accounts/",
        "/groups/ca-chauffe/",
        f"{open_session.get_absolute_url()}shopping/",
    ]
    if persona == "referent":
        paths += [
            f"{open_session.get_absolute_url()}orders/?member={open_session.dishes.first().orders.first().membership_id}",
            f"{last.get_absolute_url()}receipts/",
            f"{last.get_absolute_url()}taken/",
            f"{last.get_absolute_url()}settle/",
            f"{last.get_absolute_url()}accounts.csv",
            "/cooking/ca-chauffe/ledger.csv",
        ]
    for path in paths:
        with max_queries():
            response = client.get(path)
        assert response.status_code == 200, path


def test_the_member_home_shows_the_open_session_with_her_order(client_as, busy_group):
    html = client_as("member").get("/").content.decode()

    assert f'action="{busy_group["open"].get_absolute_url()}order/"' in html
    assert 'value="1"' in html  # her order, ready to change
