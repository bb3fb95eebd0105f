from django.urls import path

from figures import views

urlpatterns = [
    path("", views.figures, name="figures"),
    path("<int:year>.csv", views.figures_csv, name="figures_csv"),
    path("public/", views.public_figures, name="public_figures"),
]
