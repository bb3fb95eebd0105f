from datetime import datetime, timedelta

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from core.http import HtmxHttpRequest
from core.refusals import shown_as_message
from groups import access
from groups.bookings import BookingError, book_kitchen, cancel_booking
from groups.forms import (
    AttachEmailForm,
    BookingForm,
    GroupForm,
    InvitationForm,
    LeaveForm,
    MembershipForm,
    MemberWithoutEmailForm,
    OverviewFilterForm,
    StatusForm,
)
from groups.models import Group, Invitation, Kitchen, KitchenBooking, Membership
from groups.services import (
    GroupError,
    accept_invitation,
    add_member_without_email,
    attach_email,
    change_role,
    change_status,
    create_invitation,
    invitation_refusal,
    leave_group,
    revoke_invitation,
)

# Public ---------------------------------------------------------------------------------


@login_not_required
@require_GET
def directory(request: HtmxHttpRequest) -> HttpResponse:
    """The public cards of the groups: name, commune, status. No member names."""
    groups = Group.objects.exclude(status=Group.Status.STOPPED).only(
        "name", "slug", "commune", "neighbourhood", "status", "logo"
    )
    return render(request, "groups/directory.html", {"groups": groups})


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """An invitation opened from its link or QR code."""
    invitation = Invitation.objects.select_related("group").filter(token=token).first()
    refusal = invitation_refusal(invitation)
    if refusal:
        return render(request, "groups/join_invalid.html", {"refusal": refusal})
    if not request.user.is_authenticated:
        # The sign-up form reads it: only an invitation opens it.
        request.session["invitation"] = token
        return render(request, "groups/join.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            membership = accept_invitation(token, request.user)
        except GroupError as refusal:
            return render(request, "groups/join_invalid.html", {"refusal": refusal.message})
        messages.success(request, _("Welcome to %(group)s!") % {"group": membership.group.name})
        return redirect(membership.group)
    already = (
        Membership.objects.current().filter(group=invitation.group, person=request.user).exists()
    )
    if already:
        return redirect(invitation.group)
    return render(request, "groups/join.html", {"invitation": invitation})


# Members --------------------------------------------------------------------------------


# Referents ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_referent(request.user, slug)
    form = GroupForm(request.POST or None, request.FILES or None, instance=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("groups:settings", group.slug)
    return render(
        request,
        "groups/settings.html",
        {"group": group, "form": form, "status_form": StatusForm(initial={"status": group.status})},
    )


@login_required
@require_POST
def status(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_referent(request.user, slug)
    form = StatusForm(request.POST)
    if form.is_valid():
        change_status(
            group, form.cleaned_data["status"], by=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request, _("The status is now: %(status)s.") % {"status": group.get_status_display()}
        )
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("groups:settings", group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The referent's list of members, and adding someone who has no e-mail."""
    group = access.get_group_for_referent(request.user, slug)
    form = MemberWithoutEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_member_without_email(group, **form.cleaned_data)
        messages.success(
            request, _("%(name)s is in the group.") % {"name": form.cleaned_data["display_name"]}
        )
        return redirect("groups:members", group.slug)
    memberships = group.memberships.listed()
    return render(
        request,
        "groups/members.html",
        {"group": group, "memberships": memberships, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One member, for the referent: role, e-mail for a member who has none, leaving."""
    group = access.get_group_for_referent(request.user, slug)
    member = get_object_or_404(group.memberships.current().select_related("person"), pk=pk)
    role_form = MembershipForm(initial={"role": member.role})
    email_form = AttachEmailForm()
    if request.method == "POST":
        action = request.POST.get("action")
        with shown_as_message(request):
            if action == "role":
                role_form = MembershipForm(request.POST)
                if role_form.is_valid():
                    change_role(member, role_form.cleaned_data["role"])
                    messages.success(request, _("Saved."))
                    return redirect("groups:membership", group.slug, member.pk)
            elif action == "email" and not member.person.email:
                email_form = AttachEmailForm(request.POST)
                if email_form.is_valid():
                    attach_email(member.person, email_form.cleaned_data["email"])
                    messages.success(request, _("Saved. This person can now log in."))
                    return redirect("groups:membership", group.slug, member.pk)
            elif action == "leave":
                leave_form = LeaveForm(request.POST)
                if not leave_form.is_valid():
                    messages.error(request, leave_form.errors["confirm"][0])
                else:
                    leave_group(member)
                    messages.success(
                        request,
                        _("%(name)s has left the group.") % {"name": member.person.display_name},
                    )
                    return redirect("groups:members", group.slug)
    return render(
        request,
        "groups/membership.html",
        {
            "group": group,
            "member": member,
            "role_form": role_form,
            "email_form": email_form,
            "leave_form": LeaveForm(),  # unbound: the refusal is said in a message
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_referent(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = create_invitation(group, by=request.user, **form.cleaned_data)
        return redirect("groups:invitation", group.slug, invitation.pk)
    return render(
        request,
        "groups/invitations.html",
        {"group": group, "form": form, "invitations": group.invitations.all()[:20]},
    )


@login_required
@require_GET
def invitation(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The link and its QR code, big enough to scan from a phone held up in the kitchen."""
    group = access.get_group_for_referent(request.user, slug)
    invitation = get_object_or_404(group.invitations, pk=pk)
    url = request.build_absolute_uri(invitation.get_absolute_url())
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=6, dark="#1d1d1b", border=2, omitsize=True)
    return render(
        request,
        "groups/invitation.html",
        {"group": group, "invitation": invitation, "url": url, "qr": mark_safe(svg)},  # noqa: S308
    )


@login_required
@require_POST
def revoke(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.get_group_for_referent(request.user, slug)
    revoke_invitation(get_object_or_404(group.invitations, pk=pk))
    messages.success(request, _("The invitation is cancelled: its link no longer works."))
    return redirect("groups:invitations", group.slug)


# Staff ----------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """All groups (coordinators) or the followed ones (facilitators), by status and commune."""
    if not access.may_see_overview(request.user):
        raise Http404
    form = OverviewFilterForm(request.GET or None)
    groups = access.followed_groups(request.user).select_related("facilitator")
    if form.is_valid():
        if form.cleaned_data["status"]:
            groups = groups.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["commune"]:
            groups = groups.filter(commune=form.cleaned_data["commune"])
    return render(request, "groups/overview.html", {"form": form, "groups": groups})


# Kitchens -------------------------------------------------------------------------------


@login_required
@require_GET
def kitchens(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "groups/kitchens.html",
        {"kitchens": Kitchen.objects.all()},
    )


def _week_start(request) -> datetime:
    day = parse_date(request.GET.get("week", "")) or timezone.localdate()
    monday = day - timedelta(days=day.weekday())
    return timezone.make_aware(datetime.combine(monday, datetime.min.time()))


@login_required
@require_GET
def kitchen(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A kitchen and its week, as a list by day that reads well on a phone."""
    kitchen = access.get_kitchen(slug)
    start = _week_start(request)
    bookings = list(
        kitchen.bookings.filter(starts_at__lt=start + timedelta(days=7), ends_at__gt=start)
        .select_related("group")
        .order_by("starts_at")
    )
    groups_here = list(access.groups_cooking_in(kitchen, request.user))
    days = []
    for offset in range(7):
        day = (start + timedelta(days=offset)).date()
        day_bookings = [b for b in bookings if timezone.localtime(b.starts_at).date() == day]
        days.append({"day": day, "bookings": day_bookings})
    return render(
        request,
        "groups/kitchen.html",
        {
            "kitchen": kitchen,
            "equipment": kitchen.equipment.all(),
            "days": days,
            "previous_week": (start - timedelta(days=7)).date(),
            "next_week": (start + timedelta(days=7)).date(),
            "groups_here": groups_here,
            "food_hubs": kitchen.food_hubs.all(),
            "show_access": access.may_see_kitchen_access(request.user, groups_here),
            "can_book": access.bookable_groups(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def book(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    kitchen = access.get_kitchen(slug)
    groups = access.bookable_groups(request.user)
    if not groups.exists():
        raise PermissionDenied
    form = BookingForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        ends_at = timezone.make_aware(datetime.combine(data["day"], data["end"]))
        try:
            book_kitchen(
                kitchen=kitchen,
                group=data["group"],
                starts_at=starts_at,
                ends_at=ends_at,
                booked_by=request.user,
                note=data["note"],
            )
        except BookingError as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Booked."))
            return redirect(f"{kitchen.get_absolute_url()}?week={data['day'].isoformat()}")
    return render(request, "groups/book.html", {"kitchen": kitchen, "form": form})


@login_required
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        KitchenBooking.objects.select_related("kitchen"),
        pk=pk,
        group__in=access.bookable_groups(request.user),
    )
    cancel_booking(booking, by=request.user)
    messages.success(request, _("The booking is cancelled."))
    return redirect(booking.kitchen)
