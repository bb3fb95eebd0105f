"""Who may do what to a group or a kitchen: the one place that answers it.

- coordinators: everything;
- facilitators: everything about the groups they follow, the public card of the others;
- referents: manage their group; members: read their group;
- everyone else: public cards only.

Views never test roles themselves: they call the `get_*_for_*` helpers, which return the
object or raise Http404 (another group's things do not exist for an outsider), or
PermissionDenied for a member of the group asking for a referent's page.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404

from accounts.models import User
from groups.models import Group, Kitchen, Membership


def _with_role(queryset, user: User):
    mine = Membership.objects.current().filter(group=OuterRef("pk"), person=user)
    return queryset.annotate(
        my_role=Subquery(mine.values("role")[:1]),
        my_membership_id=Subquery(mine.values("pk")[:1]),
    )


def can_read(user: User, group: Group, role: str | None) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_coordinator or group.facilitator_id == user.pk or role is not None


def can_manage(user: User, group: Group, role: str | None) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_coordinator or group.facilitator_id == user.pk or role == Membership.Role.REFERENT
    )


def _get_group(user: User, slug: str) -> Group:
    queryset = Group.objects.select_related("partner", "food_hub", "facilitator")
    if user.is_authenticated:
        queryset = _with_role(queryset, user)
    try:
        group = queryset.get(slug=slug)
    except Group.DoesNotExist:
        raise Http404 from None
    if not user.is_authenticated:
        group.my_role = group.my_membership_id = None
    return group


def get_group_for_member(user: User, slug: str) -> Group:
    """The group, for someone who may read it (its members, its facilitator, coordinators);
    404 for anyone else. `group.my_role` is the person's role, or None."""
    group = _get_group(user, slug)
    if not can_read(user, group, group.my_role):
        raise Http404
    group.can_manage = can_manage(user, group, group.my_role)
    return group


def get_group_for_referent(user: User, slug: str) -> Group:
    """The group, for someone who may manage it; a plain member gets 403, others 404."""
    group = get_group_for_member(user, slug)
    if not group.can_manage:
        raise PermissionDenied
    return group


def groups_of(user: User):
    """The groups a person belongs to now, with their role, for "My groups"."""
    return _with_role(Group.objects.active_members_of(user), user).order_by("name")


def followed_groups(user: User):
    """Every group for a coordinator; the groups they follow for a facilitator."""
    if user.is_coordinator:
        return Group.objects.all()
    if user.is_facilitator:
        return Group.objects.filter(facilitator=user)
    return Group.objects.none()


def get_contact_for_facilitator(user: User, slug: str, pk: int):
    """One contact with a group, for the group's facilitator and coordinators (see
    get_group_for_facilitator); a contact of another group is a 404."""
    from groups.models import Contact

    group = get_group_for_facilitator(user, slug)
    contact = Contact.objects.filter(group=group, pk=pk).first()
    if contact is None:
        raise Http404
    return group, contact


def may_facilitate(user: User) -> bool:
    """The facilitation dashboard is for facilitators and coordinators (others: 404)."""
    return user.is_authenticated and user.is_movement_staff


def get_group_for_facilitator(user: User, slug: str) -> Group:
    """A group's follow-up (its contacts, needs, launch steps) is for its facilitator and
    coordinators. Its own members, referents included, get 403; anyone else 404, other
    facilitators too."""
    group = get_group_for_member(user, slug)
    if not (user.is_coordinator or (user.is_facilitator and group.facilitator_id == user.pk)):
        raise PermissionDenied
    return group


def groups_cooking_in(kitchen: Kitchen, user: User):
    """The groups that use a kitchen (directly or through its food hub), each marked
    `is_mine` when the person belongs to it."""
    mine = Membership.objects.current().filter(group=OuterRef("pk"), person=user)
    return (
        Group.objects.filter(Q(kitchens=kitchen) | Q(food_hub__kitchen=kitchen))
        .exclude(status=Group.Status.STOPPED)
        .annotate(is_mine=Exists(mine))
        .distinct()
        .order_by("name")
    )


def may_see_kitchen_access(user: User, groups_here) -> bool:
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


def bookable_groups(user: User):
    """The groups a person may book this kitchen for: the ones they manage."""
    if user.is_coordinator:
        return Group.objects.exclude(status=Group.Status.STOPPED)
    managed = Membership.objects.current().filter(person=user, role=Membership.Role.REFERENT)
    return Group.objects.filter(Q(pk__in=managed.values("group")) | Q(facilitator=user)).exclude(
        status=Group.Status.STOPPED
    )


