"""Reports of events: sanitised text, files checked from their bytes, who may read them,
the query budget, and a workshop that must belong to the report's event."""

import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from weasyprint import HTML

from accounts.models import User
from events.models import Attachment, Event, Report, Workshop
from events.report_forms import (
    AUDIO_MAX_BYTES,
    add_attachment,
    check_report_file,
    photo_size,
    thumb_name,
)
from events.storage import report_files
from tests.factories import local_moment, make_event, make_person, picture

pytestmark = pytest.mark.django_db
K = Attachment.Kind
V = Report.Visibility

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 8
OGG = b"OggS\x00\x02" + bytes(range(256)) * 8
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + bytes(range(256)) * 8
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + bytes(range(256)) * 8


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Report files live in the private folder (events/storage.py): one per test here."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def small_pdf() -> bytes:
    return HTML(string="<h1>Charte de communication</h1><p>Une page.</p>").write_pdf()


def upload(data: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def past_event(**fields) -> Event:
    """A month ago, five hours long: a report is written once the event is over."""
    start = local_moment(-30)
    fields.setdefault("title", "Rendez-vous des Cuisines #4")
    return make_event(starts_at=start, ends_at=start + timedelta(hours=5), **fields)


@pytest.fixture
def event(db) -> Event:
    return past_event()


@pytest.fixture
def report(event) -> Report:
    return Report.objects.create(
        event=event, title="La charte de communication", theme=Report.Theme.COMMUNICATION
    )


def report_text(page: str) -> str:
    return re.search(r'<div class="report-text">(.*?)</div>', page, re.S)[1]


# The text ---------------------------------------------------------------------------------


def test_a_script_a_javascript_link_and_an_event_handler_never_reach_the_page(
    client_as, event, group
):
    text = (
        "Nous avons écrit **une charte**.\n\n"
        "<script>alert('volé')</script>\n\n"
        "[Cliquez ici](javascript:alert(1)) et [le site](https://cuisinesdequartier.be)\n\n"
        '<img src="x" onerror="alert(2)">\n\n'
        '<a href="https://example.org" onclick="alert(3)">lien</a>'
    )
    coordinator = client_as("coordinator")
    response = coordinator.post(
        f"/events/{event.pk}/reports/new/",
        {"title": "Charte", "theme": "communication", "text": text, "visibility": "members"},
    )
    report = Report.objects.get()
    assert response["Location"] == f"/events/reports/{report.pk}/"

    page = client_as("member").get(f"/events/reports/{report.pk}/").content.decode()

    shown = report_text(page)
    assert "<strong>une charte</strong>" in shown
    assert 'href="https://cuisinesdequartier.be"' in shown
    assert "<script" not in shown and "volé" not in shown
    assert "javascript:" not in page
    assert "onerror" not in page and "onclick" not in page
    assert "<img" not in shown


def test_a_video_link_must_be_a_web_address(client_as, event):
    response = client_as("coordinator").post(
        f"/events/{event.pk}/reports/new/",
        {
            "title": "Vidéo",
            "theme": "communication",
            "video_url": "javascript:alert(1)",
            "visibility": "members",
        },
    )

    assert response.status_code == 200
    assert not Report.objects.exists()


def test_the_video_is_a_link_button_not_an_embedded_player(client_as, report, group):
    report.video_url = "https://peertube.example.org/w/abc"
    report.save()

    page = client_as("member").get(report.get_absolute_url()).content.decode()

    assert 'href="https://peertube.example.org/w/abc"' in page
    assert "<iframe" not in page and "<video" not in page


# The files --------------------------------------------------------------------------------


def add_file(client, report, data: bytes, name: str, content_type="application/octet-stream"):
    return client.post(
        f"/events/reports/{report.pk}/files/new/",
        {"file": upload(data, name, content_type), "caption": "Au marché"},
    )


def stored_files(media) -> list:
    return sorted(p.name for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_a_picture_is_re_encoded_as_a_photo_with_its_size_and_a_thumbnail(client_as, report, media):
    response = add_file(
        client_as("coordinator"), report, picture("PNG", size=(300, 200)), "page.html", "text/html"
    )

    assert response.status_code == 302
    photo = report.attachments.get()
    assert photo.kind == K.PHOTO and photo.caption == "Au marché"
    assert re.fullmatch(r"reports/[0-9a-f]{32}-300x200\.jpg", photo.file.name)
    assert photo_size(photo.file.name) == (300, 200)
    with report_files.open(thumb_name(photo.file.name)) as thumb:
        assert Image.open(thumb).size == (176, 176)


def test_a_real_small_pdf_becomes_a_pdf_file(client_as, report):
    data = small_pdf()

    add_file(client_as("coordinator"), report, data, "charte.jpg", "image/jpeg")

    pdf = report.attachments.get()
    assert pdf.kind == K.PDF and pdf.file.name.endswith(".pdf")
    with report_files.open(pdf.file.name) as stored:
        assert stored.read() == data


@pytest.mark.parametrize(("data", "extension"), [(MP3, "mp3"), (OGG, "ogg"), (M4A, "m4a")])
def test_a_sound_becomes_a_recording_whatever_its_name(client_as, report, data, extension):
    add_file(client_as("coordinator"), report, data, "photo.png", "image/png")

    sound = report.attachments.get()
    assert sound.kind == K.AUDIO and sound.file.name.endswith(f".{extension}")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "voix.mp3", "Nous ne pouvons pas utiliser"),
        (b"\x00" * 4000, "voix.ogg", "Nous ne pouvons pas utiliser"),
        (WEBM, "voix.webm", "Nous ne pouvons pas utiliser"),  # not every phone plays it
        (b"%PDF-1.7\nnot really a document", "charte.pdf", "pas un document PDF"),
        (picture("PNG", size=(300, 200))[:200], "photo.png", "abîmée"),
    ],
    ids=["html-as-mp3", "zeros-as-ogg", "webm", "fake-pdf", "cut-picture"],
)
def test_a_fake_file_is_refused_with_a_clear_message_and_nothing_is_kept(
    client_as, report, media, data, name, message
):
    response = add_file(client_as("coordinator"), report, data, name, "audio/mpeg")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not report.attachments.exists()
    assert stored_files(media) == []


