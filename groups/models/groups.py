from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models.communes import Commune


class GroupQuerySet(models.QuerySet):
    def active_members_of(self, person) -> "GroupQuerySet":
        return self.filter(memberships__person=person, memberships__left_on__isnull=True).distinct()


class Group(models.Model):
    """A neighbourhood cooking group: the unit of everything."""

    class Status(models.TextChoices):
        LAUNCHING = "launching", _("launching")
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        STOPPED = "stopped", _("stopped")

    class Pricing(models.TextChoices):
        SESSION = "session", _("one price for every portion of the session")
        DISH = "dish", _("a price for each dish")

    class Settling(models.TextChoices):
        FEWEST = "fewest", _("the fewest transfers between members")
        TREASURER = "treasurer", _("everyone settles with the treasurer")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("every week")
        FORTNIGHTLY = "fortnightly", _("every two weeks")
        MONTHLY = "monthly", _("every month")
        IRREGULAR = "irregular", _("now and then")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    logo = models.ImageField(_("logo"), upload_to="groups/", blank=True)
    description = models.TextField(_("short description"), blank=True, max_length=600)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.LAUNCHING
    )
    commune = models.CharField(_("commune"), max_length=30, choices=Commune.choices)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=80, blank=True)
    partner = models.ForeignKey(
        "groups.Partner",
        verbose_name=_("partner structure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    frequency = models.CharField(
        _("how often it cooks"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.MONTHLY,
    )
    languages = models.CharField(
        _("languages spoken"), max_length=120, blank=True, help_text=_("e.g. French, Arabic")
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_facilitator": True},
        related_name="followed_groups",
    )
    food_hub = models.ForeignKey(
        "groups.FoodHub",
        verbose_name=_("food hub"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups",
    )
    kitchens = models.ManyToManyField(
        "groups.Kitchen", verbose_name=_("kitchens"), blank=True, related_name="groups"
    )
    pricing = models.CharField(
        _("price of a portion"), max_length=8, choices=Pricing.choices, default=Pricing.SESSION
    )
    settling = models.CharField(
        _("settling up"), max_length=10, choices=Settling.choices, default=Settling.FEWEST
    )
    treasurer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("treasurer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    # Not columns: what groups.access sets on the groups it hands out, for one person. Their
    # role and current membership (None: not a member), whether they may manage the group
    # (get_group_for_*), whether they belong to it (groups_cooking_in).
    my_role: str | None
    my_membership_id: int | None
    can_manage: bool
    is_mine: bool

    class Meta:
        verbose_name = _("cooking group")
        verbose_name_plural = _("cooking groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("group", args=[self.slug])


class GroupStatusChange(models.Model):
    """The dated history of a group's status: the yearly figures read it."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=12, choices=Group.Status.choices)
    changed_on = models.DateField(_("since"), default=timezone.localdate)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_status_display()} ({self.changed_on})"


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        return self.filter(left_on__isnull=True)

    def listed(self) -> "MembershipQuerySet":
        """The current members with their person, by name: how pages list a group."""
        return self.current().select_related("person").order_by("person__display_name")


class Membership(models.Model):
    """A person in a group. Leaving sets `left_on`: the row, and all that points to it
    (pre-orders, money), stays."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        REFERENT = "referent", _("referent")

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    share_phone = models.BooleanField(_("the group may see my phone"), default=False)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        # Membership order breaks ties in the cost split: oldest first, then by id.
        ordering = ["joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(left_on__isnull=True),
                name="one_current_membership_per_person_and_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.group}"

    @property
    def is_referent(self) -> bool:
        return self.role == self.Role.REFERENT
