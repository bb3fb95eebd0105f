"""Facilitation: a contact with each group every six weeks or so, written down.

What is stored is what people said and decided (the contacts, the rhythm, the launch
steps ticked). When a group is due, or overdue, is computed from its last contact each
time it is asked (facilitation/rules.py), never stored.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_RHYTHM_DAYS = 42  # every six weeks


class Need(models.TextChoices):
    """What a group may need; a contact notes several at once."""

    SPACE = "space", _("space")
    EQUIPMENT = "equipment", _("equipment")
    SUPPLY = "supply", _("supply")
    RECIPES = "recipes", _("recipes")
    GROUP_LIFE = "group_life", _("group life")
    HYGIENE = "hygiene", _("hygiene and conservation")
    MONEY = "money", _("money")
    TRAINING = "training", _("training")
    OTHER = "other", _("other")


class LaunchStep(models.TextChoices):
    """The launch checklist of a new group, in the order they usually come."""

    SPACE = "space", _("a kitchen found")
    MEMBERS = "members", _("the first members (3 or more)")
    REFERENT = "referent", _("a referent chosen")
    EQUIPMENT = "equipment", _("the basic equipment")
    MONEY = "money", _("the cost-price split explained")
    FIRST_SESSION = "first_session", _("the first session cooked")


class FollowUp(models.Model):
    """A group's facilitation settings: how often to contact it, and, while it launches,
    the steps done. A group without this row follows the defaults."""

    group = models.OneToOneField(
        "groups.Group", on_delete=models.CASCADE, primary_key=True, related_name="follow_up"
    )
    rhythm_days = models.PositiveSmallIntegerField(
        _("contact every (days)"), default=DEFAULT_RHYTHM_DAYS
    )
    launch_steps = models.JSONField(_("launch steps done"), default=list, blank=True)

    class Meta:
        db_table = "groups_followup"  # made when facilitation lived in groups: data kept
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rhythm_days__gte=1, rhythm_days__lte=365),
                name="follow_up_rhythm_between_1_and_365_days",
            )
        ]

    def __str__(self) -> str:
        return str(self.group)


class ContactQuerySet(models.QuerySet):
    def latest_first(self) -> "ContactQuerySet":
        return self.order_by("-contacted_on", "-pk")


class Contact(models.Model):
    """One contact of a facilitator with a group: its news, needs, what was given and
    decided. For the group's facilitator and coordinators only, never for its members."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("visit")
        CALL = "call", _("call")
        MESSAGE = "message", _("message")
        MEETING = "meeting", _("meeting")

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="facilitation_contacts"
    )
    contacted_on = models.DateField(_("day of the contact"), default=timezone.localdate)
    channel = models.CharField(
        _("how"), max_length=10, choices=Channel.choices, default=Channel.VISIT
    )
    news = models.TextField(_("news"), max_length=1000, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    resources = models.TextField(_("resources given"), max_length=1000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=1000, blank=True)
    next_contact_on = models.DateField(
        _("next contact"),
        null=True,
        blank=True,
        help_text=_("Empty: after the group's usual rhythm."),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        db_table = "groups_contact"
        verbose_name = _("facilitation contact")
        verbose_name_plural = _("facilitation contacts")
        ordering = ["-contacted_on", "-pk"]
        indexes = [models.Index(fields=["group", "-contacted_on"], name="contact_group_latest")]

    def __str__(self) -> str:
        return f"{self.group} · {self.contacted_on}"

    @property
    def need_labels(self) -> list[str]:
        noted = set(self.needs or [])
        return [str(need.label) for need in Need if need.value in noted]


class FacilitationReminder(models.Model):
    """The weekly reminder e-mail a facilitator got: one row per person and week, so the
    command never sends the same week twice."""

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(_("week of (Monday)"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "groups_facilitationreminder"
        verbose_name = _("facilitation reminder")
        verbose_name_plural = _("facilitation reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "week"], name="one_facilitation_reminder_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facilitator} · {self.week}"
