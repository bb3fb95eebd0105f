from django.urls import path

from events import feeds, manage, views
from events import reports as report_views

app_name = "events"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("r/<str:token>/", views.registration, name="registration"),
    path("<int:pk>/calendar.ics", feeds.event_ics, name="ics"),
    path("calendar/", feeds.calendar, name="calendar"),
    path("calendar/<str:token>.ics", feeds.feed, name="feed"),
    path("<int:pk>/manage/", manage.manage, name="manage"),
    path("new/", manage.create, name="create"),
    path("<int:pk>/edit/", manage.edit, name="edit"),
    path("<int:pk>/registrations.csv", manage.registrations_csv, name="registrations_csv"),
    path("<int:pk>/attendance/", manage.attendance, name="attendance"),
    path("<int:pk>/message/", manage.message, name="message"),
    path("<int:pk>/cancel/", manage.cancel_event, name="cancel_event"),
    path("registrations/<int:pk>/move-up/", manage.move_up, name="move_up"),
    path("reports/", report_views.index, name="reports"),
    path("reports/<int:pk>/", report_views.detail, name="report"),
    path("<int:pk>/reports/new/", report_views.create, name="report_create"),
    path("reports/<int:pk>/edit/", report_views.edit, name="report_edit"),
    path("reports/<int:pk>/files/new/", report_views.add_file, name="report_add_file"),
    path(
        "reports/<int:pk>/files/<int:file_pk>/remove/",
        report_views.remove_file,
        name="report_remove_file",
    ),
    path("reports/<int:pk>/delete/", report_views.delete, name="report_delete"),
    path("files/<path:name>", report_views.media, name="report_media"),
]
