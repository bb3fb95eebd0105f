from django.urls import path

from facilitation import views

app_name = "facilitation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/", views.group, name="group"),
    path("<slug:slug>/contact/", views.log, name="log"),
    path("<slug:slug>/contact/<int:pk>/", views.change, name="change"),
    path("<slug:slug>/contact/<int:pk>/remove/", views.remove, name="remove"),
    path("<slug:slug>/rhythm/", views.rhythm, name="rhythm"),
    path("<slug:slug>/launch/", views.launch, name="launch"),
]
