"""Reports ("comptes-rendus") of events and workshops: the index by theme, a report's
page, and the coordinators' pages to write one, add or remove its files, delete it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthenticatedHttpRequest
from core.forms import ConfirmForm, PlainForm
from core.http import HtmxHttpRequest
from core.richtext import render_markdown
from events import access
from events.models import Attachment
from events.report_forms import (
    AttachmentForm,
    ReportForm,
    add_attachment,
    delete_report,
    photo_size,
    remove_attachment,
    theme_choices,
    thumb_name,
)
from events.storage import report_files

PER_PAGE = 20
K = Attachment.Kind


class ThemeFilter(PlainForm):
    theme = forms.ChoiceField(
        label=gettext_lazy("Theme"),
        choices=[("", gettext_lazy("All themes")), *theme_choices()],
        required=False,
    )


@login_not_required
@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    """Past reports, the latest events first, each with its first photo and whether it
    can be listened to or watched; a theme chosen with a plain GET form narrows them."""
    first_photo = Attachment.objects.filter(report=OuterRef("pk"), kind=K.PHOTO).order_by(
        "created_at", "pk"
    )
    reports = (
        access.visible_reports(request.user)
        .select_related("event", "workshop")
        .annotate(
            photo=Subquery(first_photo.values("file")[:1]),
            has_sound=Exists(Attachment.objects.filter(report=OuterRef("pk"), kind=K.AUDIO)),
        )
        .order_by("-event__starts_at", "-created_at", "-pk")
    )
    filters = ThemeFilter(request.GET or None)
    theme = filters.cleaned_data["theme"] if filters.is_valid() else ""
    if theme:
        reports = reports.filter(theme=theme)
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    for report in page:
        report.thumb_url = report_files.url(thumb_name(report.photo)) if report.photo else ""
    query = f"theme={theme}&" if theme else ""
    return render(
        request,
        "events/reports/index.html",
        {"page": page, "filters": filters, "theme": theme, "query": query},
    )


@login_not_required
@require_GET
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A report: its text (sanitised Markdown), photos, sounds, PDF files, video link."""
    report = access.get_report_for_reader(request.user, pk)
    files: dict[str, list[Attachment]] = {K.PHOTO: [], K.AUDIO: [], K.PDF: []}
    for attachment in report.attachments.all():
        if attachment.kind == K.PHOTO:
            attachment.width, attachment.height = photo_size(attachment.file.name)
        files[attachment.kind].append(attachment)
    return render(
        request,
        "events/reports/detail.html",
        {
            "report": report,
            "text": render_markdown(report.text),
            "photos": files[K.PHOTO],
            "sounds": files[K.AUDIO],
            "pdfs": files[K.PDF],
            "event_visible": access.may_see_event(request.user, report.event),
            "can_change": access.may_manage_events(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_coordinator(request.user, pk)
    form = ReportForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        report = form.save()
        messages.success(request, _("The report is saved. Now add its photos and files."))
        return redirect(report)
    return render(request, "events/reports/form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_coordinator(request.user, pk)
    form = ReportForm(request.POST or None, instance=report, event=report.event)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The report is saved."))
        return redirect(report)
    return render(
        request,
        "events/reports/form.html",
        {"form": form, "event": report.event, "report": report},
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One field for every kind of file: its bytes say whether it is a photo, a sound or
    a PDF file. A refused file leaves nothing behind."""
    report = access.get_report_for_coordinator(request.user, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment = add_attachment(
            report, form.cleaned_data["file"], caption=form.cleaned_data["caption"]
        )
        messages.success(
            request,
            _("Added: %(kind)s.") % {"kind": attachment.get_kind_display()},
        )
        return redirect(report)
    return render(request, "events/reports/add_file.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET", "POST"])
def remove_file(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> HttpResponse:
    report = access.get_report_for_coordinator(request.user, pk)
    attachment = report.attachments.filter(pk=file_pk).first()
    if attachment is None:
        raise Http404
    if request.method == "POST":
        remove_attachment(attachment)
        messages.success(request, _("The file is removed from the report."))
        return redirect(report)
    if attachment.kind == K.PHOTO:
        attachment.width, attachment.height = photo_size(attachment.file.name)
    return render(
        request, "events/reports/remove_file.html", {"report": report, "attachment": attachment}
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_coordinator(request.user, pk)
    label = _("Yes, delete this report")
    if request.method == "POST":
        form = ConfirmForm(request.POST, label=label)
        if not form.is_valid():
            messages.error(request, form.errors["confirm"][0])
        else:
            event = report.event
            delete_report(report)
            messages.success(
                request, _('The report "%(title)s" is deleted.') % {"title": report.title}
            )
            return redirect(event)
    return render(
        request, "events/reports/delete.html", {"report": report, "form": ConfirmForm(label=label)}
    )


@login_not_required
@require_GET
def media(request: HtmxHttpRequest, name: str) -> FileResponse:
    """A report's file, for someone who may read the report (files live outside the
    public media folder: events/storage.py)."""
    access.get_report_file_for_reader(request.user, name)
    if not report_files.exists(name):
        raise Http404
    response = FileResponse(report_files.open(name), content_type=_content_type(name))
    response["Cache-Control"] = "private, max-age=86400"
    return response


TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "m4a": "audio/mp4",
    "webm": "audio/webm",
    "pdf": "application/pdf",
}


def _content_type(name: str) -> str:
    """From the extension we gave the file when its bytes were checked."""
    return TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
