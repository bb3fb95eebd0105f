"""Who may read and change recipes and prices.

A recipe shared with the movement is for every member of any group; a recipe kept for
one group is for that group's members, its facilitator and coordinators: a 404 for
anyone else. It is edited by its group's referents (and its author while a member), the
group's facilitator and coordinators."""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from accounts.http import AnyUser
from accounts.models import User
from groups.access import my_group_ids
from groups.models import Group, Membership
from recipes.models import Recipe


def readable_recipes(user: AnyUser) -> QuerySet[Recipe]:
    if not user.is_authenticated:
        return Recipe.objects.none()
    if user.is_coordinator:
        return Recipe.objects.all()
    return Recipe.objects.filter(
        Q(visibility=Recipe.Visibility.MOVEMENT)
        | Q(author_group__in=my_group_ids(user))
        | Q(author_group__facilitator=user)
    )


def pricing_group_id(user: AnyUser) -> int | None:
    """Whose prices a person sees when no group is in question: their first group's
    (which wins over the movement's where it has its own), else the movement's."""
    if not user.is_authenticated:
        return None
    first = Membership.objects.current().filter(person=user).order_by("joined_on", "pk")
    return first.values_list("group_id", flat=True).first()


def get_recipe_for_reader(user: User, pk: int) -> Recipe:
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
    recipe.can_edit = may_edit_recipe(user, recipe, recipe.my_role)
    return recipe


def may_edit_recipe(user: User, recipe: Recipe, role: str | None) -> bool:
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


def get_recipe_for_editor(user: User, pk: int) -> Recipe:
    """The recipe, for someone who may change it; 403 for someone who may only read it."""
    recipe = get_recipe_for_reader(user, pk)
    if not recipe.can_edit:
        raise PermissionDenied
    return recipe


def recipe_groups(user: User) -> QuerySet[Group]:
    """The groups a person may write a recipe for: their groups, the groups they follow."""
    if user.is_coordinator:
        return Group.objects.exclude(status=Group.Status.STOPPED).order_by("name")
    return Group.objects.filter(Q(pk__in=my_group_ids(user)) | Q(facilitator=user)).order_by("name")


def may_write_recipes(user: AnyUser) -> bool:
    """Coordinators (for the movement), and anyone with a group to write for."""
    return user.is_authenticated and (user.is_coordinator or recipe_groups(user).exists())


def price_groups(user: User) -> QuerySet[Group]:
    """The groups a person may record their own prices for (their supplier's)."""
    if user.is_coordinator:
        return Group.objects.exclude(status=Group.Status.STOPPED).order_by("name")
    managed = Membership.objects.current().filter(person=user, role=Membership.Role.REFERENT)
    return Group.objects.filter(Q(pk__in=managed.values("group")) | Q(facilitator=user)).order_by(
        "name"
    )


def may_keep_prices(user: AnyUser) -> bool:
    """Coordinators, facilitators and referents keep the price list up to date."""
    if not user.is_authenticated:
        return False
    return (
        user.is_movement_staff
        or Membership.objects.current().filter(person=user, role=Membership.Role.REFERENT).exists()
    )


def may_share_with_the_movement(user: AnyUser) -> bool:
    """Coordinators write recipes for the whole movement, without a group."""
    return user.is_authenticated and user.is_coordinator
