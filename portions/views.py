from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from core.charts import bar_chart_svg
from core.refusals import shown_as_message
from groups import access as group_access
from groups.models import KitchenBooking, Membership
from portions import access, ledger, services
from portions.counter import movement_this_year, portion_counter
from portions.forms import (
    EditSessionForm,
    OrderForm,
    ReceiptForm,
    ReopenForm,
    SessionForm,
    TakenForm,
    apply_step,
)
from portions.models import MOST_ORDERED, CookingSession, Order, Receipt, Transfer
from portions.queries import menu
from recipes import access as recipe_access

S = CookingSession.Status


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The sessions of my groups: the coming ones first, then the last ones."""
    groups = list(group_access.groups_of(request.user))
    managed = [group for group in groups if access.may_see_drafts(request.user, group)]
    visible = Q(group__in=groups) & (~Q(status=S.DRAFT) | Q(group__in=managed))
    sessions = CookingSession.objects.filter(visible).select_related("group", "kitchen")
    now = timezone.now()
    return render(
        request,
        "portions/index.html",
        {
            "coming": sessions.filter(starts_at__gte=now).order_by("starts_at")[:10],
            "past": sessions.filter(starts_at__lt=now).order_by("-starts_at")[:10],
            "managed": managed,
            "groups": groups,
            "movement_this_year": movement_this_year(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_session(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = group_access.get_group_for_referent(request.user, slug)
    form = SessionForm(
        _posted(request),
        kitchens=group.kitchens.all(),
        recipes=recipe_access.readable_recipes(request.user).order_by("title"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with shown_as_message(request) as attempt:
            session = services.create_session(
                group,
                starts_at=data["starts_at"],
                deadline=data["deadline"],
                kitchen=data["kitchen"],
                recipes=[(recipe, data["max_portions"]) for recipe in data["recipes"]],
                note=data["note"],
                by=request.user,
            )
        if attempt.ok:
            messages.success(request, _("The session is ready. Open it for pre-orders."))
            return redirect("portions:session", group.slug, session.pk)
    return render(request, "portions/new_session.html", {"group": group, "form": form})


def _next(request, fallback):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_GET
def session(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    session = access.get_session_for_member(request.user, slug, pk)
    the_menu = menu(session, request.user)
    form = OrderForm(
        dishes=[line.dish for line in the_menu.lines],
        orders={line.dish.pk: line.mine for line in the_menu.lines},
    )
    return render(
        request,
        "portions/session.html",
        {
            "session": session,
            "group": session.group,
            "menu": the_menu,
            "form": form,
            "next_statuses": session.next_states,
            "reopen_form": ReopenForm(),
        },
    )


@login_required
@require_POST
def order(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member's own pre-order: the numbers, or one − / + pressed without JavaScript."""
    session = access.get_session_for_member(request.user, slug, pk)
    if session.membership is None:
        messages.error(request, _("Only the group's members can order portions."))
        return redirect(session)
    dishes = list(session.dishes.select_related("recipe"))
    data = request.POST
    stepping = "step" in data
    if stepping:
        try:
            data = apply_step(data, data["step"])
        except ValidationError:
            stepping = False
    form = OrderForm(data, dishes=dishes, orders={})
    if not form.is_valid():
        messages.error(
            request, _("Choose between 0 and %(most)s portions.") % {"most": MOST_ORDERED}
        )
        return _next(request, session)
    with shown_as_message(request) as attempt:
        services.place_order(session, session.membership, form.wanted(), by=request.user)
    if attempt.ok and not stepping:
        messages.success(request, _("Thank you! Your pre-order is saved."))
    return _next(request, session)


