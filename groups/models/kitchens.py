from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups.models.communes import Commune


class Kitchen(models.Model):
    """A shared, equipped kitchen where groups cook."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    address = models.CharField(_("address"), max_length=200)
    commune = models.CharField(_("commune"), max_length=30, choices=Commune.choices)
    host = models.ForeignKey(
        "groups.Partner",
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kitchens",
    )
    capacity = models.PositiveSmallIntegerField(_("people who fit"), null=True, blank=True)
    access_instructions = models.TextField(
        _("how to get in"), blank=True, help_text=_("Only the groups' members see this.")
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="kitchens/", blank=True)

    class Meta:
        verbose_name = _("kitchen")
        verbose_name_plural = _("kitchens")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:kitchen", args=[self.slug])


class Equipment(models.Model):
    """What a kitchen has: pots with their size, ovens, a steriliser…"""

    kitchen = models.ForeignKey(Kitchen, on_delete=models.CASCADE, related_name="equipment")
    name = models.CharField(_("name"), max_length=80)
    size = models.CharField(_("size"), max_length=40, blank=True, help_text=_("e.g. 20 l"))
    quantity = models.PositiveSmallIntegerField(_("how many"), default=1)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["name", "size"]

    def __str__(self) -> str:
        return " ".join(filter(None, [f"{self.quantity} ×", self.name, self.size]))


class FoodHub(models.Model):
    """A "pôle alimentaire de quartier": a kitchen shared by several groups."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kitchen = models.ForeignKey(
        Kitchen, verbose_name=_("kitchen"), on_delete=models.PROTECT, related_name="food_hubs"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("food hub")
        verbose_name_plural = _("food hubs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class KitchenBookingQuerySet(models.QuerySet):
    def overlapping(self, kitchen: Kitchen, starts_at, ends_at) -> "KitchenBookingQuerySet":
        return self.filter(kitchen=kitchen, starts_at__lt=ends_at, ends_at__gt=starts_at)


class KitchenBooking(models.Model):
    """A group has a kitchen for a time slot. Two bookings of one kitchen never overlap:
    `groups.bookings.book_kitchen` is the only way in."""

    kitchen = models.ForeignKey(Kitchen, on_delete=models.PROTECT, related_name="bookings")
    group = models.ForeignKey(
        "groups.Group", on_delete=models.PROTECT, related_name="kitchen_bookings"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = KitchenBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("kitchen booking")
        verbose_name_plural = _("kitchen bookings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kitchen} · {self.group} · {self.starts_at:%Y-%m-%d %H:%M}"
