from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    """An organisation around the movement: hosts a kitchen, supplies food, brings
    expertise, funds, or started a group."""

    class Kind(models.TextChoices):
        KITCHEN_HOST = "kitchen_host", _("kitchen host")
        SOCIAL = "social", _("social organisation")
        SUPPLY = "supply", _("supply")
        EXPERTISE = "expertise", _("expertise")
        FUNDER = "funder", _("funder")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
