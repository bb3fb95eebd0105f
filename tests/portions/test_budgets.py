"""The session pages stay within 8 queries however many members, dishes and sessions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groups.services import add_member
from portions.models import CookingSession
from portions.services import (
    mark_paid,
    settle,
)
from tests.factories import add_lines, cook, make_person, make_session

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
        session = make_session(
            group, recipes, by=referent, starts_at=start, deadline=start - timedelta(days=2)
        )
        cook(
            session,
            {membership: [2, 2, 2] for membership in cooks},
            by=referent,
            as_referent=True,
            receipts={cooks[week % 30]: 9000 + week},
        )
        settle(session, by=referent)
    transfer = session.group.transfers.filter(status="proposed").first()
    mark_paid(transfer, by=transfer.debtor.person, method="cash")
    start = now + timedelta(days=5)
    open_session = make_session(
        group,
        recipes,
        by=referent,
        starts_at=start,
        deadline=start - timedelta(days=2),
        max_portions=100,
    )
    cook(open_session, {membership: [1, 1, 1] for membership in cooks}, until=S.OPEN)
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
