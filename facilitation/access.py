"""Who may follow a group: its facilitator and coordinators (see groups/access.py for
the rules every app shares). A group's follow-up is never for its own members."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.http import AnyUser
from accounts.models import User
from facilitation.models import Contact
from groups.access import get_group_for_member, may_follow
from groups.models import Group


def get_contact_for_facilitator(user: User, slug: str, pk: int) -> tuple[Group, Contact]:
    """One contact with a group, for the group's facilitator and coordinators (see
    get_group_for_facilitator); a contact of another group is a 404."""
    group = get_group_for_facilitator(user, slug)
    contact = Contact.objects.filter(group=group, pk=pk).first()
    if contact is None:
        raise Http404
    return group, contact


def may_facilitate(user: AnyUser) -> bool:
    """The facilitation dashboard is for facilitators and coordinators (others: 404)."""
    return user.is_authenticated and user.is_movement_staff


def get_group_for_facilitator(user: User, slug: str) -> Group:
    """A group's follow-up (its contacts, needs, launch steps) is for its facilitator and
    coordinators. Its own members, referents included, get 403; anyone else 404, other
    facilitators too."""
    group = get_group_for_member(user, slug)
    if not may_follow(user, group):
        raise PermissionDenied
    return group