@login_required
@require_http_methods(["GET", "POST"])
def orders(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The referent orders on behalf of a member (one who has no phone, say)."""
    session = access.get_session_for_referent(request.user, slug, pk)
    memberships = list(session.group.memberships.listed())
    chosen_id = request.POST.get("member") or request.GET.get("member")
    chosen = next((m for m in memberships if str(m.pk) == str(chosen_id)), None)
    dishes = list(session.dishes.select_related("recipe"))
    mine = {}
    if chosen is not None:
        mine = dict(
            Order.objects.filter(dish__session=session, membership=chosen).values_list(
                "dish", "ordered"
            )
        )
    form = OrderForm(_posted(request), dishes=dishes, orders=mine)
    if request.method == "POST" and chosen is not None and form.is_valid():
        with shown_as_message(request) as attempt:
            services.place_order(session, chosen, form.wanted(), by=request.user, as_referent=True)
        if attempt.ok:
            messages.success(
                request,
                _("Saved for %(name)s.") % {"name": chosen.person.display_name},
            )
            return redirect("portions:orders", slug, session.pk)
    table = _order_table(session, memberships, dishes)
    return render(
        request,
        "portions/orders.html",
        {
            "session": session,
            "group": session.group,
            "memberships": memberships,
            "chosen": chosen,
            "form": form if chosen else None,
            "dishes": dishes,
            "table": table,
        },
    )


def _order_table(session, memberships, dishes):
    counts = {
        (o.membership_id, o.dish_id): o
        for o in Order.objects.filter(dish__session=session).only(
            "membership_id", "dish_id", "ordered", "taken"
        )
    }
    rows = []
    for membership in memberships:
        cells = [counts.get((membership.pk, dish.pk)) for dish in dishes]
        rows.append((membership, cells))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def edit_session(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    session = access.get_session_for_referent(request.user, slug, pk)
    form = EditSessionForm(
        _posted(request),
        session=session,
        kitchens=session.group.kitchens.all(),
        recipes=recipe_access.readable_recipes(request.user).order_by("title"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with shown_as_message(request) as attempt:
            services.update_session(
                session,
                starts_at=data["starts_at"],
                deadline=data["deadline"],
                kitchen=data["kitchen"],
                note=data["note"],
                maxima=form.maxima(),
                remove=form.removed(),
                add=form.added(),
            )
        if attempt.ok:
            messages.success(request, _("Saved."))
            return redirect(session)
    return render(
        request,
        "portions/edit_session.html",
        {"session": session, "group": session.group, "form": form},
    )


@login_required
@require_POST
def status(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    session = access.get_session_for_referent(request.user, slug, pk)
    with shown_as_message(request) as attempt:
        services.change_status(session, request.POST.get("status", ""), by=request.user)
    if attempt.ok:
        messages.success(
            request, _("The session is now: %(status)s.") % {"status": session.get_status_display()}
        )
    return redirect(session)


@login_required
@require_http_methods(["GET", "POST"])
def receipts(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    session = access.get_session_for_referent(request.user, slug, pk)
    memberships = session.group.memberships.listed()
    dishes = session.dishes.select_related("recipe")
    form = ReceiptForm(
        _posted(request), request.FILES or None, memberships=memberships, dishes=dishes
    )
    if request.method == "POST" and request.POST.get("remove"):
        receipt = get_object_or_404(Receipt, session=session, pk=request.POST["remove"])
        with shown_as_message(request) as attempt:
            services.remove_receipt(receipt)
        if attempt.ok:
            messages.success(request, _("The receipt is removed."))
        return redirect("portions:receipts", slug, session.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with shown_as_message(request) as attempt:
            services.add_receipt(
                session,
                payer=data["payer"],
                amount_cents=data["amount"],
                shop=data["shop"],
                dish=data["dish"],
                photo=data["photo"] or "",
                note=data["note"],
                by=request.user,
            )
        if attempt.ok:
            messages.success(request, _("The receipt is saved."))
            return redirect("portions:receipts", slug, session.pk)
    listed = session.receipts.select_related("payer__person", "dish__recipe")
    return render(
        request,
        "portions/receipts.html",
        {
            "session": session,
            "group": session.group,
            "form": form,
            "receipts": listed,
            "total": sum(r.amount_cents for r in listed),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def taken(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """After cooking: what each member took (their pre-order unless changed)."""
    session = access.get_session_for_referent(request.user, slug, pk)
    memberships = list(session.group.memberships.listed())
    dishes = list(session.dishes.select_related("recipe"))
    table = _order_table(session, memberships, dishes)
    form = TakenForm(_posted(request), table=table, dishes=dishes)
    if request.method == "POST" and form.is_valid():
        with shown_as_message(request) as attempt:
            services.record_taken(
                session, form.taken(), by=request.user, not_charged=form.not_charged()
            )
        if attempt.ok:
            messages.success(request, _("Saved."))
            return redirect(session)
    return render(
        request,
        "portions/taken.html",
        {"session": session, "group": session.group, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def settle(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Preview who pays what; settling writes it, once."""
    session = access.get_session_for_referent(request.user, slug, pk)
    if request.method == "POST":
        try:
            services.settle(session, by=request.user)
        except services.AlreadySettled:
            messages.info(request, _("This session is already settled."))
        except services.SessionError as refusal:
            messages.error(request, refusal.message)
            return redirect("portions:settle", slug, session.pk)
        else:
            messages.success(request, _("Settled. Everyone can see what they owe."))
        return redirect("portions:accounts", slug)
    result = services.preview(session)
    people = result.people
    others = {pk for transfer in result.transfers for pk in transfer[:2]} - set(people)
    if others:  # balances carried from earlier sessions
        people.update(Membership.objects.select_related("person").in_bulk(others))
    rows = [
        (
            people[membership_id],
            result.portions.get(membership_id, 0),
            result.charges.get(membership_id, 0),
            result.paid.get(membership_id, 0),
            result.balances.get(membership_id, 0),
        )
        for membership_id in dict.fromkeys([*result.charges, *result.paid])
    ]
    transfers = [(people[d], people[c], cents) for d, c, cents in result.transfers]
    return render(
        request,
        "portions/settle.html",
        {
            "session": session,
            "group": session.group,
            "preview": result,
            "rows": rows,
            "transfers": transfers,
        },
    )


@login_required
@require_POST
def reopen(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    session = access.get_session_for_referent(request.user, slug, pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["confirm"][0]))
        return redirect(session)
    with shown_as_message(request) as attempt:
        services.reopen(session, by=request.user)
    if attempt.ok:
        messages.success(request, _("Reopened: the amounts are cancelled until you settle again."))
    return redirect(session)


@login_required
@require_GET
def accounts(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The group's money: what I owe or am owed, the transfers that settle it."""
    group = group_access.get_group_for_member(request.user, slug)
    membership = group_access.my_membership(request.user, group)
    balances = ledger.balances(group)
    transfers = list(
        Transfer.objects.filter(group=group)
        .exclude(status=Transfer.Status.CONFIRMED)
        .select_related("debtor__person", "creditor__person")
    )
    mine = [
        t
        for t in transfers
        if membership is not None and membership.pk in (t.debtor_id, t.creditor_id)
    ]
    everyone = []
    if group.can_manage:
        people = {m.pk: m for m in group.memberships.select_related("person")}
        everyone = [(people[pk], cents) for pk, cents in balances.items() if cents]
    return render(
        request,
        "portions/accounts.html",
        {
            "group": group,
            "membership": membership,
            "balance": balances.get(membership.pk, 0) if membership else 0,
            "mine": mine,
            "transfers": transfers if group.can_manage else mine,
            "everyone": everyone,
        },
    )


@login_required
@require_POST
def transfer_paid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = access.get_transfer_for_party(request.user, pk)
    method = request.POST.get("method")
    if method not in Transfer.Method.values:
        messages.error(request, _("Say how: in cash or by bank transfer."))
    else:
        with shown_as_message(request) as attempt:
            services.mark_paid(transfer, by=request.user, method=method)
        if attempt.ok:
            messages.success(request, _("Thank you! It is marked as paid."))
    return redirect("portions:accounts", transfer.group.slug)


@login_required
@require_POST
def transfer_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = access.get_transfer_for_party(request.user, pk)
    with shown_as_message(request) as attempt:
        services.confirm(transfer, by=request.user)
    if attempt.ok:
        messages.success(request, _("Received: it is in the accounts."))
    return redirect("portions:accounts", transfer.group.slug)


def _posted(request):
    """The posted data, even when empty (an empty form is a real answer: all zero)."""
    return request.POST if request.method == "POST" else None


# The group's page ------------------------------------------------------------------------


@login_required
@require_GET
def group(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A group's page: its next sessions and portion counter, its members, kitchens and
    bookings. (Here rather than in groups/: sessions and portions live on this floor.)"""
    group = group_access.get_group_for_member(request.user, slug)
    memberships = group.memberships.listed()
    bookings = (
        KitchenBooking.objects.filter(group=group, ends_at__gte=timezone.now())
        .select_related("kitchen")
        .order_by("starts_at")[:5]
    )
    cooked = portion_counter(group, with_movement=False)  # the movement's: on /cooking/
    sessions = group.sessions.filter(starts_at__gte=timezone.now()).select_related("kitchen")
    if not access.may_see_drafts(request.user, group):
        sessions = sessions.exclude(status=CookingSession.Status.DRAFT)
    months = cooked["months"]
    cooked_chart = bar_chart_svg(
        [count for _month, count in months],
        [date_format(month, "N") for month, _count in months],
        title=_("Portions cooked each month"),
        spoken=[date_format(month, "F Y") for month, _count in months],
    )
    return render(
        request,
        "portions/group.html",
        {
            "group": group,
            "cooked": cooked,
            "sessions": sessions.order_by("starts_at")[:3],
            "cooked_chart": cooked_chart,
            "can_follow": group_access.may_follow(request.user, group),
            "memberships": memberships,
            "kitchens": group.kitchens.all(),
            "bookings": bookings,
        },
    )