def test_a_recording_over_20_mb_is_refused_and_nothing_is_kept(client_as, report, media):
    data = MP3 + b"\x00" * (AUDIO_MAX_BYTES + 1 - len(MP3))

    response = add_file(client_as("coordinator"), report, data, "voix.mp3", "audio/mpeg")

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"Ce fichier est trop lourd. La limite est 20,0\s*Mio", page)
    assert not report.attachments.exists()
    assert stored_files(media) == []


def test_a_recording_just_under_20_mb_is_kept(report):
    data = MP3 + b"\x00" * (AUDIO_MAX_BYTES - len(MP3))

    checked = check_report_file(upload(data, "voix.mp3"))

    assert checked.kind == K.AUDIO and checked.content.size == AUDIO_MAX_BYTES


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    head=st.sampled_from([b"", b"%PDF-", b"ID3", b"OggS", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"]),
    data=st.binary(max_size=3000),
)
def test_any_bytes_are_either_refused_cleanly_or_kept_as_what_they_start_with(head, data):
    try:
        checked = check_report_file(upload(head + data, "x.bin"))
    except ValidationError as refusal:
        assert refusal.messages  # a message to show, never a crash
        return
    content = checked.content.read()
    if checked.kind == K.PDF:
        assert content.startswith(b"%PDF-")
    elif checked.kind == K.AUDIO:
        assert content == head + data
    else:
        assert Image.open(io.BytesIO(content)).format in {"JPEG", "PNG"}


def test_removing_a_file_asks_first_then_deletes_it_from_the_disk(
    client_as, report, django_capture_on_commit_callbacks
):
    photo = add_attachment(
        report, check_report_file(upload(picture("PNG", size=(300, 200)), "p.png"))
    )
    names = [photo.file.name, thumb_name(photo.file.name)]
    coordinator = client_as("coordinator")
    url = f"/events/reports/{report.pk}/files/{photo.pk}/remove/"

    confirm = coordinator.get(url).content.decode()
    assert f'action="{url}"' in confirm and photo.file.url in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url)

    assert response["Location"] == report.get_absolute_url()
    assert not report.attachments.exists()
    assert not any(report_files.exists(name) for name in names)


