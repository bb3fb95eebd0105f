"""Who may do what to a group or a kitchen, and the rules every app's `access.py` builds
on (may read a group, may manage it, a person's role and membership).

- coordinators: everything;
- facilitators: everything about the groups they follow, the public card of the others;
- referents: manage their group; members: read their group;
- everyone else: public cards only.

Views and templates never test roles themselves: they call an app's `get_<thing>_for_<who>()`,
which returns the object or raises Http404 (another group's things do not exist for an
outsider) or PermissionDenied (a member asking for a referent's page), or its
`may_<do>()`, which answers True or False. Anything not allowed there is refused.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from accounts.http import AnyUser
from accounts.models import User
from groups.models import Group, Kitchen, Membership


def _with_role(queryset: QuerySet[Group], user: User) -> QuerySet[Group]:
    mine = Membership.objects.current().filter(group=OuterRef("pk"), person=user)
    # my_role and my_membership_id are declared on Group (not fields, which Django would
    # refuse to annotate over); django-stubs cannot tell them apart.
    return queryset.annotate(  # type: ignore[no-redef]
        my_role=Subquery(mine.values("role")[:1]),
        my_membership_id=Subquery(mine.values("pk")[:1]),
    )


def may_read(user: AnyUser, group: Group, role: str | None) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_coordinator or group.facilitator_id == user.pk or role is not None


def may_manage(user: AnyUser, group: Group, role: str | None) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_coordinator or group.facilitator_id == user.pk or role == Membership.Role.REFERENT
    )


def _get_group(user: AnyUser, slug: str) -> Group:
    queryset: QuerySet[Group] = Group.objects.select_related("partner", "food_hub", "facilitator")
    if user.is_authenticated:
        queryset = _with_role(queryset, user)
    try:
        group = queryset.get(slug=slug)
    except Group.DoesNotExist:
        raise Http404 from None
    if not user.is_authenticated:
        group.my_role = group.my_membership_id = None
    return group


def may_follow(user: AnyUser, group: Group) -> bool:
    """A group's follow-up (facilitation) is for coordinators and its facilitator, while
    they are one."""
    if not user.is_authenticated:
        return False
    return user.is_coordinator or (user.is_facilitator and group.facilitator_id == user.pk)


def may_see_overview(user: AnyUser) -> bool:
    """The overview of the groups is for the movement's staff (others: 404)."""
    return user.is_authenticated and user.is_movement_staff


def get_group_for_member(user: AnyUser, slug: str) -> Group:
    """The group, for someone who may read it (its members, its facilitator, coordinators);
    404 for anyone else. `group.my_role` is the person's role, or None."""
    group = _get_group(user, slug)
    if not may_read(user, group, group.my_role):
        raise Http404
    group.can_manage = may_manage(user, group, group.my_role)
    return group


def get_group_for_referent(user: AnyUser, slug: str) -> Group:
    """The group, for someone who may manage it; a plain member gets 403, others 404."""
    group = get_group_for_member(user, slug)
    if not group.can_manage:
        raise PermissionDenied
    return group


def groups_of(user: User) -> QuerySet[Group]:
    """The groups a person belongs to now, with their role, for "My groups"."""
    return _with_role(Group.objects.active_members_of(user), user).order_by("name")


def followed_groups(user: User) -> QuerySet[Group]:
    """Every group for a coordinator; the groups they follow for a facilitator."""
    if user.is_coordinator:
        return Group.objects.all()
    if user.is_facilitator:
        return Group.objects.filter(facilitator=user)
    return Group.objects.none()


def groups_cooking_in(kitchen: Kitchen, user: User) -> QuerySet[Group]:
    """The groups that use a kitchen (directly or through its food hub), each marked
    `is_mine` when the person belongs to it."""
    mine = Membership.objects.current().filter(group=OuterRef("pk"), person=user)
    return (
        Group.objects.filter(Q(kitchens=kitchen) | Q(food_hub__kitchen=kitchen))
        .exclude(status=Group.Status.STOPPED)
        .annotate(is_mine=Exists(mine))  # type: ignore[no-redef]  # declared on Group, as my_role
        .distinct()
        .order_by("name")
    )


def may_see_kitchen_access(user: AnyUser, groups_here: Iterable[Group]) -> bool:
    """How to get into a kitchen is for the members of the groups that cook there, and staff.
    `groups_here` comes from `groups_cooking_in`."""
    if not user.is_authenticated:
        return False
    return user.is_movement_staff or any(group.is_mine for group in groups_here)


def get_kitchen(slug: str) -> Kitchen:
    try:
        return Kitchen.objects.select_related("host").get(slug=slug)
    except Kitchen.DoesNotExist:
        raise Http404 from None


def bookable_groups(user: User) -> QuerySet[Group]:
    """The groups a person may book this kitchen for: the ones they manage."""
    if user.is_coordinator:
        return Group.objects.exclude(status=Group.Status.STOPPED)
    managed = Membership.objects.current().filter(person=user, role=Membership.Role.REFERENT)
    return Group.objects.filter(Q(pk__in=managed.values("group")) | Q(facilitator=user)).exclude(
        status=Group.Status.STOPPED
    )


def my_group_ids(user: User) -> QuerySet[Membership, dict[str, Any]]:
    """The ids of the groups a person belongs to now, as a subquery."""
    return Membership.objects.current().filter(person=user).values("group")


def my_membership(user: User, group: Group) -> Membership | None:
    """The person's current membership of a group from get_group_for_*, without a query."""
    if group.my_membership_id is None or group.my_role is None:
        return None
    return Membership(
        pk=group.my_membership_id, group=group, person=user, role=group.my_role, left_on=None
    )