# Recipes --------------------------------------------------------------------------------
# A recipe shared with the movement is for every member of any group; a recipe kept for
# one group is for that group's members, its facilitator and coordinators: a 404 for
# anyone else. It is edited by its group's referents (and its author while a member), the
# group's facilitator and coordinators.


def _my_groups(user: User):
    return Membership.objects.current().filter(person=user).values("group")


def readable_recipes(user: User):
    from recipes.models import Recipe

    if not user.is_authenticated:
        return Recipe.objects.none()
    if user.is_coordinator:
        return Recipe.objects.all()
    return Recipe.objects.filter(
        Q(visibility=Recipe.Visibility.MOVEMENT)
        | Q(author_group__in=_my_groups(user))
        | Q(author_group__facilitator=user)
    )


def pricing_group_id(user: User) -> int | None:
    """Whose prices a person sees when no group is in question: their first group's
    (which wins over the movement's where it has its own), else the movement's."""
    if not user.is_authenticated:
        return None
    first = Membership.objects.current().filter(person=user).order_by("joined_on", "pk")
    return first.values_list("group_id", flat=True).first()


def get_recipe_for_reader(user: User, pk: int):
    """The recipe, for someone who may read it, else 404. Annotated with `my_role` in its
    group, `pricing_group` (the author group for its members, else the person's first
    group: its prices are used), and `can_edit`."""
    role = Membership.objects.current().filter(group=OuterRef("author_group"), person=user)
    first = Membership.objects.current().filter(person=user).order_by("joined_on", "pk")
    recipe = (
        readable_recipes(user)
        .select_related("author_group", "variant_of__author_group")
        .annotate(
            my_role=Subquery(role.values("role")[:1]),
            first_group=Subquery(first.values("group")[:1]),
        )
        .filter(pk=pk)
        .first()
    )
    if recipe is None:
        raise Http404
    recipe.pricing_group = recipe.author_group_id if recipe.my_role else recipe.first_group
    recipe.can_edit = can_edit_recipe(user, recipe, recipe.my_role)
    return recipe


def can_edit_recipe(user: User, recipe, role: str | None) -> bool:
    if user.is_coordinator:
        return True
    group = recipe.author_group
    if group is None:
        return False
    return (
        role == Membership.Role.REFERENT
        or group.facilitator_id == user.pk
        or (role is not None and recipe.created_by_id == user.pk)
    )


def get_recipe_for_editor(user: User, pk: int):
    """The recipe, for someone who may change it; 403 for someone who may only read it."""
    recipe = get_recipe_for_reader(user, pk)
    if not recipe.can_edit:
        raise PermissionDenied
    return recipe


def recipe_groups(user: User):
    """The groups a person may write a recipe for: their groups, the groups they follow."""
    if user.is_coordinator:
        return Group.objects.exclude(status=Group.Status.STOPPED).order_by("name")
    return Group.objects.filter(Q(pk__in=_my_groups(user)) | Q(facilitator=user)).order_by("name")


def may_write_recipes(user: User) -> bool:
    """Coordinators (for the movement), and anyone with a group to write for."""
    return user.is_authenticated and (user.is_coordinator or recipe_groups(user).exists())


def price_groups(user: User):
    """The groups a person may record their own prices for (their supplier's)."""
    if user.is_coordinator:
        return Group.objects.exclude(status=Group.Status.STOPPED).order_by("name")
    managed = Membership.objects.current().filter(person=user, role=Membership.Role.REFERENT)
    return Group.objects.filter(Q(pk__in=managed.values("group")) | Q(facilitator=user)).order_by(
        "name"
    )


def may_keep_prices(user: User) -> bool:
    """Coordinators, facilitators and referents keep the price list up to date."""
    if not user.is_authenticated:
        return False
    return (
        user.is_movement_staff
        or Membership.objects.current().filter(person=user, role=Membership.Role.REFERENT).exists()
    )


# Cooking sessions and their money -------------------------------------------------------
# A session, its pre-orders and its accounts are for the group's people (404 for anyone
# else); a draft is for those who manage the group; running it is for them too (403 for a
# plain member).


def get_session_for_member(user: User, slug: str, pk: int):
    """The session, with `session.group` (from get_group_for_member) and `membership`: the
    person's current membership of the group, or None (facilitator, coordinator)."""
    from portions.models import Session

    sessions = Session.objects.filter(group__slug=slug, pk=pk).select_related("group", "kitchen")
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
    if not can_read(user, group, group.my_role):
        raise Http404
    group.can_manage = can_manage(user, group, group.my_role)
    if session.status == Session.Status.DRAFT and not group.can_manage:
        raise Http404
    session.membership = my_membership(user, group)
    return session