def test_a_file_of_another_report_is_not_found_through_this_one(client_as, report, event):
    other = Report.objects.create(event=event, title="Autre", theme="other")
    pdf = add_attachment(other, check_report_file(upload(small_pdf(), "a.pdf")))

    response = client_as("coordinator").post(f"/events/reports/{report.pk}/files/{pdf.pk}/remove/")

    assert response.status_code == 404
    assert Attachment.objects.filter(pk=pdf.pk).exists()


def test_deleting_a_report_needs_the_box_ticked_and_takes_its_files(
    client_as, report, django_capture_on_commit_callbacks
):
    pdf = add_attachment(report, check_report_file(upload(small_pdf(), "a.pdf")))
    coordinator = client_as("coordinator")
    url = f"/events/reports/{report.pk}/delete/"

    coordinator.post(url, {})
    assert Report.objects.filter(pk=report.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, {"confirm": "1"})

    assert response["Location"] == report.event.get_absolute_url()
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not report_files.exists(pdf.file.name)


# The workshop belongs to the event --------------------------------------------------------


def test_only_the_events_workshops_are_offered_and_a_forged_one_is_refused(client_as, event):
    mine = Workshop.objects.create(event=event, title="Conserves")
    elsewhere = Workshop.objects.create(event=past_event(title="Ailleurs"), title="Logo")
    coordinator = client_as("coordinator")
    url = f"/events/{event.pk}/reports/new/"

    form = coordinator.get(url).content.decode()
    assert f'value="{mine.pk}"' in form and f'value="{elsewhere.pk}"' not in form
    response = coordinator.post(
        url,
        {
            "title": "Logo",
            "theme": "communication",
            "workshop": elsewhere.pk,
            "visibility": "members",
        },
    )

    assert response.status_code == 200
    assert "Cet atelier ne fait pas partie de cet événement." in response.content.decode()
    assert not Report.objects.exists()
    coordinator.post(
        url,
        {
            "title": "Conserves",
            "theme": "conservation",
            "workshop": mine.pk,
            "visibility": "members",
        },
    )
    assert Report.objects.get().workshop == mine


def test_editing_keeps_the_workshop_within_the_event(client_as, report):
    elsewhere = Workshop.objects.create(event=past_event(title="Ailleurs"), title="Logo")
    Workshop.objects.create(event=report.event, title="Conserves")

    response = client_as("coordinator").post(
        f"/events/reports/{report.pk}/edit/",
        {"title": "Changé", "theme": "supply", "workshop": elsewhere.pk, "visibility": "public"},
    )

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.title == "La charte de communication" and report.workshop is None


# Who may read and change ------------------------------------------------------------------


@pytest.fixture
def partner(db) -> User:
    """Someone with an account who is in no group: a partner's staff member."""
    return make_person("partenaire@example.org", "Pat Partenaire")


def test_a_members_only_report_is_a_404_for_visitors_and_people_without_a_group(
    client_as, client, report, group, partner
):
    assert report.visibility == V.MEMBERS
    url = report.get_absolute_url()

    assert client_as("visitor").get(url).status_code == 404
    client.force_login(partner)
    assert client.get(url).status_code == 404
    assert client_as("member").get(url).status_code == 200
    assert client_as("facilitator").get(url).status_code == 200


def test_a_partners_report_is_for_everyone_with_an_account_and_a_404_for_visitors(
    client_as, client, report, partner
):
    report.visibility = V.PARTNERS
    report.save()
    url = report.get_absolute_url()

    assert client_as("visitor").get(url).status_code == 404
    client.force_login(partner)
    assert client.get(url).status_code == 200


def test_a_public_report_is_for_everyone_without_a_link_to_a_members_event(client_as, report):
    report.visibility = V.PUBLIC
    report.save()

    page = client_as("visitor").get(report.get_absolute_url()).content.decode()

    assert "La charte de communication" in page
    assert report.event.get_absolute_url() not in page  # the event itself is for members
    assert "/edit/" not in page


