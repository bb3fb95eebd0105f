"""Cooking sessions, pre-orders, receipts, and the money that follows.

Money is whole cents everywhere. What people owe each other is never stored as a number
that gets changed: it is the sum of an append-only ledger (`LedgerEntry`), written when a
session is settled, reversed (by new entries) when it is reopened, and when a transfer
between two members is confirmed.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from groups.models import Membership

# The limits: one constant each, read by the forms, the services, the templates (through
# the models) and the JavaScript (through the inputs' max attribute).
MOST_ORDERED = 99  # portions a person orders of a dish: more is a typing mistake


class CookingSession(models.Model):
    MOST_ORDERED = MOST_ORDERED  # for the templates

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("open for pre-orders")
        CLOSED = "closed", _("pre-orders closed")
        COOKED = "cooked", _("cooked")
        SETTLED = "settled", _("settled")

    group = models.ForeignKey("groups.Group", on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("day and time"))
    kitchen = models.ForeignKey(
        "groups.Kitchen",
        verbose_name=_("kitchen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    booking = models.OneToOneField(
        "groups.KitchenBooking",
        verbose_name=_("kitchen booking"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session",
    )
    deadline = models.DateTimeField(_("pre-order before"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    note = models.CharField(_("note for the members"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    # Not a column: the person's current membership of the group (None: not a member), set
    # by portions.access on the session it hands out.
    membership: "Membership | None"

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("cooking session")
        verbose_name_plural = _("cooking sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__lte=F("starts_at")), name="session_deadline_before_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {timezone.localtime(self.starts_at):%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("portions:session", args=[self.group.slug, self.pk])

    # The session's life, in one place: services, views and templates ask these.
    # draft → open ⇄ closed → cooked → settled (settling and reopening: portions/services.py).

    @property
    def next_states(self) -> list[str]:
        """The states a referent may move the session to by hand (the session page's
        buttons), in the order the buttons come."""
        S = self.Status
        allowed: dict[str, list[str]] = {
            S.DRAFT: [S.OPEN],
            S.OPEN: [S.CLOSED, S.DRAFT],
            S.CLOSED: [S.COOKED, S.OPEN],
            S.COOKED: [S.CLOSED],
        }
        return [str(state) for state in allowed.get(self.status, [])]

    def may_change_to(self, status: str) -> bool:
        return status in self.next_states

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def members_may_order(self) -> bool:
        return self.status == self.Status.OPEN and not self.deadline_passed

    @property
    def referent_may_order(self) -> bool:
        """A referent orders on behalf of a member until the pre-orders are cooked."""
        return self.status in (self.Status.OPEN, self.Status.CLOSED)

    @property
    def may_be_changed(self) -> bool:
        """Day, deadline, kitchen, note and menu change until the session is cooked."""
        return self.status in (self.Status.DRAFT, self.Status.OPEN, self.Status.CLOSED)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def takes_receipts(self) -> bool:
        """Receipts and the shopping list exist once the session is no longer a draft."""
        return self.status != self.Status.DRAFT

    @property
    def money_may_change(self) -> bool:
        """Receipts and portions taken change until the session is settled."""
        return self.status != self.Status.SETTLED

    @property
    def takes_portions_taken(self) -> bool:
        """What each member took is written once the pre-orders are closed."""
        return self.status in (self.Status.CLOSED, self.Status.COOKED)

    @property
    def is_cooked(self) -> bool:
        return self.status == self.Status.COOKED

    @property
    def is_settled(self) -> bool:
        return self.status == self.Status.SETTLED


class Dish(models.Model):
    """A recipe on a session's menu."""

    session = models.ForeignKey(CookingSession, on_delete=models.CASCADE, related_name="dishes")
    recipe = models.ForeignKey(
        "recipes.Recipe", verbose_name=_("recipe"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    max_portions = models.PositiveSmallIntegerField(
        _("at most (portions)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The size of the pots. Empty: no limit."),
    )
    batch_portions = models.PositiveSmallIntegerField(
        _("portions in a batch"),
        default=16,
        validators=[MinValueValidator(1)],
        help_text=_("Cook whole batches of this many portions. 1: cook what is ordered."),
    )
    left_for_group = models.PositiveSmallIntegerField(_("left to the group"), default=0)
    given_away = models.PositiveSmallIntegerField(_("given away"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("dish")
        verbose_name_plural = _("dishes")

    def __str__(self) -> str:
        return str(self.recipe)


class Order(models.Model):
    """How many portions of a dish a member asked for, and (after cooking) took."""

    dish = models.ForeignKey(Dish, on_delete=models.CASCADE, related_name="orders")
    membership = models.ForeignKey(
        "groups.Membership", on_delete=models.PROTECT, related_name="orders"
    )
    ordered = models.PositiveSmallIntegerField(_("pre-ordered"), default=0)
    taken = models.PositiveSmallIntegerField(
        _("taken"), null=True, blank=True, help_text=_("Empty: as pre-ordered.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pre-order")
        verbose_name_plural = _("pre-orders")
        constraints = [
            models.UniqueConstraint(fields=["dish", "membership"], name="one_order_per_dish"),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} · {self.dish} · {self.ordered}"

    @property
    def portions_taken(self) -> int:
        return self.ordered if self.taken is None else self.taken


class Receipt(models.Model):
    session = models.ForeignKey(CookingSession, on_delete=models.PROTECT, related_name="receipts")
    payer = models.ForeignKey(
        "groups.Membership",
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    amount_cents = models.PositiveIntegerField(_("amount"))
    shop = models.CharField(_("shop"), max_length=80, blank=True)
    dish = models.ForeignKey(
        Dish,
        verbose_name=_("for the dish"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receipts",
        help_text=_("Empty: for the whole session."),
    )
    photo = models.ImageField(_("photo of the receipt"), upload_to="receipts/", blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="receipt_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.shop} {self.amount_cents / 100:.2f} €"


class Transfer(models.Model):
    """Money one member gives another to settle up. Proposed by the app from the balances;
    either side marks it paid; the receiver confirms, which writes it in the ledger."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("to pay")
        PAID = "paid", _("paid, to confirm")
        CONFIRMED = "confirmed", _("received")

    class Method(models.TextChoices):
        CASH = "cash", _("in cash")
        BANK = "bank", _("by bank transfer")

    group = models.ForeignKey("groups.Group", on_delete=models.PROTECT, related_name="transfers")
    debtor = models.ForeignKey(
        "groups.Membership", on_delete=models.PROTECT, related_name="transfers_out"
    )
    creditor = models.ForeignKey(
        "groups.Membership", on_delete=models.PROTECT, related_name="transfers_in"
    )
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    method = models.CharField(max_length=5, choices=Method.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]  # as proposed: money comes in before it goes out
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="transfer_positive"),
            models.CheckConstraint(
                condition=~Q(debtor=F("creditor")), name="transfer_between_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.debtor_id} → {self.creditor_id}: {self.amount_cents / 100:.2f} €"


class LedgerQuerySet(models.QuerySet):
    """Rows are added (portions/ledger.py), never changed nor removed, even in bulk."""

    def update(self, **kwargs):
        raise ValidationError("Ledger entries are never changed: write a reversal.")

    def delete(self):
        raise ValidationError("Ledger entries are never deleted: write a reversal.")


class LedgerEntry(models.Model):
    """One line of a group's ledger. Never changed, never deleted: a mistake is undone by
    a new entry that reverses it. Positive: the group owes the member (they paid a
    receipt, or paid someone back); negative: the member owes (portions they took)."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("paid the shopping")
        CHARGE = "charge", _("portions taken")
        PAYMENT = "payment", _("settling up")
        REVERSAL = "reversal", _("correction")

    group = models.ForeignKey("groups.Group", on_delete=models.PROTECT, related_name="entries")
    membership = models.ForeignKey(
        "groups.Membership", on_delete=models.PROTECT, related_name="entries"
    )
    session = models.ForeignKey(
        CookingSession, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    transfer = models.ForeignKey(
        Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount_cents = models.IntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["group", "membership"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_cents / 100:+.2f} €"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Ledger entries are never changed: write a reversal.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Ledger entries are never deleted: write a reversal.")
