from django.urls import path

from portions import views

app_name = "portions"
urlpatterns = [
    path("", views.index, name="index"),
]
