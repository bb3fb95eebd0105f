from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self,
        email: str | None = None,
        password: str | None = None,
        *,
        email_verified: bool = False,
        **fields,
    ):
        email = self.normalize_email(email or "").lower() or None
        user = self.model(email=email, **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        user.record_email(verified=email_verified)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True, is_coordinator=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person of the movement.

    The e-mail is the login. It may be empty: a referent manages members who have no
    e-mail; they never log in until an e-mail is attached. Empty e-mails are stored as
    NULL so that uniqueness only applies to real addresses.
    """

    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    display_name = models.CharField(_("name"), max_length=80)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    bank_account = models.CharField(
        _("bank account (IBAN)"),
        max_length=40,
        blank=True,
        help_text=_("Shown only to the people who owe you money in your group."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Staff: publishes events, manages kitchens, reads the figures."),
    )
    is_facilitator = models.BooleanField(
        _("facilitator"), default=False, help_text=_("Staff: follows groups.")
    )
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("Can open the administration site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name"]
        constraints = [
            # Amina@Example.org and amina@example.org are one person, whoever types it.
            models.UniqueConstraint(Lower("email"), name="unique_email_whatever_its_case"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email or f"#{self.pk}"

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def first_name(self) -> str:
        """What the member home greets them with: the first word of their name."""
        return (self.display_name or "").split(" ")[0] or (self.email or "").split("@")[0]

    def record_email(self, *, verified: bool = False) -> None:
        """Give allauth its record of the person's e-mail: the login by code looks there
        (and marks it verified once a code has proved it)."""
        # allauth's models import ours (its adapter): importing theirs at the top would loop.
        from allauth.account.models import EmailAddress  # noqa: PLC0415

        if not self.email:
            return
        EmailAddress.objects.filter(user=self).exclude(email=self.email).delete()
        EmailAddress.objects.update_or_create(
            user=self, email=self.email, defaults={"primary": True, "verified": verified}
        )

    @property
    def initials(self) -> str:
        """Shown instead of a photo: "Amina Benali" is "AB"."""
        return "".join(word[0] for word in self.display_name.split()[:2]).upper() or "?"

    @property
    def can_log_in(self) -> bool:
        return bool(self.email) and self.is_active

    @property
    def is_movement_staff(self) -> bool:
        """Coordinators and facilitators follow every group they are given."""
        return self.is_coordinator or self.is_facilitator
