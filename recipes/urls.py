from django.urls import path

from recipes import views

app_name = "recipes"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("booklet/", views.booklet, name="booklet"),
    path("prices/", views.prices, name="prices"),
    path("prices/add/", views.add_price, name="add_price"),
    path("prices/foods/new/", views.add_food, name="add_food"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sheet.pdf", views.sheet, name="sheet"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/variant/", views.variant, name="variant"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