def test_only_coordinators_change_a_report_others_who_may_read_it_get_403(
    client_as, report, group, other_group
):
    for persona in ["member", "referent", "facilitator", "outsider"]:
        client = client_as(persona)
        assert client.get(report.get_absolute_url()).status_code == 200
        page = client.get(report.get_absolute_url()).content.decode()
        assert "/edit/" not in page and "/files/new/" not in page
        for path in ["edit", "files/new", "delete"]:
            assert client.get(f"/events/reports/{report.pk}/{path}/").status_code == 403
        response = client.post(f"/events/reports/{report.pk}/delete/", {"confirm": "1"})
        assert response.status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


def test_the_index_lists_only_what_the_reader_may_read_and_filters_by_theme(
    client_as, event, group
):
    Report.objects.create(event=event, title="Pour les membres", theme="supply")
    Report.objects.create(event=event, title="Pour tous", theme="supply", visibility=V.PUBLIC)
    Report.objects.create(event=event, title="Séchage", theme="conservation", visibility=V.PUBLIC)

    visitor = client_as("visitor").get("/events/reports/").content.decode()
    member = client_as("member").get("/events/reports/").content.decode()
    supply = client_as("member").get("/events/reports/?theme=supply").content.decode()
    nonsense = client_as("member").get("/events/reports/?theme=nonsense").content.decode()

    assert "Pour tous" in visitor and "Pour les membres" not in visitor
    assert all(title in member for title in ["Pour tous", "Pour les membres", "Séchage"])
    assert "Pour les membres" in supply and "Séchage" not in supply
    assert "Séchage" in nonsense  # an unknown theme shows everything, with the error


def test_the_event_page_lists_the_reports_its_reader_may_read(client_as):
    event = past_event(audience=Event.Audience.PUBLIC)
    Report.objects.create(event=event, title="Pour les membres", theme="supply")
    Report.objects.create(event=event, title="Pour tous", theme="supply", visibility=V.PUBLIC)

    visitor = client_as("visitor").get(event.get_absolute_url()).content.decode()
    coordinator = client_as("coordinator").get(event.get_absolute_url()).content.decode()

    assert "Pour tous" in visitor and "Pour les membres" not in visitor
    assert f"/events/{event.pk}/reports/new/" not in visitor
    assert "Pour les membres" in coordinator
    assert f"/events/{event.pk}/reports/new/" in coordinator


# Queries ----------------------------------------------------------------------------------


@pytest.fixture
def many_reports(event, group):
    workshops = [Workshop.objects.create(event=event, title=f"Atelier {n}") for n in range(5)]
    reports = Report.objects.bulk_create(
        Report(
            event=event,
            workshop=workshops[n % 5] if n % 2 else None,
            title=f"Compte-rendu {n}",
            theme=Report.Theme.values[n % len(Report.Theme.values)],
            visibility=V.PUBLIC if n % 3 else V.MEMBERS,
        )
        for n in range(45)
    )
    Attachment.objects.bulk_create(
        Attachment(report=report, kind=kind, file=f"reports/{report.pk}-{n}-640x480.jpg")
        for report in reports
        for n, kind in enumerate([K.PHOTO, K.PHOTO, K.AUDIO, K.PDF, K.PHOTO])
    )
    return reports


@pytest.mark.parametrize("persona", ["visitor", "member", "coordinator"])
def test_the_index_stays_within_the_query_budget(client_as, max_queries, many_reports, persona):
    client = client_as(persona)

    with max_queries():
        response = client.get("/events/reports/?page=2")

    assert response.status_code == 200
    on_page_two = 10 if persona == "visitor" else 20  # visitors: the 30 public ones
    assert response.content.decode().count('class="card recipe-card"') == on_page_two
    assert "-0-640x480.thumb.jpg" in response.content.decode()  # the first photo's thumbnail


def test_a_report_with_many_files_stays_within_the_query_budget(
    client_as, max_queries, many_reports
):
    report = many_reports[1]
    Attachment.objects.bulk_create(
        Attachment(report=report, kind=[K.PHOTO, K.AUDIO, K.PDF][n % 3], file=f"reports/{n}.x")
        for n in range(60)
    )
    client = client_as("coordinator")

    with max_queries():
        response = client.get(report.get_absolute_url())

    page = response.content.decode()
    assert page.count('preload="none"') == 21
    assert page.count('loading="lazy"') == 23


