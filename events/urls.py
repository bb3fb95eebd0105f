from django.urls import path

from events import feeds, manage, views

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
    path("<int:pk>/registrations.csv", manage.registrations_csv, name="registrations_csv"),
    path("<int:pk>/attendance/", manage.attendance, name="attendance"),
    path("<int:pk>/message/", manage.message, name="message"),
    path("<int:pk>/cancel/", manage.cancel_event, name="cancel_event"),
    path("registrations/<int:pk>/move-up/", manage.move_up, name="move_up"),
]
