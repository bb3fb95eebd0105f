"""Facilitation pages: the dashboard of the groups to contact, a group's follow-up, and
logging a contact. For facilitators (their groups) and coordinators (every group)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from facilitation import access
from facilitation.forms import ContactForm, LaunchForm, RhythmForm
from facilitation.models import LaunchStep, Need
from facilitation.queries import (
    attach_due,
    attach_health,
    followed_by_due,
    get_state,
    with_contact_state,
)
from facilitation.rules import due_on, launch_checklist, needs_overview, week_of
from facilitation.services import change_contact, log_contact, set_launch_steps, set_rhythm
from groups.access import followed_groups
from groups.models import Group

PAGE_SIZE = 30  # the most due first: the page weighs the same for 20 groups or 1,500


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The groups to contact, the most overdue first, each with its health and needs; and
    how many groups need what, to choose the themes of the next rendez-vous."""
    if not access.may_facilitate(request.user):
        raise Http404
    today = timezone.localdate()
    groups = followed_by_due(followed_groups(request.user), today)
    facilitators, chosen = [], None
    if request.user.is_coordinator:
        # Coordinators may look at one facilitator's groups (or the groups nobody follows).
        facilitators = sorted(
            {group.facilitator for group in groups if group.facilitator},
            key=lambda person: person.display_name.lower(),
        )
        chosen = request.GET.get("facilitator", "")
        if chosen == "none":
            groups = [group for group in groups if group.facilitator_id is None]
        elif chosen.isdigit():
            groups = [group for group in groups if group.facilitator_id == int(chosen)]
        else:
            chosen = None
    need = request.GET.get("need", "")
    need = Need(need) if need in Need.values else None
    shown = [group for group in groups if need.value in group.needs] if need else groups
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    attach_health(page.object_list, today)
    for group in page.object_list:
        if group.status == Group.Status.LAUNCHING:
            group.launch = launch_checklist(group.launch_done)
            group.launch_next = next((step for step, done in group.launch if not done), None)
    _monday, sunday = week_of(today)
    return render(
        request,
        "facilitation/dashboard.html",
        {
            "page": page,
            "need": need,
            "total": len(groups),
            "due_this_week": sum(1 for group in groups if group.due_on <= sunday),
            "late": sum(1 for group in groups if group.due_on < today),
            "needs": needs_overview(groups),
            "launch_total": len(LaunchStep),
            "facilitators": facilitators,
            "chosen": chosen,
        },
    )


def _group_page(
    request, group: Group, *, launch_form=None, rhythm_form=None, launch_saved=False
) -> HttpResponse:
    today = timezone.localdate()
    state = get_state(group, today)
    contacts = list(group.facilitation_contacts.select_related("by").latest_first()[:30])
    context = {
        "group": state,
        "contacts": contacts,
        "launch_form": launch_form or LaunchForm(initial={"steps": state.launch_done}),
        "launch_saved": launch_saved,
        "rhythm_form": rhythm_form or RhythmForm(initial={"rhythm_days": state.rhythm_days}),
    }
    if request.htmx and request.htmx.target == "launch":
        return render(request, "facilitation/group.html#launch", context)
    return render(request, "facilitation/group.html", context)


@login_required
@require_GET
def group(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """One group's follow-up: its health, launch steps, rhythm and the contacts so far."""
    return _group_page(request, access.get_group_for_facilitator(request.user, slug))


@login_required
@require_http_methods(["GET", "POST"])
def log(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Write down a contact; back to the dashboard, where the group moves down the list."""
    group = access.get_group_for_facilitator(request.user, slug)
    today = timezone.localdate()
    state = attach_due(with_contact_state(Group.objects.filter(pk=group.pk)).get(), today)
    form = ContactForm(request.POST or None, rhythm_days=state.rhythm_days)
    if request.method == "POST" and form.is_valid():
        note = form.note()
        log_contact(group, note, by=request.user)
        following = due_on(
            last_contact_on=note.contacted_on,
            next_contact_on=note.next_contact_on,
            rhythm_days=state.rhythm_days,
            since=today,
        )
        messages.success(
            request,
            _("Contact with %(group)s noted. Next contact: %(day)s.")
            % {"group": group.name, "day": date_format(following, "l j F")},
        )
        return redirect("facilitation:dashboard")
    return render(request, "facilitation/log.html", {"group": state, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def change(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Correct a contact written down with a mistake."""
    group, contact = access.get_contact_for_facilitator(request.user, slug, pk)
    state = attach_due(
        with_contact_state(Group.objects.filter(pk=group.pk)).get(), timezone.localdate()
    )
    form = ContactForm(
        request.POST or None,
        initial=ContactForm.initial_from(contact),
        rhythm_days=state.rhythm_days,
    )
    if request.method == "POST" and form.is_valid():
        change_contact(contact, form.note())
        messages.success(request, _("The contact is corrected."))
        return redirect("facilitation:group", group.slug)
    return render(
        request, "facilitation/log.html", {"group": state, "form": form, "contact": contact}
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remove a contact written down by mistake, after a confirmation."""
    group, contact = access.get_contact_for_facilitator(request.user, slug, pk)
    if request.method == "POST":
        contact.delete()
        messages.success(request, _("The contact is removed."))
        return redirect("facilitation:group", group.slug)
    return render(request, "facilitation/remove.html", {"group": group, "contact": contact})


@login_required
@require_POST
def rhythm(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = access.get_group_for_facilitator(request.user, slug)
    form = RhythmForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, rhythm_form=form)
    set_rhythm(group, form.cleaned_data["rhythm_days"])
    messages.success(request, _("Saved."))
    return redirect("facilitation:group", group.slug)


@login_required
@require_POST
def launch(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Tick the launch steps done; htmx swaps the checklist, a plain post comes back."""
    group = access.get_group_for_facilitator(request.user, slug)
    form = LaunchForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, launch_form=form)
    set_launch_steps(group, form.cleaned_data["steps"])
    if request.htmx:
        return _group_page(request, group, launch_saved=True)
    messages.success(request, _("Saved."))
    return redirect("facilitation:group", group.slug)