def get_session_for_referent(user: User, slug: str, pk: int):
    session = get_session_for_member(user, slug, pk)
    if not session.group.can_manage:
        raise PermissionDenied
    return session


def my_membership(user: User, group: Group) -> Membership | None:
    """The person's current membership of a group from get_group_for_*, without a query."""
    if group.my_membership_id is None:
        return None
    return Membership(
        pk=group.my_membership_id, group=group, person=user, role=group.my_role, left_on=None
    )


def get_transfer_for_party(user: User, pk: int):
    """A transfer, for its two people and whoever manages the group; 404 for others."""
    from portions.models import Transfer

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


# Events -----------------------------------------------------------------------------------
# Public events are for everyone; the others for people with an account. Coordinators
# manage them. A guest's registration is reached only through its private link.


def visible_events(user: User):
    from events.models import Event

    if user.is_authenticated:
        return Event.objects.all()
    return Event.objects.filter(audience=Event.Audience.PUBLIC)


def get_event_for_reader(user: User, pk: int):
    event = visible_events(user).select_related("kitchen").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def may_see_event(user: User, event) -> bool:
    """The same rule as `visible_events`, for an event already loaded (a public report
    of a members' event links to the event only for those who may open it)."""
    from events.models import Event

    return user.is_authenticated or event.audience == Event.Audience.PUBLIC


def get_own_registration(user: User, pk: int):
    """A person's own registration (404 for anyone else's)."""
    from events.models import Registration

    registration = (
        Registration.objects.select_related("event", "workshop").filter(pk=pk, person=user).first()
        if user.is_authenticated
        else None
    )
    if registration is None:
        raise Http404
    return registration


def get_registration_by_token(token: str):
    from events.models import Registration

    registration = (
        Registration.objects.select_related("event", "workshop").filter(token=token).first()
    )
    if registration is None:
        raise Http404
    return registration


def get_event_for_coordinator(user: User, pk: int):
    """An event to manage: for coordinators; others who may see it get 403."""
    event = get_event_for_reader(user, pk)
    if not user.is_coordinator:
        raise PermissionDenied
    return event


def may_create_events(user: User) -> bool:
    return user.is_authenticated and user.is_coordinator


def check_may_create_events(user: User) -> None:
    """Coordinators publish events; anyone else logged in gets 403."""
    if not may_create_events(user):
        raise PermissionDenied


def get_registration_for_coordinator(user: User, pk: int):
    from events.models import Registration

    if not user.is_coordinator:
        raise PermissionDenied
    registration = Registration.objects.select_related("event", "workshop").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def visible_reports(user: User):
    """Public reports for everyone; "partners" reports for everyone with an account;
    "members" reports for the members of a group and the movement's staff."""
    from events.models import Report

    V = Report.Visibility
    if not user.is_authenticated:
        return Report.objects.filter(visibility=V.PUBLIC)
    if user.is_movement_staff:
        return Report.objects.all()
    member = Exists(Membership.objects.current().filter(person=user))
    return Report.objects.filter(
        Q(visibility__in=[V.PUBLIC, V.PARTNERS]) | (Q(visibility=V.MEMBERS) & member)
    )


def get_report_for_reader(user: User, pk: int):
    report = visible_reports(user).select_related("event", "workshop").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def get_report_file_for_reader(user: User, name: str):
    """A stored file of a report (or a photo's thumbnail, `<stem>.thumb.jpg`), for whoever
    may read that report; a 404 for anyone else and for a name no report holds."""
    from events.models import Attachment

    names = Q(file=name)
    if name.endswith(".thumb.jpg"):
        stem = name.removesuffix(".thumb.jpg")
        names |= Q(kind=Attachment.Kind.PHOTO, file__startswith=f"{stem}.")
    attachment = (
        Attachment.objects.filter(names, report__in=visible_reports(user).values("pk"))
        .order_by("pk")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def get_report_for_coordinator(user: User, pk: int):
    """A report to change: for coordinators; others who may read it get 403."""
    report = get_report_for_reader(user, pk)
    if not user.is_coordinator:
        raise PermissionDenied
    return report


def get_calendar_feed_by_token(token: str):
    """A private calendar feed: the secret address is the key (calendar apps cannot log
    in); an unknown or reset token, or a closed account, is a 404."""
    from events.models import CalendarFeed

    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token=token, person__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    return feed


# Figures ----------------------------------------------------------------------------------
# The movement's figures month by month are for coordinators (the annual report); the
# public page shows a few totals, with no personal data.


def check_may_read_figures(user: User) -> None:
    """Coordinators read the movement's figures; anyone else logged in gets 403."""
    if not (user.is_authenticated and user.is_coordinator):
        raise PermissionDenied
