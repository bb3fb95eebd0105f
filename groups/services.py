"""Workflows on groups: status, members, invitations. Each is atomic and says, in words a
cook understands, why it refused."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from core.locks import lock_row, locked
from core.refusals import Refusal
from groups.models import Group, GroupStatusChange, Invitation, Membership


class GroupError(Refusal):
    """A refusal to show to the person, already translated."""


@transaction.atomic
def create_group(*, by: User | None, **fields) -> Group:
    """A new group, with the first line of its status history."""
    group = Group.objects.create(**fields)
    record_status(group, by=by)
    return group


def record_status(group: Group, *, by: User | None, note: str = "") -> None:
    """Date the group's current status in its history: the yearly figures read it."""
    GroupStatusChange.objects.create(group=group, status=group.status, changed_by=by, note=note)


@transaction.atomic
def change_status(group: Group, status: str, *, by: User | None, note: str = "") -> None:
    """Move a group to another status and date it: the yearly figures read the history."""
    if status == group.status:
        return
    group.status = status
    group.save(update_fields=["status"])
    record_status(group, by=by, note=note)


@transaction.atomic
def add_member(group: Group, person: User, *, role: str = Membership.Role.MEMBER) -> Membership:
    """Put a person in a group; someone already in it keeps their membership."""
    membership, _created = Membership.objects.current().get_or_create(
        group=group, person=person, defaults={"role": role}
    )
    return membership


@transaction.atomic
def add_member_without_email(
    group: Group, *, display_name: str, phone: str = "", share_phone: bool = False
) -> Membership:
    """A member who never logs in: their referent acts for them."""
    person = User.objects.create_user(email=None, display_name=display_name, phone=phone)
    return Membership.objects.create(group=group, person=person, share_phone=share_phone)


@transaction.atomic
def attach_email(person: User, email: str) -> None:
    """Give a member managed by their referent an e-mail, so they can log in by code."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists():
        raise GroupError(_("Someone already uses this e-mail."))
    person.email = email
    person.save(update_fields=["email"])
    person.record_email(verified=False)


_locked = locked(gettext_lazy("Many people are changing this group right now. Please try again."))


def _lock_group_of(membership: Membership) -> None:
    """Roles and leaving are decided under the group's lock, on the membership as it is
    now: two referents leaving at once cannot leave the group without one."""
    lock_row(Group(pk=membership.group_id))
    membership.refresh_from_db()


@_locked
def change_role(membership: Membership, role: str) -> None:
    _lock_group_of(membership)
    if role == membership.role:
        return
    if membership.is_referent and not _other_referents(membership).exists():
        raise GroupError(_("A group needs at least one referent. Name another one first."))
    membership.role = role
    membership.save(update_fields=["role"])


@_locked
def leave_group(membership: Membership) -> None:
    """The person leaves; their history (and later their money) stays with the group."""
    _lock_group_of(membership)
    if membership.left_on is not None:
        return
    if membership.is_referent and not _other_referents(membership).exists():
        raise GroupError(_("A group needs at least one referent. Name another one first."))
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["left_on"])


def _other_referents(membership: Membership):
    return (
        Membership.objects.current()
        .filter(group_id=membership.group_id, role=Membership.Role.REFERENT)
        .exclude(pk=membership.pk)
    )


def create_invitation(group: Group, *, by: User, days: int = 14, max_uses: int = 20) -> Invitation:
    return Invitation.objects.create(
        group=group,
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days),
        max_uses=max_uses,
    )


def revoke_invitation(invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


INVITATION_REFUSALS = {
    Invitation.State.EXPIRED: gettext_noop(
        "This invitation has expired. Ask the group for a new one."
    ),
    Invitation.State.USED_UP: gettext_noop(
        "This invitation has been used by everyone it was for. Ask the group for a new one."
    ),
    Invitation.State.REVOKED: gettext_noop(
        "This invitation was cancelled. Ask the group for a new one."
    ),
}


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why an invitation cannot be used, in words for the person holding it; None if it can."""
    if invitation is None:
        return _("This invitation does not exist. Check the link, or ask for a new one.")
    if invitation.state != Invitation.State.VALID:
        return _(INVITATION_REFUSALS[invitation.state])
    return None


@transaction.atomic
def accept_invitation(token: str, person: User) -> Membership:
    """Join the group of a valid invitation. The invitation row is locked so that its last
    place goes to one person only; someone already in the group uses no place."""
    try:
        invitation = Invitation.objects.select_for_update().select_related("group").get(token=token)
    except Invitation.DoesNotExist:
        raise GroupError(_("This invitation does not exist.")) from None
    current = Membership.objects.current().filter(group=invitation.group, person=person).first()
    if current:
        return current
    if invitation.state != Invitation.State.VALID:
        raise GroupError(_(INVITATION_REFUSALS[invitation.state]))
    Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1)
    return Membership.objects.create(group=invitation.group, person=person)