def test_the_event_page_with_many_reports_stays_within_the_query_budget(
    client_as, max_queries, many_reports, event
):
    client = client_as("coordinator")

    with max_queries():
        response = client.get(event.get_absolute_url())

    assert response.content.decode().count("/events/reports/") >= 45


# The demo ---------------------------------------------------------------------------------


def test_the_demo_has_reports_with_photos_and_the_charter_and_running_it_twice_adds_nothing():
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    first = sorted(Attachment.objects.values_list("report__title", "kind"))
    call_command("seed_demo", stdout=StringIO())

    assert sorted(Attachment.objects.values_list("report__title", "kind")) == first
    gathering = Event.objects.get(kind=Event.Kind.GATHERING, starts_at__year=2023)
    assert Report.objects.filter(workshop__event=gathering).count() == 6
    assert {r.event.title[:27] for r in Report.objects.filter(event__kind="rendezvous")} == {
        f"Rendez-vous des Cuisines #{n}" for n in (4, 5, 6)
    }
    assert ("Une charte pour communiquer sans être submergé", K.PDF) in first
    assert sum(kind == K.PHOTO for _title, kind in first) >= 5
    assert ("Nos recettes à écouter", K.AUDIO) in first  # a real Ogg file, checked as any upload
    for photo in Attachment.objects.filter(kind=K.PHOTO):
        assert report_files.exists(thumb_name(photo.file.name))


# The files are served by the app, to those who may read the report -----------------------


def test_a_members_only_reports_files_are_not_in_the_public_media_folder(
    client_as, report, media, settings
):
    add_file(client_as("coordinator"), report, picture("PNG", size=(300, 200)), "p.png")
    photo = report.attachments.get()

    assert photo.file.url == f"/events/files/{photo.file.name}"
    assert (media / photo.file.name).is_file()
    assert not (settings.MEDIA_ROOT / photo.file.name).exists()


def test_a_member_gets_the_photo_and_its_thumbnail_a_visitor_gets_404(
    client, client_as, group, report, media
):
    coordinator = client_as("coordinator")
    add_file(coordinator, report, picture("PNG", size=(300, 200)), "p.png")
    photo = report.attachments.get()
    member = client_as("member")

    response = member.get(photo.file.url)
    thumb = member.get(f"/events/files/{thumb_name(photo.file.name)}")

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == (media / photo.file.name).read_bytes()
    assert response["Cache-Control"] == "private, max-age=86400"
    assert thumb.status_code == 200
    assert client.get(photo.file.url).status_code == 404
    assert client.get(f"/events/files/{thumb_name(photo.file.name)}").status_code == 404


def test_a_public_reports_pdf_is_served_to_visitors_as_a_pdf(client, client_as, report, media):
    Report.objects.filter(pk=report.pk).update(visibility=Report.Visibility.PUBLIC)
    add_file(client_as("coordinator"), report, small_pdf(), "charte.pdf")
    pdf = report.attachments.get()

    response = client.get(pdf.file.url)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "name",
    ["reports/nothing.jpg", "../settings.py", "reports/../../cdq/settings.py", "x.thumb.jpg"],
)
def test_a_name_no_report_holds_is_a_404(client_as, name):
    assert client_as("coordinator").get(f"/events/files/{name}").status_code == 404


def test_the_index_says_which_reports_can_be_listened_to_or_watched(client_as, event, group):
    spoken = Report.objects.create(event=event, title="À écouter", theme="recipes")
    Attachment.objects.create(report=spoken, kind=K.AUDIO, file="reports/voix.ogg")
    Attachment.objects.create(report=spoken, kind=K.AUDIO, file="reports/voix2.ogg")
    Report.objects.create(
        event=event, title="En vidéo", theme="recipes", video_url="https://example.org/v"
    )
    Report.objects.create(event=event, title="À lire", theme="recipes")

    page = client_as("member").get("/events/reports/").content.decode()

    cards = {
        title: page.split(f">{title}</a>")[1].split("</article>")[0]
        for title in ["À écouter", "En vidéo", "À lire"]
    }
    assert cards["À écouter"].count("À écouter") == 1 and "Vidéo" not in cards["À écouter"]
    assert "Vidéo" in cards["En vidéo"] and "écouter" not in cards["En vidéo"]
    assert "écouter" not in cards["À lire"] and "Vidéo" not in cards["À lire"]
