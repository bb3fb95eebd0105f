import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(18)


def in_two_weeks():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """A link (and QR code) that lets people join a group, until it expires or is used up."""

    class State(models.TextChoices):
        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        USED_UP = "used_up", _("used up")
        REVOKED = "revoked", _("cancelled")

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"), default=in_two_weeks)
    max_uses = models.PositiveSmallIntegerField(_("how many people can use it"), default=20)
    uses = models.PositiveSmallIntegerField(default=0, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.group} · {self.expires_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("groups:join", args=[self.token])

    @property
    def state(self) -> str:
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        if self.uses >= self.max_uses:
            return self.State.USED_UP
        return self.State.VALID
