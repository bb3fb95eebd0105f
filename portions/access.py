"""Who may see and run a cooking session and its money.

A session, its pre-orders and its accounts are for the group's people (404 for anyone
else); a draft is for those who manage the group; running it is for them too (403 for a
plain member)."""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404

from accounts.http import AnyUser
from accounts.models import User
from groups.access import get_group_for_referent, may_manage, may_read, my_membership
from groups.models import Group, Membership
from portions.models import CookingSession, Transfer


def get_session_for_member(user: AnyUser, slug: str, pk: int) -> CookingSession:
    """The session, with `session.group` (from get_group_for_member) and `membership`: the
    person's current membership of the group, or None (facilitator, coordinator)."""
    sessions = CookingSession.objects.filter(group__slug=slug, pk=pk).select_related(
        "group", "kitchen"
    )
    if user.is_authenticated:
        mine = Membership.objects.current().filter(group=OuterRef("group"), person=user)
        sessions = sessions.annotate(
            my_role=Subquery(mine.values("role")[:1]),
            my_membership_id=Subquery(mine.values("pk")[:1]),
        )
    session = sessions.first()  # the session and its group in one query
    if session is None:
        raise Http404
    group = session.group
    group.my_role = getattr(session, "my_role", None)
    group.my_membership_id = getattr(session, "my_membership_id", None)
    if not may_read(user, group, group.my_role):
        raise Http404
    group.can_manage = may_manage(user, group, group.my_role)
    if session.is_draft and not may_see_drafts(user, group):
        raise Http404
    session.membership = my_membership(user, group) if user.is_authenticated else None
    return session


def get_session_for_referent(user: AnyUser, slug: str, pk: int) -> CookingSession:
    session = get_session_for_member(user, slug, pk)
    if not session.group.can_manage:
        raise PermissionDenied
    return session


def get_transfer_for_party(user: User, pk: int) -> Transfer:
    """A transfer, for its two people and whoever manages the group; 404 for others."""
    transfer = (
        Transfer.objects.select_related("debtor__person", "creditor__person", "group")
        .filter(pk=pk)
        .first()
    )
    if transfer is None:
        raise Http404
    party = user.pk in (transfer.debtor.person_id, transfer.creditor.person_id)
    if not party:
        get_group_for_referent(user, transfer.group.slug)  # 404, or 403 for a plain member
    return transfer


def may_see_drafts(user: AnyUser, group: Group) -> bool:
    """Sessions being prepared are for those who manage the group (referents, its
    facilitator, coordinators), on every page; `group` comes from a get_group_for_*."""
    return may_manage(user, group, group.my_role)
