"""Who may see events, registrations and reports.

Public events are for everyone; the others for people with an account. Coordinators
manage them. A guest's registration is reached only through its private link."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Q, QuerySet
from django.http import Http404

from accounts.http import AnyUser
from accounts.models import User
from events.models import Attachment, CalendarFeed, Event, Registration, Report
from groups.models import Membership


def visible_events(user: AnyUser) -> QuerySet[Event]:
    if user.is_authenticated:
        return Event.objects.all()
    return Event.objects.filter(audience=Event.Audience.PUBLIC)


def get_event_for_reader(user: AnyUser, pk: int) -> Event:
    event = visible_events(user).select_related("kitchen").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def may_see_event(user: AnyUser, event: Event) -> bool:
    """The same rule as `visible_events`, for an event already loaded (a public report
    of a members' event links to the event only for those who may open it)."""
    return user.is_authenticated or event.audience == Event.Audience.PUBLIC


def get_own_registration(user: AnyUser, pk: int) -> Registration:
    """A person's own registration (404 for anyone else's)."""
    registration = (
        Registration.objects.select_related("event", "workshop").filter(pk=pk, person=user).first()
        if user.is_authenticated
        else None
    )
    if registration is None:
        raise Http404
    return registration


def get_registration_by_token(token: str) -> Registration:
    registration = (
        Registration.objects.select_related("event", "workshop").filter(token=token).first()
    )
    if registration is None:
        raise Http404
    return registration


def get_event_for_coordinator(user: User, pk: int) -> Event:
    """An event to manage: for coordinators; others who may see it get 403."""
    event = get_event_for_reader(user, pk)
    if not user.is_coordinator:
        raise PermissionDenied
    return event


def may_create_events(user: AnyUser) -> bool:
    """Coordinators publish events and write their reports (others logged in: 403)."""
    return user.is_authenticated and user.is_coordinator


def may_manage_events(user: AnyUser) -> bool:
    """Coordinators see registrations, change events and reports."""
    return user.is_authenticated and user.is_coordinator


def get_registration_for_coordinator(user: User, pk: int) -> Registration:
    if not user.is_coordinator:
        raise PermissionDenied
    registration = Registration.objects.select_related("event", "workshop").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    """Public reports for everyone; "partners" reports for everyone with an account;
    "members" reports for the members of a group and the movement's staff."""
    V = Report.Visibility
    if not user.is_authenticated:
        return Report.objects.filter(visibility=V.PUBLIC)
    if user.is_movement_staff:
        return Report.objects.all()
    member = Exists(Membership.objects.current().filter(person=user))
    return Report.objects.filter(
        Q(visibility__in=[V.PUBLIC, V.PARTNERS]) | (Q(visibility=V.MEMBERS) & member)
    )


def get_report_for_reader(user: AnyUser, pk: int) -> Report:
    report = visible_reports(user).select_related("event", "workshop").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def get_report_file_for_reader(user: AnyUser, name: str) -> Attachment:
    """A stored file of a report (or a photo's thumbnail, `<stem>.thumb.jpg`), for whoever
    may read that report; a 404 for anyone else and for a name no report holds."""
    names = Q(file=name)
    if name.endswith(".thumb.jpg"):
        stem = name.removesuffix(".thumb.jpg")
        names |= Q(kind=Attachment.Kind.PHOTO, file__startswith=f"{stem}.")
    attachment = (
        Attachment.objects.filter(names, report__in=visible_reports(user).values("pk"))
        .order_by("pk")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def get_report_for_coordinator(user: User, pk: int) -> Report:
    """A report to change: for coordinators; others who may read it get 403."""
    report = get_report_for_reader(user, pk)
    if not user.is_coordinator:
        raise PermissionDenied
    return report


def get_calendar_feed_by_token(token: str) -> CalendarFeed:
    """A private calendar feed: the secret address is the key (calendar apps cannot log
    in); an unknown or reset token, or a closed account, is a 404."""
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token=token, person__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    return feed
