"""Rendez-vous: the movement's events, their parallel workshops, and who comes.

Places are counted from the registrations themselves (a confirmed registration takes one
place for the person and one per companion); `events/services.py` is the only way in,
so a full event or workshop is never overbooked and its waiting list moves up by itself.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.storage import report_storage


def new_token() -> str:
    return secrets.token_urlsafe(24)


def free_places(limit: int | None, taken: int) -> int | None:
    """The places still free at an event or a workshop with `limit` places of which
    `taken` are taken (a person and the companions they bring): None when there is no
    limit, never below zero. Every page and every check counts places with this."""
    return None if limit is None else max(limit - taken, 0)


class Event(models.Model):
    class Kind(models.TextChoices):
        RENDEZVOUS = "rendezvous", _("quarterly rendez-vous")
        GATHERING = "gathering", _("annual gathering")
        WORKSHOP = "workshop", _("workshop")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("the members of the groups")
        PARTNERS = "partners", _("members and partners")
        PUBLIC = "public", _("everyone")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("in a few words"), max_length=1000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    kitchen = models.ForeignKey(
        "groups.Kitchen",
        verbose_name=_("in the kitchen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    address = models.CharField(_("or at the address"), max_length=200, blank=True)
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    cover = models.ImageField(_("cover photo"), upload_to="events/", blank=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    most_companions = models.PositiveSmallIntegerField(
        _("people one may bring"), default=0, help_text=_("0: each person registers alone.")
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_message = models.TextField(_("message to the people registered"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_cancelled or now >= self.starts_at:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        return not (self.registration_closes and now >= self.registration_closes)


class Workshop(models.Model):
    """One of the parallel workshops of an event: a person picks one per time slot."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="workshops")
    slot = models.CharField(
        _("time slot"), max_length=40, default="", blank=True, help_text=_("e.g. morning")
    )
    title = models.CharField(_("title"), max_length=120)
    host = models.CharField(_("led by"), max_length=120, blank=True)
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)

    class Meta:
        ordering = ["slot", "pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A person coming to an event (and, for a workshop, to that workshop), or waiting
    for a place. A member registers with their account; someone from the public with a
    name and an e-mail or phone, and manages it through a private link (`token`)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    companions = models.PositiveSmallIntegerField(_("people I bring"), default=0)
    status = models.CharField(max_length=10, choices=Status.choices)
    token = models.CharField(max_length=40, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    came = models.BooleanField(_("came"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the reminder went, once
    # A guest's workshop place hangs on their place at the event (a member's are tied by
    # their account): cancelling that place cancels it too.
    event_place = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="workshop_places"
    )
    # A guest's language (the page's when they registered); members use their account's.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="registration_has_someone"
            ),
            # One live registration per person for the event, and per workshop.
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False, workshop__isnull=True) & ~Q(status="cancelled"),
                name="one_live_registration_per_event",
            ),
            models.UniqueConstraint(
                fields=["workshop", "person"],
                condition=Q(person__isnull=False, workshop__isnull=False) & ~Q(status="cancelled"),
                name="one_live_registration_per_workshop",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} · {self.event}"

    @property
    def display_name(self) -> str:
        return self.person.display_name if self.person_id else self.name

    @property
    def seats(self) -> int:
        return 1 + self.companions

    def recipient(self) -> tuple[str, str]:
        """Where and in which language to write to them: a member at their account's
        address and in the language of the page they registered on."""
        if self.person_id:
            return self.person.email or "", self.person.language
        return self.email, self.language or settings.LANGUAGE_CODE


class CalendarFeed(models.Model):
    """A person's private calendar address (their events in their phone's calendar). The
    secret is in the address: resetting it makes the old address stop working."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=40, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person}"


class Report(models.Model):
    """What happened at an event or one of its workshops, for the people who were not
    there: a short text (Markdown, sanitised when shown), photos, sound, PDF files and a
    video link. Who may read it is chosen per report."""

    class Theme(models.TextChoices):
        CONSERVATION = "conservation", _("conservation and hygiene")
        COMMUNICATION = "communication", _("communication")
        SUPPLY = "supply", _("supply")
        RECIPES = "recipes", _("recipes and cooking")
        GROUP_LIFE = "group_life", _("group life")
        MONEY = "money", _("money")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("the members of the groups")
        PARTNERS = "partners", _("members and partners (everyone with an account)")
        PUBLIC = "public", _("everyone")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reports")
    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,  # removing a workshop never loses its report
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("Empty: about the whole event."),
    )
    title = models.CharField(_("title"), max_length=120)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    text = models.TextField(
        _("what happened"),
        max_length=10000,
        blank=True,
        help_text=_("Short sentences. **bold**, *italics*, lists with - and links work."),
    )
    video_url = models.URLField(_("video link"), blank=True, max_length=300)
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:report", args=[self.pk])


class Attachment(models.Model):
    """A photo, a sound recording or a PDF file of a report. Every file is checked from
    its bytes when it comes in (pictures are re-encoded), so it is only ever what its kind
    says."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        AUDIO = "audio", _("sound recording")
        PDF = "pdf", _("PDF file")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="reports/", storage=report_storage)
    caption = models.CharField(_("in a few words"), max_length=160, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.caption or self.file.name
