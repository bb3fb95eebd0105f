"""What a session prints or exports: its shopping list (a phone page to tick in the shop),
labels for the containers (an A4 PDF), and the money as CSV files for a spreadsheet.

Each view gets its session or group from groups/access.py, like every other view, and
stays within the query budget whatever the number of dishes, lines or people.
"""

import calendar
from datetime import date, timedelta

import segno
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from core import pdf, text
from core.exports import Number, csv_response
from groups import access as group_access
from groups.models import Membership
from portions import access, services
from portions.models import Dish, LedgerEntry
from portions.queries import LINES, MenuLine
from recipes import quantities
from recipes.scaled import PriceBook, scale_recipe, shopping_list

LABELS_PER_PAGE = 21  # 3 columns × 7 rows: the common A4 sheet of 63,5 × 38,1 mm labels

# File names, in the reader's language (gettext_lazy: read when the file is made).
LABELS = gettext_lazy("labels")
ACCOUNTS = gettext_lazy("accounts")
LEDGER = gettext_lazy("ledger")


# The shopping list ----------------------------------------------------------------------


@login_required
@require_GET
def shopping(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """What to buy for the session: every dish at the portions to cook (whole batches),
    merged food by food, in the order of a walk through the shop, each line a box to
    tick. Seven queries in all: the login's two, the access check's two, then the dishes
    with everyone's pre-orders counted, their ingredients, the prices."""
    session = access.get_session_for_member(request.user, slug, pk)
    dishes = list(
        Dish.objects.filter(session=session)
        .select_related("recipe")
        .annotate(ordered_total=Coalesce(Sum("orders__ordered"), 0))
        .prefetch_related(LINES)
    )
    # The same lines as the session page's menu (portions/queries.py), without the
    # person's own pre-order, which a shopping list does not need.
    menu_lines = [MenuLine(dish, None, 0, dish.ordered_total) for dish in dishes]
    cooked = [(line.dish.recipe, line.to_cook) for line in menu_lines if line.to_cook]
    foods = {line.food_id for recipe, _portions in cooked for line in recipe.ingredients.all()}
    sections = shopping_list(cooked, PriceBook.load(session.group_id, foods)) if cooked else []
    exact = quantities.batch_cost(section.exact_cents for section in sections)
    return render(
        request,
        "portions/shopping.html",
        {
            "session": session,
            "group": session.group,
            "menu_lines": menu_lines,
            "portions": sum(line.to_cook for line in menu_lines),
            "sections": sections,
            "total_cents": quantities.to_cents(exact),
            "unpriced": [food for section in sections for food in section.unpriced],
        },
    )


# Labels for the containers ----------------------------------------------------------------


@login_required
@require_GET
def labels(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """A4 sheets of labels, one for each portion taken (as pre-ordered until the portions
    taken are recorded), left to the group or given away: the dish, the day it was cooked,
    until when to eat it, its allergens, the group, and a QR code to the recipe. Six
    queries in all."""
    session = access.get_session_for_referent(request.user, slug, pk)
    dishes = (
        Dish.objects.filter(session=session)
        .select_related("recipe")
        .annotate(taken_total=Coalesce(Sum(Coalesce("orders__taken", "orders__ordered")), 0))
        .prefetch_related(LINES)
    )
    cooked_on = timezone.localdate(session.starts_at)
    no_prices = PriceBook([])  # only the allergens are wanted
    stickers = []
    for dish in dishes:
        recipe = dish.recipe
        count = dish.taken_total + dish.left_for_group + dish.given_away
        if not count:
            continue
        scaled = scale_recipe(recipe, recipe.portions, no_prices, with_equipment=False)
        url = request.build_absolute_uri(recipe.get_absolute_url())
        qr = segno.make(url, error="m").svg_inline(dark="#000", border=0, omitsize=True)
        label = {
            "recipe": recipe,
            "allergens": scaled.allergens,
            "eat_by": cooked_on + timedelta(days=recipe.fridge_days)
            if recipe.fridge_days
            else None,
            "frozen_by": add_months(cooked_on, recipe.freezer_months)
            if recipe.freezer_months
            else None,
            "qr": mark_safe(qr),  # noqa: S308 - drawn by segno from our own address
        }
        stickers += [label] * count
    pages = [
        stickers[start : start + LABELS_PER_PAGE]
        for start in range(0, len(stickers), LABELS_PER_PAGE)
    ]
    return pdf.response(
        request,
        "portions/pdf/labels.html",
        {
            "session": session,
            "group": session.group,
            "cooked_on": cooked_on,
            "pages": pages,
            "title": _("Labels"),
        },
        filename=f"{text.slug(str(LABELS))}-{cooked_on.isoformat()}.pdf",
    )


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day: 31 May + 1 → 30 June."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# The money, for a spreadsheet ---------------------------------------------------------------
# Written by core/exports.py, as Belgian spreadsheets read it. Amounts have a decimal comma
# ("7,45"), as Excel in French or Dutch reads them; dates are written 2026-12-05, which
# every spreadsheet reads.


def decimal_comma(cents: int | None) -> Number:
    """Whole cents as a spreadsheet in Belgium reads them: −745 → "-7,45", a `Number`, so
    the export keeps the minus sign of a negative amount."""
    if cents is None:
        return Number("")
    sign = "-" if cents < 0 else ""
    return Number(f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}")


@login_required
@require_GET
def session_csv(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Each person's portions, charge, what they paid and their balance for the session,
    as the settling page shows them (services.preview). Before the receipts are entered,
    the charges and balances are empty."""
    session = access.get_session_for_referent(request.user, slug, pk)
    result = services.preview(session)
    ids = list(dict.fromkeys([*result.portions, *result.charges, *result.paid]))
    people = Membership.objects.filter(group=session.group, pk__in=ids).select_related("person")
    names = {membership.pk: membership.person.display_name for membership in people}
    rows = [
        [
            names.get(membership_id, ""),
            result.portions.get(membership_id, 0),
            decimal_comma(result.charges.get(membership_id, 0) if result.ready else None),
            decimal_comma(result.paid.get(membership_id, 0)),
            decimal_comma(result.balances.get(membership_id, 0) if result.ready else None),
        ]
        for membership_id in ids
    ]
    header = [_("Member"), _("Portions taken"), _("Charge"), _("Paid"), _("Balance")]
    day = timezone.localdate(session.starts_at).isoformat()
    return csv_response(f"{text.slug(str(ACCOUNTS))}-{day}.csv", header, rows)


@login_required
@require_GET
def ledger_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Every line of the group's ledger, oldest first: what was paid, charged, settled up
    or corrected. Positive: the group owes the member; negative: the member owes."""
    group = group_access.get_group_for_referent(request.user, slug)
    entries = (
        LedgerEntry.objects.filter(group=group)
        .select_related("membership__person", "session")
        .only(
            "created_at",
            "kind",
            "amount_cents",
            "membership__person__display_name",
            "session__starts_at",
        )
        .order_by("created_at", "pk")
    )
    rows = [
        [
            timezone.localdate(entry.created_at).isoformat(),
            entry.membership.person.display_name,
            entry.get_kind_display(),
            timezone.localdate(entry.session.starts_at).isoformat() if entry.session else "",
            decimal_comma(entry.amount_cents),
        ]
        for entry in entries
    ]
    header = [_("Date"), _("Member"), _("What"), _("Cooking session"), _("Amount (€)")]
    today = timezone.localdate().isoformat()
    return csv_response(
        f"{text.slug(group.slug)}-{text.slug(str(LEDGER))}-{today}.csv", header, rows
    )
